package main

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"aitimeline/data"
	"aitimeline/data/synth"
)

type result struct {
	code           int
	stdout, stderr string
	gui            *guiOptions
}

func runCLI(t *testing.T, envVars map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	if envVars == nil {
		envVars = map[string]string{}
	}
	if _, ok := envVars["AITIMELINE_CACHE_DIR"]; !ok {
		envVars["AITIMELINE_CACHE_DIR"] = t.TempDir()
	}
	var r result
	e := env{stdout: &out, stderr: &errb, getenv: func(k string) string { return envVars[k] },
		gui: func(o guiOptions) error { r.gui = &o; return nil }}
	r.code = run(args, e)
	r.stdout, r.stderr = out.String(), errb.String()
	return r
}

// failsWithOneLine asserts a non-zero exit with exactly one line on stderr containing want.
func failsWithOneLine(t *testing.T, r result, want string) {
	t.Helper()
	if r.code == 0 {
		t.Fatalf("exit 0, want failure (stdout %q)", r.stdout)
	}
	lines := strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
	if len(lines) != 1 || !strings.Contains(r.stderr, want) {
		t.Fatalf("stderr = %q, want one line containing %q", r.stderr, want)
	}
	if r.gui != nil {
		t.Fatal("the GUI was started")
	}
}

func TestVersion(t *testing.T) {
	r := runCLI(t, nil, "--version")
	if r.code != 0 || !strings.Contains(r.stdout, AppVersion) || !strings.Contains(r.stdout, "facts as of") {
		t.Fatalf("%+v", r)
	}
	de := runCLI(t, map[string]string{"LANG": "de_DE.UTF-8"}, "--version")
	if !strings.Contains(de.stdout, "Datenstand") {
		t.Fatalf("German version line: %q", de.stdout)
	}
	if r.gui != nil {
		t.Fatal("--version started the GUI")
	}
}

func TestFyneAppTomlMatchesVersion(t *testing.T) {
	var meta struct {
		Details struct{ ID, Version string }
	}
	if _, err := toml.DecodeFile("FyneApp.toml", &meta); err != nil {
		t.Fatal(err)
	}
	if meta.Details.Version != AppVersion || meta.Details.ID != AppID {
		t.Fatalf("FyneApp.toml has %s %s, main.go %s %s", meta.Details.ID, meta.Details.Version, AppID, AppVersion)
	}
}

func TestGUIOptions(t *testing.T) {
	r := runCLI(t, nil, "--lang", "de")
	if r.code != 0 || r.gui == nil || r.gui.lang != data.DE {
		t.Fatalf("%+v", r)
	}
	r = runCLI(t, map[string]string{"LANG": "C"})
	if r.code != 0 || r.gui == nil || r.gui.lang != "" || r.stderr != "" {
		t.Fatalf("LANG=C: %+v", r)
	}
}

func TestExportJSON(t *testing.T) {
	r := runCLI(t, nil, "export", "--format", "json")
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	var doc struct {
		Dataset struct {
			Version string
			AsOf    string `json:"as_of"`
		}
		Events []struct {
			ID, Date      string
			DatePrecision string `json:"date_precision"`
			Title         struct{ EN, DE string }
			People        []string
			Sources       []struct{ Publisher, Title, Date, URL, Language string }
		}
		People        []struct{ ID, Name string }
		Organizations []struct{ ID, Name string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Dataset.AsOf == "" || doc.Dataset.Version == "" || len(doc.Events) < 10 || len(doc.People) == 0 || len(doc.Organizations) == 0 {
		t.Fatalf("export: as_of %q, %d events, %d people", doc.Dataset.AsOf, len(doc.Events), len(doc.People))
	}
	for _, e := range doc.Events {
		if e.ID == "" || e.Title.EN == "" || e.Title.DE == "" || len(e.Sources) == 0 || e.DatePrecision == "" {
			t.Fatalf("incomplete event %+v", e)
		}
	}
}

func TestExportCSVToFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "events.csv")
	r := runCLI(t, nil, "export", "--format", "csv", "--out", out)
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("%+v", r)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 11 || strings.Join(recs[0], ",") != strings.Join(data.CSVHeader, ",") {
		t.Fatalf("%d records, header %v", len(recs), recs[0])
	}
}

