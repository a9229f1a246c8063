package data

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The export shapes are documented in README.md and stable: fields may be
// added, never renamed or removed.

type jDataset struct {
	Version       string         `json:"version"`
	AsOf          string         `json:"as_of"`
	SchemaVersion int            `json:"schema_version"`
	Counts        map[string]int `json:"counts"`
}

type jRole struct {
	Role         Text   `json:"role"`
	Organization string `json:"organization"`
	From         string `json:"from"`
	To           string `json:"to"`
}

type jPerson struct {
	ID      string  `json:"id"`
	Name    string  `json:"name"`
	Summary Text    `json:"summary"`
	Roles   []jRole `json:"roles"`
}

type jOrg struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Summary Text   `json:"summary"`
}

type jPart struct {
	ID   string `json:"id"`
	Role Text   `json:"role"`
}

type jAccount struct {
	Party   string   `json:"party"`
	Text    Text     `json:"text"`
	Sources []Source `json:"sources"`
}

type jEvent struct {
	ID            string     `json:"id"`
	Date          string     `json:"date"`
	DatePrecision string     `json:"date_precision"`
	EndDate       string     `json:"end_date"`
	Category      string     `json:"category"`
	Status        string     `json:"status"`
	Importance    int        `json:"importance"`
	Title         Text       `json:"title"`
	Summary       Text       `json:"summary"`
	Note          *Text      `json:"note,omitempty"`
	People        []string   `json:"people"`
	Participants  []jPart    `json:"participants"`
	Organizations []string   `json:"organizations"`
	Threads       []string   `json:"threads"`
	Sources       []Source   `json:"sources"`
	Accounts      []jAccount `json:"accounts,omitempty"`
}

type jEra struct {
	ID      string `json:"id"`
	From    string `json:"from"`
	To      string `json:"to"`
	Title   Text   `json:"title"`
	Summary Text   `json:"summary"`
}

type jTour struct {
	ID     string   `json:"id"`
	Title  Text     `json:"title"`
	Intro  Text     `json:"intro"`
	Events []string `json:"events"`
}

type jExport struct {
	Dataset       jDataset  `json:"dataset"`
	Events        []jEvent  `json:"events"`
	People        []jPerson `json:"people"`
	Organizations []jOrg    `json:"organizations"`
	Eras          []jEra    `json:"eras"`
	Threads       []Thread  `json:"threads"`
	Tours         []jTour   `json:"tours"`
}

// nonNil keeps empty lists as [] rather than null in the JSON output.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// CountSources returns the number of distinct source URLs the dataset cites.
func (d *Dataset) CountSources() int {
	seen := map[string]bool{}
	for _, e := range d.Events {
		for _, s := range e.Sources {
			seen[s.URL] = true
		}
		for _, a := range e.Accounts {
			for _, s := range a.Sources {
				seen[s.URL] = true
			}
		}
	}
	return len(seen)
}

// eventIter calls fn with each event to export, in date order.
type eventIter func(fn func(*Event) error) error

// jsonEvent is e in the export's shape as a value for encoding/json. The
// export writes events with eventJSON instead; the tests hold the two equal.
func jsonEvent(e *Event) jEvent {
	je := jEvent{ID: e.ID, Date: e.Date.String(), DatePrecision: string(e.Date.Precision), EndDate: e.End.String(),
		Category: string(e.Category), Status: string(e.Status), Importance: e.Importance, Title: e.Title, Summary: e.Summary,
		People: []string{}, Participants: []jPart{}, Organizations: nonNil(e.Organizations), Threads: nonNil(e.Threads),
		Sources: nonNil(e.Sources)}
	if !e.Note.IsZero() {
		n := e.Note
		je.Note = &n
	}
	for _, p := range e.People {
		je.People = append(je.People, p.PersonID)
		je.Participants = append(je.Participants, jPart{ID: p.PersonID, Role: p.Role})
	}
	for _, a := range e.Accounts {
		je.Accounts = append(je.Accounts, jAccount{Party: a.Party, Text: a.Text, Sources: nonNil(a.Sources)})
	}
	return je
}

