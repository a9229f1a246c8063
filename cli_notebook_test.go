package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"aitimeline/data"
	"aitimeline/data/interop"
	"aitimeline/data/userdb"
	"aitimeline/i18n"
)

// nbEnv is an environment whose notebook lives in a fresh temporary folder
// (never the real one); the dataset cache is shared by the calls of a test.
func nbEnv(t *testing.T) (map[string]string, string) {
	t.Helper()
	// Even a command that missed the environment must not reach the real
	// notebook: the default place moves into the test's folder too.
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "nb", "notebook.db")
	return map[string]string{notebookEnv: path, "AITIMELINE_CACHE_DIR": t.TempDir()}, path
}

// ok runs the command and fails the test unless it succeeds.
func ok(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	r := runCLI(t, env, args...)
	if r.code != 0 {
		t.Fatalf("%v: exit %d, stderr %q", args, r.code, r.stderr)
	}
	return r
}

// bundled opens the bundled dataset as the commands do.
func bundled(t *testing.T) *data.Store {
	t.Helper()
	env := map[string]string{"AITIMELINE_CACHE_DIR": t.TempDir()}
	st, err := openDataset("", envFor(env), i18n.Must(data.EN))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func envFor(m map[string]string) env {
	return env{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(k string) string { return m[k] }}
}

// eventByID reads the dataset event with the given ID.
func eventByID(t *testing.T, st *data.Store, id string) data.Event {
	t.Helper()
	i := st.Index().Find(id)
	if i < 0 {
		t.Fatalf("the dataset has no event %s", id)
	}
	ev, err := st.EventAt(context.Background(), i)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// fileSum is a file's content hash; "" when it does not exist.
func fileSum(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return string(s[:])
}

// withNotebook opens the notebook directly (for what the command line
// cannot do: stars, tags, own events, another author) and closes it at once
// after fn, so the commands see the changes.
func withNotebook(t *testing.T, path string, opts userdb.Options, fn func(nb *userdb.Notebook)) {
	t.Helper()
	opts.NoAutoBackup = true
	nb, err := userdb.Open(context.Background(), path, opts)
	if err != nil {
		t.Fatal(err)
	}
	fn(nb)
	if err := nb.Close(); err != nil {
		t.Fatal(err)
	}
}

const (
	evFounded = "2015-12-11-openai-founded"
)

// laterEvent is a dataset event some years after the founding, for ordering.
func laterEvent(t *testing.T, st *data.Store) string {
	x := st.Index()
	for i := x.Len() - 1; i >= 0; i-- {
		if x.Date(i).Year >= 2023 && len(x.ID(i)) > 0 {
			return x.ID(i)
		}
	}
	t.Fatal("no event after 2023")
	return ""
}

func TestNoteRoundTrip(t *testing.T) {
	st := bundled(t)
	later := laterEvent(t, st)
	env, path := nbEnv(t)

	// Listing an absent notebook shows nothing and creates nothing.
	if r := ok(t, env, "note", "list"); r.stdout != "" {
		t.Fatalf("empty notebook listed %q", r.stdout)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("note list created the notebook: %v", err)
	}

	// Added later event first: the list must still come in date order.
	ok(t, env, "note", "add", later, "Later **thought**\nsecond line")
	r := ok(t, env, "note", "add", evFounded, "Compare", "with", "the", "charter")
	if !strings.Contains(r.stdout, "Saved") || !strings.Contains(r.stdout, "December 11, 2015") {
		t.Fatalf("note add said %q", r.stdout)
	}
	r = ok(t, env, "note", "add", evFounded, "Second paragraph")
	if !strings.Contains(r.stdout, "Added") {
		t.Fatalf("second note add said %q", r.stdout)
	}

	lines := strings.Split(strings.TrimRight(ok(t, env, "note", "list").stdout, "\n"), "\n")
	founded := eventByID(t, st, evFounded)
	want := [][]string{
		{evFounded, "2015-12-11", founded.Title.EN, "Compare with the charter"},
		{later, st.Index().Date(st.Index().Find(later)).String(), st.Index().Title(st.Index().Find(later), data.EN), "Later **thought**"},
	}
	if len(lines) != len(want) {
		t.Fatalf("note list:\n%s", strings.Join(lines, "\n"))
	}
	for i, l := range lines {
		if got := strings.Split(l, "\t"); !slices.Equal(got, want[i]) {
			t.Errorf("line %d = %q, want %q", i, got, want[i])
		}
	}
	de := ok(t, env, "note", "list", "--lang", "de").stdout
	if !strings.Contains(de, founded.Title.DE) {
		t.Errorf("German list lacks the German title: %q", de)
	}

	// JSON export to stdout and to a file are the same bytes.
	exported := ok(t, env, "notes", "export", "--format", "json").stdout
	out := filepath.Join(t.TempDir(), "notes.json")
	if r := ok(t, env, "notes", "export", "--format", "json", "--out", out); r.stdout != "" {
		t.Fatalf("--out also wrote to stdout: %q", r.stdout)
	}
	if b, _ := os.ReadFile(out); string(b) != exported {
		t.Fatal("the exported file differs from the standard output")
	}
	var doc struct {
		Format string
		Notes  []struct{ ID, Body string }
	}
	if err := json.Unmarshal([]byte(exported), &doc); err != nil || doc.Format != userdb.JSONFormat || len(doc.Notes) != 2 {
		t.Fatalf("export: %v %+v", err, doc)
	}
	for _, n := range doc.Notes {
		if n.ID == evFounded && n.Body != "Compare with the charter\n\nSecond paragraph" {
			t.Fatalf("appended note body = %q", n.Body)
		}
	}

	// Import into a fresh notebook, export again: the same file.
	fresh, freshPath := nbEnv(t)
	r = ok(t, fresh, "notes", "import", out)
	if !strings.Contains(r.stdout, "2 new") {
		t.Fatalf("import report %q", r.stdout)
	}
	if again := ok(t, fresh, "notes", "export", "--format", "json").stdout; again != exported {
		t.Fatalf("export → import → export differs:\n%s\n---\n%s", exported, again)
	}
	if r := ok(t, fresh, "notes", "import", out); !strings.Contains(r.stdout, "0 new") || !strings.Contains(r.stdout, "2 already there") {
		t.Fatalf("second import report %q", r.stdout)
	}
	if _, err := os.Stat(freshPath); err != nil {
		t.Fatal(err)
	}

	// Markdown: the note and the event's sources.
	md := ok(t, env, "notes", "export", "--format", "md").stdout
	for _, s := range append([]string{"Compare with the charter", "Second paragraph", founded.Title.EN}, urls(founded.Sources)...) {
		if !strings.Contains(md, s) {
			t.Errorf("Markdown export lacks %q", s)
		}
	}
	mdDE := ok(t, env, "notes", "export", "--format", "md", "--lang", "de").stdout
	if !strings.Contains(mdDE, founded.Title.DE) {
		t.Error("German Markdown export lacks the German title")
	}

	// CSV: the header and one row per note.
	recs, err := csv.NewReader(strings.NewReader(ok(t, env, "notes", "export", "--format", "csv").stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || !slices.Equal(recs[0], userdb.NotesCSVHeader) {
		t.Fatalf("CSV: %d records, header %v", len(recs), recs[0])
	}
}

func urls(ss []data.Source) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.URL)
	}
	return out
}

func TestNoteListFiltersAndColleagues(t *testing.T) {
	st := bundled(t)
	later := laterEvent(t, st)
	env, path := nbEnv(t)
	ok(t, env, "note", "add", evFounded, "on the founding")
	ok(t, env, "note", "add", later, "later one")
	withNotebook(t, path, userdb.Options{}, func(nb *userdb.Notebook) {
		ctx := context.Background()
		if err := nb.SetStar(ctx, later, true); err != nil {
			t.Fatal(err)
		}
		if _, err := nb.AddTag(ctx, evFounded, "Gründung"); err != nil {
			t.Fatal(err)
		}
		if _, err := nb.SaveNote(ctx, userdb.PersonTarget("elon-musk"), "on a person", userdb.Label{Title: data.Text{EN: "Elon Musk"}}); err != nil {
			t.Fatal(err)
		}
	})
	// A colleague's export, merged under her name.
	colleague := filepath.Join(t.TempDir(), "grace.db")
	exp := filepath.Join(t.TempDir(), "grace.json")
	withNotebook(t, colleague, userdb.Options{Author: "Grace Hopper"}, func(nb *userdb.Notebook) {
		ev := eventByID(t, st, evFounded)
		if _, err := nb.SaveNote(context.Background(), userdb.EventTarget(evFounded), "Grace's view",
			userdb.Label{Title: ev.Title, Date: ev.Date}); err != nil {
			t.Fatal(err)
		}
		f, _ := os.Create(exp)
		defer f.Close()
		if err := nb.ExportJSON(context.Background(), f); err != nil {
			t.Fatal(err)
		}
	})
	if r := ok(t, env, "notes", "import", exp); !strings.Contains(r.stdout, "1 new") {
		t.Fatalf("colleague import: %q", r.stdout)
	}

	cases := []struct {
		args []string
		want []string // first two columns and the author column of each line
	}{
		{nil, []string{evFounded, evFounded + " Grace Hopper", later, "person:elon-musk"}},
		{[]string{"--starred"}, []string{later}},
		{[]string{"--tag", "gründung"}, []string{evFounded, evFounded + " Grace Hopper"}},
		{[]string{"--tag", "nothing"}, nil},
		{[]string{"--starred", "--tag", "Gründung"}, nil},
	}
	for _, c := range cases {
		r := ok(t, env, append([]string{"note", "list"}, c.args...)...)
		var got []string
		for _, l := range strings.Split(strings.TrimRight(r.stdout, "\n"), "\n") {
			if l == "" {
				continue
			}
			f := strings.Split(l, "\t")
			key := f[0]
			if len(f) == 5 {
				key += " " + f[4]
			} else if len(f) != 4 {
				t.Fatalf("%v: line %q has %d columns", c.args, l, len(f))
			}
			got = append(got, key)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("note list %v = %q, want %q", c.args, got, c.want)
		}
	}
	failsWithOneLine(t, runCLI(t, env, "note", "list", "--tag", "   "), "tag")
}

func TestNoteAddRefusals(t *testing.T) {
	env, path := nbEnv(t)
	cases := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"unknown event", env, []string{"note", "add", "2015-13-99-nothing", "text"}, "2015-13-99-nothing"},
		{"unknown own event", env, []string{"note", "add", "own-0123456789ab", "text"}, "own-0123456789ab"},
		{"no text", env, []string{"note", "add", evFounded}, "note add needs"},
		{"blank text", env, []string{"note", "add", evFounded, "  \n "}, "empty"},
		{"no subcommand", env, []string{"note"}, "note add"},
		{"bad subcommand", env, []string{"notes", "frob"}, "notes export"},
		{"German", map[string]string{notebookEnv: path, "LANG": "de_DE.UTF-8"}, []string{"note", "add", "nix-da", "Text"}, "kein Ereignis „nix-da“"},
		{"--lang de", env, []string{"note", "add", "nix-da", "Text", "--lang", "de"}, "kein Ereignis"},
		{"bad lang", env, []string{"note", "list", "--lang", "fr"}, "fr"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			failsWithOneLine(t, runCLI(t, c.env, c.args...), c.want)
			// A refused note leaves no notebook behind (nor its folder).
			if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
				t.Fatalf("a refused command left %s: %v", filepath.Dir(path), err)
			}
		})
	}
	// A note over the size limit is refused by the notebook; the notebook the
	// command had to create for it is removed again.
	huge := strings.Repeat("x", userdb.MaxNoteBytes+1)
	failsWithOneLine(t, runCLI(t, env, "note", "add", evFounded, huge), "too long")
	if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Fatalf("a refused note left the notebook folder: %v", err)
	}
	// In an existing notebook the refusal changes nothing.
	ok(t, env, "note", "add", evFounded, "kept")
	sum := fileSum(t, path)
	failsWithOneLine(t, runCLI(t, env, "note", "add", evFounded, huge), "too long")
	if fileSum(t, path) != sum {
		t.Fatal("a refused note changed the notebook")
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal("a refused note removed an existing notebook")
	}
}