func TestSearch(t *testing.T) {
	r := runCLI(t, nil, "search", "Klage", "--lang", "de")
	if r.code != 0 || r.stdout == "" || strings.Contains(r.stdout, "No results") {
		t.Fatalf("%+v", r)
	}
	// One hit per line: id, date, title; the best hit (title matches rank
	// first) has the word in its title.
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	for _, l := range lines {
		if f := strings.Split(l, "\t"); len(f) != 3 || f[0] == "" || f[2] == "" {
			t.Fatalf("malformed hit line %q", l)
		}
	}
	if first := strings.Split(lines[0], "\t"); !strings.Contains(strings.ToLower(first[2]), "klag") {
		t.Fatalf("best hit %q does not have the word in its title", first)
	}
	// Umlaut folding: all three spellings find the same events.
	a := runCLI(t, nil, "search", "Gründung", "--lang", "de").stdout
	b := runCLI(t, nil, "search", "Gruendung", "--lang", "de").stdout
	c := runCLI(t, nil, "search", "--lang", "de", "Grundung").stdout
	if a == "" || a != b || a != c || strings.Contains(a, "Keine Treffer") {
		t.Fatalf("umlaut folding: %q / %q / %q", a, b, c)
	}
	for _, q := range []string{`"`, `NEAR(`, `a OR b AND -c *`, `((`, strings.Repeat(`"x" `, 3000)} {
		r := runCLI(t, nil, "search", q)
		if r.code != 0 || r.stderr != "" {
			t.Errorf("search %.20q: %+v", q, r)
		}
	}
	failsWithOneLine(t, runCLI(t, nil, "search"), "query")
}

func TestRender(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--lang", "de", "--size", "800x500"},
		{"--lang", "en", "--theme", "dark", "--from", "2023-11", "--to", "2023-12", "--size", "640x400", "--lanes", "person"},
	} {
		out := filepath.Join(dir, "r.png")
		r := runCLI(t, nil, append([]string{"render", "--out", out}, args...)...)
		if r.code != 0 || r.stderr != "" {
			t.Fatalf("%v: %+v", args, r)
		}
		f, err := os.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		if b.Dx() < 640 || b.Dy() < 400 {
			t.Fatalf("image %v", b)
		}
		// Not blank: many distinct colours (text, markers).
		colours := map[[4]uint32]bool{}
		for y := b.Min.Y; y < b.Max.Y; y += 3 {
			for x := b.Min.X; x < b.Max.X; x += 3 {
				r, g, bl, a := img.At(x, y).RGBA()
				colours[[4]uint32{r, g, bl, a}] = true
			}
		}
		if len(colours) < 20 {
			t.Fatalf("render looks blank: %d colours", len(colours))
		}
	}
}

func TestRenderSyntheticDataset(t *testing.T) {
	ds := synth.Generate(2000, 1)
	db := filepath.Join(t.TempDir(), "synth.db")
	if err := data.WriteSQLite(ds, db); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "s.png")
	if r := runCLI(t, nil, "render", "--dataset", db, "--out", out, "--size", "800x600"); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	r := runCLI(t, nil, "search", "--dataset", db, "Klage", "--lang", "de")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 20 {
		t.Fatalf("synthetic search: %d lines, %+v", strings.Count(r.stdout, "\n"), r)
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, []byte("not a database"), 0o644)
	cases := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"unknown flag", nil, []string{"--bogus"}, "-bogus"},
		{"unknown command", nil, []string{"frobnicate"}, "frobnicate"},
		{"bad format", nil, []string{"export", "--format", "xml"}, "xml"},
		{"bad date", nil, []string{"render", "--out", filepath.Join(dir, "x.png"), "--from", "2024-13-01"}, "2024-13-01"},
		{"reversed range", nil, []string{"render", "--out", filepath.Join(dir, "x.png"), "--from", "2025", "--to", "2024"}, "before"},
		{"bad size", nil, []string{"render", "--out", filepath.Join(dir, "x.png"), "--size", "huge"}, "huge"},
		{"missing out", nil, []string{"render"}, "--out"},
		{"bad lang", nil, []string{"--lang", "fr"}, "fr"},
		{"missing dataset", nil, []string{"export", "--dataset", filepath.Join(dir, "nope.db")}, "nope.db"},
		{"not a dataset", nil, []string{"--dataset", notDB}, "not an AI Conflict Timeline dataset"},
		{"not a dataset (export)", nil, []string{"export", "--dataset", notDB}, "not an AI Conflict Timeline dataset"},
		{"unwritable output", nil, []string{"export", "--out", filepath.Join(dir, "missing", "x.json")}, "x.json"},
		{"German message", map[string]string{"LANG": "de_DE.UTF-8"}, []string{"export", "--format", "xml"}, "unbekanntes Format"},
		{"--lang decides message language", nil, []string{"render", "--lang", "de", "--size", "1x1", "--out", "x.png"}, "ungültige Größe"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			failsWithOneLine(t, runCLI(t, c.env, c.args...), c.want)
		})
	}
	// An export that fails half-way (an event beyond the limits, found only
	// when its details are read) leaves an existing file untouched and no
	// temporary file behind.
	ds := synth.Generate(5000, 3)
	bad := filepath.Join(dir, "bad.db")
	if err := data.WriteSQLite(ds, bad); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", "file:"+bad)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE events SET summary_en = printf('%.*c', 30000, 'x') WHERE n = 4000"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	keep := filepath.Join(dir, "out", "keep.json")
	os.MkdirAll(filepath.Dir(keep), 0o755)
	os.WriteFile(keep, []byte("precious"), 0o644)
	r := runCLI(t, nil, "export", "--dataset", bad, "--out", keep)
	failsWithOneLine(t, r, "longer than allowed")
	if b, _ := os.ReadFile(keep); string(b) != "precious" {
		t.Fatal("a failed export overwrote the output file")
	}
	if ents, _ := os.ReadDir(filepath.Dir(keep)); len(ents) != 1 {
		t.Fatalf("a failed export left %d files behind", len(ents))
	}
}

