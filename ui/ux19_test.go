package ui

// UX 19: small defects new users (a reader, a researcher, a teacher) met in
// earlier walkthroughs. Each test fails before its fix.

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/data/userdb"
	"aitimeline/i18n"
)

// ux19Shot saves the window as a PNG in $AITIMELINE_SHOTS (if set), so the
// result can be looked at.
func ux19Shot(t *testing.T, img image.Image, name string) {
	t.Helper()
	dir := os.Getenv("AITIMELINE_SHOTS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// The Notebook tab's filter bar stays put while the count's text changes
// ("45 entries" → "1 entry"): the search field, the choices and the
// starred check keep their places and sizes.
func TestUX19NotebookBarStaysPutWhenTheCountChanges(t *testing.T) {
	for _, lang := range []data.Lang{data.EN, data.DE} {
		t.Run(string(lang), func(t *testing.T) {
			h := newNBHarness(t, lang)
			ids := make([]string, len(h.ds.Events))
			for i, e := range h.ds.Events {
				ids[i] = e.ID
			}
			if err := userdb.Synthesize(context.Background(), h.nb, 30, ids); err != nil {
				t.Fatal(err)
			}
			h.p.Load(false)
			h.ShowTab("notebook")
			h.flush()
			tab := h.p.tab
			drv := fyne.CurrentApp().Driver()
			type place struct {
				pos  fyne.Position
				size fyne.Size
			}
			places := func() []place {
				var out []place
				for _, o := range []fyne.CanvasObject{tab.text, tab.tag, tab.kind, tab.starred, tab.count} {
					out = append(out, place{drv.AbsolutePositionForObject(o), o.Size()})
				}
				return out
			}
			before, n0 := places(), tab.count.Text
			ux19Shot(t, h.w.Canvas().Capture(), "ux19-notebook-bar-"+string(lang)+"-all.png")
			tab.tag.SetSelected("tag5")
			h.flush()
			after, n1 := places(), tab.count.Text
			ux19Shot(t, h.w.Canvas().Capture(), "ux19-notebook-bar-"+string(lang)+"-one.png")
			if len(tab.Rows()) != 1 || n0 == n1 {
				t.Fatalf("the tag filter did not change the count: %q → %q (%d rows)", n0, n1, len(tab.Rows()))
			}
			names := []string{"search field", "tag choice", "kind choice", "starred check", "count"}
			for k := range before {
				if before[k] != after[k] {
					t.Errorf("%s moved when the count went from %q to %q: %+v → %+v", names[k], n0, n1, before[k], after[k])
				}
			}
			// The slot holds the widest count the tab may show, whole.
			wide := h.S.Loc.N("notebook.tab_count", countSlotMax)
			tab.count.SetText(wide)
			h.flush()
			if w, m := tab.count.Size().Width, tab.count.MinSize().Width; w < m {
				t.Errorf("the count slot (%v px) is narrower than %q (%v px)", w, wide, m)
			}
			if got := places(); got[0] != before[0] || got[3] != before[3] {
				t.Errorf("a six-digit count moved the bar: %+v → %+v", before, got)
			}
		})
	}
}

// A notebook whose author is the OS account "root" (made as root by an
// earlier version) or NoName never says "added by root" or "Note by me":
// the user's own event says only that it is theirs; a colleague's note
// without a person's name says so in neutral words.
func TestUX19NoRootAsAuthor(t *testing.T) {
	for _, me := range []string{"root", userdb.NoName} {
		t.Run(me, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "notebook.db")
			nb, err := userdb.Open(ctx, path, userdb.Options{Author: me, NoAutoBackup: true})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { nb.Close() })
			own, err := nb.AddOwnEvent(ctx, userdb.OwnEvent{Date: data.MustDate("2024-03-05"), Category: data.CatLegal,
				Title: data.Text{EN: "Zebra hearing"}, Summary: data.Text{EN: "A made-up event."},
				Sources: []data.Source{{URL: "https://example.org/zebra", Publisher: "example.org"}}})
			if err != nil {
				t.Fatal(err)
			}
			h0 := newHarness(t, data.EN)
			other := "nobody" // a colleague's notebook made by a service account
			ev := h0.ds.Events[20].ID
			doc := `{"format": "aitimeline-notebook", "version": 1, "author": "` + other + `", "notes": [{"target": "event", "id": "` + ev +
				`", "author": "` + other + `", "body": "from the lab machine", "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z"}]}`
			if _, err := nb.ImportJSON(ctx, strings.NewReader(doc), userdb.ImportOptions{}); err != nil {
				t.Fatal(err)
			}
			h := &nbHarness{harness: h0, p: h0.AttachNotebook(nb), nb: nb, path: path}
			h.flush()
			h.S.TL.SelectAndReveal(h.S.Idx.Find(own.ID))
			h.flush()
			txt := h.detailText()
			ux19ScrollToText(h.harness, "Your own event (not")
			ux19Shot(t, h.w.Canvas().Capture(), "ux19-own-event-"+me+".png")
			if !strings.Contains(txt, "Your own event (not part of the dataset).") || strings.Contains(txt, "added by") {
				t.Errorf("own event of a notebook by %q: want only \"Your own event (not part of the dataset).\":\n%s", me, txt)
			}
			h.selectEvent(t, ev)
			txt = h.detailText()
			ux19ScrollToText(h.harness, "Note without")
			ux19Shot(t, h.w.Canvas().Capture(), "ux19-note-unnamed-"+me+".png")
			if !strings.Contains(txt, "Note without an author's name") || strings.Contains(txt, "Note by "+other) {
				t.Errorf("a colleague's note from a service account reads as a person's:\n%s", txt)
			}
			if !strings.Contains(txt, "from the lab machine") {
				t.Errorf("the colleague's note is not shown:\n%s", txt)
			}
		})
	}
}

