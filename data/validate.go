package data

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// ValidationError lists every problem found in a dataset, one per line.
type ValidationError struct{ Problems []string }

func (e *ValidationError) Error() string {
	if len(e.Problems) == 1 {
		return "invalid dataset: " + e.Problems[0]
	}
	return fmt.Sprintf("invalid dataset: %d problems:\n  %s", len(e.Problems), strings.Join(e.Problems, "\n  "))
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Earliest is the first date the dataset may hold.
var Earliest = MustDate("2015-01-01")

// CheckURL accepts only absolute http and https URLs with a host. Anything else
// (file:, javascript:, data:, relative paths) is refused: the app opens these links.
func CheckURL(raw string) error {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return fmt.Errorf("unparsable URL %q", raw)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("URL %q is not http(s)", raw)
	}
	if u.Host == "" {
		return fmt.Errorf("URL %q has no host", raw)
	}
	return nil
}

// Validate checks the dataset's integrity: both languages everywhere, a source
// for every event, http(s) URLs only, dates between 2015-01-01 and today, no
// dangling references, unique IDs, a role for every person. It returns a
// *ValidationError listing all problems, or nil.
func (d *Dataset) Validate(today time.Time) error {
	var p []string
	add := func(format string, args ...any) { p = append(p, fmt.Sprintf(format, args...)) }
	text := func(where, field string, t Text) {
		if strings.TrimSpace(t.EN) == "" {
			add("%s: %s.en is missing", where, field)
		}
		if strings.TrimSpace(t.DE) == "" {
			add("%s: %s.de is missing", where, field)
		}
	}
	last := MustDate(today.UTC().Format("2006-01-02"))
	inRange := func(where string, dt Date) {
		if dt.Time().Before(Earliest.Time()) || dt.Time().After(last.Time()) {
			add("%s: date %s is outside %s..%s", where, dt, Earliest, last)
		}
	}
	// IDs are unique per kind; people and organisations share one namespace
	// because an account's party may be either.
	ids := map[string]bool{}
	space := func(kind string) string {
		if kind == "person" || kind == "organization" {
			return "party"
		}
		return kind
	}
	unique := func(kind, id string) {
		if !idPattern.MatchString(id) {
			add("%s %q: id must be lowercase ascii words joined by hyphens", kind, id)
		}
		if ids[space(kind)+"/"+id] {
			add("%s %q: duplicate id", kind, id)
		}
		ids[space(kind)+"/"+id] = true
		ids[kind+":"+id] = true
	}
	if d.Meta.Version == "" {
		add("meta: version is missing")
	}
	if d.Meta.AsOf.IsZero() {
		add("meta: as_of is missing")
	}
	for _, o := range d.Organizations {
		unique("organization", o.ID)
		if o.Name == "" {
			add("organization %q: name is missing", o.ID)
		}
		text("organization "+o.ID, "summary", o.Summary)
	}
	for _, t := range d.Threads {
		unique("thread", t.ID)
		text("thread "+t.ID, "title", t.Title)
	}
	isKind := func(id, kind string) bool { return ids[kind+":"+id] }
	for _, pe := range d.People {
		unique("person", pe.ID)
		where := "person " + pe.ID
		if pe.Name == "" {
			add("%s: name is missing", where)
		}
		text(where, "summary", pe.Summary)
		if len(pe.Roles) == 0 {
			add("%s: has no role", where)
		}
		for i, r := range pe.Roles {
			w := fmt.Sprintf("%s role %d", where, i+1)
			text(w, "role", r.Role)
			if !isKind(r.Organization, "organization") {
				add("%s: unknown organization %q", w, r.Organization)
			}
			if _, err := ParseDate(r.From); r.From != "" && err != nil {
				add("%s: from: %v", w, err)
			}
			if _, err := ParseDate(r.To); r.To != "" && err != nil {
				add("%s: to: %v", w, err)
			}
		}
	}
	for _, e := range d.Eras {
		unique("era", e.ID)
		text("era "+e.ID, "title", e.Title)
		text("era "+e.ID, "summary", e.Summary)
		if e.From.IsZero() || e.To.IsZero() || e.To.Time().Before(e.From.Time()) {
			add("era %s: needs from <= to", e.ID)
		}
	}
	checkSource := func(where string, s Source) {
		if s.Publisher == "" || s.Title == "" || s.Date == "" || s.URL == "" {
			add("%s: source needs publisher, title, date and url", where)
		}
		if err := CheckURL(s.URL); s.URL != "" && err != nil {
			add("%s: %v", where, err)
		}
		if err := CheckURL(s.ArchiveURL); s.ArchiveURL != "" && err != nil {
			add("%s: archive: %v", where, err)
		}
		if s.Date != "" {
			if dt, err := ParseDate(s.Date); err != nil {
				add("%s: source date: %v", where, err)
			} else if dt.Time().After(last.Time()) {
				add("%s: source date %s is in the future", where, s.Date)
			}
		}
		if s.Language == "" {
			add("%s: source language is missing", where)
		}
	}
	for _, ev := range d.Events {
		unique("event", ev.ID)
		where := "event " + ev.ID
		if ev.Date.IsZero() {
			add("%s: date is missing", where)
		} else {
			inRange(where, ev.Date)
		}
		if !ev.End.IsZero() {
			inRange(where+" end_date", ev.End)
			if ev.End.Time().Before(ev.Date.Time()) {
				add("%s: end_date before date", where)
			}
		}
		if !validCategory(ev.Category) {
			add("%s: unknown category %q", where, ev.Category)
		}
		if !validStatus(ev.Status) {
			add("%s: unknown claim status %q", where, ev.Status)
		}
		if ev.Importance < 1 || ev.Importance > 5 {
			add("%s: importance %d outside 1..5", where, ev.Importance)
		}
		text(where, "title", ev.Title)
		text(where, "summary", ev.Summary)
		if (ev.Note.EN == "") != (ev.Note.DE == "") {
			text(where, "note", ev.Note)
		}
		if len(ev.Sources) == 0 {
			add("%s: has no source", where)
		}
		for _, s := range ev.Sources {
			checkSource(where, s)
		}
		for _, ep := range ev.People {
			if !isKind(ep.PersonID, "person") {
				add("%s: unknown person %q", where, ep.PersonID)
			}
			text(where+" person "+ep.PersonID, "role", ep.Role)
		}
		for _, o := range ev.Organizations {
			if !isKind(o, "organization") {
				add("%s: unknown organization %q", where, o)
			}
		}
		for _, t := range ev.Threads {
			if !isKind(t, "thread") {
				add("%s: unknown thread %q", where, t)
			}
		}
		for i, a := range ev.Accounts {
			w := fmt.Sprintf("%s account %d", where, i+1)
			if !isKind(a.Party, "person") && !isKind(a.Party, "organization") {
				add("%s: unknown party %q", w, a.Party)
			}
			text(w, "text", a.Text)
			if len(a.Sources) == 0 {
				add("%s: has no source", w)
			}
			for _, s := range a.Sources {
				checkSource(w, s)
			}
		}
	}
	for _, t := range d.Tours {
		unique("tour", t.ID)
		text("tour "+t.ID, "title", t.Title)
		text("tour "+t.ID, "intro", t.Intro)
		if len(t.Events) == 0 {
			add("tour %s: has no events", t.ID)
		}
		for _, id := range t.Events {
			if !isKind(id, "event") {
				add("tour %s: unknown event %q", t.ID, id)
			}
		}
	}
	p = append(p, sourceConflicts(d)...)
	p = append(p, checkAsOf(d)...)
	p = append(p, SourceProblems(d)...)
	if len(p) > 0 {
		return &ValidationError{Problems: p}
	}
	return nil
}

// sourceConflicts finds sources cited under one URL with different metadata:
// the builder stores one record per URL, so they must agree.
func sourceConflicts(d *Dataset) []string {
	var p []string
	seen := map[string]Source{}
	check := func(where string, s Source) {
		key := s.URL
		prev, ok := seen[key]
		if !ok {
			seen[key] = s
			return
		}
		if prev.Publisher != s.Publisher || prev.Title != s.Title || prev.Date != s.Date ||
			prev.Language != s.Language || prev.ArchiveURL != s.ArchiveURL || prev.Kind != s.Kind {
			p = append(p, fmt.Sprintf("%s: source %s is cited elsewhere with different publisher/title/date/language/kind", where, s.URL))
		}
	}
	for _, ev := range d.Events {
		for _, s := range ev.Sources {
			check("event "+ev.ID, s)
		}
		for _, a := range ev.Accounts {
			for _, s := range a.Sources {
				check("event "+ev.ID, s)
			}
		}
	}
	return p
}
