package ui

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/data/userdb"
)

// nbHarness is the main window with a notebook in a temporary file.
type nbHarness struct {
	*harness
	p    *NotebookPane
	nb   *userdb.Notebook
	path string
}

func newNBHarness(t *testing.T, lang data.Lang, prepare ...func(nb *userdb.Notebook)) *nbHarness {
	t.Helper()
	path := filepath.Join(t.TempDir(), "notebook.db")
	nb, err := userdb.Open(context.Background(), path, userdb.Options{Author: "Ada Test", NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nb.Close() })
	for _, f := range prepare {
		f(nb)
	}
	h := newHarness(t, lang)
	p := h.AttachNotebook(nb)
	h.flush()
	return &nbHarness{harness: h, p: p, nb: nb, path: path}
}

// selectEvent selects the dataset event id and waits for the detail pane.
func (h *nbHarness) selectEvent(t *testing.T, id string) int {
	t.Helper()
	i := h.S.Idx.Find(id)
	if i < 0 {
		t.Fatalf("no event %s", id)
	}
	h.S.TL.SelectAndReveal(i)
	h.flush()
	if h.p.editor == nil || h.p.editor.target.ID != id {
		t.Fatalf("the detail pane has no note editor for %s", id)
	}
	return i
}

func (h *nbHarness) noteOn(t *testing.T, id string) string {
	t.Helper()
	n, ok, err := h.nb.Note(context.Background(), userdb.EventTarget(id))
	if err != nil {
		t.Fatal(err)
	}
	if !ok || !n.Deleted.IsZero() {
		return ""
	}
	return n.Body
}

func TestNoteIsSavedAsYouTypeAndAtOnceOnSelectionChange(t *testing.T) {
	h := newNBHarness(t, data.EN)
	a, b := h.ds.Events[10].ID, h.ds.Events[11].ID
	h.selectEvent(t, a)
	if !strings.Contains(h.detailText(), "Your notebook") {
		t.Fatalf("detail pane has no notebook section:\n%s", h.detailText())
	}
	ed := h.p.editor
	ed.Edit()
	test.Type(ed.entry, "Musk **alleged** a breach.")
	// Flush waits for the autosave timer, so the note is saved about a
	// second after the last key without anything else happening.
	h.flush()
	if got := h.noteOn(t, a); got != "Musk **alleged** a breach." {
		t.Fatalf("after the autosave the note is %q", got)
	}
	if !strings.Contains(ed.state.String(), "Saved at") {
		t.Errorf("editor state %q does not say it saved", ed.state.String())
	}
	// More words, then at once another event: saved without waiting for
	// the timer (WaitSaves waits for writes only, not for the timer).
	test.Type(ed.entry, " OpenAI replied.")
	h.S.TL.SelectAndReveal(h.S.Idx.Find(b))
	if !h.q.WaitSaves(5 * time.Second) {
		t.Fatal("save did not finish")
	}
	if got := h.noteOn(t, a); got != "Musk **alleged** a breach. OpenAI replied." {
		t.Fatalf("a selection change did not save at once: %q", got)
	}
	h.flush()
	// The event carries its badge in the list and on the timeline.
	ia := h.S.Idx.Find(a)
	if got := h.List.Annotation(ia); !strings.Contains(got, "✎") {
		t.Errorf("list badge of the annotated event = %q", got)
	}
	if !h.p.Annotated(a) || h.p.Annotated(b) {
		t.Errorf("annotated: %v %v", h.p.Annotated(a), h.p.Annotated(b))
	}
	// Back on a: the note is rendered from Markdown.
	h.selectEvent(t, a)
	if txt := h.detailText(); !strings.Contains(txt, "Musk alleged a breach. OpenAI replied.") {
		t.Errorf("rendered note missing:\n%s", txt)
	}
}