// ownEventLine names a colleague who added an own event, never the user
// themselves or an account that is no person's.
func TestUX19OwnEventLine(t *testing.T) {
	for _, lang := range []data.Lang{data.EN, data.DE} {
		loc := i18n.Must(lang)
		for _, c := range []struct{ author, me, want string }{
			{"Ada Lovelace", "Ada Lovelace", loc.T("notebook.own_is_mine")},
			{"root", "Ada Lovelace", loc.T("notebook.own_is_mine")},
			{userdb.NoName, "Ada Lovelace", loc.T("notebook.own_is_mine")},
			{"Bea", "Ada Lovelace", loc.T("notebook.own_is", "Author", "Bea")},
		} {
			if q := importQuestion(loc, c.author); strings.Contains(q, "root") || strings.Contains(q, "“me”") || strings.Contains(q, "„me“") ||
				(c.author == "Bea") != strings.Contains(q, "Bea") || strings.HasPrefix(q, "notebook.") {
				t.Errorf("%s: import of an export by %q asks %q", lang, c.author, q)
			}
			got := ownEventLine(loc, c.author, c.me)
			if got != c.want {
				t.Errorf("%s: own event by %q in %q's notebook: %q, want %q", lang, c.author, c.me, got, c.want)
			}
			if strings.Contains(got, "root") || strings.Contains(got, "{{") || strings.HasPrefix(got, "notebook.") {
				t.Errorf("%s: %q", lang, got)
			}
		}
	}
}

// ux19ScrollToText scrolls the detail pane to the rich text that starts
// with prefix (for a screenshot of it).
func ux19ScrollToText(h *harness, prefix string) {
	var hit fyne.CanvasObject
	walkObjects(h.Detail.root, func(o fyne.CanvasObject) {
		if r, ok := o.(*widget.RichText); ok && hit == nil && strings.HasPrefix(r.String(), prefix) {
			hit = r
		}
	})
	if hit != nil {
		h.Detail.ScrollTo(hit)
		h.flush()
	}
}