func TestTamperedDatasetsAreRefused(t *testing.T) {
	dir := t.TempDir()
	build := func(name string, f func(*data.Dataset), stmts ...string) string {
		ds := synth.Generate(50, 2)
		if f != nil {
			f(ds)
		}
		p := filepath.Join(dir, name+".db")
		if err := data.WriteSQLite(ds, p); err != nil {
			t.Fatal(err)
		}
		if len(stmts) > 0 {
			db, _ := sql.Open("sqlite3", "file:"+p)
			for _, q := range stmts {
				if _, err := db.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			db.Close()
		}
		return p
	}
	cases := []struct {
		name, path, want, wantDE string
	}{
		{"newer schema", build("v99", nil, "PRAGMA user_version=99"), "newer version of the app (dataset format 99, this app reads 2)", "neueren Version"},
		{"bad date", build("date", func(d *data.Dataset) { d.Events[3].Date = data.Date{Year: 1, Month: 1, Day: 1, Precision: data.Day} }), "0001-01-01", "0001-01-01"},
		{"huge title", build("title", func(d *data.Dataset) { d.Events[3].Title.EN = strings.Repeat("x", 2<<20) }), "longer than allowed", "länger als erlaubt"},
		{"dangling person", build("person", func(d *data.Dataset) { d.Events[3].People[0].PersonID = "ghost" }), "ghost", "ghost"},
		{"unknown status", build("status", func(d *data.Dataset) { d.Events[3].Status = "rumour" }), "rumour", "rumour"},
		{"unknown category", build("cat", func(d *data.Dataset) { d.Events[3].Category = "gossip" }), "gossip", "gossip"},
		{"no events", build("empty", func(d *data.Dataset) { d.Events, d.Tours = nil, nil }), "no events", "keine Ereignisse"},
		{"javascript link", build("js", func(d *data.Dataset) { d.Events[3].Sources[0].URL = "javascript:alert(1)" }), "javascript:alert(1)", "javascript:alert(1)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, args := range [][]string{{"export", "--dataset", c.path}, {"render", "--dataset", c.path, "--out", filepath.Join(dir, "x.png")}, {"--dataset", c.path}} {
				failsWithOneLine(t, runCLI(t, nil, args...), c.want)
			}
			failsWithOneLine(t, runCLI(t, map[string]string{"LANG": "de_DE.UTF-8"}, "search", "x", "--dataset", c.path), c.wantDE)
		})
	}
}