func TestNoteSavedOnFocusLossAndOnClose(t *testing.T) {
	h := newNBHarness(t, data.EN)
	a := h.ds.Events[20].ID
	h.selectEvent(t, a)
	ed := h.p.editor
	ed.Edit()
	test.Type(ed.entry, "first words")
	ed.entry.FocusLost()
	if !h.q.WaitSaves(5 * time.Second) {
		t.Fatal("save did not finish")
	}
	if got := h.noteOn(t, a); got != "first words" {
		t.Fatalf("focus loss did not save: %q", got)
	}
	test.Type(ed.entry, " and last words")
	h.Close() // the window closes with a note being typed
	if !h.q.WaitSaves(5 * time.Second) {
		t.Fatal("save did not finish")
	}
	// Another process would find every word in the file.
	nb2, err := userdb.Open(context.Background(), h.path, userdb.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer nb2.Close()
	n, ok, err := nb2.Note(context.Background(), userdb.EventTarget(a))
	if err != nil || !ok || n.Body != "first words and last words" {
		t.Fatalf("after close the file has %q (%v %v)", n.Body, ok, err)
	}
	if n.Label.Title.EN == "" || n.Label.Date.IsZero() {
		t.Errorf("the note does not remember its event's title and date: %+v", n.Label)
	}
}

func TestDeleteNoteCanBeUndone(t *testing.T) {
	h := newNBHarness(t, data.DE)
	a := h.ds.Events[30].ID
	h.selectEvent(t, a)
	ed := h.p.editor
	ed.Edit()
	test.Type(ed.entry, "Notiz")
	ed.finish()
	h.flush()
	ed.delete()
	h.flush()
	if h.noteOn(t, a) != "" || h.p.Annotated(a) {
		t.Fatal("the note was not deleted")
	}
	if st := h.S.Status.Text(); !strings.Contains(st, "Notiz gelöscht") || !strings.Contains(st, "Strg+Z") {
		t.Errorf("status %q does not offer undo", st)
	}
	h.p.Undo()
	h.flush()
	if h.noteOn(t, a) != "Notiz" {
		t.Fatalf("undo did not bring the note back: %q", h.noteOn(t, a))
	}
	if !h.p.Annotated(a) {
		t.Error("the restored note has no badge")
	}
	if txt := h.detailText(); strings.Contains(txt, "Noch keine Notiz") || !strings.Contains(txt, "Notiz") {
		t.Errorf("the detail pane does not show the restored note:\n%s", txt)
	}
	// Ctrl+Z outside a text field arrives as Fyne's undo shortcut. The
	// note's field had the focus while it was written; deleting gives it
	// back to the timeline, else the hidden field would take Ctrl+Z.
	ed = h.p.editor
	ed.Edit()
	h.w.Canvas().Focus(ed.entry)
	ed.delete()
	h.flush()
	if f := h.w.Canvas().Focused(); f != h.S.TL {
		t.Errorf("after deleting, the focus is on %T, not the timeline", f)
	}
	type shortcutCanvas interface{ TypedShortcut(fyne.Shortcut) }
	if c, ok := h.w.Canvas().(shortcutCanvas); ok {
		c.TypedShortcut(&fyne.ShortcutUndo{})
		h.flush()
		if h.noteOn(t, a) != "Notiz" {
			t.Error("Ctrl+Z did not undo the deletion")
		}
	}
}

func TestStarFlagTagsFilterAndBadges(t *testing.T) {
	h := newNBHarness(t, data.EN)
	a, b := h.ds.Events[40].ID, h.ds.Events[41].ID
	h.selectEvent(t, a)
	h.p.ToggleStarSelected()
	h.p.setFlag(a, userdb.FlagRed)
	h.p.addTag(a, "Beweis")
	h.p.addTag(b, "beweisbar")
	h.flush()
	ctx := context.Background()
	ann, err := h.nb.Annotation(ctx, a)
	if err != nil || !ann.Starred || ann.Flag != userdb.FlagRed || len(ann.Tags) != 1 || ann.Tags[0] != "Beweis" {
		t.Fatalf("stored annotation %+v %v", ann, err)
	}
	badge := h.List.Annotation(h.S.Idx.Find(a))
	for _, want := range []string{"★", "#Beweis", "⚑"} {
		if !strings.Contains(badge, want) {
			t.Errorf("badge %q lacks %q", badge, want)
		}
	}
	// Tag suggestions come from every tag in use, matched at a word start.
	if got := h.p.suggestTags("bew", nil, 5); len(got) != 2 {
		t.Errorf("suggestions for bew: %v", got)
	}
	if got := h.p.suggestTags("bew", []string{"Beweis"}, 5); len(got) != 1 || got[0] != "beweisbar" {
		t.Errorf("suggestions leave out the event's own tags: %v", got)
	}
	for _, c := range []struct {
		name string
		f    Filter
		want []string
	}{
		{"starred", Filter{Starred: true}, []string{a}},
		{"annotated", Filter{Annotated: true}, []string{a, b}},
		{"tag", Filter{Tags: map[string]bool{"beweis": true}}, []string{a}},
	} {
		h.S.SetFilter(c.f)
		var got []string
		for _, i := range h.S.Matched() {
			got = append(got, h.S.Idx.ID(i))
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%s filter keeps %v, want %v", c.name, got, c.want)
		}
	}
	// Unstarring takes the event out of a starred filter at once.
	h.S.SetFilter(Filter{Starred: true})
	h.p.setStar(a, false)
	h.flush()
	if len(h.S.Matched()) != 0 {
		t.Errorf("unstarred event still kept by the starred filter")
	}
	if ann, _ := h.nb.Annotation(ctx, a); ann.Starred {
		t.Error("unstar not stored")
	}
}

func TestOwnEventFromTheEditorAppearsEverywhere(t *testing.T) {
	h := newNBHarness(t, data.EN)
	n0 := h.S.Idx.Len()
	h.p.ShowOwnEventEditor(userdb.OwnEvent{})
	f := h.lastForm(t)
	f.date.SetText("5.3.2024")
	f.titleEN.SetText("Zebra hearing in a test court")
	f.summaryEN.SetText("A made-up event for the test.")
	// A javascript: link is refused with a clear message; nothing is saved.
	f.srcRows[0].url.SetText("javascript:alert(1)")
	f.submit()
	h.flush()
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "http://") {
		t.Fatalf("bad URL: problem %q", f.problem.Text)
	}
	if evs, _ := h.nb.OwnEvents(context.Background()); len(evs) != 0 {
		t.Fatal("an own event with a javascript: source was saved")
	}
	f.srcRows[0].url.SetText("https://example.org/zebra")
	f.people["elon-musk"] = true
	f.submit()
	h.flush()
	evs, _ := h.nb.OwnEvents(context.Background())
	if len(evs) != 1 || evs[0].Date.String() != "2024-03-05" || evs[0].Sources[0].Publisher != "example.org" {
		t.Fatalf("stored own events %+v", evs)
	}
	id := evs[0].ID
	i := h.S.Idx.Find(id)
	if h.S.Idx.Len() != n0+1 || i < 0 || !h.S.Idx.Own(i) {
		t.Fatalf("own event not in the window's index (len %d→%d, at %d)", n0, h.S.Idx.Len(), i)
	}
	if h.S.TL.Selected() != i {
		t.Errorf("the new event is not selected (selected %d, want %d)", h.S.TL.Selected(), i)
	}
	if txt := h.detailText(); !strings.Contains(txt, "Your own event") || !strings.Contains(txt, "Zebra hearing") ||
		!strings.Contains(txt, "example.org") || !strings.Contains(txt, "Elon Musk") || strings.Contains(txt, "status.") {
		t.Errorf("detail pane of an own event (its source, its people, no raw keys):\n%s", txt)
	}
	// Search finds it by a word of its summary (through the notebook's index).
	test.Type(h.Search.Entry(), "made-up")
	h.flush()
	found := false
	for _, r := range h.List.Rows() {
		found = found || r == i
	}
	if !found {
		t.Errorf("search did not find the own event; rows %v", h.List.Rows())
	}
	h.Search.Entry().SetText("")
	h.flush()
	// The filter for own events keeps only it; one by person keeps it too.
	h.S.SetFilter(Filter{Own: true})
	if m := h.S.Matched(); len(m) != 1 || m[0] != i {
		t.Errorf("own filter keeps %v", m)
	}
	h.S.SetFilter(Filter{People: map[string]bool{"elon-musk": true}})
	if m := h.S.Match(); m == nil || !m(i) {
		t.Error("the person filter does not keep the own event with that person")
	}
	h.S.SetFilter(Filter{})
	// A dataset export never contains it.
	out := filepath.Join(t.TempDir(), "all.json")
	if _, err := h.Export.Export(out, "json", ScopeAll)(context.Background()); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	if strings.Contains(string(b), id) || strings.Contains(string(b), "Zebra") {
		t.Error("the dataset export contains the own event")
	}
	// Deleting it takes it off the timeline; undo brings it back.
	h.p.deleteOwn(evs[0])
	h.flush()
	if h.S.Idx.Find(id) >= 0 {
		t.Fatal("deleted own event still shown")
	}
	h.p.Undo()
	h.flush()
	if h.S.Idx.Find(id) < 0 {
		t.Fatal("undo did not bring the own event back")
	}
}

