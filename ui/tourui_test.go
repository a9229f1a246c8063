package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/data/interop"
	"aitimeline/data/userdb"
)

// tourHarness is the main window with a notebook and the classroom's parts.
type tourHarness struct {
	*nbHarness
	tp *TourPane
	pp *PrintPane
}

// newTourHarness opens the window on a notebook in a temporary file and
// adds the classroom (as NewMain and AttachNotebook do once wired; a
// second call changes nothing).
func newTourHarness(t *testing.T, lang data.Lang, prepare ...func(nb *userdb.Notebook)) *tourHarness {
	t.Helper()
	h := newNBHarness(t, lang, prepare...)
	h.addClassroom()
	h.flush()
	return &tourHarness{nbHarness: h, tp: h.Tours(), pp: h.Printouts()}
}

// press sends a shortcut as the driver does: to the focused widget if it
// takes shortcuts, else to the window's own.
func (h *harness) press(sc fyne.Shortcut) {
	c := h.w.Canvas()
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	c.(fyne.Shortcutable).TypedShortcut(sc)
}

// storedTours reads the notebook's live tours.
func (h *tourHarness) storedTours(t *testing.T) []userdb.Tour {
	t.Helper()
	ts, err := h.nb.Tours(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// topText is the text of the dialog in front, which it then closes.
func (h *harness) topText(t *testing.T) string {
	t.Helper()
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	txt := objectStrings(top)
	h.w.Canvas().Overlays().Remove(top)
	return txt
}

// saveAs answers the "where to save" dialog in front: file name, then the
// button that saves.
func (h *harness) saveAs(t *testing.T, name string) {
	t.Helper()
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no save dialog")
	}
	var entry *widget.Entry
	var buttons []*widget.Button
	walkObjects(top, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Entry:
			entry = x
		case *widget.Button:
			buttons = append(buttons, x)
		}
	})
	if entry == nil {
		t.Fatalf("save dialog without a file name:\n%s", objectStrings(top))
	}
	entry.SetText(name)
	for _, b := range buttons {
		if b.Importance == widget.HighImportance && b.OnTapped != nil { // (the entry has buttons of its own)
			test.Tap(b)
			h.flush()
			return
		}
	}
	t.Fatalf("save dialog without a save button:\n%s", objectStrings(top))
}

// eventIDs of the filter's events.
func (h *harness) matchedIDs() []string {
	var ids []string
	for _, i := range h.S.Matched() {
		ids = append(ids, h.S.Idx.ID(i))
	}
	return ids
}

func stopIDs(stops []userdb.Stop) []string {
	var ids []string
	for _, s := range stops {
		ids = append(ids, s.EventID)
	}
	return ids
}

var (
	altUp   = &desktop.CustomShortcut{KeyName: fyne.KeyUp, Modifier: fyne.KeyModifierAlt}
	altDown = &desktop.CustomShortcut{KeyName: fyne.KeyDown, Modifier: fyne.KeyModifierAlt}
)