// TestRowsEditedBehindTheIndexAreRefused: a copy whose event rows were
// edited directly (the index checked at open left as it was) is refused
// when the rows are read, in one localized line, and no file is written.
func TestRowsEditedBehindTheIndexAreRefused(t *testing.T) {
	dir := t.TempDir()
	cases := []struct{ name, stmt, want, wantDE string }{
		{"huge title", "UPDATE events SET title_en = replace(hex(zeroblob(1000000)), '0', 'x') WHERE n = 4", "longer than allowed", "länger als erlaubt"},
		{"bad date", "UPDATE events SET date = 'not-a-date' WHERE n = 4", "not-a-date", "not-a-date"},
		{"other date", "UPDATE events SET date = '2015-01-01' WHERE n = 40", "damaged", "beschädigt"},
		{"unknown person", "UPDATE event_people SET person_id = 'nobody-here' WHERE event_n = (SELECT min(event_n) FROM event_people)", "nobody-here", "nobody-here"},
		{"no event rows", "DELETE FROM events", "damaged", "beschädigt"},
	}
	for k, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, fmt.Sprintf("rows%d.db", k))
			if err := data.WriteSQLite(synth.Generate(50, 2), p); err != nil {
				t.Fatal(err)
			}
			db, _ := sql.Open("sqlite3", "file:"+p)
			if _, err := db.Exec(c.stmt); err != nil {
				t.Fatal(err)
			}
			db.Close()
			out := filepath.Join(dir, fmt.Sprintf("out%d.json", k))
			failsWithOneLine(t, runCLI(t, nil, "export", "--dataset", p, "--out", out), c.want)
			r := runCLI(t, map[string]string{"LANG": "de_DE.UTF-8"}, "export", "--dataset", p, "--out", out)
			failsWithOneLine(t, r, c.wantDE)
			if strings.Contains(r.stderr, "invalid dataset") {
				t.Errorf("German message with English inside: %q", r.stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a refused export left a file")
			}
		})
	}
}

func TestNoDisplay(t *testing.T) {
	e := map[string]string{"LANG": "de_DE.UTF-8"}
	var out, errb bytes.Buffer
	var started bool
	code := run(nil, env{stdout: &out, stderr: &errb, getenv: func(k string) string { return e[k] }, goos: "linux",
		gui: func(guiOptions) error { started = true; return nil }})
	if code != 1 || started || !strings.Contains(errb.String(), "Keine grafische Anzeige") || strings.Count(errb.String(), "\n") != 1 {
		t.Fatalf("no display: exit %d, GUI started %v, stderr %q", code, started, errb.String())
	}
	e["WAYLAND_DISPLAY"] = "wayland-0"
	if code := run(nil, env{stdout: &out, stderr: &errb, getenv: func(k string) string { return e[k] }, goos: "linux",
		gui: func(guiOptions) error { started = true; return nil }}); code != 0 || !started {
		t.Fatal("a Wayland display was not accepted")
	}
}

func TestUnwritableCacheStillWorks(t *testing.T) {
	// School computers, live systems: the cache folder cannot be made (a
	// file is in the way) and neither can the fallback; everything still works.
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, []byte("x"), 0o644)
	env := map[string]string{"AITIMELINE_CACHE_DIR": filepath.Join(blocker, "cache"), "XDG_CACHE_HOME": filepath.Join(blocker, "xdg"), "HOME": blocker}
	t.Setenv("TMPDIR", filepath.Join(blocker, "tmp"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(blocker, "xdg"))
	r := runCLI(t, env, "search", "Klage", "--lang", "de")
	if r.code != 0 || r.stdout == "" {
		t.Fatalf("search without a writable cache: %+v", r)
	}
	if r := runCLI(t, env, "--version"); r.code != 0 {
		t.Fatalf("--version without a writable cache: %+v", r)
	}
}

// TestReleaseBinaryLinksNoTestCode checks what the app binary links: Fyne's
// test package (and testify, difflib, yaml behind it) belongs in tests only;
// headless pictures are painted by ui/raster.
func TestReleaseBinaryLinksNoTestCode(t *testing.T) {
	out, err := exec.Command("go", "list", "-tags", "sqlite_fts5,migrated_fynedo", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	deps := string(out)
	if !strings.Contains(deps, "fyne.io/fyne/v2/widget") {
		t.Fatalf("go list did not list the app's dependencies:\n%.300s", deps)
	}
	for _, bad := range []string{"fyne.io/fyne/v2/test", "github.com/stretchr/testify", "github.com/pmezard/go-difflib", "gopkg.in/yaml.v3"} {
		for _, l := range strings.Split(deps, "\n") {
			if l == bad || strings.HasPrefix(l, bad+"/") {
				t.Errorf("the app links %s", l)
			}
		}
	}
}
