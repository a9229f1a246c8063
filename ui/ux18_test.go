package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
)

// typeKey delivers a key as the driver does: to the focused widget, else
// to the window.
func typeKey(c fyne.Canvas, name fyne.KeyName) {
	e := &fyne.KeyEvent{Name: name}
	if f := c.Focused(); f != nil {
		f.TypedKey(e)
		return
	}
	c.OnTypedKey()(e)
}

// tapAt taps the canvas at pos within obj.
func tapAt(c fyne.Canvas, obj fyne.CanvasObject, pos fyne.Position) {
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(obj)
	test.TapCanvas(c, abs.Add(pos))
}

func TestTimelineKeysWorkAfterAListClick(t *testing.T) {
	h := newHarness(t, data.EN)
	c, tl := h.w.Canvas(), h.S.TL
	tl.FitAll()
	h.flush()
	list := h.List.Widget()
	rows := h.List.Rows()
	if len(rows) < 5 {
		t.Fatalf("list shows %d rows", len(rows))
	}
	// A click on the first row of the event list selects its event ...
	tapAt(c, list, fyne.NewPos(60, 6))
	h.flush()
	if tl.Selected() != rows[0] {
		t.Fatalf("click on row 0 selected %d, want %d", tl.Selected(), rows[0])
	}
	// ... and the timeline's keys still work: → steps, ← steps back,
	// ↓/↑ walk the list, Esc clears.
	typeKey(c, fyne.KeyRight)
	if tl.Selected() == rows[0] {
		t.Fatalf("→ after a list click did nothing (focus on %T)", c.Focused())
	}
	typeKey(c, fyne.KeyLeft)
	if tl.Selected() != rows[0] {
		t.Fatalf("← came back to %d, want %d", tl.Selected(), rows[0])
	}
	typeKey(c, fyne.KeyDown)
	typeKey(c, fyne.KeyDown)
	if tl.Selected() != rows[2] {
		t.Fatalf("↓↓ from row 0 selected %d, want row 2's %d", tl.Selected(), rows[2])
	}
	typeKey(c, fyne.KeyUp)
	if tl.Selected() != rows[1] {
		t.Fatalf("↑ selected %d, want row 1's %d", tl.Selected(), rows[1])
	}
	typeKey(c, fyne.KeyPageDown)
	if tl.Selected() == rows[1] {
		t.Fatal("PageDown after a list click did nothing")
	}
	typeKey(c, fyne.KeyEscape)
	if tl.Selected() != -1 {
		t.Fatalf("Esc after a list click left %d selected", tl.Selected())
	}

	// Sources → a source → a citing event: the timeline shows it and has the keys.
	h.ShowTab("sources")
	h.flush()
	p := h.Sources
	if len(p.rows) == 0 {
		t.Fatal("no sources")
	}
	for r := range p.rows {
		src := p.rows[r]
		p.choose(&src)
		h.flush()
		if len(p.cited) > 0 {
			break
		}
	}
	if len(p.cited) == 0 {
		t.Fatal("no source is cited")
	}
	want := p.cited[0]
	item := firstTappable(p.citedBy)
	if item == nil {
		t.Fatal("the citing list shows no row")
	}
	test.Tap(item)
	h.flush()
	if h.SelectedTab() != "timeline" || tl.Selected() != want {
		t.Fatalf("citing event click: tab %q selected %d, want timeline %d", h.SelectedTab(), tl.Selected(), want)
	}
	typeKey(c, fyne.KeyEscape)
	if tl.Selected() != -1 {
		t.Fatalf("Esc after a citing-event click left %d selected (focus on %T)", tl.Selected(), c.Focused())
	}
}

// firstTappable is the first tappable object under o (a list's first row).
func firstTappable(o fyne.CanvasObject) fyne.Tappable {
	var kids []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		kids = x.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(x).Objects()
	}
	for _, k := range kids {
		if tp, ok := k.(fyne.Tappable); ok && k.Visible() {
			return tp
		}
		if tp := firstTappable(k); tp != nil {
			return tp
		}
	}
	return nil
}

// TestPanesFitAt200PercentWithSomethingChosen: at 200 % text, a chosen
// person, source or event never makes the window's minimum size larger
// than 1024×740 (a person's card grew the window past the screen, and that
// size was saved).
func TestPanesFitAt200PercentWithSomethingChosen(t *testing.T) {
	for _, lang := range []data.Lang{data.EN, data.DE} {
		h := newTourHarness(t, lang)
		h.a.Settings().SetTheme(NewTheme(ThemeLight, 2))
		h.w.Resize(fyne.NewSize(1024, 740))
		check := func(what string) {
			t.Helper()
			h.flush()
			if ms := h.w.Content().MinSize(); ms.Width > 1024 || ms.Height > 740 {
				t.Errorf("%s, %s: minimum size %v does not fit 1024×740", lang, what, ms)
			}
		}
		// Every person: the one with most roles and the longest bio too.
		for _, per := range h.S.DS.People {
			h.People.Show(per.ID)
			h.flush()
			if ms := h.w.Content().MinSize(); ms.Width > 1024 || ms.Height > 740 {
				t.Errorf("%s, person %s: minimum size %v does not fit 1024×740", lang, per.ID, ms)
				break
			}
		}
		h.ShowTab("sources")
		h.flush()
		if len(h.Sources.rows) > 0 {
			src := h.Sources.rows[0]
			h.Sources.choose(&src)
		}
		check("source chosen")
		h.ShowTab("timeline")
		h.S.TL.Select(0)
		check("event selected")
		h.ShowTab("notebook")
		check("notebook tab")
	}
}