func TestTourFromFilterRenameReorderNotesSurviveReopen(t *testing.T) {
	h := newTourHarness(t, data.EN)
	h.S.SetFilter(Filter{People: map[string]bool{"sam-altman": true}, From: data.MustDate("2023-11"), To: data.MustDate("2023-12")})
	want := h.matchedIDs()
	if len(want) < 3 {
		t.Fatalf("the filter keeps %d events; the test needs three", len(want))
	}
	h.tp.Show()
	if h.SelectedTab() != "tours" {
		t.Fatalf("View → Tours shows the %s tab", h.SelectedTab())
	}
	h.tp.ShowNewTour()
	nd := h.tp.lastNew
	if !strings.Contains(nd.origin.Selected, "filter keeps") {
		t.Errorf("a new tour with a filter set starts from %q", nd.origin.Selected)
	}
	nd.create() // no title yet: refused, the dialog says why
	if !nd.problem.Visible() || !strings.Contains(nd.problem.Text, "title") {
		t.Fatalf("untitled tour: problem %q", nd.problem.Text)
	}
	nd.titleEN.SetText("The board crisis")
	nd.create()
	h.flush()
	ts := h.storedTours(t)
	if len(ts) != 1 || ts[0].Title.EN != "The board crisis" || strings.Join(stopIDs(ts[0].Stops), ",") != strings.Join(want, ",") {
		t.Fatalf("stored tours %+v, want the filter's %v", ts, want)
	}
	id := ts[0].ID
	ed := h.tp.ed
	if ed.tour.ID != id || !ed.editable {
		t.Fatalf("the new tour is not open for editing (%q, editable %v)", ed.tour.ID, ed.editable)
	}

	// A German title, typed: saved a second after the last key.
	test.Type(ed.titleDE, "Die Krise im Verwaltungsrat")
	h.flush()
	if ts := h.storedTours(t); ts[0].Title.DE != "Die Krise im Verwaltungsrat" {
		t.Fatalf("German title not saved: %+v", ts[0].Title)
	}

	// Stop 1 moves down with Alt+↓ on the focused list, stop 3 up with
	// Alt+↑ when no field has the focus (the window's shortcut).
	ed.stops.Select(0)
	h.w.Canvas().Focus(ed.stops)
	h.press(altDown)
	h.flush()
	order := []string{want[1], want[0], want[2]}
	if got := stopIDs(h.storedTours(t)[0].Stops); strings.Join(got[:3], ",") != strings.Join(order, ",") {
		t.Fatalf("after Alt+Down the stops are %v, want %v…", got, order)
	}
	if ed.sel != 1 {
		t.Errorf("the moved stop is not selected (selected %d)", ed.sel)
	}
	ed.stops.Select(2)
	h.w.Canvas().Unfocus()
	h.press(altUp)
	h.flush()
	order = []string{want[1], want[2], want[0]}
	if got := stopIDs(h.storedTours(t)[0].Stops); strings.Join(got[:3], ",") != strings.Join(order, ",") {
		t.Fatalf("after Alt+Up the stops are %v, want %v…", got, order)
	}

	// A note per stop, in either language.
	ed.stops.Select(0)
	test.Type(ed.noteEN, "Ask: who decided?")
	ed.stops.Select(1)
	test.Type(ed.noteDE, "Frage: Wer hat entschieden?")
	h.flush()
	st := h.storedTours(t)[0].Stops
	if st[0].Note.EN != "Ask: who decided?" || st[1].Note.DE != "Frage: Wer hat entschieden?" || !st[2].Note.IsZero() {
		t.Fatalf("notes stored %+v", st)
	}

	// The selected event is added after the selected stop; removing takes
	// it out again; an event already in the tour is not added twice.
	extra := h.ds.Events[3].ID
	h.S.TL.Select(h.S.Idx.Find(extra))
	ed.stops.Select(0)
	test.Tap(ed.addSel)
	h.flush()
	if got := stopIDs(h.storedTours(t)[0].Stops); got[1] != extra {
		t.Fatalf("Add selected event: stops %v, want %s second", got, extra)
	}
	if !ed.addSel.Disabled() {
		t.Error("Add selected event stays enabled for an event already in the tour")
	}
	h.w.Canvas().Focus(ed.stops)
	ed.stops.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	h.flush()
	if got := stopIDs(h.storedTours(t)[0].Stops); len(got) != len(want) || strings.Contains(strings.Join(got, ","), extra) {
		t.Fatalf("Delete did not remove the stop: %v", got)
	}

	// Presenting uses what is on screen.
	var presented string
	h.tp.Present = func(id string) { presented = id }
	ed.fillButtons()
	if !ed.present.Visible() {
		t.Fatal("Present is hidden although presenting is wired")
	}
	test.Tap(ed.present)
	if presented != id {
		t.Errorf("Present presented %q", presented)
	}
	if tr, ok := h.S.TourByID(id); !ok || tr.Title.DE != "Die Krise im Verwaltungsrat" || tr.Stops[0].Note.EN != "Ask: who decided?" {
		t.Errorf("the session's tour is not what is on screen: %+v", tr)
	}

	// A last word typed, then the window closes: saved.
	ed.stops.Select(2)
	test.Type(ed.noteEN, "Last word.")
	h.Close()
	if !h.q.WaitSaves(5 * time.Second) {
		t.Fatal("saves did not finish")
	}
	h.nb.Close()

	// The notebook opened again, in a new window: the same tour.
	nb2, err := userdb.Open(context.Background(), h.path, userdb.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer nb2.Close()
	h2 := newHarness(t, data.EN)
	h2.AttachNotebook(nb2)
	h2.addClassroom()
	h2.flush()
	tp2 := h2.Tours()
	tp2.Show()
	h2.flush()
	tp2.Open(id)
	got := tp2.ed.tour
	wantStops := []Stop{{EventID: want[1], Note: data.Text{EN: "Ask: who decided?"}}, {EventID: want[2], Note: data.Text{DE: "Frage: Wer hat entschieden?"}},
		{EventID: want[0], Note: data.Text{EN: "Last word."}}}
	if got.Title.EN != "The board crisis" || got.Title.DE != "Die Krise im Verwaltungsrat" || len(got.Stops) != len(want) {
		t.Fatalf("reopened tour %+v", got)
	}
	for k, w := range wantStops {
		if got.Stops[k] != w {
			t.Errorf("reopened stop %d = %+v, want %+v", k+1, got.Stops[k], w)
		}
	}
	if tp2.ed.titleDE.Text != "Die Krise im Verwaltungsrat" || tp2.ed.noteEN.Text != "Ask: who decided?" {
		t.Errorf("the editor shows title %q, note %q", tp2.ed.titleDE.Text, tp2.ed.noteEN.Text)
	}
}

func TestTourEmptyTitleIsNotSavedAndSaysWhy(t *testing.T) {
	h := newTourHarness(t, data.DE, func(nb *userdb.Notebook) {
		nb.CreateTour(context.Background(), userdb.Tour{Title: data.Text{DE: "Stunde 1"}, Stops: []userdb.Stop{{EventID: "2015-12-11-openai-founded"}}})
	})
	h.tp.Show()
	h.flush()
	id := h.storedTours(t)[0].ID
	h.tp.Open(id)
	ed := h.tp.ed
	ed.titleDE.SetText("")
	h.flush()
	if !ed.problem.Visible() || !strings.Contains(ed.problem.Text, "behält er seinen letzten Titel") {
		t.Fatalf("empty title: problem %q", ed.problem.Text)
	}
	if ts := h.storedTours(t); ts[0].Title.DE != "Stunde 1" {
		t.Fatalf("an untitled tour replaced the saved one: %+v", ts[0].Title)
	}
	test.Type(ed.titleEN, "Lesson 1")
	h.flush()
	if ts := h.storedTours(t); ts[0].Title.EN != "Lesson 1" || ts[0].Title.DE != "" || ed.problem.Visible() {
		t.Fatalf("after a title: %+v, problem %q", ts[0].Title, ed.problem.Text)
	}
}

func TestTourAddFromDetailPaneAndFind(t *testing.T) {
	h := newTourHarness(t, data.EN)
	h.tp.ShowNewTour()
	h.tp.lastNew.titleEN.SetText("Lesson")
	h.tp.lastNew.origin.SetSelected(h.tp.lastNew.labels[0]) // empty
	h.tp.lastNew.create()
	h.flush()
	// The detail pane offers the open tour.
	id := "2015-12-11-openai-founded"
	h.selectEvent(t, id)
	var add *widget.Button
	walkObjects(h.Detail.root, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, "Add to the tour") {
			add = b
		}
	})
	if add == nil {
		t.Fatalf("the detail pane offers no tour:\n%s", h.detailText())
	}
	test.Tap(add)
	h.flush()
	if !strings.Contains(h.detailText(), "Stop 1 of the tour") {
		t.Errorf("the detail pane does not say the event is a stop:\n%s", h.detailText())
	}
	// Find an event by words of its title.
	h.tp.ed.showFind()
	test.Type(h.tp.findEntry, "musk sues")
	h.flush()
	if h.tp.findList.Length() == 0 {
		t.Fatal("find: no events for “musk sues”")
	}
	h.tp.findList.Select(0)
	h.flush()
	ts := h.storedTours(t)
	if len(ts[0].Stops) != 2 || ts[0].Stops[0].EventID != id || !strings.Contains(strings.ToLower(h.S.EventTitle(h.S.Idx.Find(ts[0].Stops[1].EventID))), "sue") {
		t.Fatalf("stops %+v", ts[0].Stops)
	}
}