// The event list under the timeline keeps the selected row where it is on
// screen: a step with → zooms the timeline in around the next event (the
// window's rows change), and that row used to jump to the top of the list.
func TestUX19ListRowStaysPutWhenTheSelectionSteps(t *testing.T) {
	h := newHarness(t, data.EN)
	tl, list := h.S.TL, h.List.Widget()
	tl.ShowSpan(3 * 365 * 24 * 3600)
	h.flush()
	pitch := h.List.rowPitch()
	y := func(i int) float32 { return float32(h.List.RowOf(i))*pitch - list.GetScrollOffset() }
	if h.List.Len()*int(pitch) < int(2*list.Size().Height) {
		t.Fatalf("%d rows fit in the list: nothing to scroll", h.List.Len())
	}
	list.ScrollToOffset(10 * pitch)
	h.flush()
	tapAt(h.w.Canvas(), list, fyne.NewPos(60, 3*pitch+6)) // the fourth row in view
	h.flush()
	ux19Shot(t, h.w.Canvas().Capture(), "ux19-list-before-step.png")
	for step := 0; step < 2; step++ {
		row := h.List.RowOf(tl.Selected())
		if row < 0 || row+1 >= h.List.Len() {
			t.Fatalf("step %d: selected row %d of %d", step, row, h.List.Len())
		}
		next, n0 := h.List.At(row+1), h.List.Len()
		want := y(next)
		tl.Step(1)
		h.flush()
		if tl.Selected() != next {
			t.Fatalf("→ selected %d, want the next row's event %d", tl.Selected(), next)
		}
		if got := y(next); got != want && want >= 0 && float32(h.List.RowOf(next))*pitch >= want {
			t.Errorf("step %d: the selected row moved from %v px to %v px below the list's top (rows %d → %d)", step, want, got, n0, h.List.Len())
		}
		ux19Shot(t, h.w.Canvas().Capture(), fmt.Sprintf("ux19-list-after-step%d.png", step+1))
	}
	// Selecting a row that is in view on the timeline does not scroll the list.
	off := list.GetScrollOffset()
	row := h.List.RowOf(tl.Selected())
	if row > 0 {
		tl.Select(h.List.At(row - 1))
		h.flush()
		if list.GetScrollOffset() != off {
			t.Errorf("selecting the row above (in view) scrolled the list from %v to %v", off, list.GetScrollOffset())
		}
	}
}

// keepRowAt keeps a row at its distance from the top within what the list
// can scroll.
func TestUX19KeepRowAt(t *testing.T) {
	for _, c := range []struct {
		row       int
		at, pitch float32
		n         int
		h, want   float32
	}{
		{row: 11, at: 156, pitch: 39, n: 20, h: 270, want: 11*39 - 156},
		{row: 1, at: 156, pitch: 39, n: 3, h: 270, want: 0},           // cannot scroll above the first row
		{row: 19, at: 0, pitch: 39, n: 20, h: 270, want: 20*39 - 270}, // nor past the last
		{row: 5, at: 0, pitch: 39, n: 20, h: 270, want: 5 * 39},
	} {
		if got := keepRowAt(c.row, c.at, c.pitch, c.n, c.h); got != c.want {
			t.Errorf("keepRowAt(%d, %v, %v, %d, %v) = %v, want %v", c.row, c.at, c.pitch, c.n, c.h, got, c.want)
		}
	}
}

