package userdb

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"aitimeline/data"
)

// richNotebook fills a notebook with one of everything, in awkward shapes.
func richNotebook(t testing.TB, nb *Notebook, clk *clock) {
	t.Helper()
	label := Label{Title: data.Text{EN: `OpenAI "founded"`, DE: "OpenAI wird gegründet"}, Date: data.MustDate("2015-12-11")}
	if _, err := nb.SaveNote(ctx, EventTarget("2015-12-11-openai-founded"), "# Heading\n\n- *Markdown* with `code`\n\tand a tab, ümlauts, 🙂, <b>html</b>", label); err != nil {
		t.Fatal(err)
	}
	mustSave(t, nb, PersonTarget("sam-altman"), "Person note")
	mustSave(t, nb, SourceTarget(data.SourceID("https://openai.com/blog/introducing-openai")), "Source note")
	mustSave(t, nb, EventTarget("gone-from-dataset"), "Orphan")
	trashed := mustSave(t, nb, EventTarget("e-trash"), "in the trash")
	nb.DeleteNote(ctx, trashed.ID)
	putColleague(t, nb, EventTarget("2015-12-11-openai-founded"), "Zoë Müller", "Colleague's note")
	nb.SetStar(ctx, "2015-12-11-openai-founded", true)
	nb.SetFlag(ctx, "2015-12-11-openai-founded", FlagPurple)
	nb.AddTag(ctx, "2015-12-11-openai-founded", "Non-profit")
	nb.AddTag(ctx, "2015-12-11-openai-founded", "AI")
	nb.SetFlag(ctx, "2018-02-21-musk-leaves-board", FlagGreen)
	nb.AddTag(ctx, "only-tagged", "solo")
	e := ownEvent("Own & special \"quoted\" event")
	e.End = data.MustDate("2024-05")
	e.Title.DE = ""
	e.Sources = append(e.Sources, data.Source{URL: "https://b.example/2?x=1&y=(2)", ArchiveURL: "https://web.archive.org/web/1/https://b.example/2", Language: "de", Kind: "news"})
	if _, err := nb.AddOwnEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	clk.Add(time.Minute)
	if _, err := nb.AddOwnEvent(ctx, ownEvent("second")); err != nil {
		t.Fatal(err)
	}
	if _, err := nb.CreateTour(ctx, Tour{Title: data.Text{EN: "Tour", DE: "Führung"}, Intro: data.Text{DE: "Einleitung\nzweite Zeile"},
		Stops: []Stop{{EventID: "2015-12-11-openai-founded", Note: data.Text{EN: "Start"}}, {EventID: "sam-altman-fired"}}}); err != nil {
		t.Fatal(err)
	}
	nb.CreateTour(ctx, Tour{Title: data.Text{EN: "Empty tour"}})
}

func importJSON(t *testing.T, nb *Notebook, doc string, opts ImportOptions) ImportReport {
	t.Helper()
	rep, err := nb.ImportJSON(ctx, strings.NewReader(doc), opts)
	if err != nil {
		t.Fatalf("ImportJSON: %v", err)
	}
	return rep
}

