package cite

import (
	"encoding/json"
	"io"

	"aitimeline/data"
)

// WriteCSLJSON writes a CSL-JSON array (CSL 1.0 input schema) with one item
// per distinct source (and, with opt.IncludeEvents, one dataset item per
// event) to w; an empty selection gives "[]".
//
// Types by kind: news → article-newspaper, company and other → webpage, post
// → post (container-title = publisher for these three); government → report
// (publisher); court → legal_case (source = publisher: the database holding
// the copy; container-title would be read as the law reporter); book → book
// (publisher). id and citation-key are the key BibTeX and RIS use. issued
// and accessed are date-parts at the date's precision ([[2024]],
// [[2024,3]], [[2024,3,5]]); language is BCP 47; an archived copy's URL goes
// to archive_location and, for styles that print only notes, to note.
func WriteCSLJSON(w io.Writer, sources []data.Source, events []data.Event, opt Options) error {
	loc := localizer(opt.Lang)
	items := []cslItem{}
	for _, e := range build(sources, events, opt) {
		it := cslItem{ID: e.key, CitationKey: e.key, Title: e.title, URL: e.url, Language: e.lang}
		if e.event != nil {
			it.Type = "dataset"
			it.Publisher = clean(datasetName(opt.Lang))
			it.Number = e.eventID
			it.Version = clean(opt.DatasetVersion)
		} else {
			switch e.kind {
			case kindNews:
				it.Type, it.ContainerTitle = "article-newspaper", e.publisher
			case kindPost:
				it.Type, it.ContainerTitle = "post", e.publisher
			case kindGovernment:
				it.Type, it.Publisher = "report", e.publisher
			case kindCourt:
				it.Type, it.Source = "legal_case", e.publisher
			case kindBook:
				it.Type, it.Publisher = "book", e.publisher
			default:
				it.Type, it.ContainerTitle = "webpage", e.publisher
			}
		}
		if !e.date.IsZero() {
			it.Issued = cslDateOf(e.date)
		}
		if !opt.Accessed.IsZero() {
			it.Accessed = cslDateOf(dayOf(opt.Accessed))
		}
		if e.archiveURL != "" {
			it.ArchiveLocation = e.archiveURL
			it.Note = loc.T("cite.note.archived") + ": " + e.archiveURL
		}
		items = append(items, it)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(items)
}

// cslItem holds the CSL variables this package writes, in a fixed order.
type cslItem struct {
	ID              string   `json:"id"`
	CitationKey     string   `json:"citation-key,omitempty"`
	Type            string   `json:"type"`
	Title           string   `json:"title,omitempty"`
	ContainerTitle  string   `json:"container-title,omitempty"`
	Publisher       string   `json:"publisher,omitempty"`
	Source          string   `json:"source,omitempty"`
	Number          string   `json:"number,omitempty"`
	Version         string   `json:"version,omitempty"`
	Issued          *cslDate `json:"issued,omitempty"`
	URL             string   `json:"URL,omitempty"`
	Accessed        *cslDate `json:"accessed,omitempty"`
	Language        string   `json:"language,omitempty"`
	ArchiveLocation string   `json:"archive_location,omitempty"`
	Note            string   `json:"note,omitempty"`
}

type cslDate struct {
	DateParts [][]int `json:"date-parts"`
}

func cslDateOf(d data.Date) *cslDate {
	parts := []int{d.Year}
	switch d.Precision {
	case data.Month:
		parts = append(parts, d.Month)
	case data.Day:
		parts = append(parts, d.Month, d.Day)
	}
	return &cslDate{DateParts: [][]int{parts}}
}