// TestNotesImportAdoptAuthor: moving one's own notebook to a new computer
// (--adopt-author) keeps the notes one's own; without it they arrive as a
// colleague's.
func TestNotesImportAdoptAuthor(t *testing.T) {
	st := bundled(t)
	ev := eventByID(t, st, evFounded)
	old := filepath.Join(t.TempDir(), "old.db")
	exp := filepath.Join(t.TempDir(), "ada.json")
	withNotebook(t, old, userdb.Options{Author: "Ada Lovelace"}, func(nb *userdb.Notebook) {
		if _, err := nb.SaveNote(context.Background(), userdb.EventTarget(evFounded), "mine", userdb.Label{Title: ev.Title, Date: ev.Date}); err != nil {
			t.Fatal(err)
		}
	})
	ok(t, map[string]string{notebookEnv: old}, "notes", "export", "--out", exp)
	want, _ := os.ReadFile(exp)

	moved, _ := nbEnv(t)
	ok(t, moved, "notes", "import", exp, "--adopt-author")
	if got := ok(t, moved, "notes", "export").stdout; got != string(want) {
		t.Fatalf("with --adopt-author the export differs:\n%s\n---\n%s", want, got)
	}
	ok(t, moved, "note", "add", evFounded, "more")
	if l := ok(t, moved, "note", "list").stdout; strings.Count(l, "\n") != 1 || strings.Contains(l, "Ada") {
		t.Fatalf("after adopting, the note is not one's own: %q", l)
	}

	colleague, _ := nbEnv(t)
	ok(t, colleague, "notes", "import", exp)
	ok(t, colleague, "note", "add", evFounded, "mine too")
	if l := ok(t, colleague, "note", "list").stdout; !strings.Contains(l, "\tmine\tAda Lovelace\n") || strings.Count(l, "\n") != 2 {
		t.Fatalf("without --adopt-author: %q", l)
	}
}

