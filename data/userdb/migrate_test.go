package userdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixtures fill a notebook at schema version v with data written in that
// version's own SQL; checks verify, through today's API, that a notebook
// upgraded from version v still holds it. Every version below the latest
// needs both (version 0, the empty file, has no data).
var fixtures = map[int]string{
	0: "",
}

var fixtureChecks = map[int]func(t *testing.T, nb *Notebook){
	0: func(t *testing.T, nb *Notebook) {},
}

// createAt makes a notebook file at schema version v from the first v
// migrations, as the app of that version would have, plus the fixture data.
func createAt(t *testing.T, path string, v int) {
	t.Helper()
	if v == 0 {
		os.WriteFile(path, nil, 0o600)
		return
	}
	db, err := sql.Open("sqlite3", dsn(path, "_journal_mode=WAL&_txlock=immediate"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := migrate(ctx, db, migrations[:v], "Ada", 1767225600000); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, fixtures[v]); err != nil {
		t.Fatalf("fixture %d: %v", v, err)
	}
}

func TestMigrateFromEveryEarlierVersion(t *testing.T) {
	for v := 0; v < SchemaVersion(); v++ {
		t.Run(fmt.Sprint("from ", v), func(t *testing.T) {
			if _, ok := fixtures[v]; !ok {
				t.Fatalf("no fixture for version %d: add one to migrate_test.go", v)
			}
			path := filepath.Join(t.TempDir(), "notebook.db")
			createAt(t, path, v)
			nb := openAt(t, path, Options{NoAutoBackup: true})
			if nb.Info().SchemaVersion != SchemaVersion() || nb.ReadOnly() || nb.Info().MovedAside != "" {
				t.Fatalf("info %+v", nb.Info())
			}
			fixtureChecks[v](t, nb)
			// The upgraded notebook is fully usable.
			mustSave(t, nb, EventTarget("after-upgrade"), "x")
			if _, err := nb.AddOwnEvent(ctx, ownEvent("after")); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// withV2 is today's history plus a hypothetical version 2, to test the
// runner with data in the file: it adds a column and fills it from the
// data (SQL and a Go step).
func withV2(step string, fn func(context.Context, *sql.Tx) error) []migration {
	return append(append([]migration(nil), migrations...), migration{version: 2, sql: step, fn: fn})
}

func TestMigrationRunnerKeepsDataAndBacksUpFirst(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notebook.db")
	clk := newClock()
	nb := openAt(t, path, Options{Author: "Ada", NoAutoBackup: true, Now: clk.Now})
	for i := 0; i < 50; i++ {
		mustSave(t, nb, EventTarget("e-"+itoa(i)), "Gründung "+itoa(i))
	}
	own, _ := nb.AddOwnEvent(ctx, ownEvent("lawsuit"))
	nb.AddTag(ctx, "e-1", "Founding")
	nb.Close()

	goStepRan := false
	ms := withV2(`ALTER TABLE notes ADD COLUMN words INTEGER NOT NULL DEFAULT 0;
	  UPDATE notes SET words = length(body) - length(replace(body, ' ', '')) + 1;`,
		func(ctx context.Context, tx *sql.Tx) error {
			goStepRan = true
			_, err := tx.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES ('v2', 'yes')")
			return err
		})
	nb2 := openAt(t, path, Options{NoAutoBackup: true, Now: clk.Now, migrations: ms})
	if in := nb2.Info(); in.SchemaVersion != 2 || in.MigratedFrom != 1 || nb2.ReadOnly() || !goStepRan {
		t.Fatalf("info %+v, go step ran %v", in, goStepRan)
	}
	var words int
	if err := nb2.r.QueryRowContext(ctx, "SELECT words FROM notes WHERE target = 'e-7'").Scan(&words); err != nil || words != 2 {
		t.Errorf("migrated column: %d %v", words, err)
	}
	ns, _ := nb2.Notes(ctx, NoteFilter{})
	if len(ns) != 50 {
		t.Errorf("%d notes after the upgrade", len(ns))
	}
	if hits, _ := nb2.Search(ctx, "grundung 7", 10); len(hits) != 1 {
		t.Errorf("search after upgrade: %v", hits)
	}
	if e, ok, _ := nb2.OwnEvent(ctx, own.ID); !ok || e.Title.EN != "lawsuit" {
		t.Errorf("own event after upgrade: %v", e)
	}
	bs, _ := nb2.Backups(ctx)
	if len(bs) != 1 || bs[0].Kind != BackupBeforeMigration || bs[0].SchemaVersion != 1 || bs[0].Notes != 50 {
		t.Fatalf("backups %+v", bs)
	}
	nb2.Close()
	// An older app (today's history) finds a newer notebook: read-only.
	old := openAt(t, path, Options{NoAutoBackup: true})
	if !errors.Is(old.Info().ReadOnly, ErrNewerSchema) {
		t.Errorf("older app: %+v", old.Info())
	}
}

func TestFailedMigrationLeavesFileAndOpensReadOnly(t *testing.T) {
	cases := map[string][]migration{
		"bad SQL":          withV2("CREATE TABLE scratch (x); CREATE TABLE notes (x);", nil),
		"failing Go step":  withV2("CREATE TABLE scratch (x);", func(context.Context, *sql.Tx) error { return errors.New("boom") }),
		"constraint fails": withV2("CREATE TABLE scratch (x); UPDATE notes SET kind = 'bogus';", nil),
	}
	for name, ms := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "notebook.db")
			nb := openAt(t, path, Options{Author: "Ada", NoAutoBackup: true})
			mustSave(t, nb, EventTarget("e-1"), "keep me")
			nb.Close()
			nb2 := openAt(t, path, Options{NoAutoBackup: true, migrations: ms})
			in := nb2.Info()
			if !errors.Is(in.ReadOnly, ErrMigration) || in.SchemaVersion != 1 || in.MovedAside != "" {
				t.Fatalf("info %+v", in)
			}
			if n, ok, _ := nb2.Note(ctx, EventTarget("e-1")); !ok || n.Body != "keep me" {
				t.Errorf("note after failed upgrade: %v", n)
			}
			var scratch int
			nb2.r.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = 'scratch'").Scan(&scratch)
			if scratch != 0 {
				t.Error("a failed migration left part of its work behind")
			}
			if _, err := nb2.SaveNote(ctx, EventTarget("e-2"), "x", Label{}); !errors.Is(err, ErrReadOnly) {
				t.Errorf("write after failed upgrade: %v", err)
			}
			if !strings.Contains(Message(i18nEN(), in.ReadOnly), "upgraded") {
				t.Errorf("message %q", Message(i18nEN(), in.ReadOnly))
			}
			nb2.Close()
			// Today's app still opens it normally.
			again := openAt(t, path, Options{NoAutoBackup: true})
			if again.ReadOnly() {
				t.Errorf("after a failed upgrade the file no longer opens: %+v", again.Info())
			}
		})
	}
}
