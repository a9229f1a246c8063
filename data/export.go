package data

import (
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

// WriteJSON writes the dataset in the documented JSON export shape.
func WriteJSON(d *Dataset, w io.Writer) error {
	out := jExport{
		Dataset: jDataset{Version: d.Meta.Version, AsOf: d.Meta.AsOf.String(), SchemaVersion: d.Meta.SchemaVersion,
			Counts: map[string]int{"events": len(d.Events), "people": len(d.People), "organizations": len(d.Organizations),
				"sources": d.CountSources(), "eras": len(d.Eras), "tours": len(d.Tours)}},
		Events: []jEvent{}, People: []jPerson{}, Organizations: []jOrg{}, Eras: []jEra{}, Threads: nonNil(d.Threads), Tours: []jTour{},
	}
	for _, e := range d.Events {
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
		out.Events = append(out.Events, je)
	}
	for _, p := range d.People {
		jp := jPerson{ID: p.ID, Name: p.Name, Summary: p.Summary, Roles: []jRole{}}
		for _, r := range p.Roles {
			jp.Roles = append(jp.Roles, jRole{Role: r.Role, Organization: r.Organization, From: r.From, To: r.To})
		}
		out.People = append(out.People, jp)
	}
	for _, o := range d.Organizations {
		out.Organizations = append(out.Organizations, jOrg{ID: o.ID, Name: o.Name, Kind: o.Kind, Summary: o.Summary})
	}
	for _, e := range d.Eras {
		out.Eras = append(out.Eras, jEra{ID: e.ID, From: e.From.String(), To: e.To.String(), Title: e.Title, Summary: e.Summary})
	}
	for _, t := range d.Tours {
		out.Tours = append(out.Tours, jTour{ID: t.ID, Title: t.Title, Intro: t.Intro, Events: nonNil(t.Events)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// CSVHeader is the header row of the CSV export: one row per event.
var CSVHeader = []string{"id", "date", "date_precision", "end_date", "category", "status", "importance",
	"title_en", "title_de", "summary_en", "summary_de", "people", "organizations", "source_urls"}

// WriteCSV writes one row per event; list fields are joined with "; ".
func WriteCSV(d *Dataset, w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, e := range d.Events {
		var people, urls []string
		for _, p := range e.People {
			people = append(people, p.PersonID)
		}
		for _, s := range e.Sources {
			urls = append(urls, s.URL)
		}
		rec := []string{e.ID, e.Date.String(), string(e.Date.Precision), e.End.String(), string(e.Category), string(e.Status),
			strconv.Itoa(e.Importance), e.Title.EN, e.Title.DE, e.Summary.EN, e.Summary.DE,
			strings.Join(people, "; "), strings.Join(e.Organizations, "; "), strings.Join(urls, "; ")}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