// renderedTexts is the text painted under o: every visible canvas.Text.
func renderedTexts(o fyne.CanvasObject) []string {
	if !o.Visible() {
		return nil
	}
	var out []string
	switch x := o.(type) {
	case *canvas.Text:
		out = append(out, x.Text)
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, renderedTexts(c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			out = append(out, renderedTexts(c)...)
		}
	}
	return out
}

func TestNoteHintIsReadable(t *testing.T) {
	for _, tc := range []struct {
		lang  data.Lang
		scale float32
		width float32
	}{{data.EN, 1, 1280}, {data.DE, 1, 1280}, {data.DE, 2, 1024}} {
		h := newNBHarness(t, tc.lang)
		h.a.Settings().SetTheme(NewTheme(ThemeLight, tc.scale))
		h.w.Resize(fyne.NewSize(tc.width, 740))
		h.selectEvent(t, h.ds.Events[10].ID)
		ed := h.p.editor
		ed.Edit()
		h.flush()
		shown := " " + strings.Join(renderedTexts(ed.body), " ") + " "
		for _, word := range strings.Fields(h.S.Loc.T("notebook.note_markdown")) {
			if !strings.Contains(shown, " "+word+" ") && !strings.Contains(shown, " "+word) {
				t.Errorf("%s at %.0f×: the hint's word %q is not shown; the editor shows %q", tc.lang, tc.scale*100, word, shown)
			}
		}
	}
}

// findCheckGroup is the first CheckGroup under o and the object holding it.
func findCheckGroup(o fyne.CanvasObject, parent fyne.CanvasObject) (*widget.CheckGroup, fyne.CanvasObject) {
	if cg, ok := o.(*widget.CheckGroup); ok {
		return cg, parent
	}
	var kids []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		kids = x.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(x).Objects()
	}
	for _, k := range kids {
		if cg, holder := findCheckGroup(k, o); cg != nil {
			return cg, holder
		}
	}
	return nil, nil
}

func TestFilterDialogGivesTagsRoom(t *testing.T) {
	for _, lang := range []data.Lang{data.EN, data.DE} {
		h := newNBHarness(t, lang)
		for k, tag := range []string{"Beweis", "Klage", "Vorstand", "Musk", "Sicherheit"} {
			h.p.addTag(h.ds.Events[k].ID, tag)
		}
		h.flush()
		h.Filters.ShowDialog()
		h.flush()
		cg, holder := findCheckGroup(h.w.Canvas().Overlays().Top(), nil)
		if cg == nil {
			t.Fatalf("%s: the filter dialog shows no tags", lang)
		}
		if len(cg.Options) != 5 {
			t.Errorf("%s: tag options %v", lang, cg.Options)
		}
		// The five tags fit side by side in the room the dialog gives them.
		if got, want := holder.Size().Width, cg.MinSize().Width; got < want {
			t.Errorf("%s: the tags get %.0f px of the %.0f they need", lang, got, want)
		}
	}
}

func TestWheelScrollsTheDetailPaneOverTheTagField(t *testing.T) {
	h := newNBHarness(t, data.EN)
	h.w.Resize(fyne.NewSize(1024, 600))
	h.selectEvent(t, h.ds.Events[10].ID)
	h.p.addTag(h.ds.Events[10].ID, "Beweis")
	h.flush()
	d := fyne.CurrentApp().Driver()
	sc := h.Detail.scroll
	for _, tc := range []struct {
		name string
		obj  fyne.CanvasObject
	}{{"tag field", h.p.tagEntry}, {"tag chips", h.p.marks.Objects[1]}} {
		// Bring the field to the middle of the pane.
		inContent := d.AbsolutePositionForObject(tc.obj).Y - d.AbsolutePositionForObject(sc).Y + sc.Offset.Y
		sc.Offset.Y = max(0, inContent-sc.Size().Height/2)
		sc.Refresh()
		before := sc.Offset.Y
		if before == 0 {
			t.Fatalf("%s: the pane does not scroll at all (content %v in %v)", tc.name, sc.Content.MinSize(), sc.Size())
		}
		at := d.AbsolutePositionForObject(tc.obj).Add(fyne.NewPos(20, tc.obj.Size().Height/2))
		test.Scroll(h.w.Canvas(), at, 0, 40) // the wheel up: the pane moves up
		if sc.Offset.Y >= before {
			t.Errorf("the wheel over the %s left the pane at %.0f (was %.0f)", tc.name, sc.Offset.Y, before)
		}
	}
}

