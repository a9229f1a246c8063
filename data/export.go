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
// one event is encoded at a time, whatever the dataset's size.
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
	err = each(func(e *Event) error {
		if first {
			w.WriteString("\n    ")
		} else {
			w.WriteString(",\n    ")
		}
		first = false
		return piece("    ", jsonEvent(e))
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
