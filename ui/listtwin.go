package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/ui/timeline"
)

// ListTwin is the list under the timeline: the events of the visible window
// that the filter keeps, or the search hits, selected in step with the
// timeline both ways. It is a virtualised widget.List, so a million events
// in view cost no more than twenty.
type ListTwin struct {
	s    *Session
	list *widget.List

	inWindow bool  // rows are the window's events [lo, hi) of the index
	lo, hi   int   // (when inWindow)
	rows     []int // explicit rows: filtered window or search hits
	hits     bool  // rows hold search hits
	tokens   []string
	syncing  bool // guards the list↔timeline selection echo

	// While the reader zooms or pans, the list follows at most every
	// followEvery (and once more when the gesture stops), so a hundred wheel
	// events a second do not rebuild its rows a hundred times: the frames
	// are the timeline's.
	lastShown time.Time
	pending   bool

	// Annotation returns a badge for event i's row ("" for none); the
	// notebook sets it.
	Annotation func(i int) string
}

func newListTwin(s *Session) *ListTwin {
	lt := &ListTwin{s: s, inWindow: true}
	lt.list = widget.NewList(lt.Len,
		func() fyne.CanvasObject {
			date := widget.NewLabel("00.00.0000")
			title := newHLText()
			badge := widget.NewLabel("")
			dateBox := container.NewGridWrap(lt.dateCell(), date)
			return container.NewBorder(nil, nil, container.NewHBox(timeline.NewSwatch(data.CatGovernance, data.StFact, 12), dateBox), badge, title)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= lt.Len() {
				return
			}
			i := lt.At(id)
			c := o.(*fyne.Container)
			left := c.Objects[1].(*fyne.Container)
			left.Objects[0].(*timeline.Swatch).SetStyle(s.Idx.Category(i), s.Idx.Status(i))
			dateBox := left.Objects[1].(*fyne.Container)
			if cell := lt.dateCell(); dateBox.MinSize() != cell {
				dateBox.Layout = layout.NewGridWrapLayout(cell) // the text size changed
				dateBox.Refresh()
			}
			dateBox.Objects[0].(*widget.Label).SetText(s.Loc.ShortDate(s.Idx.Date(i)))
			badge := c.Objects[2].(*widget.Label)
			b := ""
			if lt.Annotation != nil {
				b = lt.Annotation(i)
			}
			if badge.Text != b || badge.Visible() != (b != "") {
				badge.SetText(b)
				if b == "" {
					badge.Hide()
				} else {
					badge.Show()
				}
				c.Refresh() // the badge's width changed: lay the row out again
			}
			c.Objects[0].(*hlText).SetText(s.EventTitle(i), lt.tokens)
		})
	lt.list.OnSelected = func(id widget.ListItemID) {
		if lt.syncing || id >= lt.Len() {
			return
		}
		lt.syncing = true
		defer func() { lt.syncing = false }()
		if lt.hits {
			// A hit may lie outside the window: bring it into view.
			s.TL.SelectAndReveal(lt.At(id))
		} else {
			s.TL.Select(lt.At(id))
		}
		// A tap on a row focuses the list, which would then eat ←/→,
		// PageUp/PageDown and Esc: hand the keys back to the timeline.
		// ↑/↓ still move through the list's rows (see Step).
		s.focusTimeline()
	}
	s.OnSelect(lt.follow)
	s.OnViewport(lt.followWindow)
	s.OnFilter(func() {
		if !lt.hits {
			lt.ShowWindow()
		}
	})
	return lt
}

// dateCell is the size of the list's date column at the theme's text size.
func (lt *ListTwin) dateCell() fyne.Size { return shortDateCell() }

// shortDateCell is the size of a column of short dates at the theme's text
// size: room for the longest short date in either language.
func shortDateCell() fyne.Size {
	th := fyne.CurrentApp().Settings().Theme()
	size, pad := th.Size(theme.SizeNameText), th.Size(theme.SizeNameInnerPadding)
	w := float32(0)
	for _, sample := range []string{"30.09.2026", "Sep 30, 2026", "Sept. 2026", "Dez. 2026"} {
		w = max(w, fyne.MeasureText(sample, size, fyne.TextStyle{}).Width)
	}
	h := fyne.MeasureText("0", size, fyne.TextStyle{}).Height
	return fyne.NewSize(float32(int(w+2*pad+4)), h+2*pad)
}

// Step selects the row delta rows from the selected one (↑/↓ while the
// timeline has the keys), the first row when none is selected; it reports
// whether there was a row to go to.
func (lt *ListTwin) Step(delta int) bool {
	n := lt.Len()
	if n == 0 {
		return false
	}
	row := lt.RowOf(lt.s.TL.Selected())
	switch {
	case row < 0:
		row = 0
	case row+delta < 0 || row+delta >= n:
		return false
	default:
		row += delta
	}
	lt.list.Select(row)
	lt.list.ScrollTo(row)
	return true
}

// Refresh redraws the rows (their badges changed).
func (lt *ListTwin) Refresh() { lt.list.Refresh() }