func TestJSONRoundTripIsByteIdentical(t *testing.T) {
	a, clk := newNB(t)
	richNotebook(t, a, clk)
	exported := exportJSON(t, a)
	for _, want := range []string{`"format": "aitimeline-notebook"`, `"version": 1`, `"author": "Ada"`, `<b>html</b>`,
		"\"AI\",\n        \"Non-profit\"", `"flag": "purple"`, `"Zoë Müller"`} {
		if !strings.Contains(exported, want) {
			t.Errorf("export lacks %q", want)
		}
	}
	if strings.Contains(exported, "in the trash") {
		t.Error("the trash was exported")
	}

	b, _ := newNB(t) // same author, empty
	rep := importJSON(t, b, exported, ImportOptions{})
	// 5 live notes, 3 annotated events, 2 own events, 2 tours.
	if rep != (ImportReport{Added: 12}) {
		t.Errorf("first import: %+v", rep)
	}
	if got := exportJSON(t, b); got != exported {
		t.Fatalf("export → import → export differs:\n%s\nwant\n%s", got, exported)
	}
	// Twice changes nothing.
	if rep := importJSON(t, b, exported, ImportOptions{}); rep != (ImportReport{Unchanged: 12}) {
		t.Errorf("second import: %+v", rep)
	}
	if got := exportJSON(t, b); got != exported {
		t.Error("the second import changed the notebook")
	}
	// Into the notebook it came from: nothing to do.
	if rep := importJSON(t, a, exported, ImportOptions{}); rep != (ImportReport{Unchanged: 12}) {
		t.Errorf("import into the source: %+v", rep)
	}
	// Another author's empty notebook takes the file's author only when asked.
	c := openAt(t, t.TempDir()+"/c.db", Options{Author: "Someone", NoAutoBackup: true})
	importJSON(t, c, exported, ImportOptions{})
	if got := exportJSON(t, c); strings.Replace(got, `"author": "Someone"`, `"author": "Ada"`, 1) != exported {
		t.Error("without AdoptAuthor, more than the author line differs")
	}
	d := openAt(t, t.TempDir()+"/d.db", Options{Author: "Someone", NoAutoBackup: true})
	importJSON(t, d, exported, ImportOptions{AdoptAuthor: true})
	if got := exportJSON(t, d); got != exported {
		t.Error("with AdoptAuthor the round trip is not byte-identical")
	}
	// AdoptAuthor does not take over a notebook that has work of its own.
	mustSave(t, c, EventTarget("by-someone"), "mine")
	importJSON(t, c, strings.Replace(exported, `"author": "Ada",`+"\n  \"notes\"", `"author": "Zed",`+"\n  \"notes\"", 1), ImportOptions{AdoptAuthor: true})
	if a, _ := c.Author(ctx); a != "Someone" {
		t.Errorf("author became %q", a)
	}
}

// exportOf builds a notebook of author with the given setup and returns its export.
func exportOf(t *testing.T, author string, clk *clock, setup func(nb *Notebook)) string {
	t.Helper()
	nb := openAt(t, t.TempDir()+"/x.db", Options{Author: author, NoAutoBackup: true, Now: clk.Now})
	setup(nb)
	return exportJSON(t, nb)
}

