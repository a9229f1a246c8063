package data

import (
	"bytes"
	"encoding/json"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostile are strings encoding/json escapes, or refuses to pass through:
// every field of the export is tried with each.
var hostile = []string{
	"", "plain", `say "hi"`, `back\slash`, `\"`, "AT&T <b>x</b> & 'y'",
	"tab\tnew\nline\rret", "\b\f\v\x00\x01\x1f\x7f", "line\u2028sep\u2029para",
	"bad \xff byte", "cut \xc3", "surrogate \xed\xa0\x80", "overlong \xc0\xaf", "Grüße „Zitat“ 😀",
	"\u2028", "\xff", `</script><script>alert(1)</script>`, "javascript:alert(1)", "\ufeffbom", "\u00a0nbsp",
}

// referenceEvent is the export of one event as encoding/json writes it,
// configured as writeJSON configured it before eventJSON.
func referenceEvent(t *testing.T, e *Event) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	if err := enc.Encode(jsonEvent(e)); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// referenceString is s as encoding/json writes it without HTML escaping.
func referenceString(t *testing.T, s string) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

func TestAppendJSONStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range hostile {
		if got, want := string(appendJSONString(nil, s)), referenceString(t, s); got != want {
			t.Errorf("%q: got %s, encoding/json %s", s, got, want)
		}
	}
	// Random strings made of the pieces the escaping treats apart, every
	// byte below 0x80 and bytes that start, continue or break UTF-8.
	var pieces []string
	for c := 0; c < 0x80; c++ {
		pieces = append(pieces, string(rune(c)))
	}
	pieces = append(pieces, "\x80", "\xbf", "\xc2", "\xe2\x80", "\xf0\x9f", "\xff", "é", "€", "\u2028", "\u2029", "\u2027", "\u202a", "😀", "\ufffd")
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var sb strings.Builder
		for range r.IntN(12) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := sb.String()
		if got, want := string(appendJSONString(nil, s)), referenceString(t, s); got != want {
			t.Fatalf("%q: got %s, encoding/json %s", s, got, want)
		}
	}
}

// shapes are events that differ in what the encoder may omit or leave
// empty: no lists at all, empty lists, a note, accounts with and without
// sources, a descriptive title, dates of every precision.
func shapes() []Event {
	d := sample()
	full := d.Events[0]
	full.Note = tx("note", "Notiz")
	full.Sources[1].TitleDescriptive = true
	full.Accounts = append(full.Accounts, Account{Party: "xai", Text: tx("", "nur deutsch")})
	empty := Event{ID: "empty"}
	emptyLists := Event{ID: "empty-lists", People: []EventPerson{}, Organizations: []string{}, Threads: []string{},
		Sources: []Source{}, Accounts: []Account{}, Note: tx("", "nur DE")}
	year := Event{ID: "year", Date: MustDate("2015"), End: MustDate("2016-02"), Importance: -3}
	odd := Event{ID: "odd", Date: Date{Year: 12345, Month: 1, Day: 1, Precision: Day}, End: Date{Year: 7, Month: 2, Day: 3, Precision: Day}, Importance: 1 << 40}
	neg := Event{ID: "neg", Date: Date{Year: -44, Month: 3, Day: 15, Precision: Month}, End: Date{Year: 0, Precision: Year}}
	return append(d.Events, full, empty, emptyLists, year, odd, neg)
}

// withString puts s in every string field of e.
func withString(e Event, s string) Event {
	src := Source{Publisher: s, Title: s, Date: s, URL: s, ArchiveURL: s, Language: s, Kind: s, TitleDescriptive: s == ""}
	return Event{ID: s, Date: e.Date, End: e.End, Category: Category(s), Status: Status(s), Importance: e.Importance,
		Title: tx(s, s), Summary: tx(s, s), Note: tx(s, s),
		People:        []EventPerson{{PersonID: s, Role: tx(s, s)}, {PersonID: s}},
		Organizations: []string{s, s}, Threads: []string{s},
		Sources:  []Source{src, src},
		Accounts: []Account{{Party: s, Text: tx(s, s), Sources: []Source{src}}, {Party: s}}}
}