func TestTourFromSearchHitsGoesThroughTime(t *testing.T) {
	h := newTourHarness(t, data.EN)
	test.Type(h.Search.Entry(), "lawsuit")
	h.flush()
	hits := h.List.Rows()
	if !h.List.Hits() || len(hits) < 3 {
		t.Fatalf("search: %d hits", len(hits))
	}
	h.tp.ShowNewTour()
	nd := h.tp.lastNew
	if !strings.Contains(nd.origin.Selected, "search hits") {
		t.Fatalf("a new tour while searching starts from %q", nd.origin.Selected)
	}
	nd.titleEN.SetText("Lawsuits")
	nd.create()
	h.flush()
	st := h.storedTours(t)[0].Stops
	if len(st) != len(hits) {
		t.Fatalf("%d stops for %d hits", len(st), len(hits))
	}
	for k := 1; k < len(st); k++ {
		if h.S.Idx.Find(st[k-1].EventID) > h.S.Idx.Find(st[k].EventID) {
			t.Fatalf("stops not in date order: %v", stopIDs(st))
		}
	}
}

func TestTourDeleteGoesToTrashAndUndoBringsItBack(t *testing.T) {
	h := newTourHarness(t, data.DE, func(nb *userdb.Notebook) {
		nb.CreateTour(context.Background(), userdb.Tour{Title: data.Text{DE: "Stunde 1"}, Stops: []userdb.Stop{{EventID: "2015-12-11-openai-founded"}}})
	})
	h.tp.Show()
	h.flush()
	id := h.storedTours(t)[0].ID
	h.tp.Open(id)
	test.Tap(h.tp.ed.del)
	h.flush()
	if len(h.storedTours(t)) != 0 {
		t.Fatal("the tour was not deleted")
	}
	if _, ok := h.tp.find(id); ok {
		t.Error("the deleted tour is still listed")
	}
	if st := h.S.Status.Text(); !strings.Contains(st, "Papierkorb") || !strings.Contains(st, "Strg+Z") {
		t.Errorf("status %q does not offer undo", st)
	}
	h.p.Undo()
	h.flush()
	if len(h.storedTours(t)) != 1 {
		t.Fatal("undo did not bring the tour back")
	}
	if _, ok := h.tp.find(id); !ok {
		t.Error("the restored tour is not listed")
	}
}

