package userdb

import (
	"bytes"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"aitimeline/data"
	"aitimeline/i18n"
)

func TestOpenCreatesNotebook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "deep", "er", "notebook.db")
	nb := openAt(t, path, Options{Author: "  Ada   Lovelace ", NoAutoBackup: true})
	in := nb.Info()
	if !in.Created || in.MovedAside != "" || in.ReadOnly != nil || in.SchemaVersion != SchemaVersion() {
		t.Fatalf("info = %+v", in)
	}
	if a, _ := nb.Author(ctx); a != "Ada Lovelace" {
		t.Errorf("author %q", a)
	}
	for name, want := range map[string]string{"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1",
		"application_id": "1095323202", "user_version": "1"} {
		if got := pragma(t, nb.w, name); got != want {
			t.Errorf("PRAGMA %s = %s, want %s", name, got, want)
		}
	}
	if got := pragma(t, nb.r, "query_only"); got != "1" {
		t.Errorf("read pool query_only = %s", got)
	}
	nb.Close()
	// Reopening finds the notebook and changes nothing.
	nb2 := openAt(t, path, Options{NoAutoBackup: true})
	if nb2.Info().Created || nb2.Info().MigratedFrom != 0 {
		t.Errorf("reopen info = %+v", nb2.Info())
	}
	if a, _ := nb2.Author(ctx); a != "Ada Lovelace" {
		t.Errorf("author after reopen %q (the option only applies at creation)", a)
	}
}

func TestDefaultAuthorIsOSUser(t *testing.T) {
	nb := openAt(t, filepath.Join(t.TempDir(), "n.db"), Options{NoAutoBackup: true})
	a, _ := nb.Author(ctx)
	if a == "" || a != authorOr("") {
		t.Errorf("default author %q, want the OS user %q", a, authorOr(""))
	}
}

// notebookBytes builds a real notebook with n notes and returns its bytes.
func notebookBytes(t *testing.T, n int) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "src.db")
	nb := openAt(t, path, Options{Author: "Ada", NoAutoBackup: true})
	for i := 0; i < n; i++ {
		mustSave(t, nb, EventTarget("event-"+itoa(i)), strings.Repeat("note text ", 50)+itoa(i))
	}
	nb.Close()
	return readFile(t, path)
}

func sqliteFile(t *testing.T, setup string) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "other.db")
	db := rawDB(t, path)
	if _, err := db.ExecContext(ctx, setup); err != nil {
		t.Fatal(err)
	}
	db.Close()
	return readFile(t, path)
}