func TestNoteOnOwnEventAndCSVImport(t *testing.T) {
	env, _ := nbEnv(t)
	csvFile := filepath.Join(t.TempDir(), "own.csv")
	os.WriteFile(csvFile, []byte("date,category,title_en,source_url\n2024-03-01,legal,A hearing we attended,https://example.org/hearing\n"), 0o644)
	if r := ok(t, env, "notes", "import", csvFile); !strings.Contains(r.stdout, "1 new") {
		t.Fatalf("CSV import: %q", r.stdout)
	}
	var doc struct {
		OwnEvents []struct{ ID string } `json:"own_events"`
	}
	json.Unmarshal([]byte(ok(t, env, "notes", "export").stdout), &doc)
	if len(doc.OwnEvents) != 1 {
		t.Fatalf("own events after import: %+v", doc)
	}
	id := doc.OwnEvents[0].ID
	ok(t, env, "note", "add", id, "my own")
	if l := ok(t, env, "note", "list").stdout; l != id+"\t2024-03-01\tA hearing we attended\tmy own\n" {
		t.Fatalf("note on an own event listed as %q", l)
	}
	// A file without an extension is read by its content: CSV here.
	noExt := filepath.Join(t.TempDir(), "own-events")
	os.WriteFile(noExt, []byte("date,category,title_en,source_url\n2024-04,legal,Another,https://example.org/b\n"), 0o644)
	if r := ok(t, env, "notes", "import", noExt); !strings.Contains(r.stdout, "1 new") {
		t.Fatalf("CSV without extension: %q", r.stdout)
	}
}

func TestImportKind(t *testing.T) {
	cases := []struct {
		name, head, want string
	}{
		{"a.json", "date,category", "json"}, // the extension decides
		{"a.JSON", "", "json"},
		{"a.csv", "{", "csv"},
		{"a.txt", "{", "csv"},
		{"export", "\uFEFF  \n {\"format\"", "json"},
		{"export", "date;category", "csv"},
		{"export", "", "csv"},
	}
	for _, c := range cases {
		if got := importKind(c.name, []byte(c.head)); got != c.want {
			t.Errorf("importKind(%q, %q) = %s, want %s", c.name, c.head, got, c.want)
		}
	}
}

