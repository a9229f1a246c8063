package data

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFileURI(t *testing.T) {
	cases := []struct{ path, goos, want string }{
		{`/home/ana/data.db`, "linux", "file:/home/ana/data.db?mode=ro"},
		{`/home/ana/my data?#.db`, "linux", "file:/home/ana/my%20data%3F%23.db?mode=ro"},
		{`C:\Users\Ana\AppData\Local\aitimeline\dataset.db`, "windows", "file:/C:/Users/Ana/AppData/Local/aitimeline/dataset.db?mode=ro"},
		{`D:\Daten mit Leerzeichen\x.db`, "windows", "file:/D:/Daten%20mit%20Leerzeichen/x.db?mode=ro"},
		{`/Users/ana/Library/x.db`, "darwin", "file:/Users/ana/Library/x.db?mode=ro"},
	}
	for _, c := range cases {
		if got := FileURI(c.path, c.goos, "mode=ro"); got != c.want {
			t.Errorf("FileURI(%q, %s) = %q, want %q", c.path, c.goos, got, c.want)
		}
		if strings.Contains(FileURI(c.path, c.goos, ""), "file://") {
			t.Errorf("%q: an authority crept into the URI", c.path)
		}
	}
	// And SQLite opens such a path for real on this OS.
	dir := filepath.Join(t.TempDir(), "dir with ? and # and ü")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "x.db")
	if err := WriteSQLite(sample(), path); err != nil {
		t.Fatal(err)
	}
	st, err := Open(path)
	if err != nil {
		t.Fatalf("opening %q: %v", path, err)
	}
	st.Close()
}

// tampered builds a dataset file from ds without validating it, as someone
// editing a copy of the bundled file could make it, then applies sqlStmts.
func tampered(t *testing.T, ds *Dataset, sqlStmts ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t.db")
	if err := WriteSQLite(ds, path); err != nil {
		t.Fatal(err)
	}
	if len(sqlStmts) > 0 {
		db, err := sql.Open("sqlite3", "file:"+path)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range sqlStmts {
			if _, err := db.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		db.Close()
	}
	return path
}

func TestOpenRefusesTamperedDatasets(t *testing.T) {
	mod := func(f func(d *Dataset)) *Dataset { d := sample(); f(d); return d }
	cases := []struct {
		name   string
		path   string
		reason Reason
		value  string
	}{
		{"newer schema", tampered(t, sample(), "PRAGMA user_version=99"), ReasonNewerSchema, ""},
		{"older schema", tampered(t, sample(), "PRAGMA user_version=1"), ReasonOlderSchema, ""},
		{"another app's SQLite file", tampered(t, sample(), "PRAGMA application_id=7"), ReasonNotDataset, ""},
		{"date out of range", tampered(t, mod(func(d *Dataset) { d.Events[0].Date = Date{Year: 1, Month: 1, Day: 1, Precision: Day} })), ReasonDateRange, "0001-01-01"},
		{"date far in the future", tampered(t, mod(func(d *Dataset) { d.Events[0].Date = Date{Year: 9999, Month: 1, Day: 1, Precision: Day} })), ReasonDateRange, "9999-01-01"},
		{"2 MB title", tampered(t, mod(func(d *Dataset) { d.Events[1].Title.EN = strings.Repeat("x", 2<<20) })), ReasonTooLong, ""},
		{"dangling person", tampered(t, mod(func(d *Dataset) { d.Events[0].People[0].PersonID = "nobody" })), ReasonDangling, "nobody"},
		{"unknown status", tampered(t, mod(func(d *Dataset) { d.Events[1].Status = "rumour" })), ReasonUnknownStatus, "rumour"},
		{"unknown category", tampered(t, mod(func(d *Dataset) { d.Events[2].Category = "gossip" })), ReasonUnknownCategory, "gossip"},
		{"no events", tampered(t, mod(func(d *Dataset) { d.Events = nil; d.Tours = nil })), ReasonNoEvents, ""},
		{"javascript: link", tampered(t, mod(func(d *Dataset) { d.Events[0].Sources[0].URL = "javascript:alert(1)" })), ReasonBadURL, "javascript:alert(1)"},
		{"file: archive link", tampered(t, mod(func(d *Dataset) { d.Events[2].Sources[0].ArchiveURL = "file:///etc/passwd" })), ReasonBadURL, "file:///etc/passwd"},
		{"http without host", tampered(t, mod(func(d *Dataset) { d.Events[2].Sources[0].URL = "http:///x" })), ReasonBadURL, "http:///x"},
		{"long summary", tampered(t, mod(func(d *Dataset) { d.People[0].Summary.DE = strings.Repeat("ä", 20000) })), ReasonTooLong, ""},
		{"bad id", tampered(t, mod(func(d *Dataset) { d.Events[0].ID = "Bad ID" })), ReasonBadID, "Bad ID"},
		{"damaged index", tampered(t, sample(), "DELETE FROM index_parts WHERE part = 'date'"), ReasonDamaged, ""},
		{"index size mismatch", tampered(t, sample(), "UPDATE index_parts SET data = x'0000' WHERE part = 'importance'"), ReasonDamaged, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, err := Open(c.path)
			if err == nil {
				st.Close()
				t.Fatal("opened")
			}
			var de *DatasetError
			if !errors.As(err, &de) || de.Reason != c.reason {
				t.Fatalf("err = %v, want reason %s", err, c.reason)
			}
			if c.value != "" && de.Value != c.value {
				t.Fatalf("value %q, want %q", de.Value, c.value)
			}
			if c.reason == ReasonNewerSchema && (de.Have != 99 || de.Max != SchemaVersion) {
				t.Fatalf("versions %d/%d", de.Have, de.Max)
			}
		})
	}
	// A valid file opens.
	st, err := Open(tampered(t, sample()))
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
}