func TestJSONImportMergeRules(t *testing.T) {
	me, clk := newNB(t)
	mustSave(t, me, EventTarget("e-1"), "mine")
	me.SetFlag(ctx, "e-1", FlagRed)
	me.AddTag(ctx, "e-1", "AI")
	myEvent, _ := me.AddOwnEvent(ctx, ownEvent("my event"))

	var zoeEvent OwnEvent
	var zoeTour Tour
	zoe1 := exportOf(t, "Zoe", clk, func(nb *Notebook) {
		zoeTour, _ = nb.CreateTour(ctx, Tour{Title: data.Text{EN: "Zoe's tour"}})
		mustSave(t, nb, EventTarget("e-1"), "Zoe v1")
		nb.SetFlag(ctx, "e-1", FlagBlue)
		nb.SetStar(ctx, "e-1", true)
		nb.AddTag(ctx, "e-1", "ai")
		nb.AddTag(ctx, "e-1", "Founding")
		zoeEvent, _ = nb.AddOwnEvent(ctx, ownEvent("zoe event"))
	})
	rep := importJSON(t, me, zoe1, ImportOptions{})
	if rep != (ImportReport{Added: 3, Updated: 1}) {
		t.Errorf("Zoe v1: %+v", rep)
	}
	notes, _ := me.NotesOn(ctx, EventTarget("e-1"))
	if len(notes) != 2 || notes[0].Body != "mine" || notes[1].Author != "Zoe" || notes[1].Body != "Zoe v1" {
		t.Fatalf("notes %+v", notes)
	}
	if a, _ := me.Annotation(ctx, "e-1"); !reflect.DeepEqual(a, Annotation{Notes: 2, Starred: true, Flag: FlagRed, Tags: []string{"AI", "Founding"}}) {
		t.Errorf("merged marks %+v", a)
	}

	// Zoe's newer version replaces her older one; her older one never comes back.
	clk.Add(time.Hour)
	zoeEvent.Title.EN = "zoe event, corrected"
	zoe2 := exportOf(t, "Zoe", clk, func(nb *Notebook) {
		importJSON(t, nb, zoe1, ImportOptions{AdoptAuthor: true})
		mustSave(t, nb, EventTarget("e-1"), "Zoe v2")
		nb.UpdateOwnEvent(ctx, zoeEvent)
		nb.RenameTour(ctx, zoeTour.ID, data.Text{EN: "Zoe's tour, renamed"})
	})
	rep = importJSON(t, me, zoe2, ImportOptions{})
	if rep.Updated != 3 || rep.Conflicts != 0 {
		t.Errorf("Zoe v2: %+v", rep)
	}
	if tr, _, _ := me.Tour(ctx, zoeTour.ID); tr.Title.EN != "Zoe's tour, renamed" {
		t.Errorf("Zoe's tour %q", tr.Title.EN)
	}
	importJSON(t, me, zoe1, ImportOptions{})
	if n := notesBy(t, me, "Zoe"); n != "Zoe v2" {
		t.Errorf("after re-importing the older file Zoe's note is %q", n)
	}
	if e, _, _ := me.OwnEvent(ctx, zoeEvent.ID); e.Title.EN != "zoe event, corrected" {
		t.Errorf("Zoe's event %q", e.Title.EN)
	}

	// A file with my own name and other versions of my things: mine are kept.
	clk.Add(time.Hour)
	myEvent.Title.EN = "changed elsewhere"
	other := exportOf(t, "Ada", clk, func(nb *Notebook) {
		mustSave(t, nb, EventTarget("e-1"), "Ada on another computer")
		mustSave(t, nb, EventTarget("e-9"), "new from the other computer")
		nb.write(ctx, func(tx *wtx) error { // the same own event, edited there later
			e := myEvent
			e.Modified = msTime(nb.now())
			return putOwnEvent(ctx, tx, e, 0)
		})
	})
	rep = importJSON(t, me, other, ImportOptions{})
	if rep != (ImportReport{Added: 1, Conflicts: 2}) {
		t.Errorf("same-author file: %+v", rep)
	}
	if n, _, _ := me.Note(ctx, EventTarget("e-1")); n.Body != "mine" {
		t.Errorf("my note was overwritten: %q", n.Body)
	}
	if e, _, _ := me.OwnEvent(ctx, myEvent.ID); e.Title.EN != "my event" {
		t.Errorf("my own event was overwritten: %q", e.Title.EN)
	}

	// What I deleted stays deleted, even when a newer version comes.
	clk.Add(time.Hour)
	zoeEvent.Title.EN = "zoe event, third version"
	zoe3 := exportOf(t, "Zoe", clk, func(nb *Notebook) {
		importJSON(t, nb, zoe2, ImportOptions{AdoptAuthor: true})
		mustSave(t, nb, EventTarget("e-1"), "Zoe v3")
		nb.UpdateOwnEvent(ctx, zoeEvent)
		nb.RenameTour(ctx, zoeTour.ID, data.Text{EN: "Zoe's tour, third"})
	})
	zoeNote, _ := me.Notes(ctx, NoteFilter{Author: "Zoe"})
	me.DeleteNote(ctx, zoeNote[0].ID)
	me.DeleteOwnEvent(ctx, zoeEvent.ID)
	me.DeleteTour(ctx, zoeTour.ID)
	trash := exportTrash(t, me)
	if rep := importJSON(t, me, zoe3, ImportOptions{}); rep.Updated != 0 || rep.Added != 0 {
		t.Errorf("zoe3 over deleted items: %+v", rep)
	}
	if got := exportTrash(t, me); got != trash {
		t.Errorf("the import changed the trash:\n%s\nwant\n%s", got, trash)
	}
	if _, ok, _ := me.Tour(ctx, zoeTour.ID); ok {
		t.Error("an import brought a deleted tour back")
	}
	if ns, _ := me.Notes(ctx, NoteFilter{Author: "Zoe"}); len(ns) != 0 {
		t.Error("an import brought a deleted note back")
	}
	if _, ok, _ := me.OwnEvent(ctx, zoeEvent.ID); ok {
		t.Error("an import brought a deleted own event back")
	}
}