func TestNotesImportRefusals(t *testing.T) {
	env, path := nbEnv(t)
	ok(t, env, "note", "add", evFounded, "mine")
	sum := fileSum(t, path)
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		return p
	}
	cases := []struct {
		name, file, want string
		lang             string
	}{
		{"broken JSON", write("broken.json", `{"format": "aitimeline-notebook", "version": 1, "notes": [`), "not imported", ""},
		{"newer export", write("newer.json", `{"format": "aitimeline-notebook", "version": 2, "author": "X"}`), "newer version", ""},
		{"a tour file", write("tour.json", `{"format": "aitimeline-tour", "version": 1}`), "not a notebook export", ""},
		{"bad CSV row", write("bad.csv", "date,category,title_en,source_url\n2024-03-01,legal,Fine,https://example.org/a\n2024-99,legal,Bad date,https://example.org/b\n"), "Line 3", ""},
		{"javascript URL", write("js.csv", "date,category,title_en,source_url\n2024-03-01,legal,X,javascript:alert(1)\n"), "javascript:alert(1)", ""},
		{"missing file", filepath.Join(dir, "nope.json"), "nope.json", ""},
		{"German", write("newer2.json", `{"format": "aitimeline-notebook", "version": 2}`), "wurde nicht importiert, das Notizbuch ist unverändert", "de"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := []string{"notes", "import", c.file}
			if c.lang != "" {
				args = append(args, "--lang", c.lang)
			}
			failsWithOneLine(t, runCLI(t, env, args...), c.want)
			if fileSum(t, path) != sum {
				t.Fatal("a refused import changed the notebook")
			}
		})
	}
	failsWithOneLine(t, runCLI(t, env, "notes", "import"), "notes import needs one file")
	// A refused import into no notebook leaves none.
	fresh, freshPath := nbEnv(t)
	failsWithOneLine(t, runCLI(t, fresh, "notes", "import", filepath.Join(dir, "broken.json")), "not imported")
	if _, err := os.Stat(filepath.Dir(freshPath)); !os.IsNotExist(err) {
		t.Fatal("a refused import left a new notebook behind")
	}
}

func TestNotesExportRefusals(t *testing.T) {
	env, path := nbEnv(t)
	failsWithOneLine(t, runCLI(t, env, "notes", "export"), "no notebook at")
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("notes export created a notebook")
	}
	failsWithOneLine(t, runCLI(t, env, "notes", "export", "--format", "pdf"), "pdf")
	ok(t, env, "note", "add", evFounded, "x")
	failsWithOneLine(t, runCLI(t, env, "notes", "export", "--out", filepath.Join(t.TempDir(), "missing", "x.json")), "x.json")
}

// TestNotebookDamagedAndNewer: a damaged file is moved aside (said on
// stderr) and the command goes on; a newer app's notebook is read but never
// written.
func TestNotebookDamagedAndNewer(t *testing.T) {
	env, path := nbEnv(t)
	os.MkdirAll(filepath.Dir(path), 0o755)
	os.WriteFile(path, []byte("this is not a notebook at all, just some words to fill a page"), 0o644)
	// The command stops with one line and exit 1: the file is moved
	// aside, a fresh notebook started, and nothing is written this time.
	failsWithOneLine(t, runCLI(t, env, "note", "add", evFounded, "lost on purpose"), "damaged")
	if l := ok(t, env, "note", "list").stdout; strings.Contains(l, "lost on purpose") {
		t.Fatalf("the command went on after the damage was found: %q", l)
	}
	ok(t, env, "note", "add", evFounded, "after the damage")
	moved, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "notebook.damaged-*.db"))
	if len(moved) != 1 {
		t.Fatalf("moved aside: %v", moved)
	}
	if b, _ := os.ReadFile(moved[0]); !strings.HasPrefix(string(b), "this is not a notebook") {
		t.Fatal("the damaged file's bytes were not kept")
	}
	if l := ok(t, env, "note", "list").stdout; !strings.Contains(l, "after the damage") {
		t.Fatalf("the new notebook lacks the note: %q", l)
	}

	// Make it a newer app's notebook.
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	sum := fileSum(t, path)
	tourFile := filepath.Join(t.TempDir(), "t.aitour.json")
	ok(t, env, "tour", "export", "conflict-in-12-steps", "--out", tourFile)
	csvFile := filepath.Join(t.TempDir(), "own.csv")
	os.WriteFile(csvFile, []byte("date,category,title_en,source_url\n2024-03-01,legal,X,https://example.org/x\n"), 0o644)
	for _, args := range [][]string{
		{"note", "add", evFounded, "more"},
		{"notes", "import", csvFile},
		{"tour", "import", tourFile},
	} {
		failsWithOneLine(t, runCLI(t, env, args...), "newer version of the app")
		r := runCLI(t, map[string]string{notebookEnv: path, "LANG": "de_DE.UTF-8"}, args...)
		failsWithOneLine(t, r, "neueren Version")
	}
	if fileSum(t, path) != sum {
		t.Fatal("a newer notebook was changed")
	}
	// Reading still works, with the reason on stderr, once.
	for _, args := range [][]string{{"note", "list"}, {"notes", "export", "--format", "md"}, {"notes", "export", "--format", "json"}} {
		r := ok(t, env, args...)
		if !strings.Contains(r.stdout, "after the damage") || !strings.Contains(r.stderr, "read-only") || strings.Count(r.stderr, "\n") != 1 {
			t.Fatalf("%v on a newer notebook: %+v", args, r)
		}
	}
	if fileSum(t, path) != sum {
		t.Fatal("reading a newer notebook changed it")
	}
}