func TestToursWithoutWritableNotebookCannotBeChanged(t *testing.T) {
	// No notebook: the bundled tours, and a line why nothing can be made.
	h := newHarness(t, data.EN)
	h.addClassroom()
	h.flush()
	tp := h.Tours()
	tp.Show()
	if len(tp.tours) == 0 || tp.tours[0].Own {
		t.Fatalf("tours without a notebook: %+v", tp.tours)
	}
	if !tp.why.Visible() || !strings.Contains(tp.why.Text, "no notebook is open") || !tp.newBtn.Disabled() || !tp.impBtn.Disabled() {
		t.Errorf("without a notebook: why %q (shown %v), new disabled %v", tp.why.Text, tp.why.Visible(), tp.newBtn.Disabled())
	}
	tp.Open(tp.tours[0].ID)
	if tp.ed.editable || !tp.ed.copyBtn.Disabled() || tp.ed.editBox.Visible() || !tp.ed.export.Visible() || tp.ed.export.Disabled() {
		t.Errorf("a bundled tour without a notebook: editable %v, copy enabled %v", tp.ed.editable, !tp.ed.copyBtn.Disabled())
	}

	// A read-only notebook: its tours are shown, not editable.
	path := filepath.Join(t.TempDir(), "nb.db")
	nb, err := userdb.Open(context.Background(), path, userdb.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	nb.CreateTour(context.Background(), userdb.Tour{Title: data.Text{EN: "Mine"}, Stops: []userdb.Stop{{EventID: "2015-12-11-openai-founded", Note: data.Text{EN: "my note"}}}})
	nb.Close()
	ro, err := userdb.Open(context.Background(), path, userdb.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	h2 := newHarness(t, data.EN)
	h2.AttachNotebook(ro)
	h2.addClassroom()
	h2.flush()
	tp2 := h2.Tours()
	tp2.Show()
	var mine Tour
	for _, x := range tp2.tours {
		if x.Own {
			mine = x
		}
	}
	if mine.ID == "" {
		t.Fatalf("the read-only notebook's tour is not listed: %+v", tp2.tours)
	}
	tp2.Open(mine.ID)
	ed := tp2.ed
	if ed.editable || ed.editBox.Visible() || ed.noteEdit.Visible() || !ed.del.Disabled() || !ed.addSel.Disabled() || !strings.Contains(ed.noteView.Text, "my note") {
		t.Errorf("read-only tour: editable %v, note %q", ed.editable, ed.noteView.Text)
	}
	if !strings.Contains(tp2.why.Text, "read-only") {
		t.Errorf("why: %q", tp2.why.Text)
	}
	ed.moveSelected(1)
	ed.addEvent(h2.ds.Events[0].ID)
	h2.flush()
	if ts, _ := ro.Tours(context.Background()); len(ts[0].Stops) != 1 {
		t.Error("a read-only tour was changed")
	}
}

func TestTourExportImportRoundTrip(t *testing.T) {
	stops := []userdb.Stop{{EventID: "2015-12-11-openai-founded", Note: data.Text{EN: "Start here.", DE: "Hier beginnen."}},
		{EventID: "2018-02-20-musk-leaves-openai-board"}, {EventID: "2024-02-29-musk-sues-openai-state-court", Note: data.Text{DE: "Klage lesen"}}}
	h := newTourHarness(t, data.DE, func(nb *userdb.Notebook) {
		_, err := nb.CreateTour(context.Background(), userdb.Tour{Title: data.Text{DE: "Gründung und Bruch"}, Intro: data.Text{DE: "Drei Stationen."}, Stops: stops})
		if err != nil {
			t.Fatal(err)
		}
	})
	for _, s := range stops {
		if h.S.Idx.Find(s.EventID) < 0 {
			t.Fatalf("the dataset lacks %s", s.EventID)
		}
	}
	dir := t.TempDir()
	h.S.Prefs.SetString(prefExportDir, dir)
	h.tp.Show()
	h.flush()
	id := h.storedTours(t)[0].ID
	h.tp.Open(id)
	test.Tap(h.tp.ed.export) // a menu: tour file or TimelineJS
	if menu := objectStrings(h.w.Canvas().Overlays().Top()); !strings.Contains(menu, ".aitour.json") || !strings.Contains(menu, "TimelineJS") {
		t.Fatalf("Export shows no menu of both formats: %q", menu)
	}
	h.w.Canvas().Overlays().Remove(h.w.Canvas().Overlays().Top())
	h.tp.ed.exportMenu.Items[0].Action()
	h.saveAs(t, "stunde.aitour.json")
	file := filepath.Join(dir, "stunde.aitour.json")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("no tour file: %v (status %q)", err, h.S.Status.Text())
	}
	tf, err := interop.ReadTour(bytes.NewReader(b), nil)
	if err != nil || tf.Tour.Title.DE != "Gründung und Bruch" || len(tf.Tour.Stops) != 3 {
		t.Fatalf("the file: %+v %v", tf, err)
	}
	// TimelineJS: the events with the notes, in the window's language.
	h.tp.ed.exportMenu.Items[1].Action()
	h.saveAs(t, "stunde.timelinejs.json")
	tl, err := os.ReadFile(filepath.Join(dir, "stunde.timelinejs.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Title  struct{ Text struct{ Headline string } }
		Events []struct {
			Text struct{ Headline, Text string }
		}
	}
	if err := json.Unmarshal(tl, &doc); err != nil || doc.Title.Text.Headline != "Gründung und Bruch" || len(doc.Events) != 3 ||
		!strings.Contains(doc.Events[0].Text.Text, "Hier beginnen.") || !strings.Contains(doc.Events[2].Text.Text, "Klage lesen") {
		t.Fatalf("TimelineJS file %v:\n%s", err, tl)
	}

	// Another teacher's fresh notebook imports it: the same stops and notes.
	h2 := newTourHarness(t, data.EN)
	h2.tp.Show()
	f, _ := os.Open(file)
	h2.tp.importFrom("stunde.aitour.json", f)
	h2.flush()
	if txt := h2.topText(t); !strings.Contains(txt, "Imported the tour “Gründung und Bruch” with 3 stops") {
		t.Errorf("import report %q", txt)
	}
	ts := h2.storedTours(t)
	if len(ts) != 1 || ts[0].Title.DE != "Gründung und Bruch" || ts[0].Intro.DE != "Drei Stationen." || len(ts[0].Stops) != 3 {
		t.Fatalf("imported %+v", ts)
	}
	for k, s := range stops {
		if ts[0].Stops[k] != s {
			t.Errorf("imported stop %d = %+v, want %+v", k+1, ts[0].Stops[k], s)
		}
	}
	if h2.tp.ed.tour.ID != ts[0].ID {
		t.Error("the imported tour is not opened")
	}
	// The same file again adds nothing.
	f, _ = os.Open(file)
	h2.tp.importFrom("stunde.aitour.json", f)
	h2.flush()
	if txt := h2.topText(t); !strings.Contains(txt, "already among your tours") {
		t.Errorf("second import: %q", txt)
	}
	if len(h2.storedTours(t)) != 1 {
		t.Error("the second import added a tour")
	}
	// Exported for TimelineJS from the English window: what was written in
	// German only stands in for the missing English.
	dir2 := t.TempDir()
	h2.S.Prefs.SetString(prefExportDir, dir2)
	h2.tp.ed.exportMenu.Items[1].Action()
	h2.saveAs(t, "en.json")
	en, _ := os.ReadFile(filepath.Join(dir2, "en.json"))
	doc.Title.Text.Headline, doc.Events = "", nil
	if err := json.Unmarshal(en, &doc); err != nil || doc.Title.Text.Headline != "Gründung und Bruch" || !strings.Contains(doc.Events[0].Text.Text, "Start here.") ||
		!strings.Contains(doc.Events[2].Text.Text, "Klage lesen") {
		t.Errorf("English TimelineJS of a German tour (%v):\n%s", err, en)
	}
}

func TestTourImportHostileFilesChangeNothing(t *testing.T) {
	h := newTourHarness(t, data.DE, func(nb *userdb.Notebook) {
		nb.CreateTour(context.Background(), userdb.Tour{Title: data.Text{DE: "Meine"}, Stops: []userdb.Stop{{EventID: "2015-12-11-openai-founded"}}})
	})
	h.tp.Show()
	ctx := context.Background()
	var before bytes.Buffer
	h.nb.ExportJSON(ctx, &before)
	tour := func(version int, events ...string) string {
		var st []string
		for _, e := range events {
			st = append(st, `{"event":"`+e+`"}`)
		}
		return `{"format":"aitimeline-tour","version":` + strconv.Itoa(version) + `,"tour":{"id":"x","title":{"de":"Fremd"},"stops":[` + strings.Join(st, ",") + `]}}`
	}
	for _, c := range []struct{ name, body, want string }{
		{"bad json", `{"format":"aitimeline-tour",`, "kein gültiges JSON"},
		{"newer version", tour(99, "2015-12-11-openai-founded"), "neueren Version"},
		{"unknown events", tour(1, "2015-12-11-openai-founded", "no-such-event", "another-missing"), "no-such-event"},
		{"timelinejs", `{"events":[]}`, "TimelineJS"},
		{"too large", `{"format":"aitimeline-tour","x":"` + strings.Repeat("a", interop.MaxFileSize) + `"}`, "10 MB"},
		{"not utf-8", "{\"format\":\"aitimeline-tour\",\"version\":1,\"tour\":{\"id\":\"x\",\"title\":{\"de\":\"\xff\"}}}", "UTF-8"},
	} {
		h.tp.importFrom(c.name+".aitour.json", readCloser(c.body))
		h.flush()
		txt := h.topText(t)
		if !strings.Contains(txt, "nicht importiert") || !strings.Contains(txt, "unverändert") || !strings.Contains(txt, c.want) {
			t.Errorf("%s: dialog %q", c.name, txt)
		}
		if h.w.Canvas().Overlays().Top() != nil {
			t.Errorf("%s: more than one message", c.name)
		}
	}
	var after bytes.Buffer
	h.nb.ExportJSON(ctx, &after)
	if before.String() != after.String() {
		t.Error("a refused tour file changed the notebook")
	}
	if n := len(h.tp.tours); n != len(BundledTours(h.S.DS))+1 {
		t.Errorf("the list has %d tours", n)
	}
}

func TestTourWithOwnEventReachesExportsAndHandout(t *testing.T) {
	var own userdb.OwnEvent
	h := newTourHarness(t, data.EN, func(nb *userdb.Notebook) {
		var err error
		own, err = nb.AddOwnEvent(context.Background(), userdb.OwnEvent{Date: data.MustDate("2023-05-04"), Category: data.CatPublic,
			Title: data.Text{EN: "Our class visits the museum"}, Sources: []data.Source{{URL: "https://example.org/museum"}}})
		if err != nil {
			t.Fatal(err)
		}
	})
	h.S.TL.Select(h.S.Idx.Find(own.ID))
	h.tp.ShowNewTour()
	nd := h.tp.lastNew
	nd.titleEN.SetText("With a visit")
	nd.create()
	h.flush()
	ts := h.storedTours(t)
	if len(ts) != 1 || len(ts[0].Stops) != 1 || ts[0].Stops[0].EventID != own.ID {
		t.Fatalf("tour from the selected own event: %+v", ts)
	}
	dir := t.TempDir()
	h.S.Prefs.SetString(prefExportDir, dir)
	h.tp.ed.exportMenu.Items[1].Action()
	h.saveAs(t, "visit.json")
	b, _ := os.ReadFile(filepath.Join(dir, "visit.json"))
	if !strings.Contains(string(b), "Our class visits the museum") {
		t.Errorf("TimelineJS without the own event:\n%s", b)
	}
	h.tp.ed.exportMenu.Items[0].Action()
	h.saveAs(t, "visit.aitour.json")
	if st := h.S.Status.Text(); !strings.Contains(st, "1 stop is one of your own events") {
		t.Errorf("status after sharing a tour with an own event: %q", st)
	}
	// Imported elsewhere, the own event is unknown: refused.
	h2 := newTourHarness(t, data.EN)
	f, _ := os.Open(filepath.Join(dir, "visit.aitour.json"))
	h2.tp.importFrom("visit.aitour.json", f)
	h2.flush()
	if txt := h2.topText(t); !strings.Contains(txt, own.ID) || len(h2.storedTours(t)) != 0 {
		t.Errorf("a tour with another notebook's own event: %q", txt)
	}
}

// TestTourScreens renders the Tours tab and the classroom's dialogs to PNG
// files when AITIMELINE_SHOTS names a folder (to look at, and for the README).
func TestTourScreens(t *testing.T) {
	dir := os.Getenv("AITIMELINE_SHOTS")
	if dir == "" {
		t.Skip("set AITIMELINE_SHOTS=folder to render the classroom screens")
	}
	for _, lang := range []data.Lang{data.EN, data.DE} {
		h := newTourHarness(t, lang, func(nb *userdb.Notebook) {
			nb.CreateTour(context.Background(), userdb.Tour{Title: data.Text{EN: "Founding and break", DE: "Gründung und Bruch"},
				Intro: data.Text{EN: "How a shared project became a court case.", DE: "Wie aus einem gemeinsamen Projekt ein Rechtsstreit wurde."},
				Stops: []userdb.Stop{{EventID: "2015-12-11-openai-founded", Note: data.Text{EN: "Ask: what did each side promise?", DE: "Frage: Was hat jede Seite versprochen?"}},
					{EventID: "2018-02-20-musk-leaves-openai-board"}, {EventID: "2024-02-29-musk-sues-openai-state-court", Note: data.Text{DE: "Klageschrift lesen"}}}})
		})
		h.a.Settings().SetTheme(NewTheme(ThemeLight, 1))
		h.w.Resize(fyne.NewSize(1400, 900))
		h.tp.Present = func(string) {}
		h.tp.Show()
		h.flush()
		var own Tour
		for _, x := range h.tp.tours {
			if x.Own {
				own = x
			}
		}
		h.tp.Open(own.ID)
		h.flush()
		save := func(name string) {
			h.w.Content().Refresh()
			img := h.w.Canvas().Capture()
			f, err := os.Create(filepath.Join(dir, name+"-"+string(lang)+".png"))
			if err != nil {
				t.Fatal(err)
			}
			png.Encode(f, img)
			f.Close()
		}
		save("tours-own")
		h.tp.Open(h.tp.tours[0].ID)
		save("tours-bundled")
		h.tp.Open(own.ID)
		h.tp.ShowNewTour()
		save("tours-new")
		h.w.Canvas().Overlays().Remove(h.w.Canvas().Overlays().Top())
		h.pp.ShowHandout(own.ID)
		save("handout-dialog")
		h.w.Canvas().Overlays().Remove(h.w.Canvas().Overlays().Top())
		h.pp.ShowPoster()
		save("poster-dialog")
		h.w.Canvas().Overlays().Remove(h.w.Canvas().Overlays().Top())
		h.pp.ShowImage()
		save("image-dialog")
		h.w.Canvas().Overlays().Remove(h.w.Canvas().Overlays().Top())
		h.ShowTab("timeline")
		h.selectEvent(t, "2023-11-17-altman-fired")
		d := fyne.CurrentApp().Driver()
		if h.tp.ed.detail == nil {
			t.Fatal("no tour section in the detail pane")
		}
		off := d.AbsolutePositionForObject(h.tp.ed.detail).Y - d.AbsolutePositionForObject(h.Detail.scroll).Y + h.Detail.scroll.Offset.Y
		h.Detail.scroll.ScrollToOffset(fyne.NewPos(0, off-40))
		save("detail-tour-section")
		h.tp.Show()
		h.w.Resize(fyne.NewSize(1280, 800)) // the window's first size
		h.tp.ed.showFind()
		test.Type(h.tp.findEntry, "musk")
		h.flush()
		save("tours-find-1280")

		// No notebook: the bundled tours, and why nothing can be made.
		h2 := newHarness(t, lang)
		h2.a.Settings().SetTheme(NewTheme(ThemeLight, 1))
		h2.addClassroom()
		h2.Tours().Show()
		h2.Tours().Open(h2.Tours().tours[0].ID)
		h2.flush()
		h2.w.Content().Refresh()
		img := h2.w.Canvas().Capture()
		f, err := os.Create(filepath.Join(dir, "tours-no-notebook-"+string(lang)+".png"))
		if err != nil {
			t.Fatal(err)
		}
		png.Encode(f, img)
		f.Close()
	}
}

func TestToursMenusKeysAndLanguageSwitch(t *testing.T) {
	h := newTourHarness(t, data.EN)
	labels := map[string]*fyne.MenuItem{}
	for _, m := range h.w.MainMenu().Items {
		for _, it := range m.Items {
			labels[m.Label+" → "+it.Label] = it
		}
	}
	for _, want := range []string{"File → Hand-out …", "File → Poster …", "File → Export view as image …", "View → Tours"} {
		if labels[want] == nil {
			t.Errorf("no menu item %s", want)
		}
	}
	if it := labels["View → Tours"]; it != nil && it.Shortcut != scTours {
		t.Error("View → Tours does not show Ctrl+T")
	}
	h.w.Canvas().Unfocus()
	h.press(scTours)
	if h.SelectedTab() != "tours" {
		t.Errorf("Ctrl+T shows the %s tab", h.SelectedTab())
	}
	var keys []string
	for _, r := range h.KeyHelp() {
		keys = append(keys, r[0]+" "+r[1])
	}
	if k := strings.Join(keys, "\n"); !strings.Contains(k, "Alt+↑ Alt+↓ In a tour: move the selected stop") || !strings.Contains(k, "Ctrl+T") {
		t.Errorf("keyboard help lacks the tour keys:\n%s", k)
	}
	h.tp.Open(h.tp.tours[0].ID)
	h.SetLang(data.DE)
	h.flush()
	de := visibleStrings(h.w)
	for _, want := range []string{"Rundgänge", "Neuer Rundgang …", "Handout …", "Exportieren …", "In meine Rundgänge kopieren", "Mitgeliefert · 12 Stationen",
		h.S.DS.Tours[0].Title.DE} {
		if !strings.Contains(de, want) {
			t.Errorf("German window lacks %q", want)
		}
	}
	for _, gone := range []string{"New tour …", "Comes with the app", "Copy to my tours"} {
		if strings.Contains(de, gone) {
			t.Errorf("German window still shows %q", gone)
		}
	}
}

// typeKey sends a key as the driver does: to the focused widget, else to
// the window.
func (h *harness) typeKey(name fyne.KeyName) {
	c := h.w.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: name})
		return
	}
	if k := c.OnTypedKey(); k != nil {
		k(&fyne.KeyEvent{Name: name})
	}
}

