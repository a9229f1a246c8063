package data

import (
	"fmt"
	"sort"
	"strings"
)

// IsControversy reports whether e is a controversy event: a conflict rather than
// a plain release or deal. That is every event of category legal (suits,
// filings, rulings) or public (public exchanges: posts, interviews, letters), and
// every event whose claim status is allegation or disputed, whatever its category.
func IsControversy(e Event) bool {
	return e.Category == CatLegal || e.Category == CatPublic || e.Status == StAllegation || e.Status == StDisputed
}

// BalanceRow counts one organisation's events in a BalanceReport.
type BalanceRow struct {
	Org, Name   string
	Events      int // all events that concern the organisation
	Controversy int // of which controversy events (IsControversy)
	Legal       int // controversy events of category legal
	Public      int // controversy events of category public
	Allegation  int // controversy events with claim status allegation
	Disputed    int // controversy events with claim status disputed
}

// noOrganization is the row for events that name no organisation.
const noOrganization = "(no organisation)"

// Balance counts, for every organisation with at least one controversy event,
// how many controversy events concern it (an event concerns the organisations
// it lists, so one event may count for several). Rows are ordered by
// controversy events, most first, then by name.
func Balance(ds *Dataset) []BalanceRow {
	names := map[string]string{}
	for _, o := range ds.Organizations {
		names[o.ID] = o.Name
	}
	rows := map[string]*BalanceRow{}
	row := func(id string) *BalanceRow {
		r, ok := rows[id]
		if !ok {
			name := names[id]
			if name == "" {
				name = id
			}
			r = &BalanceRow{Org: id, Name: name}
			rows[id] = r
		}
		return r
	}
	for _, e := range ds.Events {
		orgs := e.Organizations
		if len(orgs) == 0 {
			orgs = []string{noOrganization}
		}
		seen := map[string]bool{}
		for _, id := range orgs {
			if seen[id] {
				continue
			}
			seen[id] = true
			r := row(id)
			r.Events++
			if !IsControversy(e) {
				continue
			}
			r.Controversy++
			switch e.Category {
			case CatLegal:
				r.Legal++
			case CatPublic:
				r.Public++
			}
			switch e.Status {
			case StAllegation:
				r.Allegation++
			case StDisputed:
				r.Disputed++
			}
		}
	}
	var out []BalanceRow
	for _, r := range rows {
		if r.Controversy > 0 {
			out = append(out, *r)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Controversy != out[j].Controversy {
			return out[i].Controversy > out[j].Controversy
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// BalanceReport renders Balance as a Markdown table with a summary line, for
// `datasetbuild -report` and DATASET.md: which organisations the dataset's
// conflict events concern, and how often.
func BalanceReport(ds *Dataset) string {
	total := 0
	for _, e := range ds.Events {
		if IsControversy(e) {
			total++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d events are controversy events (category legal or public, or claim status allegation or disputed).\n\n", total, len(ds.Events))
	b.WriteString("| organisation | controversy events | legal | public | allegation | disputed | all events |\n")
	b.WriteString("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, r := range Balance(ds) {
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d | %d |\n", r.Name, r.Controversy, r.Legal, r.Public, r.Allegation, r.Disputed, r.Events)
	}
	return b.String()
}