// risRecords splits RIS output into records of tag → values, checking the
// framing: CRLF line ends, TY first, ER last.
func risRecords(t *testing.T, out string) []map[string][]string {
	t.Helper()
	if strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Fatal("RIS: a line does not end in CRLF")
	}
	var recs []map[string][]string
	var cur map[string][]string
	line := regexp.MustCompile(`^([A-Z][A-Z0-9])  - (.*)$`)
	for _, l := range strings.Split(out, "\r\n") {
		if l == "" {
			continue
		}
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("RIS: not a tag line: %q", l)
		}
		switch {
		case cur == nil && m[1] != "TY":
			t.Fatalf("RIS: record starts with %s", m[1])
		case cur == nil:
			cur = map[string][]string{}
		case m[1] == "ER":
			recs = append(recs, cur)
			cur = nil
			continue
		}
		cur[m[1]] = append(cur[m[1]], m[2])
	}
	if cur != nil {
		t.Fatal("RIS: the last record has no ER line")
	}
	return recs
}

// bibEntries reads BibTeX entries as type, key and fields (values with their
// outer braces removed), enough to check what cite writes.
func bibEntries(t *testing.T, out string) []map[string]string {
	t.Helper()
	head := regexp.MustCompile(`(?m)^@([a-z]+)\{([^,\s]+),$`)
	field := regexp.MustCompile(`(?m)^  ([a-z]+) = \{(.*)\},$`)
	locs := head.FindAllStringSubmatchIndex(out, -1)
	var entries []map[string]string
	for i, loc := range locs {
		end := len(out)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		body := out[loc[1]:end]
		if !strings.Contains(body, "\n}\n") {
			t.Fatalf("BibTeX entry %s is not closed", out[loc[4]:loc[5]])
		}
		e := map[string]string{"@type": out[loc[2]:loc[3]], "@key": out[loc[4]:loc[5]]}
		for _, m := range field.FindAllStringSubmatch(body, -1) {
			e[m[1]] = m[2]
		}
		entries = append(entries, e)
	}
	if strings.Count(out, "\n@") != len(entries) {
		t.Fatalf("BibTeX: %d entries read, %d @ lines", len(entries), strings.Count(out, "\n@"))
	}
	return entries
}

// cslItems parses CSL-JSON output.
func cslItems(t *testing.T, out string) []map[string]any {
	t.Helper()
	var items []map[string]any
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("CSL-JSON: %v", err)
	}
	return items
}

// distinctURLs is the set of http(s) source URLs of the events.
func distinctURLs(evs ...data.Event) map[string]bool {
	out := map[string]bool{}
	for _, ev := range evs {
		for _, s := range ev.Sources {
			out[s.URL] = true
		}
		for _, a := range ev.Accounts {
			for _, s := range a.Sources {
				out[s.URL] = true
			}
		}
	}
	return out
}

func TestCiteFormats(t *testing.T) {
	st := bundled(t)
	env, _ := nbEnv(t)
	ev := eventByID(t, st, evFounded)
	want := distinctURLs(ev)

	// BibTeX: one entry per source with its url, plus the event as @dataset.
	bib := bibEntries(t, ok(t, env, "cite", "--event", evFounded, "--events", "--format", "bibtex").stdout)
	if len(bib) != len(want)+1 {
		t.Fatalf("BibTeX: %d entries for %d sources + 1 event", len(bib), len(want))
	}
	got := map[string]bool{}
	for _, e := range bib {
		if e["@type"] == "dataset" {
			if e["number"] != evFounded || e["@key"] != "aitimeline-"+evFounded || e["version"] != st.Meta().Version {
				t.Errorf("event entry %v", e)
			}
			continue
		}
		if e["url"] == "" || e["urldate"] == "" || e["title"] == "" {
			t.Errorf("source entry without url, urldate or title: %v", e)
		}
		got[e["url"]] = true
	}
	if len(got) != len(want) {
		t.Errorf("BibTeX urls %v, want %v", got, want)
	}
	for u := range want {
		if !got[u] {
			t.Errorf("BibTeX lacks %s", u)
		}
	}

	// RIS: records framed by TY … ER with UR; the event as DATA.
	ris := risRecords(t, ok(t, env, "cite", "--event", evFounded, "--events", "--format", "ris", "--lang", "de").stdout)
	if len(ris) != len(want)+1 {
		t.Fatalf("RIS: %d records", len(ris))
	}
	for _, r := range ris {
		if r["TY"][0] == "DATA" {
			if r["TI"][0] != ev.Title.DE || r["AN"][0] != evFounded {
				t.Errorf("German event record %v", r)
			}
		} else if len(r["UR"]) != 1 || !want[r["UR"][0]] {
			t.Errorf("RIS source record %v", r)
		}
	}

	// CSL-JSON: valid JSON with the fields; without --events no dataset item.
	items := cslItems(t, ok(t, env, "cite", "--event", evFounded, "--format", "csl-json").stdout)
	if len(items) != len(want) {
		t.Fatalf("CSL-JSON: %d items", len(items))
	}
	for _, it := range items {
		for _, f := range []string{"id", "type", "title", "URL", "issued", "accessed"} {
			if it[f] == nil {
				t.Errorf("CSL item lacks %s: %v", f, it)
			}
		}
		if it["type"] == "dataset" || !want[it["URL"].(string)] {
			t.Errorf("CSL item %v", it)
		}
	}
	items = cslItems(t, ok(t, env, "cite", "--event", evFounded, "--format", "csl", "--events", "--lang", "en").stdout)
	var event map[string]any
	for _, it := range items {
		if it["type"] == "dataset" {
			event = it
		}
	}
	if event == nil || event["title"] != ev.Title.EN || event["number"] != evFounded {
		t.Errorf("CSL event item %v", event)
	}

	// --out writes the same as standard output, atomically.
	out := filepath.Join(t.TempDir(), "refs.bib")
	stdout := ok(t, env, "cite", "--event", evFounded).stdout
	if r := ok(t, env, "cite", "--event", evFounded, "--out", out); r.stdout != "" {
		t.Fatal("--out also wrote to stdout")
	}
	if b, _ := os.ReadFile(out); string(b) != stdout {
		t.Error("cite --out differs from standard output")
	}
}