func TestOpenMovesDamagedAndForeignFilesAside(t *testing.T) {
	random := make([]byte, 8192)
	rand.Read(random)
	good := notebookBytes(t, 300)
	cases := []struct {
		name    string
		content []byte
		wal     []byte // a -wal file beside it, to be moved along
		want    error  // nil: a new notebook in place, nothing moved
	}{
		{"random bytes", random, nil, ErrDamaged},
		{"a few bytes", []byte("hello"), nil, ErrDamaged},
		{"text file", []byte(strings.Repeat("Dear diary,\n", 100)), nil, ErrDamaged},
		{"truncated to half", good[:len(good)/2], nil, ErrDamaged},
		{"truncated to one page", good[:4096], nil, ErrDamaged},
		{"last page cut off", good[:len(good)-4096], nil, ErrDamaged},
		{"header only", good[:100], nil, ErrDamaged},
		// SQLite keeps no checksums: flipped bytes inside a note's text are not
		// detectable, flipped b-tree structure is. Page 2's header is structure.
		{"b-tree page header overwritten", flip(good, 4096, 12), nil, ErrDamaged},
		{"random bytes with a wal", random, []byte("wal bytes"), ErrDamaged},
		{"another program's database", sqliteFile(t, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')"), nil, ErrForeign},
		{"foreign application id", sqliteFile(t, "PRAGMA application_id = 7; CREATE TABLE t (x)"), nil, ErrForeign},
		{"empty file", nil, nil, nil},
		{"empty SQLite database", sqliteFile(t, "PRAGMA user_version = 0"), nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "notebook.db")
			if err := os.WriteFile(path, c.content, 0o600); err != nil {
				t.Fatal(err)
			}
			if c.wal != nil {
				os.WriteFile(path+"-wal", c.wal, 0o600)
			}
			clk := newClock()
			nb := openAt(t, path, Options{Author: "Ada", NoAutoBackup: true, Now: clk.Now})
			in := nb.Info()
			if !in.Created || in.ReadOnly != nil {
				t.Fatalf("info = %+v, want a new writable notebook", in)
			}
			if c.want == nil {
				if in.MovedAside != "" {
					t.Fatalf("moved %s aside", in.MovedAside)
				}
			} else {
				if !errors.Is(in.MoveReason, c.want) {
					t.Fatalf("reason %v, want %v", in.MoveReason, c.want)
				}
				kind := map[error]string{ErrDamaged: "damaged", ErrForeign: "foreign"}[c.want]
				if want := filepath.Join(dir, "notebook."+kind+"-20260110-120000.db"); in.MovedAside != want {
					t.Fatalf("moved to %s, want %s", in.MovedAside, want)
				}
				if got := readFile(t, in.MovedAside); !bytes.Equal(got, c.content) {
					t.Fatalf("the moved file differs from the original (%d vs %d bytes)", len(got), len(c.content))
				}
				if c.wal != nil && !bytes.Equal(readFile(t, in.MovedAside+"-wal"), c.wal) {
					t.Fatal("the -wal file was not moved along")
				}
			}
			// The new notebook works.
			mustSave(t, nb, EventTarget("e-1"), "works")
			if n, ok, err := nb.Note(ctx, EventTarget("e-1")); err != nil || !ok || n.Body != "works" {
				t.Fatalf("note in the new notebook: %v %v %v", n, ok, err)
			}
		})
	}
}

func TestTruncatedComparesHeaderAndSize(t *testing.T) {
	good := notebookBytes(t, 100)
	path := filepath.Join(t.TempDir(), "n.db")
	os.WriteFile(path, good, 0o600)
	if p := truncated(path, good[:100]); p != "" {
		t.Errorf("a whole file: %s", p)
	}
	os.WriteFile(path, good[:len(good)-1], 0o600)
	if p := truncated(path, good[:100]); !strings.Contains(p, "truncated") {
		t.Errorf("one byte short: %q", p)
	}
	// A -wal beside it may hold the missing pages (a crash in a checkpoint).
	os.WriteFile(path+"-wal", []byte("frames"), 0o600)
	if p := truncated(path, good[:100]); p != "" {
		t.Errorf("with a -wal: %s", p)
	}
}

func flip(b []byte, at, n int) []byte {
	out := append([]byte(nil), b...)
	for i := at; i < at+n && i < len(out); i++ {
		out[i] ^= 0x5a
	}
	return out
}

func TestMoveAsideNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "notebook.db")
	clk := newClock()
	var moved []string
	for i := 0; i < 3; i++ { // three damaged files within one second
		os.WriteFile(path, []byte("garbage "+itoa(i)), 0o600)
		nb, err := Open(ctx, path, Options{NoAutoBackup: true, Now: func() time.Time { return clk.t }})
		if err != nil {
			t.Fatal(err)
		}
		moved = append(moved, nb.Info().MovedAside)
		nb.Close()
		os.Remove(path)
	}
	for i, m := range moved {
		if got := string(readFile(t, m)); got != "garbage "+itoa(i) {
			t.Errorf("%s holds %q", m, got)
		}
	}
}

