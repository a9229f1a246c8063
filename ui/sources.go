package ui

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
)

// SourcesPane is the Sources tab, built once: every source in a sortable,
// filterable, virtualised table, a summary of how well events are sourced,
// and the events citing the selected source. Loading, sorting and filtering
// run off the UI goroutine (a synthetic dataset has 100,000 sources); the
// tab keeps its filter text, sort order and selection between visits.
type SourcesPane struct {
	s        *Session
	tab      *container.TabItem
	summary  *widget.Label
	filter   *FieldEntry
	table    *widget.Table
	all      []data.Source
	rows     []data.Source
	sortCol  int
	desc     bool
	selected *data.Source
	cited    []int
	citedBy  *widget.List
	detail   *fyne.Container
	loaded   bool
	// Extra adds to the chosen source's actions (the notebook's note on it).
	Extra func(src *data.Source) fyne.CanvasObject
}

const (
	srcPublisher = iota
	srcDate
	srcTitle
	srcLanguage
	srcDomain
	srcEvents
	srcCols
)

func newSourcesPane(s *Session) *SourcesPane {
	view := s.View()
	var self *SourcesPane
	s.OnFilter(func() {
		if v := s.View(); v != view {
			view = v
			if self != nil && self.selected != nil {
				self.loadCited(self.selected.ID)
			}
		}
	})
	p := &SourcesPane{s: s, summary: widget.NewLabel(""), filter: NewFieldEntry(), detail: container.NewVBox()}
	self = p
	p.summary.Wrapping = fyne.TextWrapWord
	p.filter.OnChanged = func(string) { p.apply() }
	// Cells are fitLabels: a truncating widget.Label shapes its text again
	// at every layout (textcache.go).
	p.table = widget.NewTable(func() (int, int) { return len(p.rows), srcCols },
		func() fyne.CanvasObject { return newFitLabel(s.fit, fyne.TextStyle{}, "") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(p.rows) {
				o.(*fitLabel).SetText(p.cell(&p.rows[id.Row], id.Col))
			}
		})
	p.table.ShowHeaderRow = true
	p.table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	p.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		label := p.colName(id.Col)
		if id.Col == p.sortCol {
			if p.desc {
				label += " ▼"
			} else {
				label += " ▲"
			}
		}
		b.SetText(label)
		b.OnTapped = func() {
			if p.sortCol == id.Col {
				p.desc = !p.desc
			} else {
				p.sortCol, p.desc = id.Col, id.Col == srcEvents
			}
			p.apply()
		}
	}
	for c, w := range []float32{190, 120, 400, 90, 170, 80} {
		p.table.SetColumnWidth(c, w)
	}
	p.table.OnSelected = func(id widget.TableCellID) {
		if id.Row < len(p.rows) {
			src := p.rows[id.Row]
			p.choose(&src)
		}
	}
	p.citedBy = widget.NewList(func() int { return len(p.cited) },
		func() fyne.CanvasObject { return newFitLabel(s.fit, fyne.TextStyle{}, "") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(p.cited) {
				i := p.cited[id]
				o.(*fitLabel).SetText(s.Loc.ShortDate(s.Idx.Date(i)) + " · " + s.EventTitle(i))
			}
		})
	p.citedBy.OnSelected = func(id widget.ListItemID) {
		if id < len(p.cited) {
			s.Reveal(p.cited[id])
		}
		p.citedBy.UnselectAll()
	}
	// The chosen source's title and buttons scroll in their own part: at
	// 200 % text, laid out in full, they made the window's minimum size
	// taller and wider than the screen.
	below := container.NewVSplit(container.NewVScroll(p.detail), p.citedBy)
	below.Offset = 0.45
	split := container.NewVSplit(p.table, below)
	split.Offset = s.Prefs.Split("sources", 0.62)
	p.tab = container.NewTabItemWithIcon("", theme.DocumentIcon(), container.NewBorder(container.NewVBox(p.summary, p.filter), nil, nil, nil, split))
	p.Relabel()
	return p
}

// Tab is the Sources tab.
func (p *SourcesPane) Tab() *container.TabItem { return p.tab }

// Load reads the sources (once, off the UI goroutine), when the tab is first shown.
func (p *SourcesPane) Load() {
	if p.loaded {
		return
	}
	p.loaded = true
	st := p.s.Store
	p.s.Q.Run("sources", func(ctx context.Context) func() {
		// By publisher, date and ID: the order apply's stable sort keeps
		// among sources equal in the chosen column. Sorting them in Go
		// instead of SQLite was not faster (BENCHMARKS.md).
		all, err := st.Sources(ctx)
		one, two, more, err2 := st.SourceCoverage(ctx)
		if ctx.Err() != nil {
			return func() { p.loaded = false }
		}
		return func() {
			if err != nil || err2 != nil {
				p.loaded = false
				p.summary.SetText(p.s.Loc.T("detail.error", "Error", firstNonNil(err, err2)))
				return
			}
			p.all = all
			p.summary.SetText(p.s.Loc.T("sources.summary", "Sources", len(all), "One", one, "Two", two, "More", more))
			p.apply()
		}
	})
}