// exportTrash describes the trash's content.
func exportTrash(t *testing.T, nb *Notebook) string {
	tr, err := nb.Trash(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, n := range tr.Notes {
		fmt.Fprintf(&b, "note %s %s %q\n", n.Target.ID, n.Author, n.Body)
	}
	for _, e := range tr.OwnEvents {
		fmt.Fprintf(&b, "event %s %q\n", e.ID, e.Title.EN)
	}
	for _, tour := range tr.Tours {
		fmt.Fprintf(&b, "tour %s %q\n", tour.ID, tour.Title.EN)
	}
	return b.String()
}

func notesBy(t *testing.T, nb *Notebook, author string) string {
	ns, _ := nb.Notes(ctx, NoteFilter{Author: author})
	if len(ns) != 1 {
		t.Fatalf("%d notes by %s", len(ns), author)
	}
	return ns[0].Body
}

const validNote = `{"target":"event","id":"e-1","author":"Zoe","title":{"en":"","de":""},"date":"","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","body":"x"}`

func doc(body string) string {
	return `{"format":"aitimeline-notebook","version":1,"author":"Zoe",` + body + `}`
}

func TestJSONImportRefusesBadFilesAndChangesNothing(t *testing.T) {
	nb, clk := newNB(t)
	richNotebook(t, nb, clk)
	before := exportJSON(t, nb)
	ownOK := `{"id":"own-1","date":"2024","category":"legal","title":{"en":"t"},"sources":[{"url":"https://a.example/"}],"author":"Zoe","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z"}`
	cases := []struct {
		name, file string
		want       error
		field      string
	}{
		{"empty", "", ErrMalformed, ""},
		{"not JSON", "hello", ErrMalformed, ""},
		{"array", "[]", ErrMalformed, ""},
		{"CSV", "date,category\n2024,legal", ErrMalformed, ""},
		{"other format", `{"format":"zotero","version":1}`, ErrMalformed, ""},
		{"no version", `{"format":"aitimeline-notebook"}`, ErrMalformed, ""},
		{"newer version", `{"format":"aitimeline-notebook","version":2,"notes":[]}`, ErrNewerFormat, ""},
		{"trailing data", doc(`"notes":[]`) + `{}`, ErrMalformed, ""},
		{"truncated", doc(`"notes":[` + validNote), ErrMalformed, ""},
		{"wrong type", doc(`"notes":"x"`), ErrMalformed, ""},
		{"bad kind", doc(`"notes":[` + strings.Replace(validNote, `"event"`, `"place"`, 1) + `]`), ErrInvalid, FieldKind},
		{"bad id", doc(`"notes":[` + strings.Replace(validNote, `"e-1"`, `"../x"`, 1) + `]`), ErrInvalid, FieldID},
		{"empty body", doc(`"notes":[` + strings.Replace(validNote, `"body":"x"`, `"body":"  "`, 1) + `]`), ErrInvalid, FieldBody},
		{"huge body", doc(`"notes":[` + strings.Replace(validNote, `"body":"x"`, `"body":"`+strings.Repeat("x", MaxNoteBytes+1)+`"`, 1) + `]`), ErrInvalid, FieldBody},
		{"bad time", doc(`"notes":[` + strings.Replace(validNote, `"created":"2026-01-01T00:00:00.000Z"`, `"created":"yesterday"`, 1) + `]`), ErrInvalid, FieldTime},
		{"no author", doc(`"notes":[` + strings.Replace(validNote, `"author":"Zoe"`, `"author":""`, 1) + `]`), ErrInvalid, FieldAuthor},
		{"bad label date", doc(`"notes":[` + strings.Replace(validNote, `"date":""`, `"date":"2024-13"`, 1) + `]`), ErrInvalid, FieldDate},
		{"same note twice", doc(`"notes":[` + validNote + `,` + validNote + `]`), ErrInvalid, FieldID},
		{"bad flag", doc(`"events":[{"id":"e-1","flag":"pink"}]`), ErrInvalid, FieldFlag},
		{"long tag", doc(`"events":[{"id":"e-1","tags":["` + strings.Repeat("t", 65) + `"]}]`), ErrInvalid, FieldTag},
		{"javascript source", doc(`"own_events":[` + strings.Replace(ownOK, "https://a.example/", "javascript:alert(1)", 1) + `]`), ErrInvalid, FieldSourceURL},
		{"file source", doc(`"own_events":[` + strings.Replace(ownOK, "https://a.example/", "file:///etc/passwd", 1) + `]`), ErrInvalid, FieldSourceURL},
		{"no sources", doc(`"own_events":[` + strings.Replace(ownOK, `"sources":[{"url":"https://a.example/"}]`, `"sources":[]`, 1) + `]`), ErrInvalid, FieldSources},
		{"dataset ID as own event", doc(`"own_events":[` + strings.Replace(ownOK, `"own-1"`, `"2015-12-11-openai-founded"`, 1) + `]`), ErrInvalid, FieldID},
		{"bad category", doc(`"own_events":[` + strings.Replace(ownOK, `"legal"`, `"gossip"`, 1) + `]`), ErrInvalid, FieldCategory},
		{"bad tour id", doc(`"tours":[{"id":"x","title":{"en":"t"},"author":"Zoe","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z"}]`), ErrInvalid, FieldID},
		{"bad stop", doc(`"tours":[{"id":"tour-1","title":{"en":"t"},"stops":[{"event":"no good"}],"author":"Zoe","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z"}]`), ErrInvalid, FieldStops},
		// All or nothing: good items before a bad one are not stored either.
		{"good then bad", doc(`"notes":[` + strings.Replace(validNote, `"e-1"`, `"new-note"`, 1) + `],"own_events":[` + ownOK + `,` + strings.Replace(ownOK, `"own-1"`, `"own-2"`, 1)[:40] + `}]`), ErrMalformed, ""},
		{"good then invalid", doc(`"notes":[` + strings.Replace(validNote, `"e-1"`, `"new-note"`, 1) + `],"own_events":[` + ownOK + `],"events":[{"id":"e-1","flag":"pink"}]`), ErrInvalid, FieldFlag},
	}
	for _, c := range cases {
		_, err := nb.ImportJSON(ctx, strings.NewReader(c.file), ImportOptions{})
		var ie *ImportError
		if !errors.Is(err, c.want) || !errors.As(err, &ie) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
			continue
		}
		var inv *InvalidError
		if c.field != "" && (!errors.As(err, &inv) || inv.Field != c.field) {
			t.Errorf("%s: %v, want field %s", c.name, err, c.field)
		}
		if msg := Message(i18nDE(), err); strings.HasPrefix(msg, "notebook.") || strings.Contains(msg, "\n") {
			t.Errorf("%s: message %q", c.name, msg)
		}
	}
	if got := exportJSON(t, nb); got != before {
		t.Error("a refused import changed the notebook")
	}
	// The line of a syntax error is reported.
	_, err := nb.ImportJSON(ctx, strings.NewReader("{\n\"format\": \"aitimeline-notebook\",\n\"version\": 1,\n\"notes\": [}\n}"), ImportOptions{})
	var ie *ImportError
	if !errors.As(err, &ie) || ie.Line != 4 {
		t.Errorf("syntax error: %v (line %d)", err, ie.Line)
	}
}

