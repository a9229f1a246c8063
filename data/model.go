// Package data holds the dataset model, the read-only dataset store and the queries on it.
// It never imports Fyne: the UI talks to it through these plain types.
package data

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Lang is a language code of the app's content: "en" or "de".
type Lang string

// The two content languages.
const (
	EN Lang = "en"
	DE Lang = "de"
)

// Langs lists the content languages in a stable order.
var Langs = []Lang{EN, DE}

// Text is a human-readable field in both languages.
type Text struct {
	EN string `json:"en" toml:"en"`
	DE string `json:"de" toml:"de"`
}

// In returns the text in lang, falling back to the other language (a
// user's own event may be written in one language only).
func (t Text) In(lang Lang) string {
	if lang == DE && t.DE != "" || t.EN == "" {
		return t.DE
	}
	return t.EN
}

// IsZero reports whether both languages are empty.
func (t Text) IsZero() bool { return t.EN == "" && t.DE == "" }

// Precision says how much of a Date is known.
type Precision string

// Date precisions.
const (
	Day   Precision = "day"
	Month Precision = "month"
	Year  Precision = "year"
)

// Date is a calendar date with a precision: 2024, 2024-03 or 2024-03-01.
type Date struct {
	Year, Month, Day int
	Precision        Precision
}

// ParseDate reads YYYY, YYYY-MM or YYYY-MM-DD; the form gives the precision.
func ParseDate(s string) (Date, error) {
	parts := strings.Split(s, "-")
	bad := errBadDate{s}
	if len(parts) < 1 || len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, bad
	}
	var nums [3]int
	for i, p := range parts {
		if (i > 0 && len(p) != 2) || p == "" {
			return Date{}, bad
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return Date{}, bad
		}
		nums[i] = n
	}
	d := Date{Year: nums[0], Month: 1, Day: 1, Precision: Year}
	if len(parts) >= 2 {
		if nums[1] < 1 || nums[1] > 12 {
			return Date{}, bad
		}
		d.Month, d.Precision = nums[1], Month
	}
	if len(parts) == 3 {
		t := time.Date(d.Year, time.Month(d.Month), nums[2], 0, 0, 0, 0, time.UTC)
		if nums[2] < 1 || t.Day() != nums[2] {
			return Date{}, bad
		}
		d.Day, d.Precision = nums[2], Day
	}
	return d, nil
}

// errBadDate is ParseDate's error; a type rather than fmt.Errorf so that the
// common, successful parse allocates nothing for it.
type errBadDate struct{ s string }

func (e errBadDate) Error() string {
	return fmt.Sprintf("invalid date %q (want YYYY, YYYY-MM or YYYY-MM-DD)", e.s)
}