func firstNonNil(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// Relabel redraws the tab in the current language.
func (p *SourcesPane) Relabel() {
	loc := p.s.Loc
	p.tab.Text = loc.T("tab.sources")
	p.filter.SetPlaceHolder(loc.T("sources.filter"))
	if !p.loaded {
		p.summary.SetText(loc.T("app.loading"))
	} else if p.all != nil {
		p.loaded = false
		p.Load() // the summary line again, in the new language
	}
	p.table.Refresh()
	p.citedBy.Refresh()
	p.renderDetail()
}

func (p *SourcesPane) colName(c int) string {
	return p.s.Loc.T([]string{"sources.publisher", "sources.date", "sources.title", "sources.language", "sources.domain", "sources.events"}[c])
}

func (p *SourcesPane) cell(s *data.Source, c int) string { return cellText(s, c) }

// cellText is what column c of the table shows for source s.
func cellText(s *data.Source, c int) string {
	switch c {
	case srcPublisher:
		return s.Publisher
	case srcDate:
		return s.Date
	case srcTitle:
		return s.Title
	case srcLanguage:
		return s.Language
	case srcDomain:
		return Domain(s.URL)
	}
	return strconv.Itoa(s.Citations)
}

// apply filters and sorts the sources off the UI goroutine.
func (p *SourcesPane) apply() {
	if p.all == nil {
		return
	}
	all, q, col, desc := p.all, data.Fold(strings.TrimSpace(p.filter.Text)), p.sortCol, p.desc
	p.s.Q.Run("sources-sort", func(ctx context.Context) func() {
		rows := make([]data.Source, 0, len(all))
		for k, s := range all {
			if k%8192 == 0 && ctx.Err() != nil {
				return nil
			}
			if q == "" || strings.Contains(data.Fold(s.Publisher+" "+s.Title+" "+s.Date+" "+s.Language+" "+s.URL), q) {
				rows = append(rows, s)
			}
		}
		rows = sortSources(rows, col, desc)
		if ctx.Err() != nil {
			return nil
		}
		return func() {
			p.rows = rows
			p.table.UnselectAll()
			p.table.Refresh()
		}
	})
}

// sortSources sorts rows by column col (descending if desc), keeping the
// order of rows equal in it. Each row's key is made once (lower case; the
// domain parsed from the URL), not once per comparison, and an order of
// indexes is sorted rather than the large Source values.
func sortSources(rows []data.Source, col int, desc bool) []data.Source {
	order := make([]int32, len(rows))
	for k := range order {
		order[k] = int32(k)
	}
	var less func(a, b int32) int
	if col == srcEvents {
		less = func(a, b int32) int { return cmp.Compare(rows[a].Citations, rows[b].Citations) }
	} else {
		keys := make([]string, len(rows))
		for k := range rows {
			keys[k] = strings.ToLower(cellText(&rows[k], col))
		}
		less = func(a, b int32) int { return strings.Compare(keys[a], keys[b]) }
	}
	if desc {
		slices.SortStableFunc(order, func(a, b int32) int { return less(b, a) })
	} else {
		slices.SortStableFunc(order, less)
	}
	out := make([]data.Source, len(rows))
	for k, o := range order {
		out[k] = rows[o]
	}
	return out
}

// choose shows the events citing a source, read off the UI goroutine.
func (p *SourcesPane) choose(src *data.Source) {
	p.selected = src
	p.cited = nil
	p.renderDetail()
	p.loadCited(src.ID)
}

// loadCited finds the events citing source id off the UI goroutine (again
// when the user's own events renumber the events).
func (p *SourcesPane) loadCited(id string) {
	st := p.s.Store
	p.s.Q.Run("source-events", func(ctx context.Context) func() {
		evs, err := st.SourceEvents(ctx, id)
		if err != nil || ctx.Err() != nil {
			return nil
		}
		return func() {
			for k, n := range evs {
				evs[k] = p.s.FromBase(n)
			}
			if p.selected != nil && p.selected.ID == id {
				p.cited = evs
				p.citedBy.Refresh()
			}
		}
	})
}

func (p *SourcesPane) renderDetail() {
	s, loc := p.s, p.s.Loc
	p.detail.Objects = []fyne.CanvasObject{container.NewPadded(secondary(loc.T("sources.choose"), true))}
	if src := p.selected; src != nil {
		title := heading(loc.T("sources.cited_by", "Title", src.Title))
		open := widget.NewButtonWithIcon(loc.T("detail.open")+" ("+Domain(src.URL)+")", externalLinkIcon, func() { OpenSourceURL(s.App, s.Win, loc, s.Status, src.URL) })
		cp := widget.NewButtonWithIcon(loc.T("detail.copy_citation"), theme.ContentCopyIcon(), func() {
			s.App.Clipboard().SetContent(Citation(loc, *src, time.Now()))
			s.Status.Set("sources", loc.T("detail.copied"))
		})
		actions := container.NewHBox(open, cp)
		if p.Extra != nil {
			if o := p.Extra(src); o != nil {
				actions.Add(o)
			}
		}
		p.detail.Objects = []fyne.CanvasObject{title, container.NewHScroll(actions)} // buttons wider than the pane scroll sideways
	}
	p.detail.Refresh()
}

// Rows are the sources the table shows (tests).
func (p *SourcesPane) Rows() []data.Source { return p.rows }