// A person's role bars have a scale: the first and last year under the
// bars' ends, flush with them, and a caption saying what a bar is, in
// either language.
func TestUX19RoleBarsHaveAnAxis(t *testing.T) {
	for _, lang := range []data.Lang{data.EN, data.DE} {
		t.Run(string(lang), func(t *testing.T) {
			h := newHarness(t, lang)
			h.S.ShowPerson("sam-altman")
			h.flush()
			var bars []*roleBar
			var axis *roleAxis
			walkObjects(h.People.profile, func(o fyne.CanvasObject) {
				switch x := o.(type) {
				case *roleBar:
					bars = append(bars, x)
				case *roleAxis:
					axis = x
				}
			})
			if len(bars) == 0 || axis == nil {
				t.Fatalf("%d role bars, axis %v", len(bars), axis != nil)
			}
			drv := fyne.CurrentApp().Driver()
			last := bars[len(bars)-1]
			bp, ap := drv.AbsolutePositionForObject(last), drv.AbsolutePositionForObject(axis)
			if ap.X != bp.X || axis.Size().Width != last.Size().Width || ap.Y < bp.Y+last.Size().Height {
				t.Errorf("the axis (%v, %v) is not under the bars (%v, %v)", ap, axis.Size(), bp, last.Size())
			}
			var labels []*canvas.Text
			walkObjects(axis, func(o fyne.CanvasObject) {
				if x, ok := o.(*canvas.Text); ok {
					labels = append(labels, x)
				}
			})
			asOf := strconv.Itoa(h.ds.Meta.AsOf.Time().Year())
			if len(labels) < 2 || labels[0].Text != "2015" || labels[len(labels)-1].Text != asOf {
				t.Fatalf("axis labels %v, want 2015 … %s", labels, asOf)
			}
			lo, hi := labels[0], labels[len(labels)-1]
			if lo.Position().X != 0 || hi.Position().X+hi.Size().Width != axis.Size().Width || lo.Size().Width < lo.MinSize().Width {
				t.Errorf("axis ends %v (%v) and %v (%v) are not flush with the bar of width %v", lo.Position(), lo.Size(), hi.Position(), hi.Size(), axis.Size().Width)
			}
			for k := 1; k < len(labels); k++ {
				if labels[k].Position().X < labels[k-1].Position().X+labels[k-1].Size().Width {
					t.Errorf("axis labels %q and %q overlap", labels[k-1].Text, labels[k].Text)
				}
			}
			caption := h.S.Loc.T("people.roles_axis", "From", 2015, "To", asOf)
			if strings.HasPrefix(caption, "people.") || !strings.Contains(objectStrings(h.People.profile), caption) {
				t.Errorf("no caption %q under the bars", caption)
			}
			h.w.Resize(fyne.NewSize(1280, 900))
			h.flush()
			ux19Shot(t, h.w.Canvas().Capture(), "ux19-roles-"+string(lang)+".png")
		})
	}
}

// A stop that goes on over several screens says which screen is shown:
// "6 / 12 (part 1/2)", then "6 / 12 (continued, part 2/2)", in either
// language; the counter stays inside the window and clear of the text.
func TestUX19ContinuedStopSaysWhichScreen(t *testing.T) {
	for _, lang := range []data.Lang{data.EN, data.DE} {
		t.Run(string(lang), func(t *testing.T) {
			h := newPresentHarness(t, lang)
			h.startTour(t, tour12, 6, fyne.NewSize(1024, 768))
			root := h.p.show.root
			pages := len(root.pages)
			if pages < 2 {
				t.Fatalf("stop 6 at 1024×768 fits one screen: nothing to count")
			}
			loc := h.S.Loc
			for page := 0; page < pages; page++ {
				want := loc.T("present.counter_parts", "N", 6, "Total", 12, "Page", 1, "Pages", pages)
				if page > 0 {
					want = loc.T("present.counter_continued", "N", 6, "Total", 12, "Page", page+1, "Pages", pages)
				}
				frac := strconv.Itoa(page+1) + "/" + strconv.Itoa(pages)
				if got := root.counter.Text; got != want || !strings.Contains(got, frac) || !strings.Contains(h.screenText(), got) {
					t.Errorf("screen %d of %d: counter %q, want %q (with %s)", page+1, pages, got, want, frac)
				}
				c := root.counter
				if c.Position().X < 0 || c.Position().X+c.MinSize().Width > root.Size().Width {
					t.Errorf("screen %d: the counter %q runs out of the window (%v, %v)", page+1, c.Text, c.Position(), c.MinSize())
				}
				for _, o := range root.slide {
					if x, ok := o.(*canvas.Text); ok && x.Position().Y < c.Position().Y+c.MinSize().Height &&
						x.Position().Y+x.Size().Height > c.Position().Y && x.Position().X+x.MinSize().Width > c.Position().X+c.Size().Width-c.MinSize().Width {
						t.Errorf("screen %d: %q runs into the counter %q", page+1, x.Text, c.Text)
					}
				}
				ux19Shot(t, h.p.show.w.Canvas().Capture(), fmt.Sprintf("ux19-present-%s-%d.png", lang, page+1))
				if page+1 < pages {
					h.press(fyne.KeyRight)
				}
			}
		})
	}
	// A stop on one screen keeps its plain counter.
	loc := i18n.Must(data.DE)
	if got := stopCounter(loc, 3, 12, 0, 1); got != "3 / 12" {
		t.Errorf("one screen: %q", got)
	}
	if got := stopCounter(loc, 3, 12, 2, 3); got != "3 / 12 (Fortsetzung, Teil 3/3)" {
		t.Errorf("third of three screens: %q", got)
	}
}