// writeJSON writes the documented export shape, streaming the events: only
// one event is encoded at a time, whatever the dataset's size. The events
// are written by eventJSON (hand-written for their fixed shape, in the
// output encoding/json gave them); the small rest goes through encoding/json.
func writeJSON(out io.Writer, d *Dataset, events, sources int, each eventIter) error {
	w := bufio.NewWriterSize(out, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // an export is not HTML: keep "AT&T" as it is
	piece := func(prefix string, v any) error {
		buf.Reset()
		enc.SetIndent(prefix, "  ")
		if err := enc.Encode(v); err != nil {
			return err
		}
		_, err := w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return err
	}
	w.WriteString("{\n  \"dataset\": ")
	err := piece("  ", jDataset{Version: d.Meta.Version, AsOf: d.Meta.AsOf.String(), SchemaVersion: d.Meta.SchemaVersion,
		Counts: map[string]int{"events": events, "people": len(d.People), "organizations": len(d.Organizations),
			"sources": sources, "eras": len(d.Eras), "tours": len(d.Tours)}})
	if err != nil {
		return err
	}
	w.WriteString(",\n  \"events\": [")
	first := true
	ej := eventJSON{prefix: "    "}
	err = each(func(e *Event) error {
		if first {
			ej.b = append(ej.b[:0], "\n    "...)
		} else {
			ej.b = append(ej.b[:0], ",\n    "...)
		}
		first = false
		ej.event(e)
		_, err := w.Write(ej.b)
		return err
	})
	if err != nil {
		return err
	}
	if !first {
		w.WriteString("\n  ")
	}
	w.WriteString("]")
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
		w.WriteString(",\n  \"" + part.key + "\": ")
		if err := piece("  ", part.v); err != nil {
			return err
		}
	}
	w.WriteString("\n}\n")
	return w.Flush()
}