// typeText types as the driver does: to the focused widget, else to the
// window.
func (h *harness) typeText(s string) {
	c := h.w.Canvas()
	for _, r := range s {
		if f := c.Focused(); f != nil {
			f.TypedRune(r)
		} else if tr := c.OnTypedRune(); tr != nil {
			tr(r)
		}
	}
}

// posOf is where o is in the window (the test driver's own answer is
// about its newest window, which need not be this one).
func (h *harness) posOf(t *testing.T, o fyne.CanvasObject) fyne.Position {
	t.Helper()
	var walk func(c fyne.CanvasObject, at fyne.Position) (fyne.Position, bool)
	walk = func(c fyne.CanvasObject, at fyne.Position) (fyne.Position, bool) {
		if c == nil || !c.Visible() {
			return at, false
		}
		at = at.Add(c.Position())
		if c == o {
			return at, true
		}
		var kids []fyne.CanvasObject
		if x, ok := c.(*fyne.Container); ok {
			kids = x.Objects
		} else if w, ok := c.(fyne.Widget); ok {
			kids = test.WidgetRenderer(w).Objects()
		}
		for _, k := range kids {
			if p, ok := walk(k, at); ok {
				return p, true
			}
		}
		return at, false
	}
	p, ok := walk(h.w.Content(), fyne.Position{})
	if !ok {
		t.Fatalf("%T is not shown in the window", o)
	}
	return p
}