func TestEventDetailsBeyondLimitsAreRefused(t *testing.T) {
	// A summary is read per event; an oversized one is an error for that
	// event (the detail pane says so), not a hang.
	path := tampered(t, sample(), "UPDATE events SET summary_en = printf('%.*c', 30000, 'x') WHERE n = 2")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.EventAt(bg, 1); err == nil {
		t.Fatal("a 30,000-byte summary was read")
	}
	if _, err := st.EventAt(bg, 0); err != nil {
		t.Fatal(err)
	}
}

func TestOpenEmbeddedFallsBack(t *testing.T) {
	// A file where the cache folder should be makes it unusable for anyone,
	// root included (a read-only folder would not stop root).
	content, _ := os.ReadFile(build(t, sample()))
	dir := t.TempDir()
	blocked := filepath.Join(dir, "file-not-dir")
	os.WriteFile(blocked, []byte("x"), 0o644)
	unwritable := filepath.Join(blocked, "cache") // MkdirAll fails: a file is in the way
	second := filepath.Join(dir, "tmp")
	st, err := OpenEmbedded(content, unwritable, second)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(st.Path(), second) {
		t.Fatalf("opened %q, want a file in the fallback dir", st.Path())
	}
	st.Close()
	// No directory works: the dataset opens from memory.
	st, err = OpenEmbedded(content, unwritable, filepath.Join(blocked, "also"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.Path() != "" || st.Index().Len() != 3 {
		t.Fatalf("memory store: path %q, %d events", st.Path(), st.Index().Len())
	}
	hits, err := st.Search(bg, "xai", EN, 5)
	if err != nil || len(hits) != 1 {
		t.Fatalf("search in memory: %v %v", hits, err)
	}
	ev, err := st.EventAt(bg, 2)
	if err != nil || ev.ID != "2024-02-29-state-suit" || len(ev.Sources) != 2 {
		t.Fatalf("details in memory: %+v %v", ev, err)
	}
	// Bad bytes are refused, not opened.
	if _, err := OpenEmbedded([]byte("garbage"), t.TempDir()); err == nil {
		t.Fatal("garbage opened")
	}
}

func TestRelated(t *testing.T) {
	d := sample()
	// A fourth event shares Musk with the suit, a fifth the lawsuit thread,
	// a sixth both: it ranks first; then the thread (counts twice); then the person.
	add := func(id, date string, people []string, threads []string) {
		e := Event{ID: id, Date: MustDate(date), Category: CatLegal, Status: StMotion, Importance: 2,
			Title: tx(id, id), Summary: tx("s", "z"), Threads: threads,
			Sources: []Source{{Publisher: "P", Title: "T", Date: date, URL: "https://example.com/" + id, Language: "en", Kind: "news"}}}
		for _, p := range people {
			e.People = append(e.People, EventPerson{PersonID: p, Role: tx("r", "r")})
		}
		d.Events = append(d.Events, e)
	}
	add("2024-05-01-person", "2024-05-01", []string{"elon-musk"}, nil)
	add("2024-06-01-thread", "2024-06-01", nil, []string{"lawsuit"})
	add("2025-01-01-both", "2025-01-01", []string{"elon-musk", "sam-altman"}, []string{"lawsuit"})
	st, err := Open(build(t, d))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	x := st.Index()
	suit := x.Find("2024-02-29-state-suit")
	rel, err := st.Related(bg, suit, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, i := range rel {
		got = append(got, x.ID(i))
	}
	want := []string{"2025-01-01-both", "2024-06-01-thread", "2024-05-01-person"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("Related = %v, want %v", got, want)
	}
	if rel, _ := st.Related(bg, suit, 1); len(rel) != 1 {
		t.Fatalf("limit ignored: %v", rel)
	}
}

func TestStreamingExportMatchesInMemory(t *testing.T) {
	d := sample()
	d.Events[0].Title.EN = "AT&T <b> & “quotes”"
	st, err := Open(build(t, d))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ds, err := st.Load(bg)
	if err != nil {
		t.Fatal(err)
	}
	var mem, stream bytes.Buffer
	if err := WriteJSON(ds, &mem); err != nil {
		t.Fatal(err)
	}
	n, err := st.ExportJSON(bg, &stream, nil)
	if err != nil || n != 3 {
		t.Fatal(n, err)
	}
	if !bytes.Equal(mem.Bytes(), stream.Bytes()) {
		t.Fatalf("streamed export differs:\n%s\n---\n%s", stream.String(), mem.String())
	}
	if !strings.Contains(stream.String(), "AT&T <b>") {
		t.Fatal("HTML characters escaped in the export")
	}
	var doc map[string]any
	if err := json.Unmarshal(stream.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	// A selection exports only its events, with counts to match.
	var sel bytes.Buffer
	n, err = st.ExportJSON(bg, &sel, func(i int) bool { return st.Index().Category(i) == CatLegal })
	if err != nil || n != 1 {
		t.Fatal(n, err)
	}
	var part struct {
		Dataset struct{ Counts map[string]int }
		Events  []struct{ ID string }
	}
	if err := json.Unmarshal(sel.Bytes(), &part); err != nil {
		t.Fatal(err)
	}
	if len(part.Events) != 1 || part.Events[0].ID != "2024-02-29-state-suit" || part.Dataset.Counts["events"] != 1 || part.Dataset.Counts["sources"] != 3 {
		t.Fatalf("selected export: %+v", part)
	}
	// Nothing selected: an empty list, still valid JSON.
	var none bytes.Buffer
	if _, err := st.ExportJSON(bg, &none, func(int) bool { return false }); err != nil || !json.Valid(none.Bytes()) {
		t.Fatalf("empty export: %v %s", err, none.String())
	}
	var c bytes.Buffer
	if n, err := st.ExportCSV(bg, &c, nil); err != nil || n != 3 {
		t.Fatal(n, err)
	}
	if !strings.Contains(c.String(), "T https://example.com/a; T https://example.com/b") || !strings.HasSuffix(strings.SplitN(c.String(), "\n", 2)[0], "source_titles,source_publishers") {
		t.Fatalf("CSV lacks source titles: %s", c.String())
	}
}

func TestMergeIndexInterleavesOwnEvents(t *testing.T) {
	st, err := Open(build(t, sample()))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	base := st.Index()
	own := []Event{
		{ID: "own-b", Date: MustDate("2024-01-01"), Category: CatLegal, Status: StFact, Importance: 2, Title: tx("Mine B", "Meins B"),
			People: []EventPerson{{PersonID: "elon-musk"}, {PersonID: "someone-new"}}, Threads: []string{"lawsuit"}},
		{ID: "own-a", Date: MustDate("2010-05"), Category: CatPublic, Status: StStatement, Importance: 9, Title: tx("Mine A", "Meins A")},
	}
	x, pos := MergeIndex(base, own)
	if x.Len() != base.Len()+2 || len(pos) != x.Len() {
		t.Fatalf("%d events, %d positions", x.Len(), len(pos))
	}
	var ids []string
	for i := 0; i < x.Len(); i++ {
		ids = append(ids, x.ID(i))
		if i > 0 && x.Date(i).Time().Before(x.Date(i-1).Time()) {
			t.Fatalf("not in date order at %d", i)
		}
		if x.Own(i) != (pos[i] < 0) {
			t.Fatalf("event %s: own %v, base position %d", x.ID(i), x.Own(i), pos[i])
		}
		if pos[i] >= 0 && (base.ID(int(pos[i])) != x.ID(i) || base.Title(int(pos[i]), DE) != x.Title(i, DE)) {
			t.Fatalf("event %d maps to base %d wrongly", i, pos[i])
		}
	}
	want := "own-a 2015-12-openai-founded 2023-07-xai own-b 2024-02-29-state-suit"
	if got := strings.Join(ids, " "); got != want {
		t.Fatalf("order %s, want %s", got, want)
	}
	b := x.Find("own-b")
	var people []string
	for _, p := range x.People(b) {
		people = append(people, x.PersonID(p))
	}
	if strings.Join(people, ",") != "elon-musk,someone-new" || x.Importance(x.Find("own-a")) != 5 || x.Category(b) != CatLegal {
		t.Fatalf("own-b people %v, own-a importance %d", people, x.Importance(x.Find("own-a")))
	}
	if th := x.Threads(b); len(th) != 1 || x.ThreadID(th[0]) != "lawsuit" {
		t.Fatal("own event lost its thread")
	}
	if base.Len() != 3 || base.Own(0) {
		t.Fatal("the base index changed")
	}
}
