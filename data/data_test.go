package data

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var today = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

var bg = context.Background()

func tx(en, de string) Text { return Text{EN: en, DE: de} }

// sample is a small valid dataset covering every table.
func sample() *Dataset {
	src := func(url string) Source {
		return Source{Publisher: "Pub", Title: "T " + url, Date: "2026-11-20", URL: url, Language: "en", Kind: "news"}
	}
	return &Dataset{
		Meta:          Meta{Version: "test-1", AsOf: MustDate("2026-11-28"), SchemaVersion: SchemaVersion},
		Organizations: []Organization{{ID: "openai", Name: "OpenAI", Kind: "company", Summary: tx("AI lab", "KI-Labor")}, {ID: "xai", Name: "xAI", Kind: "company", Summary: tx("AI firm", "KI-Firma")}},
		People: []Person{
			{ID: "elon-musk", Name: "Elon Musk", Summary: tx("Entrepreneur", "Unternehmer"), Roles: []Role{{Role: tx("co-chair", "Co-Vorsitzender"), Organization: "openai", From: "2015", To: "2018"}}},
			{ID: "sam-altman", Name: "Sam Altman", Summary: tx("CEO", "CEO"), Roles: []Role{{Role: tx("CEO", "CEO"), Organization: "openai", From: "2019"}}},
		},
		Threads: []Thread{{ID: "lawsuit", Title: tx("Musk v. OpenAI", "Musk gegen OpenAI")}},
		Eras:    []Era{{ID: "early", From: MustDate("2015-12"), To: MustDate("2019-03"), Title: tx("Early", "Früh"), Summary: tx("S", "Z")}},
		Events: []Event{
			{ID: "2024-02-29-state-suit", Date: MustDate("2024-02-29"), Category: CatLegal, Status: StAllegation, Importance: 5,
				Title:         tx("Musk sues OpenAI in state court", "Musk verklagt OpenAI vor einem Staatsgericht"),
				Summary:       tx("Musk alleged a breach of the founding agreement.", "Musk warf OpenAI die Verletzung der Gründungsvereinbarung vor; die Klage betrifft die Gründung."),
				People:        []EventPerson{{PersonID: "elon-musk", Role: tx("plaintiff", "Kläger")}, {PersonID: "sam-altman", Role: tx("defendant", "Beklagter")}},
				Organizations: []string{"openai"}, Threads: []string{"lawsuit"},
				Sources:  []Source{src("https://example.com/a"), src("https://example.com/b")},
				Accounts: []Account{{Party: "openai", Text: tx("OpenAI replied.", "OpenAI erwiderte."), Sources: []Source{src("https://example.com/c")}}}},
			{ID: "2015-12-openai-founded", Date: MustDate("2015-12"), Category: CatGovernance, Status: StAnnouncement, Importance: 4,
				Title: tx("OpenAI is founded", "OpenAI wird gegründet"), Summary: tx("A non-profit lab.", "Ein gemeinnütziges Labor."),
				Organizations: []string{"openai"}, Sources: []Source{src("https://example.com/a")}},
			{ID: "2023-07-xai", Date: MustDate("2023-07-12"), End: MustDate("2023-07-14"), Category: CatBusiness, Status: StFact, Importance: 3,
				Title: tx("xAI launches", "xAI startet"), Summary: tx("Musk's AI company.", "Musks KI-Firma."),
				Organizations: []string{"xai"}, Sources: []Source{src("https://example.com/d")}},
		},
		Tours: []Tour{{ID: "short", Title: tx("Short", "Kurz"), Intro: tx("Intro", "Einführung"), Events: []string{"2015-12-openai-founded", "2024-02-29-state-suit"}}},
	}
}

func TestParseDate(t *testing.T) {
	cases := []struct {
		in   string
		want Date
		err  bool
	}{
		{"2024", Date{2024, 1, 1, Year}, false},
		{"2024-03", Date{2024, 3, 1, Month}, false},
		{"2024-02-29", Date{2024, 2, 29, Day}, false},
		{"2023-02-29", Date{}, true},
		{"2024-13", Date{}, true},
		{"2024-3-01", Date{}, true},
		{"24-03-01", Date{}, true},
		{"", Date{}, true},
		{"2024-03-01-02", Date{}, true},
		{"abcd", Date{}, true},
	}
	for _, c := range cases {
		got, err := ParseDate(c.in)
		if (err != nil) != c.err || (!c.err && got != c.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, err=%v", c.in, got, err, c.want, c.err)
		}
		if !c.err && got.String() != c.in {
			t.Errorf("round trip %q -> %q", c.in, got.String())
		}
	}
	if got := MustDate("2024-03").EndTime(); !got.Equal(time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("month end = %v", got)
	}
}