// clickStop clicks row k of the stop list as the GL driver does: the
// deepest tappable object under the pointer gets the tap, and the focus
// stays where it is (a focusable parent, the list, is under the pointer).
// Fyne's own list row would then focus its list, but it looks the canvas
// up by the embedded *widget.List, which the GL driver's canvas cache does
// not hold (it holds the *stopList): there the row only selects. The test
// driver finds the window for any object, so for Fyne's row this helper
// does what the GL driver does: select.
func (h *tourHarness) clickStop(t *testing.T, k int) {
	t.Helper()
	d := fyne.CurrentApp().Driver()
	type hit struct {
		o   fyne.Tappable
		pos fyne.Position
	}
	var rows [][]hit // the tappable objects of each row, outermost first
	walkObjects(h.tp.ed.stops, func(o fyne.CanvasObject) {
		tp, ok := o.(fyne.Tappable)
		if !ok || !o.Visible() || o == fyne.CanvasObject(h.tp.ed.stops) {
			return
		}
		p := d.AbsolutePositionForObject(o)
		for r := range rows {
			if q := rows[r][0].pos; p.Y >= q.Y && p.Y < q.Y+rows[r][0].o.(fyne.CanvasObject).Size().Height {
				rows[r] = append(rows[r], hit{tp, p})
				return
			}
		}
		rows = append(rows, []hit{{tp, p}})
	})
	slices.SortFunc(rows, func(a, b []hit) int { return int(a[0].pos.Y - b[0].pos.Y) })
	if k >= len(rows) {
		t.Fatalf("the stop list shows %d rows, not row %d", len(rows), k+1)
	}
	deepest := rows[k][len(rows[k])-1].o
	if fmt.Sprintf("%T", deepest) == "*widget.listItem" {
		h.tp.ed.stops.Select(k)
		return
	}
	deepest.Tapped(&fyne.PointEvent{Position: fyne.NewPos(20, 10)})
}

