package userdb

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"aitimeline/data"
)

func exportJSON(t testing.TB, nb *Notebook) string {
	t.Helper()
	var b bytes.Buffer
	if err := nb.ExportJSON(ctx, &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestDailyBackupsKeepTheLastSeven(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notebook.db")
	clk := newClock()
	for day := 0; day < 10; day++ {
		nb, err := Open(ctx, path, Options{Author: "Ada", Now: clk.Now})
		if err != nil {
			t.Fatal(err)
		}
		nb.Close() // waits for the backup
		// A second opening on the same day makes no second daily backup.
		nb, _ = Open(ctx, path, Options{Now: clk.Now})
		mustSave(t, nb, EventTarget("day-"+itoa(day)), "note of day "+itoa(day))
		nb.Close()
		clk.Add(24 * time.Hour)
	}
	nb := openAt(t, path, Options{NoAutoBackup: true, Now: clk.Now})
	bs, err := nb.Backups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 7 {
		t.Fatalf("%d backups, want 7: %+v", len(bs), bs)
	}
	for i, b := range bs {
		// Newest first: the backup of day 9 was made when the notebook
		// opened that day, before its note, so it holds 9 notes.
		day := 9 - i
		if b.Kind != BackupDaily || b.Notes != day || b.SchemaVersion != SchemaVersion() || b.Size == 0 {
			t.Errorf("backup %d: %+v, want %d notes", i, b, day)
		}
		if want := "notebook-202601" + itoa(10+day) + "-"; !strings.HasPrefix(filepath.Base(b.Path), want) {
			t.Errorf("backup %d named %s", i, filepath.Base(b.Path))
		}
		if b.Time.Day() != 10+day {
			t.Errorf("backup %d time %v", i, b.Time)
		}
	}
}

func TestManualBackupsAndLeftovers(t *testing.T) {
	nb, clk := newNB(t)
	mustSave(t, nb, EventTarget("e-1"), "x")
	dir := nb.BackupDir()
	os.MkdirAll(dir, 0o700)
	stale := filepath.Join(dir, ".tmp-abandoned.db")
	fresh := filepath.Join(dir, ".tmp-running.db")
	os.WriteFile(stale, []byte("half a backup"), 0o600)
	os.WriteFile(fresh, []byte("another instance's backup in progress"), 0o600)
	os.Chtimes(stale, time.Now().Add(-2*time.Hour), time.Now().Add(-2*time.Hour))
	other := filepath.Join(dir, "other-20260101-000000-manual.db") // another notebook's backup
	os.WriteFile(other, []byte("not ours"), 0o600)
	for i := 0; i < 9; i++ {
		if _, err := nb.Backup(ctx); err != nil {
			t.Fatal(err)
		}
		clk.Add(time.Second)
	}
	bs, _ := nb.Backups(ctx)
	if len(bs) != 7 {
		t.Errorf("%d manual backups kept, want 7", len(bs))
	}
	for _, b := range bs {
		if b.Kind != BackupManual || b.Notes != 1 {
			t.Errorf("%+v", b)
		}
	}
	if exists(stale) {
		t.Error("a stale temporary file was left")
	}
	if !exists(fresh) || !exists(other) {
		t.Error("pruning removed a file that is not this notebook's old backup")
	}
}

func TestRestoreBackup(t *testing.T) {
	nb, clk := newNB(t)
	mustSave(t, nb, EventTarget("e-1"), "version A")
	nb.AddTag(ctx, "e-1", "kept")
	nb.AddOwnEvent(ctx, ownEvent("A-event"))
	stateA := exportJSON(t, nb)
	b, err := nb.Backup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	clk.Add(time.Minute)
	// Another instance has the file open too.
	other := openAt(t, nb.Path(), Options{NoAutoBackup: true, Now: clk.Now})
	mustSave(t, nb, EventTarget("e-1"), "version B")
	mustSave(t, nb, EventTarget("e-2"), "only in B")
	nb.RemoveTag(ctx, "e-1", "kept")
	stateB := exportJSON(t, nb)

	safety, err := nb.RestoreBackup(ctx, b.Path)
	if err != nil {
		t.Fatal(err)
	}
	if got := exportJSON(t, nb); got != stateA {
		t.Errorf("after restore:\n%s\nwant\n%s", got, stateA)
	}
	if got := exportJSON(t, other); got != stateA {
		t.Error("the other instance does not see the restored notebook")
	}
	if safety.Kind != BackupBeforeRestore || safety.Notes != 2 {
		t.Errorf("safety backup %+v", safety)
	}
	// The safety backup holds state B: restoring it undoes the restore.
	if _, err := other.RestoreBackup(ctx, safety.Path); err != nil {
		t.Fatal(err)
	}
	if got := exportJSON(t, nb); got != stateB {
		t.Error("restoring the safety backup did not bring back state B")
	}
	// Both instances go on writing normally, and the search index came along.
	mustSave(t, other, EventTarget("e-3"), "after restore")
	if hits, _ := nb.Search(ctx, "only in B", 10); len(hits) != 1 {
		t.Errorf("search after restore: %+v", hits)
	}
	var check string
	nb.r.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check)
	if check != "ok" || pragma(t, nb.w, "journal_mode") != "wal" {
		t.Errorf("after restore: integrity %s, journal %s", check, pragma(t, nb.w, "journal_mode"))
	}
}

func TestRestoreRefusesBadFiles(t *testing.T) {
	nb, _ := newNB(t)
	mustSave(t, nb, EventTarget("e-1"), "keep")
	dir := t.TempDir()
	newer := filepath.Join(dir, "newer.db")
	func() {
		n2 := openAt(t, newer, Options{NoAutoBackup: true})
		n2.Close()
		db := rawDB(t, newer)
		db.Exec("PRAGMA user_version = 42")
		db.Close()
	}()
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, bytes.Repeat([]byte("x"), 9000), 0o600)
	foreign := filepath.Join(dir, "foreign.db")
	db := rawDB(t, foreign)
	db.Exec("CREATE TABLE t (x)")
	db.Close()
	before := exportJSON(t, nb)
	for path, want := range map[string]error{newer: ErrNewerSchema, garbage: ErrDamaged, foreign: ErrForeign,
		filepath.Join(dir, "missing.db"): os.ErrNotExist, nb.Path(): ErrInvalid} {
		if _, err := nb.RestoreBackup(ctx, path); !errors.Is(err, want) {
			t.Errorf("restore %s: %v, want %v", filepath.Base(path), err, want)
		}
	}
	if exportJSON(t, nb) != before {
		t.Error("a refused restore changed the notebook")
	}
	if bs, _ := nb.Backups(ctx); len(bs) != 0 {
		t.Errorf("a refused restore made a backup: %+v", bs)
	}
}

func TestRestoreOlderSchemaUpgradesIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notebook.db")
	nb := openAt(t, path, Options{Author: "Ada", NoAutoBackup: true})
	mustSave(t, nb, EventTarget("e-1"), "from version 1")
	b, _ := nb.Backup(ctx)
	nb.Close()
	ms := withV2("CREATE TABLE v2_extra (x);", func(ctx context.Context, tx *sql.Tx) error { return nil })
	nb2 := openAt(t, path, Options{NoAutoBackup: true, migrations: ms})
	if nb2.Info().SchemaVersion != 2 {
		t.Fatalf("%+v", nb2.Info())
	}
	if _, err := nb2.RestoreBackup(ctx, b.Path); err != nil {
		t.Fatal(err)
	}
	var v, extra int
	nb2.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	nb2.r.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = 'v2_extra'").Scan(&extra)
	if v != 2 || extra != 1 {
		t.Errorf("after restoring a version-1 backup: user_version %d, v2 table %d", v, extra)
	}
	if n, ok, _ := nb2.Note(ctx, EventTarget("e-1")); !ok || n.Body != "from version 1" {
		t.Errorf("note %+v", n)
	}
}

func TestCheckIntegrityFindsWhatOpenDoesNotRead(t *testing.T) {
	nb, _ := newNB(t)
	for i := 0; i < 400; i++ {
		mustSave(t, nb, EventTarget("e-"+itoa(i)), strings.Repeat("words ", 100))
	}
	if err := nb.CheckIntegrity(ctx); err != nil {
		t.Fatalf("a sound notebook: %v", err)
	}
	b, _ := nb.Backup(ctx)
	path := nb.Path()
	nb.Close()
	// Overwrite the b-tree header of a page in the middle of the file.
	raw := readFile(t, path)
	page := len(raw) / 4096 / 2 * 4096
	copy(raw[page:], bytes.Repeat([]byte{0xff}, 12))
	os.WriteFile(path, raw, 0o600)

	nb = openAt(t, path, Options{NoAutoBackup: true})
	if nb.Info().MovedAside != "" {
		t.Skip("this page happens to be read at open")
	}
	err := nb.CheckIntegrity(ctx)
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("CheckIntegrity on a damaged file: %v", err)
	}
	// A backup of a damaged notebook fails rather than replace good ones.
	if _, err := nb.Backup(ctx); err == nil {
		t.Error("backed up a damaged notebook")
	}
	if bs, _ := nb.Backups(ctx); len(bs) != 1 || bs[0].Path != b.Path {
		t.Errorf("backups %+v", bs)
	}
	// Restoring the good backup repairs it; the damaged bytes are kept.
	safety, err := nb.RestoreBackup(ctx, b.Path)
	if err != nil {
		t.Fatalf("restore over a damaged file: %v", err)
	}
	if err := nb.CheckIntegrity(ctx); err != nil {
		t.Errorf("after restoring: %v", err)
	}
	if ns, _ := nb.Notes(ctx, NoteFilter{}); len(ns) != 400 {
		t.Errorf("%d notes after restoring", len(ns))
	}
	if kept := readFile(t, safety.Path); !bytes.Equal(kept[page:page+12], bytes.Repeat([]byte{0xff}, 12)) || safety.Kind != BackupBeforeRestore {
		t.Errorf("the damaged file was not kept as it was: %+v", safety)
	}
}