func TestCiteSelections(t *testing.T) {
	st := bundled(t)
	later := laterEvent(t, st)
	env, path := nbEnv(t)
	urlsOf := func(args ...string) map[string]bool {
		t.Helper()
		out := map[string]bool{}
		for _, it := range cslItems(t, ok(t, env, append([]string{"cite", "--format", "csl-json"}, args...)...).stdout) {
			out[it["URL"].(string)] = true
		}
		return out
	}
	equal := func(name string, got, want map[string]bool) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: %d sources, want %d", name, len(got), len(want))
		}
		for u := range want {
			if !got[u] {
				t.Errorf("%s lacks %s", name, u)
			}
		}
	}
	// A date range: every event from December 2015 to 2017.
	x := st.Index()
	var inRange []data.Event
	for i := 0; i < x.Len(); i++ {
		if d := x.Date(i); d.Year == 2016 || d.Year == 2017 || (d.Year == 2015 && d.Month == 12) {
			inRange = append(inRange, eventByID(t, st, x.ID(i)))
		}
	}
	if len(inRange) < 3 {
		t.Fatalf("only %d events from December 2015 to 2017", len(inRange))
	}
	equal("--from 2015-12 --to 2017", urlsOf("--from", "2015-12", "--to", "2017"), distinctURLs(inRange...))

	// Several IDs, and the notebook's starred events (an own event included:
	// its sources are cited too).
	equal("two events", urlsOf("--event", evFounded, "--event", later), distinctURLs(eventByID(t, st, evFounded), eventByID(t, st, later)))
	var own userdb.OwnEvent
	withNotebook(t, path, userdb.Options{}, func(nb *userdb.Notebook) {
		ctx := context.Background()
		nb.SetStar(ctx, later, true)
		var err error
		own, err = nb.AddOwnEvent(ctx, userdb.OwnEvent{Date: data.MustDate("2024-05"), Category: "legal", Title: data.Text{EN: "Own"},
			Sources: []data.Source{{Publisher: "Court", Title: "Docket", URL: "https://example.org/docket", Kind: "court"}}})
		if err != nil {
			t.Fatal(err)
		}
		nb.SetStar(ctx, own.ID, true)
		nb.SetStar(ctx, "1999-01-01-gone-from-the-dataset", true) // an orphan is skipped
	})
	wantStarred := distinctURLs(eventByID(t, st, later))
	wantStarred["https://example.org/docket"] = true
	equal("--starred", urlsOf("--starred"), wantStarred)
	equal("own event by ID", urlsOf("--event", own.ID), map[string]bool{"https://example.org/docket": true})
	// --events cites dataset events only: the own event is no dataset entry.
	items := cslItems(t, ok(t, env, "cite", "--format", "csl-json", "--starred", "--events").stdout)
	var datasetItems []string
	for _, it := range items {
		if it["type"] == "dataset" {
			datasetItems = append(datasetItems, it["number"].(string))
		}
	}
	if !slices.Equal(datasetItems, []string{later}) {
		t.Errorf("dataset items with --starred --events: %v", datasetItems)
	}

	empty, emptyPath := nbEnv(t)
	cases := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"no choice", env, nil, "--starred"},
		{"no choice (German)", map[string]string{"LANG": "de_DE.UTF-8"}, nil, "braucht eine Auswahl"},
		{"unknown event", env, []string{"--event", "nope-nothing"}, "nope-nothing"},
		{"unknown own event", env, []string{"--event", "own-ffffffffffff"}, "own-ffffffffffff"},
		{"bad format", env, []string{"--event", evFounded, "--format", "endnote"}, "endnote"},
		{"reversed range", env, []string{"--from", "2020", "--to", "2019"}, "before"},
		{"bad date", env, []string{"--from", "2020-13"}, "2020-13"},
		{"empty range", env, []string{"--from", "2001", "--to", "2002"}, "nothing to cite"},
		{"no starred events", empty, []string{"--starred"}, "nothing to cite"},
		{"unwritable output", env, []string{"--event", evFounded, "--out", filepath.Join(t.TempDir(), "no", "x.bib")}, "x.bib"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			failsWithOneLine(t, runCLI(t, c.env, append([]string{"cite"}, c.args...)...), c.want)
		})
	}
	if _, err := os.Stat(emptyPath); !os.IsNotExist(err) {
		t.Fatal("cite --starred created a notebook")
	}
}

// writeTourFile writes a tour file with the given stops.
func writeTourFile(t *testing.T, stops ...string) string {
	t.Helper()
	tf := &interop.TourFile{DatasetVersion: "test", Tour: interop.Tour{ID: "lesson-1", Title: data.Text{EN: "Lesson one", DE: "Erste Stunde"}}}
	for i, s := range stops {
		st := interop.Stop{Event: s}
		if i == 0 {
			st.Note = data.Text{EN: "Start here", DE: "Hier beginnen"}
		}
		tf.Tour.Stops = append(tf.Tour.Stops, st)
	}
	p := filepath.Join(t.TempDir(), "lesson.aitour.json")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := interop.WriteTour(f, tf); err != nil {
		t.Fatal(err)
	}
	return p
}

