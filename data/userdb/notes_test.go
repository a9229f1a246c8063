package userdb

import (
	"errors"
	"strings"
	"testing"
	"time"

	"aitimeline/data"
)

func TestSaveNoteUpsertsOnePerTargetAndAuthor(t *testing.T) {
	nb, clk := newNB(t)
	e := EventTarget("2015-12-11-openai-founded")
	label := Label{Title: data.Text{EN: "OpenAI is founded", DE: "OpenAI wird gegründet"}, Date: data.MustDate("2015-12-11")}
	n1, err := nb.SaveNote(ctx, e, "first\r\nversion\x00  \n\n", label)
	if err != nil {
		t.Fatal(err)
	}
	if n1.Body != "first\nversion" || n1.Author != "Ada" || n1.Label != label || n1.ID == 0 {
		t.Fatalf("saved %+v", n1)
	}
	clk.Add(time.Hour)
	n2, err := nb.SaveNote(ctx, e, "second version", label)
	if err != nil {
		t.Fatal(err)
	}
	if n2.ID != n1.ID || !n2.Created.Equal(n1.Created) || !n2.Modified.After(n1.Modified.Add(59*time.Minute)) {
		t.Errorf("edit in place: %+v after %+v", n2, n1)
	}
	// Saving the same text again writes nothing: modified stays.
	n3, _ := nb.SaveNote(ctx, e, "second version", label)
	if !n3.Modified.Equal(n2.Modified) {
		t.Errorf("an unchanged save moved modified from %v to %v", n2.Modified, n3.Modified)
	}
	// The same text under a newer title (a newer dataset) updates the label.
	relabel := Label{Title: data.Text{EN: "OpenAI is founded as a non-profit"}, Date: data.MustDate("2015-12")}
	nb.SaveNote(ctx, e, "second version", relabel)
	if got, _, _ := nb.Note(ctx, e); got.Label != relabel || got.Body != "second version" {
		t.Errorf("relabelled note %+v", got)
	}
	nb.SaveNote(ctx, e, "second version", label)
	// Another author's note on the same event is a second note.
	putColleague(t, nb, e, "Zoe", "Zoe's view")
	all, _ := nb.NotesOn(ctx, e)
	if len(all) != 2 || all[0].Author != "Ada" || all[1].Author != "Zoe" {
		t.Fatalf("NotesOn = %+v", all)
	}
	mine, ok, _ := nb.Note(ctx, e)
	if !ok || mine.Body != "second version" {
		t.Errorf("Note = %+v %v", mine, ok)
	}
	// Persons and sources are separate targets with the same ID space.
	mustSave(t, nb, PersonTarget("sam-altman"), "on Altman")
	mustSave(t, nb, SourceTarget(data.SourceID("https://openai.com/blog/introducing-openai")), "on the post")
	if ns, _ := nb.Notes(ctx, NoteFilter{Kind: KindPerson}); len(ns) != 1 || ns[0].Body != "on Altman" {
		t.Errorf("person notes %+v", ns)
	}
	if ns, _ := nb.Notes(ctx, NoteFilter{Author: "Zoe"}); len(ns) != 1 {
		t.Errorf("Zoe's notes %+v", ns)
	}
	if ns, _ := nb.Notes(ctx, NoteFilter{Limit: 2}); len(ns) != 2 || ns[0].Target.Kind != KindSource {
		t.Errorf("latest 2 notes %+v", ns)
	}
}