// TestDailyBackupWaitsAutoBackupAfter: the app's daily backup starts
// AutoBackupAfter after Open (not among the window's first frames); closing
// before then skips it at once, and the next Open makes it.
func TestDailyBackupWaitsAutoBackupAfter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notebook.db")
	dailies := func() int {
		nb := openAt(t, path, Options{NoAutoBackup: true})
		bs, err := nb.Backups(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, b := range bs {
			if b.Kind == BackupDaily {
				n++
			}
		}
		nb.Close()
		return n
	}
	nb, err := Open(ctx, path, Options{Author: "Ada", AutoBackupAfter: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	nb.Close()
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Close waited %v for a backup not yet due", d)
	}
	if n := dailies(); n != 0 {
		t.Fatalf("%d daily backups after closing before the delay, want 0", n)
	}
	nb, err = Open(ctx, path, Options{AutoBackupAfter: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if entries, _ := os.ReadDir(nb.BackupDir()); len(entries) > 0 && hasDailyFile(entries) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no daily backup after the delay")
		}
		time.Sleep(20 * time.Millisecond)
	}
	nb.Close()
	if n := dailies(); n != 1 {
		t.Fatalf("%d daily backups after the delay, want 1", n)
	}
}

func hasDailyFile(entries []os.DirEntry) bool {
	for _, e := range entries {
		if strings.Contains(e.Name(), "-daily") && strings.HasSuffix(e.Name(), ".db") {
			return true
		}
	}
	return false
}

// Backups tells apart backups that hold the same notes: each says how many
// live own events and tours it holds, not counting deleted ones.
func TestBackupsCountOwnEventsAndTours(t *testing.T) {
	nb, clk := newNB(t)
	mustSave(t, nb, EventTarget("e-1"), "a note")
	first, err := nb.Backup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	clk.Add(time.Minute)
	for _, title := range []string{"A", "B", "C"} {
		if _, err := nb.AddOwnEvent(ctx, ownEvent(title)); err != nil {
			t.Fatal(err)
		}
	}
	gone, err := nb.AddOwnEvent(ctx, ownEvent("deleted"))
	if err != nil {
		t.Fatal(err)
	}
	if err := nb.DeleteOwnEvent(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"Tour 1", "Tour 2"} {
		if _, err := nb.CreateTour(ctx, Tour{Title: data.Text{EN: title}}); err != nil {
			t.Fatal(err)
		}
	}
	old, err := nb.CreateTour(ctx, Tour{Title: data.Text{EN: "deleted"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := nb.DeleteTour(ctx, old.ID); err != nil {
		t.Fatal(err)
	}
	second, err := nb.Backup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	bs, err := nb.Backups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][3]int{}
	for _, b := range bs {
		got[b.Path] = [3]int{b.Notes, b.OwnEvents, b.Tours}
	}
	for _, c := range []struct {
		name string
		path string
		want [3]int
	}{{"first", first.Path, [3]int{1, 0, 0}}, {"second", second.Path, [3]int{1, 3, 2}}} {
		if got[c.path] != c.want {
			t.Errorf("%s backup: notes, own events, tours = %v, want %v", c.name, got[c.path], c.want)
		}
	}
	if second.OwnEvents != 3 || second.Tours != 2 {
		t.Errorf("Backup returned %+v", second)
	}
}