// lastWord is the last word of a command's output: the ID tour import
// prints at the end of its sentence.
func lastWord(out string) string {
	f := strings.Fields(out)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

func TestTourImport(t *testing.T) {
	st := bundled(t)
	later := laterEvent(t, st)
	env, path := nbEnv(t)

	// tour list with no notebook: the bundled tours, and no notebook made.
	bundledList := ok(t, env, "tour", "list").stdout
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("tour list created a notebook")
	}

	file := writeTourFile(t, evFounded, later)
	r := ok(t, env, "tour", "import", file)
	id := lastWord(r.stdout)
	if !strings.HasPrefix(id, userdb.TourPrefix) || strings.Count(r.stdout, "\n") != 1 || r.stderr != "" ||
		r.stdout != "Imported the tour “Lesson one” with 2 stops as "+id+"\n" {
		t.Fatalf("tour import printed %q, stderr %q", r.stdout, r.stderr)
	}
	// In German, with one stop.
	if r := ok(t, env, "tour", "import", writeTourFile(t, later), "--lang", "de"); !regexp.MustCompile(`^Rundgang „Erste Stunde“ mit 1 Station importiert als tour-\S+\n$`).MatchString(r.stdout) {
		t.Fatalf("German tour import printed %q", r.stdout)
	} else { // gone again: the lists below have the first tour alone
		withNotebook(t, path, userdb.Options{}, func(nb *userdb.Notebook) {
			if err := nb.DeleteTour(context.Background(), lastWord(r.stdout)); err != nil {
				t.Fatal(err)
			}
		})
	}
	if list := ok(t, env, "tour", "list").stdout; list != bundledList+id+"\tLesson one\n" {
		t.Fatalf("tour list after import:\n%s", list)
	}
	if list := ok(t, env, "tour", "list", "--lang", "de").stdout; !strings.HasSuffix(list, id+"\tErste Stunde\n") {
		t.Fatalf("German tour list after import:\n%s", list)
	}
	// The own tour exports as it came in (stops, notes, titles).
	exported := ok(t, env, "tour", "export", id).stdout
	tf, err := interop.ReadTour(strings.NewReader(exported), nil)
	if err != nil {
		t.Fatal(err)
	}
	if tf.Tour.Title.DE != "Erste Stunde" || !slices.Equal(tf.Tour.EventIDs(), []string{evFounded, later}) || tf.Tour.Stops[0].Note.DE != "Hier beginnen" {
		t.Fatalf("re-exported tour %+v", tf.Tour)
	}
	// Importing it again adds nothing and names the tour that is there.
	sum := fileSum(t, path)
	r = ok(t, env, "tour", "import", file)
	if strings.TrimSpace(r.stdout) != id || !strings.Contains(r.stderr, "already") {
		t.Fatalf("second import: %+v", r)
	}
	if fileSum(t, path) != sum {
		t.Fatal("importing the same tour again changed the notebook")
	}

	// A bundled tour exported and imported becomes an own tour.
	bundledFile := filepath.Join(t.TempDir(), "b.aitour.json")
	ok(t, env, "tour", "export", "conflict-in-12-steps", "--out", bundledFile)
	if r := ok(t, env, "tour", "import", bundledFile); !strings.HasPrefix(lastWord(r.stdout), userdb.TourPrefix) || !strings.Contains(r.stdout, "with 12 stops") {
		t.Fatalf("importing an exported bundled tour: %q", r.stdout)
	}

	// A tour through an own event imports into the notebook that has it, and
	// is refused by one that does not.
	var own userdb.OwnEvent
	withNotebook(t, path, userdb.Options{}, func(nb *userdb.Notebook) {
		own, err = nb.AddOwnEvent(context.Background(), userdb.OwnEvent{Date: data.MustDate("2024"), Category: "legal",
			Title: data.Text{DE: "Eigenes"}, Sources: []data.Source{{URL: "https://example.org/own"}}})
		if err != nil {
			t.Fatal(err)
		}
	})
	ownFile := writeTourFile(t, evFounded, own.ID)
	ok(t, env, "tour", "import", ownFile)
	other, otherPath := nbEnv(t)
	failsWithOneLine(t, runCLI(t, other, "tour", "import", ownFile), own.ID)
	if _, err := os.Stat(filepath.Dir(otherPath)); !os.IsNotExist(err) {
		t.Fatal("a refused tour import created a notebook")
	}
}

