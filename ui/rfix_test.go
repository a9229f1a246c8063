package ui

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"aitimeline/assets"
	"aitimeline/data"
	"aitimeline/i18n"
	"aitimeline/ui/timeline"
)

// shownWithLabel fails unless event i is selected, inside the timeline's
// window and labelled there, its label inside the widget's width.
func shownWithLabel(t *testing.T, h *harness, i int, how string) {
	t.Helper()
	tl := h.S.TL
	v := tl.Viewport()
	if tl.Selected() != i {
		t.Fatalf("%s: selected %d, want %d", how, tl.Selected(), i)
	}
	if et := h.S.TD.T[i]; et < v.Start || et >= v.End {
		t.Fatalf("%s: %s is outside the window", how, h.S.Idx.ID(i))
	}
	if !tl.Labelled(i) {
		t.Fatalf("%s: %s has no label", how, h.S.Idx.ID(i))
	}
	for _, lh := range tl.LabelHits() {
		if lh.Ref == i && (lh.X < 0 || lh.X > tl.Size().Width) {
			t.Fatalf("%s: label at x=%v, timeline %v wide", how, lh.X, tl.Size().Width)
		}
	}
}

// awayFrom shows a month of the timeline far from event i, so i is off-screen.
func awayFrom(h *harness, i int) {
	ts := h.S.TD.T
	from := ts[0]
	if ts[i]-from < 400*86400 {
		from = ts[len(ts)-1] - 40*86400
	}
	h.S.TL.ShowRange(from, from+30*86400)
	h.flush()
}

// Issue 10 #3 in the window: an event chosen by search + Enter, in a person
// card's list or with the arrow keys is brought into view with its label,
// also when it was hidden in a count bubble; search hits are marked.
func TestSelectingRevealsTheEvent(t *testing.T) {
	h := newHarness(t, data.EN)
	h.S.TL.SetLaneMode(timeline.LanesPerson)
	t.Run("search and Enter", func(t *testing.T) {
		e := h.Search.Entry()
		e.SetText("verdict")
		h.flush()
		rows := h.List.Rows()
		if len(rows) < 2 {
			t.Fatalf("setup: “verdict” finds %d events", len(rows))
		}
		best := rows[0]
		awayFrom(h, best)
		if h.S.TL.Labelled(best) {
			t.Fatal("setup: the best hit is already labelled")
		}
		e.OnSubmitted(e.Text)
		h.flush()
		shownWithLabel(t, h, best, "search")
		marked := h.S.TL.Marked()
		if marked == nil || !marked(best) || !marked(rows[1]) {
			t.Fatal("search hits are not marked")
		}
		for i := range h.ds.Events {
			if marked(i) != containsInt(rows, i) {
				t.Fatalf("event %s: marked %v, a hit %v", h.ds.Events[i].ID, marked(i), containsInt(rows, i))
			}
		}
		e.SetText("")
		h.flush()
	})
	t.Run("person card, hidden in a bubble", func(t *testing.T) {
		h.S.TL.Select(-1)
		h.Filters.FitAll()
		h.flush()
		h.S.ShowPerson("elon-musk")
		h.flush()
		// An event of Musk's with another of his a day or two away: at full
		// width the two share a marker's width in his lane.
		k := -1
		evs := h.People.events
		for id := 1; id < len(evs); id++ {
			if i := evs[id]; !h.S.TL.Labelled(i) && h.S.TD.T[i]-h.S.TD.T[evs[id-1]] < 2*86400 {
				k = id
				break
			}
		}
		if k < 0 {
			t.Fatal("setup: every event of Musk's is labelled at full width")
		}
		i := h.People.events[k]
		span := h.S.TL.Viewport().Span()
		h.People.evList.Select(k)
		h.flush()
		if h.SelectedTab() != "timeline" {
			t.Fatalf("the person card left the %s tab in front", h.SelectedTab())
		}
		shownWithLabel(t, h, i, "person card")
		if h.S.TL.Viewport().Span() >= span {
			t.Fatal("an event hidden in a bubble did not zoom the view in")
		}
	})
	t.Run("arrow keys", func(t *testing.T) {
		c := h.w.Canvas()
		c.Unfocus()
		i := h.S.Idx.Find("2023-11-17-altman-fired")
		h.S.TL.Select(i)
		awayFrom(h, i+1)
		c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyRight})
		h.flush()
		shownWithLabel(t, h, i+1, "arrow key")
	})
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// hyperlinks lists the visible hyperlinks under root.
func hyperlinks(root fyne.CanvasObject) []*widget.Hyperlink {
	var out []*widget.Hyperlink
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		if l, ok := o.(*widget.Hyperlink); ok {
			out = append(out, l)
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, ch := range c.Objects {
				walk(ch)
			}
		} else if wid, ok := o.(fyne.Widget); ok {
			for _, ch := range test.WidgetRenderer(wid).Objects() {
				walk(ch)
			}
		}
	}
	walk(root)
	return out
}