// MustDate is ParseDate for literals known to be valid; it panics otherwise.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// String gives the canonical form: YYYY, YYYY-MM or YYYY-MM-DD.
func (d Date) String() string {
	switch d.Precision {
	case "":
		return ""
	case Year:
		return fmt.Sprintf("%04d", d.Year)
	case Month:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Time is the first instant (UTC) of the period the date names.
func (d Date) Time() time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

// EndTime is the first instant after the period the date names.
func (d Date) EndTime() time.Time {
	t := d.Time()
	switch d.Precision {
	case Year:
		return t.AddDate(1, 0, 0)
	case Month:
		return t.AddDate(0, 1, 0)
	}
	return t.AddDate(0, 0, 1)
}

// DayNumber is the number of days since 1970-01-01 of the date's first day.
func (d Date) DayNumber() int64 { return d.Time().Unix() / 86400 }

// Category classifies an event; the vocabulary is closed.
type Category string

// Categories, in legend order.
const (
	CatGovernance     Category = "governance"
	CatLegal          Category = "legal"
	CatProduct        Category = "product"
	CatBusiness       Category = "business"
	CatInfrastructure Category = "infrastructure"
	CatPolitics       Category = "politics"
	CatPublic         Category = "public"
)

// Categories lists every category in legend order.
var Categories = []Category{CatGovernance, CatLegal, CatProduct, CatBusiness, CatInfrastructure, CatPolitics, CatPublic}

// Status is an event's claim status: how far a reader may rely on it.
type Status string

// Claim statuses.
const (
	StFact         Status = "fact"
	StAnnouncement Status = "announcement"
	StStatement    Status = "statement"
	StDocument     Status = "document"
	StAllegation   Status = "allegation"
	StMotion       Status = "motion"
	StRuling       Status = "ruling"
	StVerdict      Status = "verdict"
	StReport       Status = "report"
	StDisputed     Status = "disputed"
)

// Statuses lists every claim status in legend order.
var Statuses = []Status{StFact, StAnnouncement, StStatement, StDocument, StAllegation, StMotion, StRuling, StVerdict, StReport, StDisputed}

func validCategory(c Category) bool {
	for _, k := range Categories {
		if k == c {
			return true
		}
	}
	return false
}

func validStatus(s Status) bool {
	for _, k := range Statuses {
		if k == s {
			return true
		}
	}
	return false
}

// Meta describes a dataset as a whole.
type Meta struct {
	Version       string
	AsOf          Date
	SchemaVersion int
}

// Source is a published source: a filing, a post, an article.
type Source struct {
	ID         string `json:"-"`
	Publisher  string `json:"publisher"`
	Title      string `json:"title"`
	Date       string `json:"date"`
	URL        string `json:"url"`
	ArchiveURL string `json:"archive_url"`
	Language   string `json:"language"`
	Kind       string `json:"kind"`
	// TitleDescriptive: the page was read but its headline not recorded, so
	// Title describes the page (made of the URL's words, or written for a
	// copy that lacks the headline). The dataset's text marks such titles
	// (URLTitleMarker, CopyTitleMarker); the store removes the marker and
	// sets this.
	TitleDescriptive bool `json:"title_descriptive,omitempty"`
	// Citations is how many events cite the source (filled by store queries that count it).
	Citations int `json:"-"`
}

// CitedTitle is the title as a citation gives it: a descriptive title (the
// page's headline was not recorded, TitleDescriptive) in square brackets, as
// citation styles mark a title the citer supplied, so that no one quotes it
// as the headline; one already in brackets is left as it is.
func (s Source) CitedTitle() string {
	t := strings.TrimSpace(s.Title)
	if !s.TitleDescriptive || t == "" || strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
		return s.Title
	}
	return "[" + t + "]"
}

// Markers that end a descriptive source title in the dataset's text
// (DATASET.md, "Titles"): made from the URL's words, or written for a copy
// whose excerpt lacks the headline ("(copy of The Verge article; headline
// not in copy)" counts too).
const (
	URLTitleMarker  = "(title from URL; page read)"
	CopyTitleMarker = "headline not in copy)"
)

var titleMarker = regexp.MustCompile(`\s*\((?:title from URL; page read|[^()]*headline not in copy)\)$`)

// unmarkTitle moves a descriptive-title marker from Title to
// TitleDescriptive, so that no reader, hand-out or citation shows the
// curators' English note.
func (s *Source) unmarkTitle() {
	if !strings.HasSuffix(s.Title, ")") {
		return // the common case, without the regexp (µs per row on long titles)
	}
	if loc := titleMarker.FindStringIndex(s.Title); loc != nil {
		s.Title, s.TitleDescriptive = s.Title[:loc[0]], true
	}
}

// EventPerson is a person's part in an event.
type EventPerson struct {
	PersonID string
	Role     Text
}

// Account is one side's account of a disputed event, with its own sources.
type Account struct {
	Party   string // person or organisation id
	Text    Text
	Sources []Source
}

// Event is one dated fact of the story.
type Event struct {
	ID            string
	Date          Date
	End           Date // zero when the event has no end date
	Category      Category
	Status        Status
	Importance    int
	Title         Text
	Summary       Text
	Note          Text
	People        []EventPerson
	Organizations []string
	Threads       []string
	Sources       []Source
	Accounts      []Account
}

// Role is a person's position in an organisation over a period.
type Role struct {
	Role         Text
	Organization string
	From, To     string // YYYY[-MM[-DD]]; To empty means to the present
}

// Person is someone who takes part in events.
type Person struct {
	ID      string
	Name    string
	Summary Text
	Roles   []Role
}

// Organization is a company, court, agency or other body.
type Organization struct {
	ID      string
	Name    string
	Kind    string
	Summary Text
}

// Era is a named period that structures the story.
type Era struct {
	ID       string
	From, To Date
	Title    Text
	Summary  Text
}

// Thread is a story thread that groups related events.
type Thread struct {
	ID    string `json:"id"`
	Title Text   `json:"title"`
}

// Tour is a curated sequence of events with an introduction.
type Tour struct {
	ID     string
	Title  Text
	Intro  Text
	Events []string
}

// Dataset is a whole dataset in memory: what the builder writes and the exporter reads.
type Dataset struct {
	Meta          Meta
	Events        []Event
	People        []Person
	Organizations []Organization
	Eras          []Era
	Threads       []Thread
	Tours         []Tour
}