func TestTourImportHostileFiles(t *testing.T) {
	env, path := nbEnv(t)
	ok(t, env, "note", "add", evFounded, "so that the notebook exists")
	sum := fileSum(t, path)
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	valid := func(version int, stops string) []byte {
		return []byte(`{"format": "aitimeline-tour", "version": ` + string(rune('0'+version)) +
			`, "tour": {"id": "x", "title": {"en": "T"}, "stops": [` + stops + `]}}`)
	}
	huge := append([]byte(`{"format": "aitimeline-tour", "version": 1, "tour": {"id": "x", "title": {"en": "`),
		bytes.Repeat([]byte("a"), 11<<20)...)
	huge = append(huge, `"}}`...)
	cases := []struct {
		name, file, want, wantDE string
	}{
		{"bad JSON", write("bad.aitour.json", []byte(`{"format": "aitimeline-tour", "version": 1, "tour": {`)), "not valid JSON", "kein gültiges JSON"},
		{"newer version", write("v9.aitour.json", valid(9, `{"event": "`+evFounded+`"}`)), "newer version", "neueren Version"},
		{"unknown events", write("unknown.aitour.json", valid(1, `{"event": "`+evFounded+`"}, {"event": "2031-01-01-not-yet"}`)), "2031-01-01-not-yet", "2031-01-01-not-yet"},
		{"11 MB", write("huge.aitour.json", huge), "10 MB", "10 MB"},
		{"TimelineJS", write("tl.json", []byte(`{"events": [{"start_date": {"year": 2020}, "text": {"headline": "x"}}]}`)), "TimelineJS", "TimelineJS"},
		{"control characters", write("ctl.aitour.json", []byte(`{"format": "aitimeline-tour", "version": 1, "tour": {"id": "x", "title": {"en": "T\u0000"}, "stops": [{"event": "`+evFounded+`"}]}}`)), "control characters", "Steuerzeichen"},
		{"not UTF-8", write("latin1.aitour.json", []byte("{\"format\": \"aitimeline-tour\", \"title\": \"\xe4\"}")), "UTF-8", "UTF-8"},
		{"missing file", filepath.Join(dir, "nope.aitour.json"), "nope.aitour.json", "nope.aitour.json"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, env, "tour", "import", c.file)
			failsWithOneLine(t, r, c.want)
			if !strings.Contains(r.stderr, filepath.Base(c.file)) {
				t.Errorf("the message does not name the file: %q", r.stderr)
			}
			failsWithOneLine(t, runCLI(t, map[string]string{notebookEnv: path, "LANG": "de_DE.UTF-8"}, "tour", "import", c.file), c.wantDE)
			if fileSum(t, path) != sum {
				t.Fatal("a refused tour changed the notebook")
			}
		})
	}
	failsWithOneLine(t, runCLI(t, env, "tour", "import"), "tour import needs one file")
	if l := ok(t, env, "tour", "list").stdout; strings.Contains(l, userdb.TourPrefix) {
		t.Fatalf("a refused tour was listed: %q", l)
	}
}

// TestOwnTourInHandout checks that the hand-out sees own tours (through
// ownTours) and that --notebook overrides the environment.
func TestOwnTourInHandout(t *testing.T) {
	env, _ := nbEnv(t)
	other := filepath.Join(t.TempDir(), "other.db")
	r := ok(t, env, "tour", "import", writeTourFile(t, evFounded), "--notebook", other)
	id := lastWord(r.stdout)
	if l := ok(t, env, "tour", "list").stdout; strings.Contains(l, id) {
		t.Fatal("the tour went to the environment's notebook, not --notebook's")
	}
	failsWithOneLine(t, runCLI(t, env, "tour", "export", id), id)
	out := filepath.Join(t.TempDir(), "h.pdf")
	ok(t, env, "handout", "--tour", id, "--notebook", other, "--out", out)
	if b, _ := os.ReadFile(out); !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatal("no PDF hand-out of the own tour")
	}
}

func TestUsageListsNotebookCommands(t *testing.T) {
	for _, lang := range []string{"en", "de"} {
		r := ok(t, nil, "--help", "--lang", lang)
		for _, want := range []string{"note add", "note list", "--tag", "--starred", "notes export", "json|csv|md", "notes import", "--adopt-author",
			"cite --format bibtex|ris|csl-json", "--event ID]...", "--events", "tour import", "tour list", "tour export", "timelinejs",
			"handout", "--worksheet", "--seed", "poster", "--pages", "present", "--start", "--limit", "--lanes single|category|person|organization|thread",
			"--theme", "--size", "--notebook", "AITIMELINE_NOTEBOOK", "--version"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("%s usage lacks %q", lang, want)
			}
		}
	}
}

func TestNoteFirstLine(t *testing.T) {
	for in, want := range map[string]string{
		"one":                    "one",
		"one\ntwo":               "one",
		"\n  \n\tindented\tline": "indented line",
		"   ":                    "",
		"# Heading\n\ntext":      "# Heading",
	} {
		if got := firstLine(in); got != want {
			t.Errorf("firstLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNotesImportTakesATimelineJSFile(t *testing.T) {
	nbPath := filepath.Join(t.TempDir(), "nb.db")
	file := filepath.Join(t.TempDir(), "class.json")
	os.WriteFile(file, []byte(`{"events":[{"start_date":{"year":"2023","month":"7","day":"12"},"text":{"headline":"Gründung von xAI","text":"<a href=\"https://example.org/x\">Bericht</a>"}},
	 {"start_date":{"year":"2024"},"text":{"headline":"Ohne Quelle"}}]}`), 0o644)
	r := runCLI(t, nil, "notes", "import", file, "--notebook", nbPath, "--lang", "de")
	if r.code != 0 || !strings.Contains(r.stdout, "neu: 1") || !strings.Contains(r.stdout, "ausgelassen") {
		t.Fatalf("%+v", r)
	}
	nb, err := userdb.Open(context.Background(), nbPath, userdb.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer nb.Close()
	evs, _ := nb.OwnEvents(context.Background())
	if len(evs) != 1 || evs[0].Title.DE != "Gründung von xAI" {
		t.Fatalf("own events %+v", evs)
	}
	// A broken TimelineJS file: one localized line, nothing written.
	os.WriteFile(file, []byte(`{"events":[{"start_date":`), 0o644)
	failsWithOneLine(t, runCLI(t, nil, "notes", "import", file, "--notebook", nbPath), "class.json")
}