// TestTourStopClickAfterTypingTakesTheKeys: a teacher types in a field,
// clicks a stop (another one, or the one whose note it is), and then
// Alt+↓ moves that stop and Delete removes it; the keys do not edit the
// field.
func TestTourStopClickAfterTypingTakesTheKeys(t *testing.T) {
	stops := []userdb.Stop{{EventID: "2015-12-11-openai-founded"}, {EventID: "2018-02-20-musk-leaves-openai-board"},
		{EventID: "2024-02-29-musk-sues-openai-state-court"}, {EventID: "2023-11-17-altman-fired"}}
	h := newTourHarness(t, data.EN, func(nb *userdb.Notebook) {
		nb.CreateTour(context.Background(), userdb.Tour{Title: data.Text{EN: "Lesson"}, Stops: stops})
	})
	h.w.Resize(fyne.NewSize(1280, 800))
	h.tp.Show()
	h.flush()
	h.tp.Open(h.storedTours(t)[0].ID)
	h.flush()
	ed := h.tp.ed
	for _, c := range []struct {
		name  string
		field *widget.Entry
		click int // the stop clicked after typing (the note's stop is 0)
	}{
		{"note, same stop", ed.noteEN, 0},
		{"note, another stop", ed.noteDE, 1},
		{"intro, another stop", ed.introDE, 1},
	} {
		ed.stops.Select(0)
		h.w.Canvas().Focus(c.field)
		h.typeText("Ask")
		typed := c.field.Text
		if !strings.HasSuffix(typed, "Ask") {
			t.Fatalf("%s: typing into the focused field gave %q", c.name, typed)
		}
		c.field.CursorColumn = 1 // Delete would remove the "s"
		before := stopIDs(h.storedTours(t)[0].Stops)
		h.clickStop(t, c.click)
		if ed.sel != c.click {
			t.Fatalf("%s: clicking stop %d selected %d", c.name, c.click+1, ed.sel+1)
		}
		if f := h.w.Canvas().Focused(); f != fyne.Focusable(ed.stops) {
			t.Errorf("%s: after a click on a stop the keyboard is with %T, not the stop list", c.name, f)
		}
		h.press(altDown)
		h.flush()
		moved := stopIDs(h.storedTours(t)[0].Stops)
		if moved[c.click+1] != before[c.click] {
			t.Errorf("%s: Alt+Down after the click: stops %v, were %v", c.name, moved, before)
		}
		h.typeKey(fyne.KeyDelete)
		h.flush()
		if got := stopIDs(h.storedTours(t)[0].Stops); len(got) != len(before)-1 || slices.Contains(got, before[c.click]) {
			t.Errorf("%s: Delete after the click: stops %v, were %v", c.name, got, moved)
		}
		if w := fmt.Sprint(ed.tour); strings.Contains(w, "Ak") { // Delete in the field after "A"
			t.Errorf("%s: the keys edited the field: %s", c.name, w)
		}
		if c.field == ed.introDE && ed.tour.Intro.DE != typed {
			t.Errorf("%s: intro %q, typed %q", c.name, ed.tour.Intro.DE, typed)
		}
		// The stop back at the start for the next case.
		ed.tour.Stops = ed.tour.Stops[:0]
		for _, id := range before {
			ed.tour.Stops = append(ed.tour.Stops, Stop{EventID: id})
		}
		ed.sel = 0
		ed.afterStops()
		h.flush()
	}
	// The list's own keys go on from the stop clicked: ↓ then Space selects
	// the next one.
	h.w.Canvas().Focus(ed.noteEN)
	h.clickStop(t, 1)
	h.typeKey(fyne.KeyDown)
	h.typeKey(fyne.KeySpace)
	if ed.sel != 2 {
		t.Errorf("a click on stop 2, then ↓ and Space: stop %d is selected, not 3", ed.sel+1)
	}
}