// putColleague stores a note by another author, as an import does.
func putColleague(t testing.TB, nb *Notebook, target Target, author, body string) {
	t.Helper()
	err := nb.write(ctx, func(tx *wtx) error {
		now := msTime(nb.now())
		_, err := putNote(ctx, tx, Note{Target: target, Author: author, Body: body, Created: now, Modified: now})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSaveNoteRefusesBadInput(t *testing.T) {
	nb, _ := newNB(t)
	cases := []struct {
		target Target
		body   string
		label  Label
		field  string
	}{
		{Target{"place", "x"}, "b", Label{}, FieldKind},
		{EventTarget(""), "b", Label{}, FieldID},
		{EventTarget("Has Spaces"), "b", Label{}, FieldID},
		{EventTarget("../../etc/passwd"), "b", Label{}, FieldID},
		{EventTarget(strings.Repeat("a", 201)), "b", Label{}, FieldID},
		{EventTarget("ok"), strings.Repeat("x", MaxNoteBytes+1), Label{}, FieldBody},
		{EventTarget("ok"), "b", Label{Title: data.Text{EN: strings.Repeat("t", 501)}}, FieldTitle},
		{EventTarget("ok"), "b", Label{Date: data.Date{Year: 2020, Month: 13, Day: 1, Precision: data.Day}}, FieldDate},
	}
	for _, c := range cases {
		_, err := nb.SaveNote(ctx, c.target, c.body, c.label)
		var inv *InvalidError
		if !errors.As(err, &inv) || inv.Field != c.field || !errors.Is(err, ErrInvalid) {
			t.Errorf("SaveNote(%v, %d bytes): %v, want invalid %s", c.target, len(c.body), err, c.field)
		}
	}
	if ns, _ := nb.Notes(ctx, NoteFilter{}); len(ns) != 0 {
		t.Errorf("refused notes were stored: %v", ns)
	}
}

func TestDeleteRestorePurge(t *testing.T) {
	nb, clk := newNB(t)
	e := EventTarget("e-1")
	n := mustSave(t, nb, e, "precious")
	if err := nb.DeleteNote(ctx, n.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := nb.Note(ctx, e); ok {
		t.Error("a deleted note is still live")
	}
	if hits, _ := nb.Search(ctx, "precious", 10); len(hits) != 0 {
		t.Error("a deleted note is still found")
	}
	if a, _ := nb.Annotation(ctx, "e-1"); a.Notes != 0 {
		t.Error("a deleted note still counts")
	}
	if all, _ := nb.Annotations(ctx); all["e-1"].Notes != 0 {
		t.Error("a deleted note still counts in Annotations")
	}
	tr, _ := nb.Trash(ctx)
	if len(tr.Notes) != 1 || tr.Notes[0].Body != "precious" || tr.Notes[0].Deleted.IsZero() {
		t.Fatalf("trash %+v", tr)
	}
	if err := nb.DeleteNote(ctx, n.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
	if err := nb.RestoreNote(ctx, n.ID); err != nil {
		t.Fatal(err)
	}
	if got, ok, _ := nb.Note(ctx, e); !ok || got.Body != "precious" || !got.Modified.Equal(n.Modified) {
		t.Errorf("restored %+v", got)
	}
	if hits, _ := nb.Search(ctx, "precious", 10); len(hits) != 1 {
		t.Error("a restored note is not found")
	}
	if err := nb.RestoreNote(ctx, n.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("restoring a live note: %v", err)
	}

	// An emptied note goes to the trash, undoably.
	gone, err := nb.SaveNote(ctx, e, "  \n\t ", Label{})
	if err != nil || gone.Deleted.IsZero() || gone.Body != "precious" {
		t.Fatalf("emptying: %+v %v", gone, err)
	}
	if err := nb.RestoreNote(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if z, err := nb.SaveNote(ctx, EventTarget("no-note"), "", Label{}); err != nil || z.ID != 0 {
		t.Errorf("emptying a missing note: %+v %v", z, err)
	}

	// Purge removes only what went to the trash before the cut-off.
	old := mustSave(t, nb, EventTarget("e-old"), "old")
	nb.DeleteNote(ctx, old.ID)
	clk.Add(40 * 24 * time.Hour)
	recent := mustSave(t, nb, EventTarget("e-recent"), "recent")
	nb.DeleteNote(ctx, recent.ID)
	if n, err := nb.Purge(ctx, clk.Now().AddDate(0, 0, -30)); err != nil || n != 1 {
		t.Fatalf("purged %d, %v", n, err)
	}
	tr, _ = nb.Trash(ctx)
	if len(tr.Notes) != 1 || tr.Notes[0].Body != "recent" {
		t.Errorf("trash after purge %+v", tr.Notes)
	}
	if err := nb.RestoreNote(ctx, old.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("restoring a purged note: %v", err)
	}
}

func TestOpenPurgesOldTrash(t *testing.T) {
	nb, clk := newNB(t)
	n := mustSave(t, nb, EventTarget("e-1"), "x")
	nb.DeleteNote(ctx, n.ID)
	path := nb.Path()
	nb.Close()
	clk.Add(29 * 24 * time.Hour)
	nb = openAt(t, path, Options{NoAutoBackup: true, Now: clk.Now})
	if tr, _ := nb.Trash(ctx); len(tr.Notes) != 1 {
		t.Fatal("purged before 30 days")
	}
	nb.Close()
	clk.Add(2 * 24 * time.Hour)
	nb = openAt(t, path, Options{NoAutoBackup: true, Now: clk.Now})
	if tr, _ := nb.Trash(ctx); len(tr.Notes) != 0 {
		t.Fatal("not purged after 31 days")
	}
}

func TestSetAuthorMovesOwnWorkAndRefusesTakenNames(t *testing.T) {
	nb, _ := newNB(t)
	mustSave(t, nb, EventTarget("e-1"), "mine")
	ev, _ := nb.AddOwnEvent(ctx, ownEvent("own"))
	tour, _ := nb.CreateTour(ctx, Tour{Title: data.Text{EN: "T"}})
	putColleague(t, nb, EventTarget("e-1"), "Zoe", "hers")
	if err := nb.SetAuthor(ctx, "Zoe"); !errors.Is(err, ErrAuthorTaken) {
		t.Errorf("taking Zoe's name: %v", err)
	}
	for _, bad := range []string{"", "  ", strings.Repeat("n", 101)} {
		if err := nb.SetAuthor(ctx, bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("SetAuthor(%q): %v", bad, err)
		}
	}
	if err := nb.SetAuthor(ctx, "Ada Lovelace"); err != nil {
		t.Fatal(err)
	}
	if n, ok, _ := nb.Note(ctx, EventTarget("e-1")); !ok || n.Body != "mine" || n.Author != "Ada Lovelace" {
		t.Errorf("my note after renaming: %+v", n)
	}
	if e, _, _ := nb.OwnEvent(ctx, ev.ID); e.Author != "Ada Lovelace" {
		t.Errorf("own event author %q", e.Author)
	}
	if tr, _, _ := nb.Tour(ctx, tour.ID); tr.Author != "Ada Lovelace" {
		t.Errorf("tour author %q", tr.Author)
	}
	if ns, _ := nb.Notes(ctx, NoteFilter{Author: "Zoe"}); len(ns) != 1 {
		t.Error("the colleague's note moved")
	}
}

func TestOrphans(t *testing.T) {
	nb, _ := newNB(t)
	mustSave(t, nb, EventTarget("still-there"), "a")
	gone := mustSave(t, nb, EventTarget("vanished"), "b")
	ev, _ := nb.AddOwnEvent(ctx, ownEvent("mine"))
	mustSave(t, nb, EventTarget(ev.ID), "on my own event")
	mustSave(t, nb, PersonTarget("nobody"), "c")
	known := func(t Target) bool { return t.ID == "still-there" }
	orph, err := nb.Orphans(ctx, known)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, n := range orph {
		ids[n.Target.ID] = true
	}
	if len(orph) != 2 || !ids["vanished"] || !ids["nobody"] {
		t.Fatalf("orphans %+v", orph)
	}
	for _, n := range orph {
		if n.Target.ID == "vanished" && (n.Label.Title.EN != "Title of vanished" || n.Label.Date != data.MustDate("2020-05-04")) {
			t.Errorf("orphan lost its label: %+v (saved %+v)", n.Label, gone.Label)
		}
	}
	nb.DeleteOwnEvent(ctx, ev.ID)
	if orph, _ := nb.Orphans(ctx, known); len(orph) != 3 {
		t.Errorf("a note on a deleted own event is not orphaned: %d", len(orph))
	}
}