// endless is an io.Reader of n bytes of JSON-ish filler.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.EOF
	}
	k := min(int64(len(p)), e.n)
	for i := range p[:k] {
		p[i] = ' '
	}
	e.n -= k
	return int(k), nil
}

func TestImportSizeLimit(t *testing.T) {
	nb, _ := newNB(t)
	var tl *TooLargeError
	if _, err := nb.ImportJSON(ctx, &endless{MaxImportBytes + 1}, ImportOptions{}); !errors.As(err, &tl) || tl.Limit != MaxImportBytes {
		t.Errorf("JSON over the limit: %v", err)
	}
	if _, err := nb.ImportOwnEventsCSV(ctx, &endless{MaxImportBytes + 1}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("CSV over the limit: %v", err)
	}
	// Exactly at the limit is read (and refused only for its content).
	if _, err := nb.ImportJSON(ctx, &endless{MaxImportBytes}, ImportOptions{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("JSON at the limit: %v", err)
	}
}

const goodCSV = "\uFEFFTitle_EN;Date;Category;Source_URL;Source_Publisher;People;id\n" +
	"Musk sues OpenAI;2024-02-29;legal;https://a.example/1;Reuters;elon-musk, sam-altman;\n" +
	"\"Second; with semicolon\";2024-03;Business;https://a.example/2;;;own-second\n" +
	";;;https://a.example/3;AP;;own-second\n" +
	"\n"

func TestImportOwnEventsCSV(t *testing.T) {
	nb, _ := newNB(t)
	rep, err := nb.ImportOwnEventsCSV(ctx, strings.NewReader(goodCSV))
	if err != nil {
		t.Fatal(err)
	}
	if rep != (ImportReport{Added: 2}) {
		t.Errorf("report %+v", rep)
	}
	evs, _ := nb.OwnEvents(ctx)
	if len(evs) != 2 {
		t.Fatalf("%d events", len(evs))
	}
	first, second := evs[0], evs[1]
	if first.Title.EN != "Musk sues OpenAI" || first.Date != data.MustDate("2024-02-29") || first.Category != data.CatLegal ||
		!reflect.DeepEqual(first.People, []string{"elon-musk", "sam-altman"}) || first.Sources[0].Publisher != "Reuters" ||
		!strings.HasPrefix(first.ID, "own-") || first.Author != "Ada" {
		t.Errorf("first %+v", first)
	}
	if second.ID != "own-second" || second.Title.EN != "Second; with semicolon" || second.Category != data.CatBusiness ||
		len(second.Sources) != 2 || second.Sources[1].URL != "https://a.example/3" || second.Sources[1].Publisher != "AP" {
		t.Errorf("second %+v", second)
	}
	// Again: nothing new, and a derived ID is stable.
	rep, _ = nb.ImportOwnEventsCSV(ctx, strings.NewReader(goodCSV))
	if rep != (ImportReport{Unchanged: 2}) {
		t.Errorf("second import %+v", rep)
	}
	// A changed row for an existing event is a conflict: what is saved stays.
	changed := strings.Replace(goodCSV, "2024-03;Business", "2024-03;Politics", 1)
	rep, _ = nb.ImportOwnEventsCSV(ctx, strings.NewReader(changed))
	if rep != (ImportReport{Unchanged: 1, Conflicts: 1}) {
		t.Errorf("changed import %+v", rep)
	}
	if e, _, _ := nb.OwnEvent(ctx, "own-second"); e.Category != data.CatBusiness {
		t.Error("a CSV import overwrote an own event")
	}
}

func TestImportOwnEventsCSVRefusesBadFiles(t *testing.T) {
	nb, _ := newNB(t)
	nb.AddOwnEvent(ctx, ownEvent("existing"))
	before := exportJSON(t, nb)
	h := "date,category,title_en,source_url\n"
	cases := []struct {
		name, file string
		want       error
		line       int
	}{
		{"empty", "", ErrMalformed, 1},
		{"header only", h, ErrMalformed, 0},
		{"unknown column", "date,category,titel,source_url\n2024,legal,T,https://a.example/\n", ErrMalformed, 1},
		{"column twice", "date,date,category,title_en,source_url\n", ErrMalformed, 1},
		{"no source column", "date,category,title_en\n2024,legal,T\n", ErrMalformed, 1},
		{"no title column", "date,category,source_url\n2024,legal,https://a.example/\n", ErrMalformed, 1},
		{"bad date", h + "2024,legal,A,https://a.example/1\n2024-02-30,legal,T,https://a.example/\n", ErrInvalid, 3},
		{"javascript URL", h + "2024,legal,T,javascript:alert(1)\n", ErrInvalid, 2},
		{"no URL", h + "2024,legal,T,\n", ErrInvalid, 2},
		{"no title", h + "2024,legal,,https://a.example/\n", ErrInvalid, 2},
		{"bad category", h + "2024,gossip,T,https://a.example/\n", ErrInvalid, 2},
		{"ragged row", h + "2024,legal,T\n", ErrMalformed, 2},
		{"bad quotes", h + "2024,legal,\"T,https://a.example/\n", ErrMalformed, 2},
		{"bad id", "id," + h + "x-1,2024,legal,T,https://a.example/\n", ErrInvalid, 2},
		{"repeated id disagrees", "id," + h + "own-a,2024,legal,T,https://a.example/1\nown-a,2025,,,https://a.example/2\n", ErrInvalid, 3},
	}
	for _, c := range cases {
		_, err := nb.ImportOwnEventsCSV(ctx, strings.NewReader(c.file))
		var ie *ImportError
		if !errors.Is(err, c.want) || !errors.As(err, &ie) || ie.Line != c.line {
			t.Errorf("%s: %v (line %d), want %v at line %d", c.name, err, lineOf(ie), c.want, c.line)
		}
	}
	if exportJSON(t, nb) != before {
		t.Error("a refused CSV import changed the notebook")
	}
}

func lineOf(ie *ImportError) int {
	if ie == nil {
		return -1
	}
	return ie.Line
}

func TestExportNotesCSV(t *testing.T) {
	nb, _ := newNB(t)
	mustSave(t, nb, EventTarget("e-1"), "=HYPERLINK(\"http://evil\")")
	mustSave(t, nb, EventTarget("e-2"), "- a list\n- item")
	mustSave(t, nb, EventTarget("e-3"), "-2+3")
	mustSave(t, nb, PersonTarget("p-1"), "@SUM(1)")
	var b bytes.Buffer
	if err := nb.ExportNotesCSV(ctx, &b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows[0], NotesCSVHeader) || len(rows) != 5 {
		t.Fatalf("rows %q", rows)
	}
	bodies := map[string]string{}
	for _, r := range rows[1:] {
		bodies[r[1]] = r[8]
		if r[2] != "Ada" || r[3] != "Title of "+r[1] || r[5] != "2020-05-04" {
			t.Errorf("row %q", r)
		}
	}
	want := map[string]string{"e-1": "'=HYPERLINK(\"http://evil\")", "e-2": "- a list\n- item", "e-3": "'-2+3", "p-1": "'@SUM(1)"}
	if !reflect.DeepEqual(bodies, want) {
		t.Errorf("bodies %q", bodies)
	}
}

func TestExportMarkdown(t *testing.T) {
	nb, clk := newNB(t)
	ds := &data.Dataset{Events: []data.Event{
		{ID: "2015-12-11-openai-founded", Date: data.MustDate("2015-12-11"), Title: data.Text{EN: "OpenAI is *founded*", DE: "OpenAI wird gegründet"},
			Sources: []data.Source{{Publisher: "OpenAI", Title: "Introducing OpenAI", Date: "2015-12-11", URL: "https://openai.com/blog/introducing-openai"}}},
		{ID: "2018-02-21-musk-leaves-board", Date: data.MustDate("2018-02-21"), Title: data.Text{EN: "Musk leaves the board", DE: "Musk verlässt den Vorstand"},
			Sources: []data.Source{{Publisher: "Reuters", Title: "Musk (Tesla) leaves", URL: "https://reuters.example/a b(1)"}}},
		{ID: "2019-unrelated", Date: data.MustDate("2019"), Title: data.Text{EN: "Not annotated"}},
	}}
	richNotebook(t, nb, clk)
	mustSave(t, nb, EventTarget("2018-02-21-musk-leaves-board"), "Why?")
	var b bytes.Buffer
	if err := nb.ExportMarkdown(ctx, &b, FromDataset(ds), i18nEN()); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	order := []string{
		"# Notebook",
		"Notebook of Ada · events: 6 · notes: 6",
		"## December 11, 2015 · OpenAI is \\*founded\\*",
		"★ Starred · Flag: Purple · Tags: `AI`, `Non-profit`",
		"### Note by Ada (Jan 10, 2026)",
		"# Heading\n\n- *Markdown* with `code`",
		"### Note by Zoë Müller",
		"**Sources**\n\n1. OpenAI: [Introducing OpenAI](https://openai.com/blog/introducing-openai), 2015-12-11",
		"## February 21, 2018 · Musk leaves the board",
		"Flag: Green",
		"Why?",
		"1. Reuters: [Musk (Tesla) leaves](https://reuters.example/a%20b%281%29)",
		"## May 4, 2020 · Title of gone-from-dataset",
		"*No longer in the dataset (title and date as noted)*",
		"Orphan",
		"## March 1, 2024 · second",
		"*Own event*",
		"## March 1, 2024 – May 2024 · Own & special \"quoted\" event",
		"1. Reuters: [Report on https://example.com/Own%20&%20special%20%22quoted%22%20event]",
		"2. [https://b.example/2?x=1&y=(2)](https://b.example/2?x=1&y=%282%29)",
		"## only-tagged",
		"Tags: `solo`",
		"## Notes on people",
		"### Title of sam-altman (May 4, 2020)",
		"#### Note by Ada",
		"Person note",
		"## Notes on sources",
		"Source note",
	}
	at := 0
	for _, want := range order {
		i := strings.Index(md[at:], want)
		if i < 0 {
			t.Fatalf("missing or out of order: %q\n---\n%s", want, md)
		}
		at += i + len(want)
	}
	for _, absent := range []string{"Not annotated", "in the trash"} {
		if strings.Contains(md, absent) {
			t.Errorf("the export contains %q", absent)
		}
	}
	b.Reset()
	nb.ExportMarkdown(ctx, &b, FromDataset(ds), i18nDE())
	for _, want := range []string{"# Notizbuch", "## 11.\u00a0Dezember 2015 · OpenAI wird gegründet", "★ Mit Stern · Farbmarkierung: Lila · Schlagwörter:",
		"### Notiz von Ada (10.01.2026)", "**Quellen**", "*Eigenes Ereignis*", "*Nicht mehr im Datensatz", "## Notizen zu Personen"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("German export lacks %q", want)
		}
	}
}

