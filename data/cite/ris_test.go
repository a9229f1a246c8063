package cite

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"aitimeline/data"
)

type risRecord struct {
	tags  []string            // in order
	value map[string][]string // tag → values
}

func (r risRecord) one(tag string) string {
	if v := r.value[tag]; len(v) > 0 {
		return v[0]
	}
	return ""
}

var (
	risLine  = regexp.MustCompile(`^([A-Z][A-Z0-9])  - (.*)$`)
	risYear  = regexp.MustCompile(`^\d{4}$`)
	risDateP = regexp.MustCompile(`^(\d{4})/(\d{2})?/(\d{2})?/$`)
	// Reference types of the RIS specification this package may write.
	risTypes = map[string]bool{"NEWS": true, "ELEC": true, "CASE": true, "GOVDOC": true, "BOOK": true, "DATA": true}
)

// readRIS is a strict reader: CRLF only, every line "XX  - value", each
// record opens with TY and closes with "ER  - ", records apart by one blank
// line, no tag but N1 twice, no empty value, dates in the spec's forms.
func readRIS(out string) ([]risRecord, error) {
	if strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\r") {
		return nil, fmt.Errorf("a line ends in something other than CRLF")
	}
	if out == "" {
		return nil, nil
	}
	if !strings.HasSuffix(out, "ER  - \r\n") {
		return nil, fmt.Errorf("output does not end with an ER line: %.30q", out[max(0, len(out)-30):])
	}
	var recs []risRecord
	var cur *risRecord
	lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	for i, ln := range lines {
		if ln == "" {
			if cur != nil || i == 0 || lines[i-1] != "ER  - " {
				return nil, fmt.Errorf("line %d: blank line inside a record", i+1)
			}
			continue
		}
		m := risLine.FindStringSubmatch(ln)
		if m == nil {
			return nil, fmt.Errorf("line %d is not a tag line: %.40q", i+1, ln)
		}
		tag, val := m[1], m[2]
		switch {
		case cur == nil && tag != "TY":
			return nil, fmt.Errorf("line %d: record starts with %s, not TY", i+1, tag)
		case cur == nil:
			if i > 0 && lines[i-1] != "" {
				return nil, fmt.Errorf("line %d: no blank line between records", i+1)
			}
			cur = &risRecord{value: map[string][]string{}}
		case tag == "TY":
			return nil, fmt.Errorf("line %d: TY inside a record", i+1)
		}
		if tag == "ER" {
			if val != "" {
				return nil, fmt.Errorf("line %d: ER with a value", i+1)
			}
			recs = append(recs, *cur)
			cur = nil
			continue
		}
		if strings.TrimSpace(val) == "" || val != strings.TrimSpace(val) {
			return nil, fmt.Errorf("line %d: empty or padded value %q", i+1, val)
		}
		if len(cur.value[tag]) > 0 && tag != "N1" {
			return nil, fmt.Errorf("line %d: %s twice in a record", i+1, tag)
		}
		switch tag {
		case "TY":
			if !risTypes[val] {
				return nil, fmt.Errorf("line %d: unknown type %q", i+1, val)
			}
		case "PY":
			if !risYear.MatchString(val) {
				return nil, fmt.Errorf("line %d: PY %q is not YYYY", i+1, val)
			}
		case "DA", "Y2":
			p := risDateP.FindStringSubmatch(val)
			if p == nil || (p[2] == "" && p[3] != "") {
				return nil, fmt.Errorf("line %d: %s %q is not YYYY/MM/DD/", i+1, tag, val)
			}
		}
		cur.tags = append(cur.tags, tag)
		cur.value[tag] = append(cur.value[tag], val)
	}
	if cur != nil {
		return nil, fmt.Errorf("last record has no ER")
	}
	return recs, nil
}