// TestTourFieldsInTheUILanguageOrder: the German window asks for the German
// title first (new-tour dialog and editor: title, intro, note), the English
// one for the English; Enter in a title field of the dialog creates the
// tour.
func TestTourFieldsInTheUILanguageOrder(t *testing.T) {
	for _, c := range []struct {
		lang   data.Lang
		title  string
		stored func(userdb.Tour) string
	}{
		{data.DE, "Die Krise", func(t userdb.Tour) string { return t.Title.DE }},
		{data.EN, "The crisis", func(t userdb.Tour) string { return t.Title.EN }},
	} {
		h := newTourHarness(t, c.lang)
		h.tp.Show()
		h.S.TL.Select(h.S.Idx.Find("2015-12-11-openai-founded")) // a stop, for the note fields
		h.tp.ShowNewTour()
		nd := h.tp.lastNew
		first, second := nd.titleEN, nd.titleDE
		if c.lang == data.DE {
			first, second = nd.titleDE, nd.titleEN
		}
		if f := h.w.Canvas().Focused(); f != fyne.Focusable(first) {
			t.Errorf("%s: the dialog starts in %T, not the %s title", c.lang, f, c.lang)
		}
		d := fyne.CurrentApp().Driver()
		if p, q := d.AbsolutePositionForObject(first), d.AbsolutePositionForObject(second); p.Y >= q.Y {
			t.Errorf("%s: the %s title is not asked for first (y %v, other %v)", c.lang, c.lang, p.Y, q.Y)
		}
		h.w.Canvas().Focus(first)
		h.typeText(c.title)
		h.typeKey(fyne.KeyReturn)
		h.flush()
		ts := h.storedTours(t)
		if len(ts) != 1 || c.stored(ts[0]) != c.title {
			t.Fatalf("%s: Enter in the title field: tours %+v", c.lang, ts)
		}
		if h.w.Canvas().Overlays().Top() != nil {
			t.Errorf("%s: the dialog stays open after Enter", c.lang)
		}
		// Enter in the other title field creates one too.
		h.tp.ShowNewTour()
		h.w.Canvas().Focus(h.tp.lastNew.titleEN)
		h.typeText("Second")
		h.typeKey(fyne.KeyReturn)
		h.flush()
		if n := len(h.storedTours(t)); n != 2 {
			t.Errorf("%s: Enter in the second title field: %d tours", c.lang, n)
		}
		// Enter with no title says why and creates nothing.
		h.tp.ShowNewTour()
		h.w.Canvas().Focus(h.tp.lastNew.titleDE)
		h.typeKey(fyne.KeyReturn)
		h.flush()
		if n := len(h.storedTours(t)); n != 2 || !h.tp.lastNew.problem.Visible() {
			t.Errorf("%s: Enter without a title: %d tours, problem shown %v", c.lang, n, h.tp.lastNew.problem.Visible())
		}
		h.w.Canvas().Overlays().Remove(h.w.Canvas().Overlays().Top())

		// The editor: the UI language's column on the left.
		ed := h.tp.ed
		h.w.Resize(fyne.NewSize(1280, 800))
		h.flush()
		for _, p := range [][2]*widget.Entry{{ed.titleEN, ed.titleDE}, {ed.introEN, ed.introDE}, {ed.noteEN, ed.noteDE}} {
			en, de := h.posOf(t, p[0]).X, h.posOf(t, p[1]).X
			if (c.lang == data.DE) != (de < en) {
				t.Errorf("%s: editor columns: English at x %v, German at x %v", c.lang, en, de)
			}
		}
		// A language switch swaps them.
		other := data.EN
		if c.lang == data.EN {
			other = data.DE
		}
		h.SetLang(other)
		h.flush()
		if en, de := h.posOf(t, ed.noteEN).X, h.posOf(t, ed.noteDE).X; (other == data.DE) != (de < en) {
			t.Errorf("%s → %s: note columns not swapped: English at x %v, German at x %v", c.lang, other, en, de)
		}
		if !strings.Contains(objectStrings(ed.editBox), map[data.Lang]string{data.DE: "Titel (Deutsch)", data.EN: "Title (German)"}[other]) {
			t.Errorf("%s → %s: captions %q", c.lang, other, objectStrings(ed.editBox))
		}
	}
}
