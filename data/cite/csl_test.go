package cite

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"aitimeline/data"
)

// validateCSL checks out against testdata/csl-data.schema.json and returns the items.
func validateCSL(t *testing.T, out string) []map[string]any {
	t.Helper()
	f, err := os.Open("testdata/csl-data.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("csl-data.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("csl-data.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, head(out))
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("not CSL-JSON: %v", err)
	}
	var items []map[string]any
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatal(err)
	}
	return items
}

// dateParts returns an item's date variable as ints, failing on any other shape.
func dateParts(t *testing.T, it map[string]any, name string) []int {
	t.Helper()
	v, ok := it[name]
	if !ok {
		return nil
	}
	outer := v.(map[string]any)["date-parts"].([]any)
	if len(outer) != 1 {
		t.Errorf("%s %s: %d dates, want one", it["id"], name, len(outer))
	}
	var parts []int
	for _, p := range outer[0].([]any) {
		n, ok := p.(float64)
		if !ok || n != float64(int(n)) {
			t.Errorf("%s %s: part %v is not an integer", it["id"], name, p)
		}
		parts = append(parts, int(n))
	}
	return parts
}

func TestCSLSample(t *testing.T) {
	out := render(t, CSLJSON, nil, sample(), sampleOptions())
	items := validateCSL(t, out)
	cited, _ := Collect(nil, sample())
	if len(items) != len(cited)+2 {
		t.Fatalf("%d items, want %d + 2 events", len(items), len(cited))
	}
	byID := map[string]map[string]any{}
	for _, it := range items {
		byID[it["id"].(string)] = it
		if it["citation-key"] != it["id"] {
			t.Errorf("citation-key %v != id %v", it["citation-key"], it["id"])
		}
	}
	for _, s := range cited {
		it := byID[SourceKey(s)]
		if it == nil {
			t.Errorf("no item %s", SourceKey(s))
			continue
		}
		typ := map[string]string{"news": "article-newspaper", "court": "legal_case", "company": "webpage", "post": "post",
			"government": "report", "book": "book", "nonprofit": "webpage", "other": "webpage"}[s.Kind]
		pub := map[string]string{"article-newspaper": "container-title", "webpage": "container-title", "post": "container-title",
			"legal_case": "source", "report": "publisher", "book": "publisher"}[typ]
		want := map[string]any{"type": typ, "title": s.Title, pub: s.Publisher, "URL": s.URL}
		if lt := langTag(s.Language); lt != "" {
			want["language"] = lt
		}
		if s.ArchiveURL != "" && data.CheckURL(s.ArchiveURL) == nil {
			want["archive_location"] = s.ArchiveURL
			want["note"] = "Archived copy: " + s.ArchiveURL
		}
		for k, w := range want {
			if it[k] != w {
				t.Errorf("%s: %s = %v, want %v", SourceKey(s), k, it[k], w)
			}
		}
		extra := map[string]bool{"id": true, "citation-key": true, "issued": true, "accessed": true}
		for k := range it {
			if _, ok := want[k]; !ok && !extra[k] {
				t.Errorf("%s: unexpected %s = %v", SourceKey(s), k, it[k])
			}
		}
		if _, ok := it["author"]; ok {
			t.Errorf("%s: a publisher is not an author", SourceKey(s))
		}
		var wantIssued []int
		if d, err := data.ParseDate(s.Date); err == nil {
			wantIssued = map[data.Precision][]int{data.Year: {d.Year}, data.Month: {d.Year, d.Month}, data.Day: {d.Year, d.Month, d.Day}}[d.Precision]
		}
		if got := dateParts(t, it, "issued"); !equalInts(got, wantIssued) {
			t.Errorf("%s: issued %v, want %v (date %q)", SourceKey(s), got, wantIssued, s.Date)
		}
		if got := dateParts(t, it, "accessed"); !equalInts(got, []int{2026, 11, 30}) {
			t.Errorf("%s: accessed %v", SourceKey(s), got)
		}
	}
	ev := byID["aitimeline-2015-12-11-openai-founded"]
	want := map[string]any{"type": "dataset", "title": "OpenAI is founded as a non-profit AI lab", "publisher": "AI Conflict Timeline",
		"number": "2015-12-11-openai-founded", "version": "2026.11.29", "language": "en"}
	for k, w := range want {
		if ev[k] != w {
			t.Errorf("event: %s = %v, want %v", k, ev[k], w)
		}
	}
	if got := dateParts(t, ev, "issued"); !equalInts(got, []int{2026, 11, 29}) {
		t.Errorf("event issued %v", got)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// The three precisions give date-parts of one, two and three numbers.
func TestCSLDatePrecision(t *testing.T) {
	var srcs []data.Source
	for i, d := range []string{"2024", "2024-03", "2024-03-05"} {
		srcs = append(srcs, data.Source{Publisher: "P", Title: d, Date: d, URL: "https://x.org/" + string(rune('a'+i)), Kind: "news"})
	}
	items := validateCSL(t, render(t, CSLJSON, srcs, nil, Options{}))
	want := map[string][]int{"2024": {2024}, "2024-03": {2024, 3}, "2024-03-05": {2024, 3, 5}}
	for _, it := range items {
		if got := dateParts(t, it, "issued"); !equalInts(got, want[it["title"].(string)]) {
			t.Errorf("%v: issued %v", it["title"], got)
		}
		if _, ok := it["accessed"]; ok {
			t.Error("accessed written with no access date")
		}
	}
}

func TestCSLHostileAndEmpty(t *testing.T) {
	srcs := hostile()
	items := validateCSL(t, render(t, CSLJSON, srcs, sample(), sampleOptions()))
	cited, _ := Collect(srcs, sample())
	if len(items) != len(cited)+2 {
		t.Fatalf("%d items, want %d", len(items), len(cited)+2)
	}
	byID := map[string]map[string]any{}
	for _, it := range items {
		byID[it["id"].(string)] = it
	}
	for _, s := range cited {
		got, _ := byID[SourceKey(s)]["title"].(string)
		if got != clean(s.Title) {
			t.Errorf("%s: title %q, want %q", SourceKey(s), got, clean(s.Title))
		}
	}
	if out := render(t, CSLJSON, nil, nil, Options{}); strings.TrimSpace(out) != "[]" {
		t.Errorf("empty selection: %q, want []", out)
	}
}

func TestCSLRealDataset(t *testing.T) {
	d := realDataset(t)
	items := validateCSL(t, render(t, CSLJSON, nil, d.Events, Options{Accessed: accessed, IncludeEvents: true, DatasetVersion: d.Meta.Version, DatasetDate: d.Meta.AsOf}))
	cited, _ := Collect(nil, d.Events)
	if len(items) != len(cited)+len(d.Events) {
		t.Fatalf("%d items, want %d + %d", len(items), len(cited), len(d.Events))
	}
}