func TestRISSample(t *testing.T) {
	out := render(t, RIS, nil, sample(), sampleOptions())
	recs, err := readRIS(out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	cited, _ := Collect(nil, sample())
	if len(recs) != len(cited)+2 {
		t.Fatalf("%d records, want %d + 2 events", len(recs), len(cited))
	}
	byID := map[string]risRecord{}
	for _, r := range recs {
		byID[r.one("ID")] = r
	}
	for _, s := range cited {
		r, ok := byID[SourceKey(s)]
		if !ok {
			t.Errorf("no record %s", SourceKey(s))
			continue
		}
		wantTY := map[string]string{"news": "NEWS", "court": "CASE", "company": "ELEC", "post": "ELEC", "government": "GOVDOC",
			"book": "BOOK", "nonprofit": "ELEC", "other": "ELEC"}[s.Kind]
		pubTag := map[string]string{"NEWS": "T2", "ELEC": "T2", "CASE": "DB", "GOVDOC": "PB", "BOOK": "PB"}[wantTY]
		want := map[string]string{"TY": wantTY, "TI": s.Title, pubTag: s.Publisher, "UR": s.URL, "Y2": "2026/11/30/"}
		if lt := langTag(s.Language); lt != "" {
			want["LA"] = lt
		}
		if d, err := data.ParseDate(s.Date); err == nil {
			want["PY"] = fmt.Sprintf("%04d", d.Year)
			want["DA"] = map[data.Precision]string{
				data.Day:   fmt.Sprintf("%04d/%02d/%02d/", d.Year, d.Month, d.Day),
				data.Month: fmt.Sprintf("%04d/%02d//", d.Year, d.Month),
				data.Year:  fmt.Sprintf("%04d///", d.Year),
			}[d.Precision]
		}
		if s.ArchiveURL != "" && data.CheckURL(s.ArchiveURL) == nil {
			want["N1"] = "Archived copy: " + s.ArchiveURL
		}
		for tag, w := range want {
			if got := r.one(tag); got != w {
				t.Errorf("%s: %s = %q, want %q", SourceKey(s), tag, got, w)
			}
		}
		if len(r.tags) != len(want)+1 { // the wanted tags and ID, nothing else
			t.Errorf("%s: tags %v, want exactly %v and ID", SourceKey(s), r.tags, want)
		}
		if r.tags[0] != "TY" || r.tags[1] != "ID" {
			t.Errorf("%s: starts %v", SourceKey(s), r.tags[:2])
		}
		if r.one("AU") != "" || r.one("A1") != "" {
			t.Errorf("%s: a publisher is not an author", SourceKey(s))
		}
	}
	ev := byID["aitimeline-2015-12-11-openai-founded"]
	want := map[string]string{"TY": "DATA", "TI": "OpenAI is founded as a non-profit AI lab", "PB": "AI Conflict Timeline",
		"ET": "2026.11.29", "AN": "2015-12-11-openai-founded", "PY": "2026", "DA": "2026/11/29/", "Y2": "2026/11/30/", "LA": "en"}
	for tag, w := range want {
		if got := ev.one(tag); got != w {
			t.Errorf("event: %s = %q, want %q", tag, got, w)
		}
	}
}

func TestRISDates(t *testing.T) {
	cases := map[string]string{"2024": "2024///", "2024-03": "2024/03//", "2024-03-05": "2024/03/05/"}
	for in, want := range cases {
		if got := risDate(data.MustDate(in)); got != want {
			t.Errorf("risDate(%s) = %q, want %q", in, got, want)
		}
	}
	// Without an access date there is no Y2, and a source without a date has no PY/DA.
	out := render(t, RIS, []data.Source{{Publisher: "P", Title: "T", URL: "https://x.org/", Date: "sometime"}}, nil, Options{})
	recs, err := readRIS(out)
	if err != nil || len(recs) != 1 {
		t.Fatalf("%v %d\n%s", err, len(recs), out)
	}
	for _, tag := range []string{"Y2", "PY", "DA"} {
		if recs[0].one(tag) != "" {
			t.Errorf("%s written: %q", tag, recs[0].one(tag))
		}
	}
}

func TestRISHostile(t *testing.T) {
	srcs := hostile()
	out := render(t, RIS, srcs, sample(), sampleOptions())
	recs, err := readRIS(out)
	if err != nil {
		t.Fatalf("%v", err)
	}
	cited, _ := Collect(srcs, sample())
	if len(recs) != len(cited)+2 {
		t.Fatalf("%d records, want %d", len(recs), len(cited)+2)
	}
	byID := map[string]risRecord{}
	for _, r := range recs {
		byID[r.one("ID")] = r
	}
	for _, s := range cited {
		r := byID[SourceKey(s)]
		if got := r.one("TI"); got != clean(s.Title) {
			t.Errorf("%s: TI %q, want %q", SourceKey(s), got, clean(s.Title))
		}
	}
	if strings.Contains(out, "TY  - JOUR") {
		t.Error("a title injected a record")
	}
	if _, err := readRIS(render(t, RIS, nil, nil, sampleOptions())); err != nil {
		t.Errorf("empty output: %v", err)
	}
}

func TestRISRealDataset(t *testing.T) {
	d := realDataset(t)
	out := render(t, RIS, nil, d.Events, Options{Accessed: accessed, Lang: data.DE, IncludeEvents: true, DatasetVersion: d.Meta.Version, DatasetDate: d.Meta.AsOf})
	recs, err := readRIS(out)
	if err != nil {
		t.Fatal(err)
	}
	cited, _ := Collect(nil, d.Events)
	if len(recs) != len(cited)+len(d.Events) {
		t.Fatalf("%d records, want %d + %d", len(recs), len(cited), len(d.Events))
	}
}