// TestExportMarkdownListsEverySourceCited: an event's sources in the
// Markdown are its own and its accounts' (as the citation export cites
// them), each once; a descriptive title (not the page's headline) is in
// square brackets.
func TestExportMarkdownListsEverySourceCited(t *testing.T) {
	nb, _ := newNB(t)
	ds := &data.Dataset{Events: []data.Event{{ID: "2024-03-05-emails", Date: data.MustDate("2024-03-05"), Title: data.Text{EN: "Emails"},
		Sources: []data.Source{{Publisher: "OpenAI", Title: "OpenAI and Elon Musk", URL: "https://openai.com/index/openai-elon-musk/"}},
		Accounts: []data.Account{
			{Party: "openai", Sources: []data.Source{{Publisher: "OpenAI", Title: "OpenAI and Elon Musk", URL: "https://openai.com/index/openai-elon-musk/"}}},
			{Party: "elon-musk", Sources: []data.Source{{Publisher: "t3n", Title: "ChatGPT Dall-E OpenAI Altman Musk", URL: "https://t3n.example/musk", TitleDescriptive: true}}},
		}}}}
	mustSave(t, nb, EventTarget("2024-03-05-emails"), "read both")
	var b bytes.Buffer
	if err := nb.ExportMarkdown(ctx, &b, FromDataset(ds), i18nEN()); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{"1. OpenAI: [OpenAI and Elon Musk](https://openai.com/index/openai-elon-musk/)",
		"2. t3n: [\\[ChatGPT Dall-E OpenAI Altman Musk\\]](https://t3n.example/musk)"} {
		if !strings.Contains(md, want) {
			t.Errorf("missing %q\n---\n%s", want, md)
		}
	}
	if n := strings.Count(md, "openai-elon-musk"); n != 1 {
		t.Errorf("the source both cite is listed %d times", n)
	}
}

// TestExportMarkdownWithoutAName: a notebook whose author is no person's
// name (an administrator account) never says "Notebook of root" or
// "Note by me".
func TestExportMarkdownWithoutAName(t *testing.T) {
	for _, author := range []string{"root", NoName} {
		nb := openAt(t, filepath.Join(t.TempDir(), "nb.db"), Options{Author: author, NoAutoBackup: true})
		mustSave(t, nb, EventTarget("2015-12-11-openai-founded"), "first note")
		ds := &data.Dataset{Events: []data.Event{{ID: "2015-12-11-openai-founded", Date: data.MustDate("2015-12-11"), Title: data.Text{EN: "OpenAI is founded"}}}}
		var b bytes.Buffer
		if err := nb.ExportMarkdown(ctx, &b, FromDataset(ds), i18nEN()); err != nil {
			t.Fatal(err)
		}
		md := b.String()
		if strings.Contains(md, " of "+author) || strings.Contains(md, "by "+author) ||
			!strings.Contains(md, "Notebook · events: 1 · notes: 1") || !strings.Contains(md, "### Note (") {
			t.Errorf("author %q:\n%s", author, md)
		}
	}
}
