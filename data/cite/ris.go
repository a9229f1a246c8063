package cite

import (
	"bufio"
	"fmt"
	"io"

	"aitimeline/data"
)

// WriteRIS writes one RIS record per distinct source (and, with
// opt.IncludeEvents, one DATA record per event) to w, UTF-8 encoded, every
// line ended by CRLF as the RIS specification demands and a blank line
// between records.
//
// Each record starts with TY and ends with "ER  - ". Types by kind: news →
// NEWS (T2 = publisher, the newspaper); company, post and other → ELEC (T2 =
// publisher, the website); government → GOVDOC (PB = publisher); court →
// CASE (DB = publisher: PB would name the court, and the publisher is the
// site holding the copy); book → BOOK (PB). ID is the citation key the other
// formats use. PY is the year (YYYY), DA the date at its precision in the
// spec's YYYY/MM/DD/ form ("2024/03//" for a month), Y2 the access date, LA
// the BCP 47 language code, N1 the archived copy's URL.
func WriteRIS(w io.Writer, sources []data.Source, events []data.Event, opt Options) error {
	bw := bufio.NewWriter(w)
	loc := localizer(opt.Lang)
	for i, e := range build(sources, events, opt) {
		if i > 0 {
			bw.WriteString("\r\n")
		}
		tag := func(t, v string) {
			if v != "" {
				fmt.Fprintf(bw, "%s  - %s\r\n", t, v)
			}
		}
		if e.event != nil {
			tag("TY", "DATA")
		} else {
			tag("TY", risType(e.kind))
		}
		tag("ID", e.key)
		tag("TI", e.title)
		if e.event != nil {
			tag("PB", clean(datasetName(opt.Lang)))
			tag("ET", clean(opt.DatasetVersion))
			tag("AN", e.eventID)
		} else {
			switch e.kind {
			case kindGovernment, kindBook:
				tag("PB", e.publisher)
			case kindCourt:
				tag("DB", e.publisher)
			default:
				tag("T2", e.publisher)
			}
		}
		if !e.date.IsZero() {
			tag("PY", fmt.Sprintf("%04d", e.date.Year))
			tag("DA", risDate(e.date))
		}
		tag("UR", e.url)
		if !opt.Accessed.IsZero() {
			tag("Y2", risDate(dayOf(opt.Accessed)))
		}
		tag("LA", e.lang)
		if e.archiveURL != "" {
			tag("N1", loc.T("cite.note.archived")+": "+e.archiveURL)
		}
		bw.WriteString("ER  - \r\n")
	}
	return bw.Flush()
}

func risType(k kind) string {
	switch k {
	case kindNews:
		return "NEWS"
	case kindCourt:
		return "CASE"
	case kindGovernment:
		return "GOVDOC"
	case kindBook:
		return "BOOK"
	}
	return "ELEC"
}

// risDate is the spec's YYYY/MM/DD/other form; the slashes stay when a part
// is unknown.
func risDate(d data.Date) string {
	switch d.Precision {
	case data.Year:
		return fmt.Sprintf("%04d///", d.Year)
	case data.Month:
		return fmt.Sprintf("%04d/%02d//", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d/%02d/%02d/", d.Year, d.Month, d.Day)
}