// WriteJSON writes an in-memory dataset in the documented JSON export shape.
func WriteJSON(d *Dataset, w io.Writer) error {
	return writeJSON(w, d, len(d.Events), d.CountSources(), func(fn func(*Event) error) error {
		for i := range d.Events {
			if err := fn(&d.Events[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// ExportJSON streams the events sel selects (nil: all) in the documented JSON
// export shape and returns how many it wrote. Memory stays flat: events are
// read in chunks and encoded one by one.
func (s *Store) ExportJSON(ctx context.Context, w io.Writer, sel func(i int) bool) (int, error) {
	events, sources, err := s.exportCounts(ctx, sel)
	if err != nil {
		return 0, err
	}
	err = writeJSON(w, s.ctx, events, sources, func(fn func(*Event) error) error {
		return s.EachEvent(ctx, sel, func(_ int, ev *Event) error { return fn(ev) })
	})
	return events, err
}

// exportCounts counts the selected events and the distinct sources they cite.
func (s *Store) exportCounts(ctx context.Context, sel func(int) bool) (events, sources int, err error) {
	if sel == nil {
		sources, err = s.CountSources(ctx)
		return s.idx.Len(), sources, err
	}
	for i := 0; i < s.idx.Len(); i++ {
		if sel(i) {
			events++
		}
	}
	seen := map[string]struct{}{}
	err = s.each(ctx, "SELECT event_n, source_id FROM event_sources", func(r *sql.Rows) error {
		var n int
		var id string
		if err := r.Scan(&n, &id); err != nil {
			return err
		}
		if n >= 1 && n <= s.idx.Len() && sel(n-1) {
			seen[id] = struct{}{}
		}
		return nil
	})
	return events, len(seen), err
}

// CSVHeader is the header row of the CSV export: one row per event. Columns
// may be added at the end in later versions, never renamed or removed.
var CSVHeader = []string{"id", "date", "date_precision", "end_date", "category", "status", "importance",
	"title_en", "title_de", "summary_en", "summary_de", "people", "organizations", "source_urls",
	"source_titles", "source_publishers"}

func csvRecord(e *Event) []string {
	var people, urls, titles, pubs []string
	for _, p := range e.People {
		people = append(people, p.PersonID)
	}
	for _, s := range e.Sources {
		urls = append(urls, s.URL)
		titles = append(titles, s.Title)
		pubs = append(pubs, s.Publisher)
	}
	return []string{e.ID, e.Date.String(), string(e.Date.Precision), e.End.String(), string(e.Category), string(e.Status),
		strconv.Itoa(e.Importance), e.Title.EN, e.Title.DE, e.Summary.EN, e.Summary.DE,
		strings.Join(people, "; "), strings.Join(e.Organizations, "; "), strings.Join(urls, "; "),
		strings.Join(titles, "; "), strings.Join(pubs, "; ")}
}

// WriteCSV writes one row per event of an in-memory dataset; list fields are joined with "; ".
func WriteCSV(d *Dataset, w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(CSVHeader)
	for i := range d.Events {
		if err := cw.Write(csvRecord(&d.Events[i])); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ExportCSV streams the events sel selects (nil: all) as CSV, one row per
// event, and returns how many it wrote.
func (s *Store) ExportCSV(ctx context.Context, w io.Writer, sel func(i int) bool) (int, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	cw.Write(CSVHeader)
	n := 0
	err := s.EachEvent(ctx, sel, func(_ int, ev *Event) error {
		n++
		return cw.Write(csvRecord(ev))
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	if err == nil {
		err = bw.Flush()
	}
	return n, err
}

// eventJSON appends events in the shape of jEvent, byte for byte as
// encoding/json's Encoder writes jsonEvent(e) with SetEscapeHTML(false) and
// SetIndent(prefix, "  "). Encoding/json marshals compact and then indents
// the result in a second pass, through reflection: for a 300,000-event
// export that was about a third of the CPU time. TestEventJSONMatchesEncodingJSON
// holds the two equal; a field added to jEvent must be added here too.
type eventJSON struct {
	b      []byte
	prefix string // written after every newline, before the indentation
	depth  int    // indentation steps after the prefix: 0 for the event's braces
	first  bool   // nothing written yet in the innermost object or array
}

// newline starts a line at the current depth.
func (j *eventJSON) newline() {
	j.b = append(j.b, '\n')
	j.b = append(j.b, j.prefix...)
	for range j.depth {
		j.b = append(j.b, "  "...)
	}
}

// open starts an object or array ('{' or '[').
func (j *eventJSON) open(c byte) {
	j.b = append(j.b, c)
	j.depth++
	j.first = true
}

// close ends an object or array; an empty one stays on its line ("[]"),
// as json.Indent leaves it.
func (j *eventJSON) close(c byte) {
	j.depth--
	if !j.first {
		j.newline()
	}
	j.b = append(j.b, c)
	j.first = false
}

// item starts the next element of an array.
func (j *eventJSON) item() {
	if !j.first {
		j.b = append(j.b, ',')
	}
	j.first = false
	j.newline()
}

// key starts the next member of an object; k needs no escaping.
func (j *eventJSON) key(k string) {
	j.item()
	j.b = append(j.b, '"')
	j.b = append(j.b, k...)
	j.b = append(j.b, `": `...)
}

func (j *eventJSON) str(k, v string) {
	j.key(k)
	j.b = appendJSONString(j.b, v)
}

func (j *eventJSON) text(k string, t Text) {
	j.key(k)
	j.open('{')
	j.str("en", t.EN)
	j.str("de", t.DE)
	j.close('}')
}

func (j *eventJSON) list(k string, vs []string) {
	j.key(k)
	j.open('[')
	for _, v := range vs {
		j.item()
		j.b = appendJSONString(j.b, v)
	}
	j.close(']')
}

func (j *eventJSON) sources(srcs []Source) {
	j.key("sources")
	j.open('[')
	for i := range srcs {
		s := &srcs[i]
		j.item()
		j.open('{')
		j.str("publisher", s.Publisher)
		j.str("title", s.Title)
		j.str("date", s.Date)
		j.str("url", s.URL)
		j.str("archive_url", s.ArchiveURL)
		j.str("language", s.Language)
		j.str("kind", s.Kind)
		if s.TitleDescriptive {
			j.key("title_descriptive")
			j.b = append(j.b, "true"...)
		}
		j.close('}')
	}
	j.close(']')
}

// event appends e as one element of the events array, from its opening
// brace to its closing one.
func (j *eventJSON) event(e *Event) {
	j.depth = 0
	j.open('{')
	j.str("id", e.ID)
	j.key("date")
	j.b = appendJSONDate(j.b, e.Date)
	j.str("date_precision", string(e.Date.Precision))
	j.key("end_date")
	j.b = appendJSONDate(j.b, e.End)
	j.str("category", string(e.Category))
	j.str("status", string(e.Status))
	j.key("importance")
	j.b = strconv.AppendInt(j.b, int64(e.Importance), 10)
	j.text("title", e.Title)
	j.text("summary", e.Summary)
	if !e.Note.IsZero() {
		j.text("note", e.Note)
	}
	j.key("people")
	j.open('[')
	for _, p := range e.People {
		j.item()
		j.b = appendJSONString(j.b, p.PersonID)
	}
	j.close(']')
	j.key("participants")
	j.open('[')
	for _, p := range e.People {
		j.item()
		j.open('{')
		j.str("id", p.PersonID)
		j.text("role", p.Role)
		j.close('}')
	}
	j.close(']')
	j.list("organizations", e.Organizations)
	j.list("threads", e.Threads)
	j.sources(e.Sources)
	if len(e.Accounts) > 0 {
		j.key("accounts")
		j.open('[')
		for _, a := range e.Accounts {
			j.item()
			j.open('{')
			j.str("party", a.Party)
			j.text("text", a.Text)
			j.sources(a.Sources)
			j.close('}')
		}
		j.close(']')
	}
	j.close('}')
}

// appendJSONDate appends d.String() as a JSON string without fmt (two
// dates per event); dates outside 0000–9999 take the slow path.
func appendJSONDate(b []byte, d Date) []byte {
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		return appendJSONString(b, d.String())
	}
	two := func(b []byte, v int) []byte { return append(b, byte('0'+v/10), byte('0'+v%10)) }
	b = append(b, '"')
	if d.Precision != "" {
		b = two(two(b, d.Year/100), d.Year%100)
	}
	if d.Precision != "" && d.Precision != Year {
		b = two(append(b, '-'), d.Month)
	}
	if d.Precision != "" && d.Precision != Year && d.Precision != Month {
		b = two(append(b, '-'), d.Day)
	}
	return append(b, '"')
}

// appendJSONString appends s as a JSON string escaped as encoding/json
// escapes it without HTML escaping: quote, backslash and control
// characters, U+2028 and U+2029; invalid UTF-8 becomes U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