// writes lists every writing method, each as a call on nb.
func writes(nb *Notebook) map[string]func() error {
	e := EventTarget("2015-12-11-openai-founded")
	return map[string]func() error{
		"SaveNote":        func() error { _, err := nb.SaveNote(ctx, e, "x", Label{}); return err },
		"DeleteNote":      func() error { return nb.DeleteNote(ctx, 1) },
		"RestoreNote":     func() error { return nb.RestoreNote(ctx, 1) },
		"Purge":           func() error { _, err := nb.Purge(ctx, time.Now()); return err },
		"SetAuthor":       func() error { return nb.SetAuthor(ctx, "Bob") },
		"SetStar":         func() error { return nb.SetStar(ctx, e.ID, true) },
		"SetFlag":         func() error { return nb.SetFlag(ctx, e.ID, FlagRed) },
		"AddTag":          func() error { _, err := nb.AddTag(ctx, e.ID, "t"); return err },
		"RemoveTag":       func() error { return nb.RemoveTag(ctx, e.ID, "t") },
		"AddOwnEvent":     func() error { _, err := nb.AddOwnEvent(ctx, ownEvent("x")); return err },
		"UpdateOwnEvent":  func() error { ev := ownEvent("x"); ev.ID = "own-1"; _, err := nb.UpdateOwnEvent(ctx, ev); return err },
		"DeleteOwnEvent":  func() error { return nb.DeleteOwnEvent(ctx, "own-1") },
		"RestoreOwnEvent": func() error { return nb.RestoreOwnEvent(ctx, "own-1") },
		"CreateTour":      func() error { _, err := nb.CreateTour(ctx, Tour{Title: data.Text{EN: "t"}}); return err },
		"SaveTour":        func() error { _, err := nb.SaveTour(ctx, Tour{ID: "tour-1", Title: data.Text{EN: "t"}}); return err },
		"RenameTour":      func() error { return nb.RenameTour(ctx, "tour-1", data.Text{EN: "t"}) },
		"MoveStop":        func() error { return nb.MoveStop(ctx, "tour-1", 0, 1) },
		"DeleteTour":      func() error { return nb.DeleteTour(ctx, "tour-1") },
		"RestoreTour":     func() error { return nb.RestoreTour(ctx, "tour-1") },
		"Backup":          func() error { _, err := nb.Backup(ctx); return err },
		"RestoreBackup":   func() error { _, err := nb.RestoreBackup(ctx, nb.Path()); return err },
		"ImportJSON": func() error {
			_, err := nb.ImportJSON(ctx, strings.NewReader(`{"format":"aitimeline-notebook","version":1}`), ImportOptions{})
			return err
		},
		"ImportOwnEventsCSV": func() error {
			_, err := nb.ImportOwnEventsCSV(ctx, strings.NewReader("date,category,title_en,source_url\n2024,legal,T,https://a.example/\n"))
			return err
		},
	}
}

func TestNewerSchemaOpensReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notebook.db")
	nb := openAt(t, path, Options{Author: "Ada", NoAutoBackup: true})
	mustSave(t, nb, EventTarget("e-1"), "from the newer app")
	nb.Close()
	db := rawDB(t, path)
	if _, err := db.ExecContext(ctx, "PRAGMA user_version = 99; CREATE TABLE future (x)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := readFile(t, path)

	nb = openAt(t, path, Options{})
	in := nb.Info()
	if !errors.Is(in.ReadOnly, ErrNewerSchema) || in.MovedAside != "" || in.SchemaVersion != 99 || !nb.ReadOnly() {
		t.Fatalf("info = %+v", in)
	}
	if n, ok, err := nb.Note(ctx, EventTarget("e-1")); !ok || err != nil || n.Body != "from the newer app" {
		t.Fatalf("reading a newer notebook: %v %v %v", n, ok, err)
	}
	for name, write := range writes(nb) {
		if err := write(); !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s on a newer notebook: %v, want ErrReadOnly", name, err)
		}
	}
	if _, err := nb.DatasetChanged(ctx, "v2", []EventStamp{{ID: "a"}}); err != nil {
		t.Errorf("DatasetChanged on a read-only notebook: %v", err)
	}
	nb.Close()
	if !bytes.Equal(readFile(t, path), before) {
		t.Error("the newer notebook's file changed")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "backups")); err == nil {
		t.Error("a read-only notebook made a backup")
	}
}

