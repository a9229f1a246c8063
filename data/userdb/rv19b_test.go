package userdb

// Review rv19b: reproductions (each FAILS on main as of 9b9a1c6).

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"aitimeline/data"
)

// Finding: readBackup counts own_events and tours in the one statement that
// also counts the notes, so a notebook file without those tables (a schema
// before they existed, or any file whose later tables are missing) is
// "unreadable" in the restore list and RestoreBackup refuses it as damaged,
// though its notes are intact and migrate would add the missing tables.
func TestRV19bBackupWithoutOwnEventsOrToursStillLists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		fmt.Sprintf("PRAGMA application_id = %d", applicationID),
		"PRAGMA user_version = 1",
		"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, deleted INTEGER)",
		"INSERT INTO notes(body) VALUES ('a'), ('b')",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	db.Close()
	b, err := readBackup(context.Background(), path)
	if err != nil || b.Notes != 2 {
		t.Errorf("a backup with 2 notes and no own_events/tours tables: %+v, %v (the restore list says unreadable)", b, err)
	}
}

// Finding: the Markdown export's eventSources de-duplicates by the trimmed
// URL, so two different sources without a (usable) URL on an event that has
// accounts collapse into one; the same event without accounts lists both.
func TestRV19bMarkdownKeepsSourcesWithoutURL(t *testing.T) {
	a := data.Source{Publisher: "Court", Title: "Transcript, day 1"}
	b := data.Source{Publisher: "Court", Title: "Transcript, day 2"}
	ev := data.Event{Sources: []data.Source{a, b},
		Accounts: []data.Account{{Party: "x", Sources: []data.Source{{Title: "Blog", URL: "https://example.org/x"}}}}}
	if got := eventSources(ev); len(got) != 3 {
		t.Errorf("eventSources lists %d sources, want 3 (both transcripts and the blog): %+v", len(got), got)
	}
}

// Finding: a descriptive title that is already in square brackets gets a
// second pair.
func TestRV19bMarkdownBracketsOnce(t *testing.T) {
	got := citation(data.Source{Title: "[Press release]", TitleDescriptive: true, URL: "https://example.org/p"})
	if strings.Contains(got, `\[\[`) {
		t.Errorf("double brackets: %s", got)
	}
}