// lastForm is the own-event form the test opened (from the overlay).
func (h *nbHarness) lastForm(t *testing.T) *ownEventForm {
	t.Helper()
	if h.p.lastForm == nil {
		t.Fatal("no own event form open")
	}
	return h.p.lastForm
}

func TestOwnEventFormSaysWhatIsWrong(t *testing.T) {
	h := newNBHarness(t, data.DE)
	h.p.ShowOwnEventEditor(userdb.OwnEvent{})
	f := h.lastForm(t)
	for _, c := range []struct {
		date, end, title, url, want string
	}{
		{"", "", "T", "https://a.example/", "Bitte geben Sie ein Datum ein: 2024, 3.2024 oder 5.3.2024."},
		{"  ", "", "T", "https://a.example/", "Bitte geben Sie ein Datum ein"},
		{"31.2.2024", "", "T", "https://a.example/", "kein Datum"},
		{"2024", "2023", "T", "https://a.example/", "Enddatum liegt vor"},
		{"2024", "", "", "https://a.example/", "Titel"},
		{"2024", "", "T", "", "mindestens eine Quelle"},
		{"2024", "", "T", "file:///etc/passwd", "http://"},
	} {
		f.date.SetText(c.date)
		f.end.SetText(c.end)
		f.titleDE.SetText(c.title)
		f.srcRows[0].url.SetText(c.url)
		_, problem := f.read()
		if !strings.Contains(problem, c.want) {
			t.Errorf("%+v: problem %q, want it to mention %q", c, problem, c.want)
		}
	}
}