// Widget is the list.
func (lt *ListTwin) Widget() *widget.List { return lt.list }

// Len is the number of rows.
func (lt *ListTwin) Len() int {
	if lt.inWindow {
		return lt.hi - lt.lo
	}
	return len(lt.rows)
}

// At is the event shown in row r.
func (lt *ListTwin) At(r int) int {
	if lt.inWindow {
		return lt.lo + r
	}
	return lt.rows[r]
}

// Rows returns the events the list shows, in order (tests).
func (lt *ListTwin) Rows() []int {
	out := make([]int, lt.Len())
	for r := range out {
		out[r] = lt.At(r)
	}
	return out
}

// RowOf is the row showing event i, or -1.
func (lt *ListTwin) RowOf(i int) int {
	if lt.inWindow {
		if i >= lt.lo && i < lt.hi {
			return i - lt.lo
		}
		return -1
	}
	for r, ev := range lt.rows {
		if ev == i {
			return r
		}
	}
	return -1
}

// followEvery is how often the list follows the window during a gesture.
const followEvery = 100 * time.Millisecond

// followWindow updates the list after a change of the window: at once when
// the last update is a while ago, else once the gesture has paused.
func (lt *ListTwin) followWindow() {
	if lt.hits {
		return
	}
	if since := time.Since(lt.lastShown); since >= followEvery {
		lt.ShowWindow()
		return
	}
	if lt.pending {
		return
	}
	lt.pending = true
	lt.s.Q.Run("list-follow", func(ctx context.Context) func() {
		select {
		case <-time.After(followEvery):
		case <-ctx.Done():
			return nil
		}
		return func() {
			lt.pending = false
			if !lt.hits {
				lt.ShowWindow()
			}
		}
	})
}

// ShowWindow lists the events of the timeline's visible window that the
// filter keeps.
func (lt *ListTwin) ShowWindow() {
	lt.lastShown = time.Now()
	lo, hi, rows := lt.s.Window()
	anchor, at := lt.anchor()
	lt.hits, lt.tokens = false, nil
	if rows == nil {
		lt.inWindow, lt.lo, lt.hi, lt.rows = true, lo, hi, nil
	} else {
		lt.inWindow, lt.rows = false, rows
	}
	if anchor >= 0 {
		if row := lt.RowOf(anchor); row >= 0 {
			lt.list.ScrollToOffset(keepRowAt(row, at, lt.rowPitch(), lt.Len(), lt.list.Size().Height))
		}
	}
	lt.list.Refresh()
	lt.syncSelection()
}

// anchor is the event whose row should stay where it is on screen when the
// window's rows change (a step with → zooms the timeline in, and the rows
// shift by the events that left at the top): the selected event when its
// row is in view, with its row's top's distance from the list's top; -1
// otherwise (then the list keeps its offset, as when the reader pans).
// Without it the list kept its offset, so the selected row jumped (to the
// top when the rows shrank), and the reader lost their place.
func (lt *ListTwin) anchor() (event int, at float32) {
	row := lt.RowOf(lt.s.TL.Selected())
	if row < 0 {
		return -1, 0
	}
	pitch, off, h := lt.rowPitch(), lt.list.GetScrollOffset(), lt.list.Size().Height
	if y := float32(row)*pitch - off; y >= 0 && y+pitch-theme.Padding() <= h {
		return lt.At(row), y
	}
	return -1, 0
}

// rowPitch is the distance from one row's top to the next one's: the
// row's height and the list's separator (widget.List's own arithmetic).
func (lt *ListTwin) rowPitch() float32 {
	return lt.list.CreateItem().MinSize().Height + lt.list.Theme().Size(theme.SizeNamePadding)
}

// keepRowAt is the list offset that shows row at distance at from the
// list's top, within what the list can scroll to (n rows of pitch, a view
// of height h).
func keepRowAt(row int, at, pitch float32, n int, h float32) float32 {
	most := max(0, float32(n)*pitch-h) // (widget.List trims the last separator itself)
	return min(max(0, float32(row)*pitch-at), most)
}

// ShowHits lists search hits with their matched words in bold.
func (lt *ListTwin) ShowHits(rows []int, tokens []string) {
	lt.inWindow, lt.rows, lt.hits, lt.tokens = false, rows, true, tokens
	lt.list.Refresh()
	lt.list.ScrollToTop()
	lt.syncSelection()
}

// Hits reports whether the list shows search hits.
func (lt *ListTwin) Hits() bool { return lt.hits }

// follow selects the row of the timeline's selection.
func (lt *ListTwin) follow(i int) {
	if lt.syncing {
		return
	}
	lt.syncing = true
	defer func() { lt.syncing = false }()
	if row := lt.RowOf(i); row >= 0 {
		lt.list.Select(row)
		lt.list.ScrollTo(row)
		return
	}
	lt.list.UnselectAll()
}

func (lt *ListTwin) syncSelection() {
	lt.syncing = true
	defer func() { lt.syncing = false }()
	if row := lt.RowOf(lt.s.TL.Selected()); row >= 0 {
		lt.list.Select(row)
		return
	}
	lt.list.UnselectAll()
}