// menuItem finds a menu item by its label path (menu, item, sub-item).
func menuItem(t *testing.T, w fyne.Window, path ...string) *fyne.MenuItem {
	t.Helper()
	var items []*fyne.MenuItem
	for _, m := range w.MainMenu().Items {
		if m.Label == path[0] {
			items = m.Items
		}
	}
	var it *fyne.MenuItem
	for _, p := range path[1:] {
		it = nil
		for _, x := range items {
			if x.Label == p {
				it = x
			}
		}
		if it == nil {
			t.Fatalf("no menu item %q", strings.Join(path, " → "))
		}
		if it.ChildMenu != nil {
			items = it.ChildMenu.Items
		}
	}
	return it
}

// Issue 10 #13: View → Lanes → By story gives each story thread its own
// lane; the detail pane of an event links to the previous and next event of
// its story, and those links select them.
func TestFollowOneStory(t *testing.T) {
	for _, c := range []struct {
		lang                               data.Lang
		view, lanes, byStory, before, next string
	}{
		{data.EN, "View", "Lanes", "By story", "← before: ", "→ next: "},
		{data.DE, "Ansicht", "Spuren", "Nach Handlungsstrang", "← davor: ", "→ danach: "},
	} {
		t.Run(string(c.lang), func(t *testing.T) {
			h := newHarness(t, c.lang)
			h.w.Resize(fyne.NewSize(1280, 800))
			menuItem(t, h.w, c.view, c.lanes, c.byStory).Action()
			h.flush()
			tl := h.S.TL
			if tl.LaneMode() != timeline.LanesThread {
				t.Fatalf("lane mode %v after View → Lanes → By story", tl.LaneMode())
			}
			titles := map[string]bool{}
			for _, th := range h.ds.Threads {
				titles[th.ID] = true
			}
			for _, l := range tl.Lanes() {
				if l.Key == timeline.OtherLane {
					continue
				}
				if !titles[l.Key] {
					t.Fatalf("lane %q is not a story thread", l.Key)
				}
				for _, ref := range l.Lane.Ref {
					if !slicesContains(h.ds.Events[ref].Threads, l.Key) {
						t.Fatalf("%s is in lane %q but not in that story", h.ds.Events[ref].ID, l.Key)
					}
				}
			}
			if len(tl.Lanes()) < 3 {
				t.Fatalf("%d lanes by story", len(tl.Lanes()))
			}
			// An event in the middle of its story: both links, and they select.
			var evs []int32
			for i := range h.ds.Events {
				if ths := h.S.Idx.Threads(i); len(ths) == 1 {
					if e := h.S.TD.ThreadEvents(ths[0]); len(e) >= 5 {
						evs = e
						break
					}
				}
			}
			if evs == nil {
				t.Fatal("setup: no story of five events")
			}
			mid := int(evs[len(evs)/2])
			tl.SelectAndReveal(mid)
			h.flush()
			follow := func(prefix string, want int) {
				t.Helper()
				var link *widget.Hyperlink
				for _, l := range hyperlinks(h.Detail.root) {
					if strings.HasPrefix(l.Text, prefix) {
						link = l
					}
				}
				if link == nil {
					t.Fatalf("no %q link in the detail pane of %s:\n%s", prefix, h.S.Idx.ID(tl.Selected()), h.detailText())
				}
				if !strings.HasSuffix(link.Text, h.S.EventTitle(want)) {
					t.Fatalf("%q does not name %s", link.Text, h.S.Idx.ID(want))
				}
				awayFrom(h, want) // the link must bring the event back into view
				test.TapAt(link, fyne.NewPos(8, link.Size().Height/2))
				h.flush()
				shownWithLabel(t, h, want, prefix)
			}
			follow(c.next, int(evs[len(evs)/2+1]))
			follow(c.before, mid)
			follow(c.before, int(evs[len(evs)/2-1]))
			if tl.LaneMode() != timeline.LanesThread {
				t.Fatal("following the story changed the lanes")
			}
		})
	}
}