func TestNotebookTabListsAndFilters(t *testing.T) {
	var own userdb.OwnEvent
	h := newNBHarness(t, data.EN, func(nb *userdb.Notebook) {
		ctx := context.Background()
		nb.SaveNote(ctx, userdb.EventTarget("event-that-was-removed"), "kept although the event is gone",
			userdb.Label{Title: data.Text{EN: "A removed event"}, Date: data.Date{Year: 2019, Precision: data.Year}})
		nb.SaveNote(ctx, userdb.PersonTarget("sam-altman"), "on Altman", userdb.Label{})
		nb.AddTag(ctx, "2015-12-11-openai-founded", "origin")
		var err error
		own, err = nb.AddOwnEvent(ctx, userdb.OwnEvent{Date: data.Date{Year: 2022, Precision: data.Year}, Category: data.CatPublic,
			Title: data.Text{EN: "My own thing"}, Sources: []data.Source{{URL: "https://example.org/x"}}})
		if err != nil {
			t.Fatal(err)
		}
	})
	h.ShowTab("notebook")
	h.flush()
	tab := h.p.tab
	rows := tab.Rows()
	kinds := map[string]nbRow{}
	for _, r := range rows {
		kinds[r.target.ID] = r
	}
	if len(rows) != 4 {
		t.Fatalf("rows %+v", rows)
	}
	if r := kinds["event-that-was-removed"]; !r.orphan || r.title != "A removed event" || r.note == "" {
		t.Errorf("orphaned note row %+v", r)
	}
	if r := kinds[own.ID]; !r.own || r.title != "My own thing" {
		t.Errorf("own event row %+v", r)
	}
	if r := kinds["sam-altman"]; r.target.Kind != userdb.KindPerson || r.title != "Sam Altman" {
		t.Errorf("person row %+v", r)
	}
	tab.tag.SetSelected("origin")
	h.flush()
	if rows := tab.Rows(); len(rows) != 1 || rows[0].target.ID != "2015-12-11-openai-founded" {
		t.Errorf("tag filter: %+v", rows)
	}
	tab.tag.SetSelectedIndex(0)
	tab.kind.SetSelectedIndex(5) // no longer in the dataset
	h.flush()
	if rows := tab.Rows(); len(rows) != 1 || !rows[0].orphan {
		t.Errorf("orphans: %+v", rows)
	}
	tab.kind.SetSelectedIndex(0)
	tab.text.SetText("altman")
	h.flush()
	if rows := tab.Rows(); len(rows) != 1 || rows[0].target.ID != "sam-altman" {
		t.Errorf("text filter: %+v", rows)
	}
	// Opening the own event's row shows it on the timeline.
	tab.text.SetText("")
	h.flush()
	for k, r := range tab.Rows() {
		if r.own {
			tab.list.Select(k)
		}
	}
	h.flush()
	if h.SelectedTab() != "timeline" || h.S.TL.Selected() != h.S.Idx.Find(own.ID) {
		t.Errorf("opening the own event's row: tab %s, selected %d", h.SelectedTab(), h.S.TL.Selected())
	}
}