func TestPeopleSearchRanksNamesFirst(t *testing.T) {
	h := newHarness(t, data.EN)
	p := h.People
	for _, q := range []string{"Musk", "musk", "Altman"} {
		p.search.SetText(q)
		if len(p.shown) < 2 {
			t.Fatalf("%q lists %d people", q, len(p.shown))
		}
		f := data.Fold(q)
		rank := func(per *data.Person) int {
			switch {
			case strings.Contains(data.Fold(per.Name), f):
				return 0
			case strings.Contains(data.Fold(p.currentRole(per)), f):
				return 1
			}
			return 2
		}
		if rank(p.shown[0]) != 0 {
			t.Errorf("%q: first is %s, not a name match", q, p.shown[0].Name)
		}
		order := map[string]int{}
		for k, per := range h.S.DS.People {
			order[per.ID] = k
		}
		for k := 1; k < len(p.shown); k++ {
			a, b := p.shown[k-1], p.shown[k]
			if rank(a) > rank(b) || rank(a) == rank(b) && order[a.ID] > order[b.ID] {
				t.Errorf("%q: %s (rank %d) before %s (rank %d)", q, a.Name, rank(a), b.Name, rank(b))
			}
		}
	}
}

func TestNotebookTabAt200Percent(t *testing.T) {
	h := newNBHarness(t, data.DE)
	h.p.addTag(h.ds.Events[10].ID, "Beweis")
	h.a.Settings().SetTheme(NewTheme(ThemeLight, 2))
	h.w.Resize(fyne.NewSize(1280, 740))
	h.ShowTab("notebook")
	h.flush()
	nt := h.p.tab
	if len(nt.rows) == 0 {
		t.Fatal("the notebook tab lists nothing")
	}
	th := fyne.CurrentApp().Settings().Theme()
	size, pad := th.Size(theme.SizeNameText), th.Size(theme.SizeNameInnerPadding)
	// Every row's date fits its column (it ran into the title).
	o := nt.list.CreateItem()
	for k := range nt.rows {
		nt.fillRow(&nt.rows[k], o.(*fyne.Container))
		box := o.(*fyne.Container).Objects[1].(*fyne.Container)
		date := box.Objects[0].(*widget.Label)
		if need := fyne.MeasureText(date.Text, size, fyne.TextStyle{}).Width + 2*pad; box.MinSize().Width < need {
			t.Errorf("date %q needs %.0f px, its column is %.0f", date.Text, need, box.MinSize().Width)
		}
	}
	// The tag choice shows "Alle Schlagwörter" whole.
	all := h.S.Loc.T("notebook.tab_all_tags")
	if need := fyne.MeasureText(all, size, fyne.TextStyle{}).Width + 3*pad + th.Size(theme.SizeNameInlineIcon); nt.tag.Size().Width < need {
		t.Errorf("the tag choice is %.0f px, %q needs %.0f", nt.tag.Size().Width, all, need)
	}
	if ms := h.p.tab.item.Content.MinSize(); ms.Width > 1024 {
		t.Errorf("the notebook tab needs %v, wider than 1024", ms)
	}
}

// firstOfType is the first visible object under o that is a T.
func firstOfType[T fyne.CanvasObject](o fyne.CanvasObject) (T, bool) {
	var zero T
	if !o.Visible() {
		return zero, false
	}
	if x, ok := o.(T); ok {
		return x, true
	}
	var kids []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		kids = x.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(x).Objects()
	}
	for _, k := range kids {
		if x, ok := firstOfType[T](k); ok {
			return x, true
		}
	}
	return zero, false
}

func TestTextSizeChangeIsFollowedLive(t *testing.T) {
	for _, visible := range []bool{true, false} {
		h := newHarness(t, data.EN)
		h.ShowTab("sources")
		h.flush()
		h.ShowTab("people")
		h.flush()
		if !visible {
			h.ShowTab("timeline")
		}
		h.SetTextScale(2)
		h.flush()
		th := fyne.CurrentApp().Settings().Theme()
		h.ShowTab("people")
		h.flush()
		cell, ok := firstOfType[*fitLabel](h.People.grid)
		if !ok {
			t.Fatal("no person card")
		}
		// The card's name label is as wide as a 200 % card allows.
		card := h.People.grid.CreateItem()
		if got, want := cell.Size().Width, card.MinSize().Width-100; got < want*0.8 {
			t.Errorf("visible %v: a person's name has %.0f px after the change to 200 %%, a new card gives %.0f", visible, got, want)
		}
		h.ShowTab("sources")
		h.flush()
		row, ok := firstOfType[*fitLabel](h.Sources.table)
		if !ok {
			t.Fatal("no source row")
		}
		if got, need := row.Size().Height, th.Size(theme.SizeNameText); got < 2*need {
			t.Errorf("visible %v: a source row is %.0f px high after the change to 200 %% (text %.0f)", visible, got, need)
		}
	}
}