func TestFoldMatchesUmlautsBothWays(t *testing.T) {
	for _, s := range []string{"Gründung", "Grundung", "Gruendung", "GRÜNDUNG"} {
		if got := Fold(s); got != "grundung" {
			t.Errorf("Fold(%q) = %q, want grundung", s, got)
		}
	}
	if Fold("Straße") != Fold("Strasse") {
		t.Errorf("ß and ss differ: %q vs %q", Fold("Straße"), Fold("Strasse"))
	}
	if Fold("Klägerin") != Fold("Klaegerin") {
		t.Error("ä and ae differ")
	}
}

func TestMatchExprNeutralisesSyntax(t *testing.T) {
	cases := map[string]string{
		`Klage`:                     `"klage"*`,
		`"Musk" OR Altman`:          `"musk"* "or"* "altman"*`,
		`NEAR(musk altman`:          `"near"* "musk"* "altman"*`,
		`-openai *`:                 `"openai"*`,
		`title:musk ^x`:             `"title"* "musk"* "x"*`,
		`"""`:                       ``,
		`((`:                        ``,
		`Gründung`:                  `"grundung"*`,
		strings.Repeat("a ", 10000): strings.TrimSpace(strings.Repeat(`"a"* `, maxQueryTokens)),
	}
	for in, want := range cases {
		if got := MatchExpr(in); got != want {
			t.Errorf("MatchExpr(%.30q) = %q, want %q", in, got, want)
		}
	}
}