func TestNotesSearchFindsEventsByTheirNotes(t *testing.T) {
	h := newNBHarness(t, data.DE, func(nb *userdb.Notebook) {
		nb.SaveNote(context.Background(), userdb.EventTarget("2015-12-11-openai-founded"), "Gründungsmythos prüfen", userdb.Label{})
	})
	test.Type(h.Search.Entry(), "grundungsmythos")
	h.flush()
	i := h.S.Idx.Find("2015-12-11-openai-founded")
	if rows := h.List.Rows(); len(rows) != 1 || rows[0] != i {
		t.Errorf("search over notes (umlaut folded) gave rows %v, want [%d]", rows, i)
	}
}

func TestDatasetUpdateIsReportedAndShown(t *testing.T) {
	h := newNBHarness(t, data.EN, func(nb *userdb.Notebook) {
		// The notebook saw an older dataset without "2015-12-11-openai-founded" and
		// with an event that is gone now.
		stamps := []userdb.EventStamp{{ID: "gone-event", Title: data.Text{EN: "Gone"}, Date: data.Date{Year: 2016, Precision: data.Year}}}
		if _, err := nb.DatasetChanged(context.Background(), "2020.01.01", stamps); err != nil {
			t.Fatal(err)
		}
	})
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog about the dataset update")
	}
	txt := objectStrings(top)
	if !strings.Contains(txt, "2020.01.01") || !strings.Contains(txt, "1 event removed") {
		t.Fatalf("dialog:\n%s", txt)
	}
	var show *widget.Button
	walkObjects(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Show new and changed" {
			show = b
		}
	})
	if show == nil {
		t.Fatal("no button to show the changes")
	}
	test.Tap(show)
	h.flush()
	f := h.S.Filter()
	if f.IDs == nil || !f.IDs["2015-12-11-openai-founded"] || len(h.S.Matched()) != h.S.Idx.Len() {
		t.Errorf("filter after show: %d IDs, %d matched of %d", len(f.IDs), len(h.S.Matched()), h.S.Idx.Len())
	}
}

func walkObjects(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	f(o)
	if c, ok := o.(*fyne.Container); ok {
		for _, ch := range c.Objects {
			walkObjects(ch, f)
		}
	} else if w, ok := o.(fyne.Widget); ok {
		for _, ch := range test.WidgetRenderer(w).Objects() {
			walkObjects(ch, f)
		}
	}
}

func TestReadOnlyNotebookCannotBeWritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nb.db")
	nb, err := userdb.Open(context.Background(), path, userdb.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	nb.SaveNote(context.Background(), userdb.EventTarget("2015-12-11-openai-founded"), "old note", userdb.Label{})
	nb.Close()
	ro, err := userdb.Open(context.Background(), path, userdb.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	h := newHarness(t, data.EN)
	p := h.AttachNotebook(ro)
	h.flush()
	h.S.TL.SelectAndReveal(h.S.Idx.Find("2015-12-11-openai-founded"))
	h.flush()
	if !strings.Contains(h.detailText(), "old note") {
		t.Fatalf("read-only notebook's note not shown:\n%s", h.detailText())
	}
	p.editor.Edit()
	if p.editor.editing {
		t.Error("a read-only note opened for editing")
	}
	for _, it := range p.MenuItems("file") {
		if it.Label == "Add own event …" && !it.Disabled {
			t.Error("Add own event is enabled on a read-only notebook")
		}
	}
}

func TestDetectImport(t *testing.T) {
	for _, c := range []struct {
		name, body string
		want       ImportKind
	}{
		{"a.json", `{"format":"aitimeline-notebook","version":1}`, ImportNotebook},
		{"a.json", "\uFEFF" + `{"events":[]}`, ImportTimelineJS},
		{"a.json", `{"format":"aitimeline-notebook", broken`, ImportNotebook},
		{"a.json", `{"title":"x"}`, ImportUnknown},
		{"a.csv", "date,category\n", ImportOwnCSV},
		{"a.txt", "hello", ImportUnknown},
	} {
		if got := DetectImport(c.name, []byte(c.body)); got != c.want {
			t.Errorf("%s %q: %v, want %v", c.name, c.body, got, c.want)
		}
	}
}

func TestImportRefusedFileChangesNothingAndSaysWhy(t *testing.T) {
	h := newNBHarness(t, data.DE)
	ctx := context.Background()
	h.nb.SaveNote(ctx, userdb.EventTarget("2015-12-11-openai-founded"), "meine", userdb.Label{})
	var before strings.Builder
	h.nb.ExportJSON(ctx, &before)
	for _, body := range []string{`{"format":"aitimeline-notebook","version":99}`, `{"events":[{"start_date":`, `not json`} {
		h.p.importFrom("x.json", readCloser(body))
		h.flush()
		txt := objectStrings(h.w.Canvas().Overlays().Top())
		if !strings.Contains(txt, "nicht importiert") || !strings.Contains(txt, "unverändert") {
			t.Errorf("%s: dialog %q", body, txt)
		}
		h.w.Canvas().Overlays().Remove(h.w.Canvas().Overlays().Top())
	}
	var after strings.Builder
	h.nb.ExportJSON(ctx, &after)
	if before.String() != after.String() {
		t.Error("a refused import changed the notebook")
	}
	// A colleague's export comes in under their name.
	doc := map[string]any{"format": "aitimeline-notebook", "version": 1, "author": "Bea",
		"notes": []map[string]any{{"target": "event", "id": "2015-12-11-openai-founded", "author": "Bea", "body": "ihre Notiz",
			"created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z"}}}
	b, _ := json.Marshal(doc)
	h.p.importFrom("bea.json", readCloser(string(b)))
	h.flush()
	h.tapOverlayButton(t, "Von jemand anderem")
	h.flush()
	if txt := objectStrings(h.w.Canvas().Overlays().Top()); !strings.Contains(txt, "neu: 1") {
		t.Errorf("report: %q", txt)
	}
	h.selectEvent(t, "2015-12-11-openai-founded")
	h.flush()
	if txt := h.detailText(); !strings.Contains(txt, "Notiz von Bea") || !strings.Contains(txt, "ihre Notiz") || !strings.Contains(txt, "meine") {
		t.Errorf("colleague's note not shown beside mine:\n%s", txt)
	}
}

type stringRC struct{ *strings.Reader }

func (stringRC) Close() error { return nil }

func readCloser(s string) stringRC { return stringRC{strings.NewReader(s)} }

func TestSafeMarkdownDropsDangerousLinks(t *testing.T) {
	rt := safeMarkdown("see [x](javascript:alert(1)) and [y](file:///etc/passwd) and [z](https://example.org) ![img](http://evil.example/a.png)\n\n- [w](javascript:void)")
	var links []string
	var walk func(segs []widget.RichTextSegment)
	walk = func(segs []widget.RichTextSegment) {
		for _, s := range segs {
			switch x := s.(type) {
			case *widget.HyperlinkSegment:
				links = append(links, x.URL.String())
			case *widget.ImageSegment:
				links = append(links, "image:"+x.Source.String())
			case *widget.ParagraphSegment:
				walk(x.Texts)
			case *widget.ListSegment:
				walk(x.Items)
			}
		}
	}
	walk(rt.Segments)
	if strings.Join(links, " ") != "https://example.org" {
		t.Errorf("links left: %v", links)
	}
	if txt := objectStrings(rt); !strings.Contains(txt, "see x and y") || !strings.Contains(txt, "w") || !strings.Contains(txt, "evil.example") {
		t.Errorf("the text of refused links is lost: %q", rt.String())
	}
}

func TestCiteThisEventCopiesTheEventsCitation(t *testing.T) {
	h := newNBHarness(t, data.DE, func(nb *userdb.Notebook) {
		nb.AddOwnEvent(context.Background(), userdb.OwnEvent{Date: data.Date{Year: 2022, Precision: data.Year}, Category: data.CatPublic,
			Title: data.Text{DE: "Eigenes"}, Sources: []data.Source{{URL: "https://example.org/x"}}})
	})
	id := "2015-12-11-openai-founded"
	h.selectEvent(t, id)
	var cite *widget.Button
	walkObjects(h.Detail.root, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Ereignis zitieren" {
			cite = b
		}
	})
	if cite == nil {
		t.Fatal("no Cite this event button")
	}
	test.Tap(cite)
	got := h.a.Clipboard().Content()
	for _, want := range []string{"Zeitleiste des KI-Konflikts", h.ds.Meta.Version, id, "abgerufen am"} {
		if !strings.Contains(got, want) {
			t.Errorf("citation %q lacks %q", got, want)
		}
	}
	// An own event is not the dataset's: no such button.
	evs, _ := h.nb.OwnEvents(context.Background())
	h.S.TL.SelectAndReveal(h.S.Idx.Find(evs[0].ID))
	h.flush()
	walkObjects(h.Detail.root, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Ereignis zitieren" {
			t.Error("an own event offers a dataset citation")
		}
	})
}