func TestReadOnlyOption(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(ctx, filepath.Join(dir, "missing.db"), Options{ReadOnly: true}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("read-only open of a missing file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); err == nil {
		t.Error("a read-only open created the file")
	}
	os.WriteFile(filepath.Join(dir, "junk.db"), []byte("junk"), 0o600)
	if _, err := Open(ctx, filepath.Join(dir, "junk.db"), Options{ReadOnly: true}); !errors.Is(err, ErrDamaged) {
		t.Errorf("read-only open of a damaged file: %v", err)
	}
	if got := string(readFile(t, filepath.Join(dir, "junk.db"))); got != "junk" {
		t.Error("a read-only open touched the damaged file")
	}
	path := filepath.Join(dir, "notebook.db")
	nb := openAt(t, path, Options{NoAutoBackup: true})
	mustSave(t, nb, EventTarget("e-1"), "x")
	nb.Close()
	ro := openAt(t, path, Options{ReadOnly: true})
	if !errors.Is(ro.Info().ReadOnly, ErrReadOnly) {
		t.Fatalf("info %+v", ro.Info())
	}
	if _, err := ro.SaveNote(ctx, EventTarget("e-2"), "y", Label{}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("SaveNote: %v", err)
	}
	if ns, _ := ro.Notes(ctx, NoteFilter{}); len(ns) != 1 {
		t.Errorf("notes %v", ns)
	}
}

func TestNoWriteAccessOpensReadOnly(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write anywhere")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "notebook.db")
	nb := openAt(t, path, Options{NoAutoBackup: true})
	mustSave(t, nb, EventTarget("e-1"), "x")
	nb.Close()
	os.Chmod(path, 0o444)
	os.Chmod(dir, 0o555)
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	ro := openAt(t, path, Options{})
	if !errors.Is(ro.Info().ReadOnly, ErrNoWriteAccess) {
		t.Fatalf("info %+v", ro.Info())
	}
	if ns, err := ro.Notes(ctx, NoteFilter{}); err != nil || len(ns) != 1 {
		t.Errorf("notes %v %v", ns, err)
	}
}

func TestNetworkFileSystemUsesRollbackJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notebook.db")
	nb := openAt(t, path, Options{NoAutoBackup: true, netFS: func(string) string { return "nfs" }})
	if nb.Info().NetworkFS != "nfs" {
		t.Fatalf("info %+v", nb.Info())
	}
	if got := pragma(t, nb.w, "journal_mode"); got != "delete" {
		t.Errorf("journal_mode on a network drive = %s, want delete", got)
	}
	mustSave(t, nb, EventTarget("e-1"), "x")
	de := i18n.Must(data.DE)
	ns := nb.Info().Notices(de)
	if len(ns) != 1 || !strings.Contains(ns[0], "Netzlaufwerk (nfs)") {
		t.Errorf("notices %q", ns)
	}
	if got := networkFS(t.TempDir()); got != "" {
		t.Errorf("the test's temporary folder is reported as %q", got)
	}
}

func TestDefaultPath(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	home := func() (string, error) { return "/home/ada", nil }
	cases := []struct {
		goos   string
		env    map[string]string
		config string
		want   string
	}{
		{"linux", map[string]string{"XDG_DATA_HOME": "/data/ada"}, "", "/data/ada/aitimeline/notebook.db"},
		{"linux", map[string]string{}, "", "/home/ada/.local/share/aitimeline/notebook.db"},
		{"linux", map[string]string{"XDG_DATA_HOME": "relative/path"}, "", "/home/ada/.local/share/aitimeline/notebook.db"},
		{"freebsd", map[string]string{}, "", "/home/ada/.local/share/aitimeline/notebook.db"},
		{"darwin", map[string]string{}, "/Users/ada/Library/Application Support", "/Users/ada/Library/Application Support/aitimeline/notebook.db"},
		{"windows", map[string]string{}, `C:\Users\ada\AppData\Roaming`, filepath.Join(`C:\Users\ada\AppData\Roaming`, "aitimeline", "notebook.db")},
	}
	for _, c := range cases {
		got, err := defaultPath(c.goos, env(c.env), home, func() (string, error) { return c.config, nil })
		if err != nil || got != filepath.FromSlash(c.want) && got != c.want {
			t.Errorf("%s %v: %q %v, want %q", c.goos, c.env, got, err, c.want)
		}
	}
	if p, err := DefaultPath(); err != nil || !strings.HasSuffix(p, filepath.Join("aitimeline", "notebook.db")) {
		t.Errorf("DefaultPath() = %q, %v", p, err)
	}
}

func TestConcurrentOpensOfANewFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notebook.db")
	var wg sync.WaitGroup
	errs := make([]error, 4)
	nbs := make([]*Notebook, 4)
	for i := range nbs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			nbs[i], errs[i] = Open(ctx, path, Options{Author: "Ada", NoAutoBackup: true})
		}(i)
	}
	wg.Wait()
	for i, nb := range nbs {
		if errs[i] != nil {
			t.Fatalf("open %d: %v", i, errs[i])
		}
		defer nb.Close()
		if nb.Info().MovedAside != "" || nb.ReadOnly() {
			t.Errorf("open %d: %+v", i, nb.Info())
		}
		mustSave(t, nb, EventTarget("e-"+itoa(i)), "from "+itoa(i))
	}
	if ns, _ := nbs[0].Notes(ctx, NoteFilter{}); len(ns) != 4 {
		t.Errorf("%d notes, want 4", len(ns))
	}
}

func TestMessagesAreLocalized(t *testing.T) {
	en, de := i18n.Must(data.EN), i18n.Must(data.DE)
	errs := []error{ErrReadOnly, ErrNotFound, ErrNewerSchema, ErrNoWriteAccess, ErrMigration, ErrDamaged, ErrForeign,
		ErrMalformed, ErrNewerFormat, ErrAuthorTaken, &TooLargeError{Limit: 64 << 20},
		&ImportError{Line: 3, Err: invalid(FieldSourceURL, ProblemBad, "javascript:alert(1)")},
		&ImportError{Where: "notes[2]", Err: tooLong(FieldBody, MaxNoteBytes)},
		invalid(FieldTitle, ProblemMissing, ""), errors.New("disk full")}
	seen := map[string]bool{}
	for _, err := range errs {
		e, d := Message(en, err), Message(de, err)
		if e == d || strings.HasPrefix(e, "notebook.") || strings.HasPrefix(d, "notebook.") || strings.Contains(e, "\n") || seen[e] {
			t.Errorf("%v: en %q, de %q", err, e, d)
		}
		seen[e] = true
	}
	if got := Message(de, &ImportError{Line: 3, Err: invalid(FieldSourceURL, ProblemBad, "javascript:alert(1)")}); got !=
		"Zeile 3: Die Webadresse der Quelle (http oder https) „javascript:alert(1)“ ist ungültig. Bitte korrigieren Sie die Angabe." {
		t.Errorf("de: %q", got)
	}
	if got := Message(en, &TooLargeError{Limit: 64 << 20}); !strings.Contains(got, "64 MB") {
		t.Errorf("en: %q", got)
	}
	for _, f := range []string{FieldAuthor, FieldBody, FieldCategory, FieldDate, FieldEndDate, FieldFlag, FieldID, FieldKind,
		FieldPeople, FieldOrganization, FieldSources, FieldSourceURL, FieldSourceDate, FieldStops, FieldSummary, FieldTag,
		FieldTime, FieldTitle, FieldIntro, FieldNote} {
		if n := fieldName(de, f); n == f || strings.HasPrefix(n, "notebook.") {
			t.Errorf("field %s has no German name", f)
		}
	}
	for _, f := range Flags {
		if FlagName(en, f) == FlagName(de, f) && f != FlagOrange {
			t.Errorf("flag %s: %q in both languages", f, FlagName(en, f))
		}
	}
}