func TestCheckURL(t *testing.T) {
	for _, ok := range []string{"https://openai.com/index/x/", "http://example.com"} {
		if err := CheckURL(ok); err != nil {
			t.Errorf("CheckURL(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"file:///etc/passwd", "javascript:alert(1)", "data:text/html,x", "/relative", "https://", "ftp://x.org", ""} {
		if err := CheckURL(bad); err == nil {
			t.Errorf("CheckURL(%q) accepted", bad)
		}
	}
}

func TestValidateAcceptsSample(t *testing.T) {
	if err := sample().Validate(today); err != nil {
		t.Fatal(err)
	}
}

func TestValidateRejects(t *testing.T) {
	cases := []struct {
		name, want string
		mutate     func(d *Dataset)
	}{
		{"missing German title", "title.de is missing", func(d *Dataset) { d.Events[0].Title.DE = " " }},
		{"missing English summary", "summary.en is missing", func(d *Dataset) { d.Events[1].Summary.EN = "" }},
		{"event without source", "has no source", func(d *Dataset) { d.Events[1].Sources = nil }},
		{"javascript URL", "is not http(s)", func(d *Dataset) { d.Events[1].Sources[0].URL = "javascript:alert(1)" }},
		{"file URL in account", "is not http(s)", func(d *Dataset) { d.Events[0].Accounts[0].Sources[0].URL = "file:///etc/passwd" }},
		{"date before 2015", "outside", func(d *Dataset) { d.Events[1].Date = MustDate("2014-12-31") }},
		{"date in the future", "outside", func(d *Dataset) { d.Events[1].Date = MustDate("2026-11-29") }},
		{"end before start", "end_date before date", func(d *Dataset) { d.Events[2].End = MustDate("2023-07-01") }},
		{"dangling person", `unknown person "nobody"`, func(d *Dataset) { d.Events[0].People[0].PersonID = "nobody" }},
		{"dangling organisation", `unknown organization "acme"`, func(d *Dataset) { d.Events[0].Organizations = []string{"acme"} }},
		{"dangling thread", `unknown thread`, func(d *Dataset) { d.Events[0].Threads = []string{"nope"} }},
		{"dangling tour event", `unknown event`, func(d *Dataset) { d.Tours[0].Events[0] = "nope" }},
		{"duplicate event id", "duplicate id", func(d *Dataset) { d.Events[1].ID = d.Events[0].ID }},
		{"person and organisation share an id", "duplicate id", func(d *Dataset) { d.People[0].ID = "openai" }},
		{"person without role", "has no role", func(d *Dataset) { d.People[1].Roles = nil }},
		{"unknown category", "unknown category", func(d *Dataset) { d.Events[0].Category = "gossip" }},
		{"unknown status", "unknown claim status", func(d *Dataset) { d.Events[0].Status = "rumour" }},
		{"importance", "importance 0", func(d *Dataset) { d.Events[0].Importance = 0 }},
		{"bad id", "lowercase ascii", func(d *Dataset) { d.Events[0].ID = "Bad ID" }},
		{"conflicting source metadata", "different publisher", func(d *Dataset) { d.Events[1].Sources[0].Title = "Other" }},
		{"missing version", "version is missing", func(d *Dataset) { d.Meta.Version = "" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := sample()
			c.mutate(d)
			err := d.Validate(today)
			var ve *ValidationError
			if !errors.As(err, &ve) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Validate() = %v, want error containing %q", err, c.want)
			}
		})
	}
}

func build(t *testing.T, d *Dataset) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ds.db")
	if err := WriteSQLite(d, path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestWriteIsDeterministic(t *testing.T) {
	a, err := os.ReadFile(build(t, sample()))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(build(t, sample()))
	if !bytes.Equal(a, b) {
		t.Fatal("two builds of the same dataset differ")
	}
	d := sample()
	d.Events[0].Title.DE = "Geändert"
	c, _ := os.ReadFile(build(t, d))
	if bytes.Equal(a, c) {
		t.Fatal("a changed dataset built to the same bytes")
	}
}

func TestStoreRoundTrip(t *testing.T) {
	path := build(t, sample())
	before, _ := os.ReadFile(path)
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if m := st.Meta(); m.Version != "test-1" || m.AsOf.String() != "2026-11-28" || m.SchemaVersion != SchemaVersion {
		t.Fatalf("meta = %+v", m)
	}
	ds, err := st.Load(bg)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Events) != 3 || len(ds.People) != 2 || len(ds.Organizations) != 2 || len(ds.Tours) != 1 || len(ds.Eras) != 1 {
		t.Fatalf("counts: %d events %d people %d orgs %d tours %d eras", len(ds.Events), len(ds.People), len(ds.Organizations), len(ds.Tours), len(ds.Eras))
	}
	// Date order, precision kept.
	if ds.Events[0].ID != "2015-12-openai-founded" || ds.Events[0].Date.Precision != Month {
		t.Errorf("first event = %s %v", ds.Events[0].ID, ds.Events[0].Date)
	}
	suit := ds.Events[2]
	if suit.ID != "2024-02-29-state-suit" || suit.Title.DE != "Musk verklagt OpenAI vor einem Staatsgericht" ||
		len(suit.People) != 2 || suit.People[0].Role.DE != "Kläger" || len(suit.Sources) != 2 ||
		len(suit.Accounts) != 1 || len(suit.Accounts[0].Sources) != 1 || suit.Threads[0] != "lawsuit" {
		t.Errorf("suit = %+v", suit)
	}
	// The URL cited by two events is one source record cited twice.
	if suit.Sources[0].Citations != 2 || suit.Sources[1].Citations != 1 {
		t.Errorf("citations = %d, %d", suit.Sources[0].Citations, suit.Sources[1].Citations)
	}
	if ds.Events[1].End.String() != "2023-07-14" {
		t.Errorf("end date = %v", ds.Events[1].End)
	}
	if got := ds.Tours[0].Events; len(got) != 2 || got[1] != "2024-02-29-state-suit" {
		t.Errorf("tour events = %v", got)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("reading changed the dataset file")
	}
}

func TestSearch(t *testing.T) {
	st, err := Open(build(t, sample()))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	hits := func(q string, lang Lang) []string {
		t.Helper()
		hs, err := st.Search(bg, q, lang, 10)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		var ids []string
		for _, h := range hs {
			ids = append(ids, h.ID)
		}
		return ids
	}
	for _, q := range []string{"Gründung", "Grundung", "Gruendung", "gründ"} {
		if got := hits(q, DE); len(got) != 1 || got[0] != "2024-02-29-state-suit" {
			t.Errorf("DE %q -> %v", q, got)
		}
	}
	if got := hits("verklagt", EN); len(got) != 0 {
		t.Errorf("German word found in English index: %v", got)
	}
	if got := hits("altman", EN); len(got) != 1 { // people names are indexed
		t.Errorf("altman -> %v", got)
	}
	// Title matches rank above summary-only matches.
	if got := hits("openai", EN); len(got) < 2 || got[0] != "2015-12-openai-founded" {
		t.Errorf("openai -> %v", got)
	}
	for _, q := range []string{`"`, `"unbalanced`, `NEAR(`, `a OR`, `*`, `-`, `)(`, `AND AND`, strings.Repeat(`"x" OR `, 2000), "\x00\xff"} {
		if _, err := st.Search(bg, q, EN, 10); err != nil {
			t.Errorf("Search(%.20q) error: %v", q, err)
		}
	}
}

func TestOpenRejectsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	txt := filepath.Join(dir, "x.db")
	os.WriteFile(txt, []byte("hello, not a database"), 0o644)
	if _, err := Open(txt); !errors.Is(err, ErrNoDataset) {
		t.Errorf("text file: %v", err)
	}
	if _, err := Open(filepath.Join(dir, "missing.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestOpenEmbeddedIsContentAddressed(t *testing.T) {
	content, _ := os.ReadFile(build(t, sample()))
	dir := t.TempDir()
	st, err := OpenEmbedded(content, dir)
	if err != nil {
		t.Fatal(err)
	}
	first := st.Path()
	st.Close()
	// A damaged cache file is replaced.
	os.WriteFile(first, []byte("garbage"), 0o644)
	st, err = OpenEmbedded(content, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.Path() != first {
		t.Errorf("path changed: %s vs %s", st.Path(), first)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("cache holds %d files, want 1", len(ents))
	}
}

func TestExportShapes(t *testing.T) {
	d := sample()
	SortEvents(d.Events)
	var j bytes.Buffer
	if err := WriteJSON(d, &j); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"dataset": {`, `"as_of": "2026-11-28"`, `"date_precision": "month"`, `"people": [`, `"archive_url": ""`, `"role": {`, `"organizations": [`} {
		if !strings.Contains(j.String(), want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
	var c bytes.Buffer
	if err := WriteCSV(d, &c); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(c.String()), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "id,date,date_precision") {
		t.Errorf("CSV = %q", c.String())
	}
}

func TestIndexMatchesLoad(t *testing.T) {
	st, err := Open(build(t, sample()))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ds, _ := st.Load(bg)
	x := st.Index()
	mem := NewIndex(ds)
	for _, idx := range []*Index{x, mem} {
		if idx.Len() != len(ds.Events) {
			t.Fatalf("index has %d events", idx.Len())
		}
		for i, e := range ds.Events {
			var people []string
			for _, p := range idx.People(i) {
				people = append(people, idx.PersonID(p))
			}
			var orgs []string
			for _, o := range idx.Organizations(i) {
				orgs = append(orgs, idx.OrganizationID(o))
			}
			if idx.ID(i) != e.ID || idx.Date(i) != e.Date || idx.End(i) != e.End || idx.Title(i, DE) != e.Title.DE ||
				idx.Title(i, EN) != e.Title.EN || idx.Category(i) != e.Category || idx.Status(i) != e.Status ||
				idx.Importance(i) != e.Importance || len(people) != len(e.People) || len(orgs) != len(e.Organizations) {
				t.Fatalf("event %d: index %s %v %v differs from %+v", i, idx.ID(i), idx.Date(i), people, e)
			}
			for k, p := range e.People {
				if people[k] != p.PersonID {
					t.Fatalf("event %d person %d: %s vs %s", i, k, people[k], p.PersonID)
				}
			}
			if idx.Find(e.ID) != i {
				t.Fatalf("Find(%s) = %d", e.ID, idx.Find(e.ID))
			}
		}
	}
	// EventAt gives the same details as Load.
	for i, want := range ds.Events {
		got, err := st.EventAt(bg, i)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != want.ID || len(got.Sources) != len(want.Sources) || len(got.Accounts) != len(want.Accounts) ||
			got.Summary != want.Summary || len(got.People) != len(want.People) {
			t.Fatalf("EventAt(%d) = %+v, want %+v", i, got, want)
		}
	}
	if _, err := st.EventAt(bg, 99); err == nil {
		t.Fatal("EventAt out of range gave no error")
	}
	hits, _ := st.Search(bg, "xai", EN, 5)
	if len(hits) != 1 || x.ID(hits[0].N) != hits[0].ID {
		t.Fatalf("hit index: %+v", hits)
	}
}

func TestBrowseQueries(t *testing.T) {
	st, err := Open(build(t, sample()))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srcs, err := st.Sources(bg)
	if err != nil || len(srcs) != 4 {
		t.Fatalf("Sources = %d, %v", len(srcs), err)
	}
	for _, s := range srcs {
		evs, err := st.SourceEvents(bg, s.ID)
		if err != nil || len(evs) != s.Citations {
			t.Fatalf("source %s cited by %d, SourceEvents %v %v", s.URL, s.Citations, evs, err)
		}
	}
	// Events in date order: founded (1 source a), xai (d), suit (a, b, c).
	one, two, more, err := st.SourceCoverage(bg)
	if err != nil || one != 2 || two != 0 || more != 1 {
		t.Fatalf("coverage %d/%d/%d %v", one, two, more, err)
	}
	evs, _ := st.PersonEvents(bg, "elon-musk")
	if len(evs) != 1 || evs[0] != 2 {
		t.Fatalf("PersonEvents = %v", evs)
	}
	rel, err := st.Related(bg, 2, 5) // the suit shares no person or thread with the others
	if err != nil || len(rel) != 0 {
		t.Fatalf("Related = %v %v", rel, err)
	}
}