// bundledStore opens a copy of the bundled dataset.
func bundledStore(t *testing.T) *Store {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "assets", "aitimeline.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "bundled.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestEventJSONMatchesEncodingJSON(t *testing.T) {
	events := shapes()
	for _, s := range hostile {
		events = append(events, withString(events[0], s))
	}
	ds, err := bundledStore(t).Load(bg)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Events) < 100 {
		t.Fatalf("bundled dataset: only %d events", len(ds.Events))
	}
	events = append(events, ds.Events...)
	j := eventJSON{prefix: "    "}
	for i := range events {
		e := &events[i]
		j.b = j.b[:0]
		j.event(e)
		if got, want := string(j.b), referenceEvent(t, e); got != want {
			t.Fatalf("event %q:\n%s\n--- encoding/json:\n%s", e.ID, got, want)
		}
	}
}

// referenceExport is writeJSON as it was before eventJSON: every part,
// events included, through encoding/json.
func referenceExport(t *testing.T, out io.Writer, d *Dataset, events, sources int) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	piece := func(prefix string, v any) {
		buf.Reset()
		enc.SetIndent(prefix, "  ")
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		out.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
	io.WriteString(out, "{\n  \"dataset\": ")
	piece("  ", jDataset{Version: d.Meta.Version, AsOf: d.Meta.AsOf.String(), SchemaVersion: d.Meta.SchemaVersion,
		Counts: map[string]int{"events": events, "people": len(d.People), "organizations": len(d.Organizations),
			"sources": sources, "eras": len(d.Eras), "tours": len(d.Tours)}})
	io.WriteString(out, ",\n  \"events\": [")
	for i := range d.Events {
		if i == 0 {
			io.WriteString(out, "\n    ")
		} else {
			io.WriteString(out, ",\n    ")
		}
		piece("    ", jsonEvent(&d.Events[i]))
	}
	if len(d.Events) > 0 {
		io.WriteString(out, "\n  ")
	}
	io.WriteString(out, "]")
	people := []jPerson{}
	for _, p := range d.People {
		jp := jPerson{ID: p.ID, Name: p.Name, Summary: p.Summary, Roles: []jRole{}}
		for _, r := range p.Roles {
			jp.Roles = append(jp.Roles, jRole{Role: r.Role, Organization: r.Organization, From: r.From, To: r.To})
		}
		people = append(people, jp)
	}
	orgs := []jOrg{}
	for _, o := range d.Organizations {
		orgs = append(orgs, jOrg{ID: o.ID, Name: o.Name, Kind: o.Kind, Summary: o.Summary})
	}
	eras := []jEra{}
	for _, e := range d.Eras {
		eras = append(eras, jEra{ID: e.ID, From: e.From.String(), To: e.To.String(), Title: e.Title, Summary: e.Summary})
	}
	tours := []jTour{}
	for _, t := range d.Tours {
		tours = append(tours, jTour{ID: t.ID, Title: t.Title, Intro: t.Intro, Events: nonNil(t.Events)})
	}
	for _, part := range []struct {
		key string
		v   any
	}{{"people", people}, {"organizations", orgs}, {"eras", eras}, {"threads", nonNil(d.Threads)}, {"tours", tours}} {
		io.WriteString(out, ",\n  \""+part.key+"\": ")
		piece("  ", part.v)
	}
	io.WriteString(out, "\n}\n")
}

func TestExportJSONFileMatchesEncodingJSON(t *testing.T) {
	st := bundledStore(t)
	ds, err := st.Load(bg)
	if err != nil {
		t.Fatal(err)
	}
	var got, want bytes.Buffer
	n, err := st.ExportJSON(bg, &got, nil)
	if err != nil || n != len(ds.Events) {
		t.Fatal(n, err)
	}
	sources, err := st.CountSources(bg)
	if err != nil {
		t.Fatal(err)
	}
	referenceExport(t, &want, ds, len(ds.Events), sources)
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		g, w := got.String(), want.String()
		i := 0
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		t.Fatalf("export differs from encoding/json at byte %d of %d:\n%.300s\n--- encoding/json:\n%.300s", i, len(w), g[max(0, i-100):], w[max(0, i-100):])
	}
	// The in-memory writer, with hostile events and none at all, too.
	for _, evs := range [][]Event{shapes(), {withString(Event{}, "x\"\\\u2028\xff<&>")}, nil} {
		d := *ds
		d.Events = evs
		got.Reset()
		want.Reset()
		if err := WriteJSON(&d, &got); err != nil {
			t.Fatal(err)
		}
		referenceExport(t, &want, &d, len(d.Events), d.CountSources())
		if got.String() != want.String() {
			t.Fatalf("in-memory export of %d events differs:\n%s\n--- encoding/json:\n%s", len(evs), got.String(), want.String())
		}
	}
}