func slicesContains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// Issue 10 #12: Ctrl+P opens File → Hand-out …; the menu item and Help →
// Keyboard shortcuts show the key.
func TestCtrlPOpensTheHandout(t *testing.T) {
	for _, c := range []struct {
		lang          data.Lang
		file, handout string
	}{{data.EN, "File", "Hand-out …"}, {data.DE, "Datei", "Handout …"}} {
		t.Run(string(c.lang), func(t *testing.T) {
			h := newHarness(t, c.lang)
			it := menuItem(t, h.w, c.file, c.handout)
			if sc, ok := it.Shortcut.(*desktop.CustomShortcut); !ok || sc.KeyName != fyne.KeyP || sc.Modifier != fyne.KeyModifierShortcutDefault {
				t.Fatalf("the hand-out menu item shows shortcut %v", it.Shortcut)
			}
			found := false
			for _, r := range h.KeyHelp() {
				found = found || strings.HasSuffix(r[0], "+P") && strings.Contains(r[1], strings.TrimSuffix(c.handout, " …"))
			}
			if !found {
				t.Fatalf("Help → Keyboard shortcuts does not list Ctrl+P: %v", h.KeyHelp())
			}
			c := h.w.Canvas()
			if c.Overlays().Top() != nil {
				t.Fatal("setup: a dialog is already open")
			}
			c.(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault})
			h.flush()
			if c.Overlays().Top() == nil || h.Printouts().last == nil {
				t.Fatal("Ctrl+P opened no hand-out dialog")
			}
			if !strings.Contains(objectStrings(c.Overlays().Top()), h.S.Loc.T("classroomui.handout_title")) {
				t.Fatalf("the dialog Ctrl+P opened is not the hand-out's:\n%s", objectStrings(c.Overlays().Top()))
			}
		})
	}
}

// The GUI export is atomic when it fails half-way: a dataset row that turns
// out to be damaged only when the export reads it leaves the file that was
// there untouched and no temporary file behind.
func TestExportFailingHalfWayKeepsTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tampered.db")
	if err := os.WriteFile(path, assets.Dataset, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	// A late event (most of the file is written before it is read).
	if _, err := db.Exec("UPDATE events SET summary_en = printf('%.*c', 30000, 'x') WHERE n = (SELECT max(n) - 5 FROM events)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	st, err := data.Open(path)
	if err != nil {
		t.Fatalf("the tampered dataset is refused at once (the test needs a late failure): %v", err)
	}
	t.Cleanup(func() { st.Close() })
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	q := NewTestRunner()
	m := NewMain(a, w, st, i18n.Must(data.EN), Options{Version: "test", Runner: q.Runner})
	t.Cleanup(func() { w.Close() })
	out := t.TempDir()
	for _, format := range []string{"json", "csv"} {
		keep := filepath.Join(out, "keep."+format)
		os.WriteFile(keep, []byte("precious"), 0o644)
		n, err := m.Export.Export(keep, format, ScopeAll)(context.Background())
		var de *data.DatasetError
		if err == nil || !errors.As(err, &de) {
			t.Fatalf("%s: export of a damaged row: %d events, error %v", format, n, err)
		}
		if b, _ := os.ReadFile(keep); string(b) != "precious" {
			t.Fatalf("%s: a failed export overwrote the file", format)
		}
		ents, _ := os.ReadDir(out)
		for _, e := range ents {
			if !strings.HasPrefix(e.Name(), "keep.") {
				t.Fatalf("%s: a failed export left %s behind", format, e.Name())
			}
		}
	}
}