func TestNoteShortcutRightAfterSelecting(t *testing.T) {
	h := newNBHarness(t, data.EN)
	i := h.S.Idx.Find("2015-12-11-openai-founded")
	h.S.TL.SelectAndReveal(i)
	// The key comes before the detail pane has read the event and built
	// its notebook section: the note opens for writing when it is there.
	h.p.EditSelectedNote()
	h.flush()
	if h.p.editor == nil || !h.p.editor.editing {
		t.Fatal("the note did not open for writing")
	}
	// Selecting another event in between forgets the request.
	h.S.TL.SelectAndReveal(i + 1)
	h.flush()
	h.S.TL.SelectAndReveal(i + 2)
	h.p.EditSelectedNote()
	h.S.TL.SelectAndReveal(i + 3)
	h.flush()
	if h.p.editor.editing {
		t.Fatal("a note opened for an event that is no longer selected")
	}
}

func TestSearchHitsAndListsFollowANewOwnEvent(t *testing.T) {
	h := newNBHarness(t, data.EN)
	test.Type(h.Search.Entry(), "Sedol Seoul")
	h.flush()
	rows := h.List.Rows()
	if len(rows) != 1 {
		t.Fatalf("search rows %v", rows)
	}
	id := h.S.Idx.ID(rows[0])
	h.People.Show("sam-altman")
	h.flush()
	var before []string
	for _, i := range h.People.events {
		before = append(before, h.S.Idx.ID(i))
	}
	// An own event dated before everything renumbers every event.
	if _, err := h.nb.AddOwnEvent(context.Background(), userdb.OwnEvent{Date: data.Date{Year: 2014, Precision: data.Year}, Category: data.CatPublic,
		Title: data.Text{EN: "Early"}, Sources: []data.Source{{URL: "https://example.org/early"}}}); err != nil {
		t.Fatal(err)
	}
	h.p.Load(false)
	h.flush()
	if rows := h.List.Rows(); len(rows) != 1 || h.S.Idx.ID(rows[0]) != id {
		t.Fatalf("after the renumbering the search row is %v (%s), want %s", rows, h.S.Idx.ID(rows[0]), id)
	}
	var after []string
	for _, i := range h.People.events {
		after = append(after, h.S.Idx.ID(i))
	}
	if strings.Join(after, ",") != strings.Join(before, ",") {
		t.Fatalf("the person's events changed with the renumbering:\n%v\n%v", before, after)
	}
}

// tapOverlayButton taps the button labelled text in the top dialog.
func (h *nbHarness) tapOverlayButton(t *testing.T, text string) {
	t.Helper()
	var btn *widget.Button
	walkObjects(h.w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			btn = b
		}
	})
	if btn == nil {
		t.Fatalf("no button %q in the dialog:\n%s", text, objectStrings(h.w.Canvas().Overlays().Top()))
	}
	test.Tap(btn)
}

func TestImportingOnesOwnExportMakesTheNotesOnesOwn(t *testing.T) {
	ctx := context.Background()
	// The old computer's notebook, by Jana.
	old, err := userdb.Open(ctx, filepath.Join(t.TempDir(), "old.db"), userdb.Options{Author: "Jana Weber", NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	old.SaveNote(ctx, userdb.EventTarget("2015-12-11-openai-founded"), "my old note", userdb.Label{})
	var exp strings.Builder
	old.ExportJSON(ctx, &exp)
	old.Close()
	h := newNBHarness(t, data.EN) // the new computer: author "Ada Test", nothing written yet
	h.p.importFrom("notebook.json", readCloser(exp.String()))
	h.flush()
	if txt := objectStrings(h.w.Canvas().Overlays().Top()); !strings.Contains(txt, "Jana Weber") {
		t.Fatalf("the question does not name the file's author:\n%s", txt)
	}
	h.tapOverlayButton(t, "It is mine")
	h.flush()
	if h.p.author != "Jana Weber" {
		t.Fatalf("author is %q after importing one's own notebook", h.p.author)
	}
	h.selectEvent(t, "2015-12-11-openai-founded")
	if ed := h.p.editor; ed.mine.Body != "my old note" {
		t.Fatalf("the imported note is not the user's own: mine %q", ed.mine.Body)
	}
	h.p.editor.Edit()
	if !h.p.editor.editing {
		t.Fatal("one's own imported note cannot be edited")
	}
}

func TestEditingAnExistingNoteAddsAtTheEndAndShowsTheEditor(t *testing.T) {
	id := "2024-02-29-musk-sues-openai-state-court" // a long event: the note is below the fold
	h := newNBHarness(t, data.EN, func(nb *userdb.Notebook) {
		nb.SaveNote(context.Background(), userdb.EventTarget(id), "first line\nsecond", userdb.Label{})
	})
	h.w.Resize(fyne.NewSize(1280, 700))
	h.selectEvent(t, id)
	h.p.EditSelectedNote()
	h.flush()
	ed := h.p.editor
	test.Type(ed.entry, " and more")
	if ed.entry.Text != "first line\nsecond and more" {
		t.Fatalf("typing after opening the note gave %q", ed.entry.Text)
	}
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(ed.entry).Y - d.AbsolutePositionForObject(h.Detail.scroll).Y
	if y < 0 || y > h.Detail.scroll.Size().Height {
		t.Fatalf("the note's field is out of view (at %.0f in a pane %.0f high)", y, h.Detail.scroll.Size().Height)
	}
	// The window's star key works while typing in the note.
	type shortcutTarget interface{ TypedShortcut(fyne.Shortcut) }
	ed.entry.TypedShortcut(scStar)
	h.flush()
	if !h.p.Starred(id) {
		t.Error("Ctrl+Shift+S in the note did not star the event")
	}
	if ed.entry.Text != "first line\nsecond and more" {
		t.Errorf("the shortcut changed the note: %q", ed.entry.Text)
	}
}

func TestSaveDialogTakesAWholePathTypedAsTheName(t *testing.T) {
	h := newNBHarness(t, data.EN)
	dir := t.TempDir()
	var got string
	chooseSaveFile(h.S, "Export", "Export", nil, "notes.md", func(path string) { got = path })
	var name *widget.Entry
	walkObjects(h.w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.Text == "notes.md" {
			name = e
		}
	})
	if name == nil {
		t.Fatal("no file name field")
	}
	name.SetText(filepath.Join(dir, "sub", "mine"))
	h.tapOverlayButton(t, "Export")
	if want := filepath.Join(dir, "sub", "mine.md"); got != want {
		t.Fatalf("saving to %q, want %q", got, want)
	}
}

func TestEscInADialogLeavesTheSelectionAlone(t *testing.T) {
	h := newNBHarness(t, data.EN)
	h.selectEvent(t, "2015-12-11-openai-founded")
	sel := h.S.TL.Selected()
	h.ShowAbout()
	h.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.S.TL.Selected() != sel {
		t.Fatal("Esc in a dialog cleared the selection behind it")
	}
	h.w.Canvas().Overlays().Remove(h.w.Canvas().Overlays().Top())
	h.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.S.TL.Selected() != -1 {
		t.Fatal("without a dialog Esc no longer clears the selection")
	}
}
