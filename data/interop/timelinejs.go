package interop

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"aitimeline/data"
)

// TimelineJS 3 JSON, as Knight Lab's TimelineJS reads it (see its
// json-format documentation): an object with "events" (slides with
// "start_date", optional "end_date", "text": {"headline", "text"}, "group",
// "media", "unique_id"), an optional "title" slide without dates, and
// optional "eras". Dates are objects of "year", "month", "day" (and time
// parts), each a number or a string of digits; headline and text may hold
// HTML.

// Limits of a TimelineJS file as ReadTimelineJS accepts it.
const (
	TLMaxEvents = 10000
	TLMaxTitle  = 1000   // characters of a headline, after removing markup
	TLMaxText   = 100000 // characters of a text, after removing markup
	TLMaxLinks  = 200    // distinct links per event
	TLMaxGroup  = 200    // characters of a group or unique_id
)

// TimelineJSDoc is what WriteTimelineJS writes: a title slide and events,
// for a tour (its title, intro, the stops' events and notes) or any list of
// events.
type TimelineJSDoc struct {
	Title, Intro data.Text
	Events       []data.Event
	Notes        map[string]data.Text // a note per event ID (a tour's stop notes); optional
}

// TimelineJSOptions choose the language and labels of a TimelineJS file.
type TimelineJSOptions struct {
	Lang data.Lang
	// Group names an event's TimelineJS group (its row in TimelineJS's
	// navigation); nil uses the category ID. Pass the localized category
	// label: func(c data.Category) string { return loc.T("category." + string(c)) }.
	Group func(data.Category) string
	// SourcesLabel heads each event's list of sources ("Sources", "Quellen");
	// empty writes the list without a heading.
	SourcesLabel string
}

// JSON shapes of the writer.
type tlFileOut struct {
	Title  *tlSlideOut  `json:"title,omitempty"`
	Events []tlSlideOut `json:"events"`
}

type tlSlideOut struct {
	StartDate *tlDateOut `json:"start_date,omitempty"`
	EndDate   *tlDateOut `json:"end_date,omitempty"`
	Text      tlTextOut  `json:"text"`
	Group     string     `json:"group,omitempty"`
	UniqueID  string     `json:"unique_id,omitempty"`
}

type tlDateOut struct {
	Year  int `json:"year"`
	Month int `json:"month,omitempty"`
	Day   int `json:"day,omitempty"`
}

type tlTextOut struct {
	Headline string `json:"headline"`
	Text     string `json:"text"`
}

// WriteTimelineJS writes doc as TimelineJS 3 JSON in opt.Lang: per event the
// title as headline; the summary, the note and the sources (http/https links
// only) as escaped HTML; the group; the dates at their precision (a year, a
// month, a day); the event ID as unique_id. Everything it writes,
// ReadTimelineJS reads back: it refuses (writing nothing) events without a
// date, with duplicate or malformed IDs, or over the reader's limits.
func WriteTimelineJS(w io.Writer, doc *TimelineJSDoc, opt TimelineJSOptions) error {
	if len(doc.Events) == 0 {
		return &FieldError{Field: "events", Problem: Missing}
	}
	if len(doc.Events) > TLMaxEvents {
		return &FieldError{Field: "events", Problem: TooMany, Limit: TLMaxEvents}
	}
	group := opt.Group
	if group == nil {
		group = func(c data.Category) string { return string(c) }
	}
	out := tlFileOut{Events: make([]tlSlideOut, 0, len(doc.Events))}
	title, intro := oneLine(doc.Title.In(opt.Lang)), normText(doc.Intro.In(opt.Lang))
	switch {
	case utf8.RuneCountInString(title) > TLMaxTitle:
		return &FieldError{Field: "title.text.headline", Problem: TooLong, Limit: TLMaxTitle}
	case utf8.RuneCountInString(intro) > TLMaxText:
		return &FieldError{Field: "title.text.text", Problem: TooLong, Limit: TLMaxText}
	case title != "" || intro != "":
		var b strings.Builder
		htmlParagraphs(&b, intro, "")
		out.Title = &tlSlideOut{Text: tlTextOut{Headline: html.EscapeString(title), Text: b.String()}}
	}
	seen := map[string]bool{}
	for i, e := range doc.Events {
		field := fmt.Sprintf("events[%d]", i+1)
		switch {
		case e.ID != "" && !validID(e.ID):
			return &FieldError{Field: field + ".unique_id", Item: clip(e.ID, 60), Problem: BadID}
		case e.ID != "" && seen[e.ID]:
			return &FieldError{Field: field + ".unique_id", Item: e.ID, Problem: Duplicate}
		case !validDate(e.Date):
			return &FieldError{Field: field + ".start_date", Item: e.ID, Problem: BadDate}
		case !e.End.IsZero() && !validDate(e.End):
			return &FieldError{Field: field + ".end_date", Item: e.ID, Problem: BadDate}
		case !e.End.IsZero() && !e.End.EndTime().After(e.Date.Time()):
			return &FieldError{Field: field + ".end_date", Item: e.ID, Problem: EndBeforeStart}
		}
		seen[e.ID] = true
		title := oneLine(e.Title.In(opt.Lang))
		summary := normText(e.Summary.In(opt.Lang))
		note := normText(doc.Notes[e.ID].In(opt.Lang))
		if title == "" && summary == "" && note == "" {
			return &FieldError{Field: field + ".text.headline", Item: e.ID, Problem: Missing}
		}
		if n := utf8.RuneCountInString(title); n > TLMaxTitle {
			return &FieldError{Field: field + ".text.headline", Item: e.ID, Problem: TooLong, Limit: TLMaxTitle}
		}
		g := oneLine(group(e.Category))
		if utf8.RuneCountInString(g) > TLMaxGroup {
			return &FieldError{Field: field + ".group", Item: e.ID, Problem: TooLong, Limit: TLMaxGroup}
		}
		var b strings.Builder
		htmlParagraphs(&b, summary, "")
		htmlParagraphs(&b, note, noteClass)
		if err := writeSources(&b, e.Sources, opt.SourcesLabel); err != nil {
			return &FieldError{Field: field + ".text.text", Item: e.ID, Problem: TooMany, Limit: TLMaxLinks}
		}
		if utf8.RuneCountInString(summary) > TLMaxText || utf8.RuneCountInString(note) > TLMaxText {
			return &FieldError{Field: field + ".text.text", Item: e.ID, Problem: TooLong, Limit: TLMaxText}
		}
		s := tlSlideOut{StartDate: dateOut(e.Date), Text: tlTextOut{Headline: html.EscapeString(title), Text: b.String()},
			Group: g, UniqueID: e.ID}
		if !e.End.IsZero() && e.End != e.Date {
			s.EndDate = dateOut(e.End)
		}
		out.Events = append(out.Events, s)
	}
	var buf bytes.Buffer
	if err := writeJSON(&buf, out); err != nil {
		return err
	}
	if buf.Len() > MaxFileSize {
		return &TooLargeError{Limit: MaxFileSize}
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// writeSources writes the http(s) sources as a list the reader recognises
// (its text is not part of the summary; its links are the event's links).
func writeSources(b *strings.Builder, sources []data.Source, label string) error {
	var items []string
	seen := map[string]bool{}
	for _, s := range sources {
		u, ok := cleanURL(s.URL)
		if !ok || seen[u] {
			continue
		}
		seen[u] = true
		text := oneLine(s.Title)
		if p := oneLine(s.Publisher); p != "" && text != "" {
			text = p + ": " + text
		} else if p != "" {
			text = p
		}
		if text == "" {
			text = u
		}
		items = append(items, `<li><a href="`+html.EscapeString(u)+`">`+html.EscapeString(text)+`</a></li>`)
	}
	if len(items) == 0 {
		return nil
	}
	if len(items) > TLMaxLinks {
		return fmt.Errorf("%d links", len(items))
	}
	b.WriteString(`<div class="` + sourcesClass + `">`)
	if label = oneLine(label); label != "" {
		b.WriteString("<p><strong>" + html.EscapeString(label) + "</strong></p>")
	}
	b.WriteString("<ul>" + strings.Join(items, "") + "</ul></div>")
	return nil
}

func dateOut(d data.Date) *tlDateOut {
	o := &tlDateOut{Year: d.Year}
	switch d.Precision {
	case data.Month:
		o.Month = d.Month
	case data.Day:
		o.Month, o.Day = d.Month, d.Day
	}
	return o
}

// validDate reports whether d is a real date the app can show (years 1 to
// 9999, a known precision).
func validDate(d data.Date) bool {
	if d.Year < 1 || d.Year > 9999 {
		return false
	}
	switch d.Precision {
	case data.Year:
		return true
	case data.Month:
		return d.Month >= 1 && d.Month <= 12
	case data.Day:
		return d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
	}
	return false
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Imported is a TimelineJS file read into plain text: what a student's or
// teacher's own notebook can import.
type Imported struct {
	Title, Intro string // from the title slide (a note there is joined to Intro); may be empty
	Events       []ImportedEvent
}

// ImportedEvent is one TimelineJS event as plain text.
type ImportedEvent struct {
	ID      string    // unique_id as written (trimmed); may be empty
	Date    data.Date // start date at the precision the file gives (year, month or day)
	End     data.Date // zero when the file has none (or the same as Date)
	Title   string    // headline without markup; the summary's start when the headline is blank
	Summary string    // text without markup: paragraphs separated by a blank line
	Note    string    // a note WriteTimelineJS wrote (class aitl-note); empty for other files
	Group   string
	Links   []Link // http(s) links of text and media, each URL once
}

// ReadTimelineJS reads a TimelineJS 3 JSON file. It returns every event or an
// error: *TooLargeError, *EncodingError, *SyntaxError, *FormatError or
// *FieldError (all Localized), or the reader's own error.
//
// Dates: each part is a number or a string of digits, as TimelineJS takes
// them; a month makes a month date, a month and day a day date; a day
// without a month is ignored (TimelineJS would silently put it in January);
// times of day are ignored; years must lie in 1..9999. An end date without
// a year, or equal to the start, is no end date.
func ReadTimelineJS(r io.Reader) (*Imported, error) {
	b, err := readAll(r, MaxFileSize)
	if err != nil {
		return nil, err
	}
	if !json.Valid(b) {
		var v any
		return nil, jsonError(b, json.Unmarshal(b, &v))
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(b, &top) != nil {
		return nil, &FormatError{Want: FoundTimelineJS}
	}
	get := func(k string) (json.RawMessage, bool) {
		v, ok := top[k]
		return v, ok && !isNull(v)
	}
	events, ok := get("events")
	if !ok {
		found := FoundUnknown
		if f, ok := get("format"); ok && bytes.Contains(f, []byte(TourFormat)) {
			found = FoundTour
		} else if _, ok := get("timeline"); ok {
			found = FoundTimelineJS2
		}
		return nil, &FormatError{Want: FoundTimelineJS, Found: found}
	}
	var slides []json.RawMessage
	if json.Unmarshal(events, &slides) != nil {
		return nil, &FieldError{Field: "events", Problem: WrongType}
	}
	if len(slides) == 0 {
		return nil, &FieldError{Field: "events", Problem: Missing}
	}
	if len(slides) > TLMaxEvents {
		return nil, &FieldError{Field: "events", Problem: TooMany, Limit: TLMaxEvents}
	}
	out := &Imported{Events: make([]ImportedEvent, 0, len(slides))}
	if t, ok := get("title"); ok {
		s, err := readSlide(t, "title", false)
		if err != nil {
			return nil, err
		}
		out.Title, out.Intro = s.Title, s.Summary
		if s.Note != "" {
			out.Intro = strings.TrimSpace(out.Intro + "\n\n" + s.Note)
		}
	}
	for i, raw := range slides {
		e, err := readSlide(raw, fmt.Sprintf("events[%d]", i+1), true)
		if err != nil {
			return nil, err
		}
		out.Events = append(out.Events, e)
	}
	return out, nil
}

// tlSlide is a slide as read: every field raw, to be checked one by one with
// its path for the error message.
type tlSlide struct {
	StartDate json.RawMessage `json:"start_date"`
	EndDate   json.RawMessage `json:"end_date"`
	Text      json.RawMessage `json:"text"`
	Media     json.RawMessage `json:"media"`
	Group     json.RawMessage `json:"group"`
	UniqueID  json.RawMessage `json:"unique_id"`
}

type tlText struct {
	Headline json.RawMessage `json:"headline"`
	Text     json.RawMessage `json:"text"`
}

type tlMedia struct {
	URL     json.RawMessage `json:"url"`
	Caption json.RawMessage `json:"caption"`
	Credit  json.RawMessage `json:"credit"`
	Link    json.RawMessage `json:"link"`
}

type tlDate struct {
	Year  json.RawMessage `json:"year"`
	Month json.RawMessage `json:"month"`
	Day   json.RawMessage `json:"day"`
}

func readSlide(raw json.RawMessage, field string, dated bool) (ImportedEvent, error) {
	var e ImportedEvent
	var s tlSlide
	if json.Unmarshal(raw, &s) != nil {
		return e, &FieldError{Field: field, Problem: WrongType}
	}
	var t tlText
	if !isNull(s.Text) && json.Unmarshal(s.Text, &t) != nil {
		return e, &FieldError{Field: field + ".text", Problem: WrongType}
	}
	headline, err := flexString(t.Headline, field+".text.headline")
	if err != nil {
		return e, err
	}
	text, err := flexString(t.Text, field+".text.text")
	if err != nil {
		return e, err
	}
	h := parseHTML(headline)
	e.Title = oneLine(strings.Join(h.body, " ") + " " + strings.Join(h.note, " "))
	body := parseHTML(text)
	e.Summary = strings.Join(body.body, "\n\n")
	e.Note = strings.Join(body.note, "\n\n")
	item := clip(e.Title, 60)
	if e.Title == "" && dated {
		e.Title = firstWords(e.Summary, 80)
	}
	// The text's links come first: WriteTimelineJS lists them all there in
	// order, so that a file read, written and read again keeps its order.
	var links []Link
	links = append(links, body.links...)
	links = append(links, h.links...)
	if !isNull(s.Media) {
		var m tlMedia
		if json.Unmarshal(s.Media, &m) != nil {
			return e, &FieldError{Field: field + ".media", Item: item, Problem: WrongType}
		}
		var parts [4]string
		for k, f := range []struct {
			raw  json.RawMessage
			name string
		}{{m.URL, "url"}, {m.Caption, "caption"}, {m.Credit, "credit"}, {m.Link, "link"}} {
			if parts[k], err = flexString(f.raw, field+".media."+f.name); err != nil {
				return e, err
			}
		}
		caption := parseHTML(parts[1])
		links = append(links, Link{URL: parts[0], Text: oneLine(strings.Join(caption.body, " "))})
		links = append(links, caption.links...)
		links = append(links, parseHTML(parts[2]).links...)
		links = append(links, Link{URL: parts[3]})
	}
	seen := map[string]bool{}
	for _, l := range links {
		u, ok := cleanURL(l.URL)
		if !ok || seen[u] {
			continue
		}
		seen[u] = true
		if l.Text == u {
			l.Text = ""
		}
		e.Links = append(e.Links, Link{URL: u, Text: l.Text})
	}
	g, err := flexString(s.Group, field+".group")
	if err != nil {
		return e, err
	}
	e.Group = oneLine(g)
	id, err := flexString(s.UniqueID, field+".unique_id")
	if err != nil {
		return e, err
	}
	e.ID = oneLine(id)
	switch {
	case utf8.RuneCountInString(e.Title) > TLMaxTitle:
		return e, &FieldError{Field: field + ".text.headline", Item: item, Problem: TooLong, Limit: TLMaxTitle}
	case utf8.RuneCountInString(e.Summary) > TLMaxText || utf8.RuneCountInString(e.Note) > TLMaxText:
		return e, &FieldError{Field: field + ".text.text", Item: item, Problem: TooLong, Limit: TLMaxText}
	case len(e.Links) > TLMaxLinks:
		return e, &FieldError{Field: field + ".text.text", Item: item, Problem: TooMany, Limit: TLMaxLinks}
	case utf8.RuneCountInString(e.Group) > TLMaxGroup:
		return e, &FieldError{Field: field + ".group", Item: item, Problem: TooLong, Limit: TLMaxGroup}
	case utf8.RuneCountInString(e.ID) > TLMaxGroup:
		return e, &FieldError{Field: field + ".unique_id", Item: item, Problem: TooLong, Limit: TLMaxGroup}
	}
	if !dated {
		return e, nil
	}
	if e.Title == "" && len(e.Links) == 0 {
		return e, &FieldError{Field: field + ".text.headline", Problem: Missing}
	}
	if e.Title == "" {
		e.Title = e.Links[0].Text
		if e.Title == "" {
			e.Title = e.Links[0].URL
		}
		e.Title = firstWords(e.Title, 80)
	}
	var has bool
	e.Date, has, err = readDate(s.StartDate, field+".start_date", item)
	if err != nil {
		return e, err
	}
	if !has {
		return e, &FieldError{Field: field + ".start_date", Item: item, Problem: Missing}
	}
	e.End, has, err = readDate(s.EndDate, field+".end_date", item)
	if err != nil {
		return e, err
	}
	switch {
	case !has || e.End == e.Date:
		e.End = data.Date{}
	case !e.End.EndTime().After(e.Date.Time()):
		return e, &FieldError{Field: field + ".end_date", Item: item, Problem: EndBeforeStart}
	}
	return e, nil
}

// readDate reads a TimelineJS date object; has is false when there is none
// or it has no year.
func readDate(raw json.RawMessage, field, item string) (d data.Date, has bool, err error) {
	if isNull(raw) {
		return d, false, nil
	}
	var td tlDate
	if json.Unmarshal(raw, &td) != nil {
		return d, false, &FieldError{Field: field, Item: item, Problem: WrongType}
	}
	year, okY, err := datePart(td.Year, field+".year", item)
	if err != nil {
		return d, false, err
	}
	month, okM, err := datePart(td.Month, field+".month", item)
	if err != nil {
		return d, false, err
	}
	day, okD, err := datePart(td.Day, field+".day", item)
	if err != nil {
		return d, false, err
	}
	if !okY {
		return d, false, nil
	}
	if year < 1 || year > 9999 {
		return d, false, &FieldError{Field: field + ".year", Item: item, Problem: BadDate}
	}
	d = data.Date{Year: year, Month: 1, Day: 1, Precision: data.Year}
	if okM {
		if month < 1 || month > 12 {
			return d, false, &FieldError{Field: field + ".month", Item: item, Problem: BadDate}
		}
		d.Month, d.Precision = month, data.Month
		if okD {
			if day < 1 || day > daysIn(year, month) {
				return d, false, &FieldError{Field: field + ".day", Item: item, Problem: BadDate}
			}
			d.Day, d.Precision = day, data.Day
		}
	}
	return d, true, nil
}

// datePart reads a date part as TimelineJS does: a JSON number or a string of
// an optional minus and digits, surrounding spaces allowed; null, absent or
// blank means the part is not given.
func datePart(raw json.RawMessage, field, item string) (n int, ok bool, err error) {
	if isNull(raw) {
		return 0, false, nil
	}
	bad := &FieldError{Field: field, Item: item, Problem: BadDate}
	s := string(bytes.TrimSpace(raw))
	if s[0] == '"' {
		if json.Unmarshal(raw, &s) != nil {
			return 0, false, &FieldError{Field: field, Item: item, Problem: WrongType}
		}
		if s = strings.TrimSpace(s); s == "" {
			return 0, false, nil
		}
		digits := strings.TrimPrefix(s, "-")
		if digits == "" || strings.Trim(digits, "0123456789") != "" || len(digits) > 9 {
			return 0, false, bad
		}
		v, _ := strconv.Atoi(s)
		return v, true, nil
	}
	// A JSON number; a whole one written with a fraction or exponent
	// (2024.0, 2.024e3) counts too.
	f, perr := strconv.ParseFloat(s, 64)
	if perr != nil || f != math.Trunc(f) || math.Abs(f) > 1e9 {
		return 0, false, bad
	}
	return int(f), true, nil
}

// flexString reads a text field: a JSON string, or a number or boolean
// written as text (spreadsheet exports do that); null or absent is empty.
func flexString(raw json.RawMessage, field string) (string, error) {
	if isNull(raw) {
		return "", nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, nil
	}
	t := bytes.TrimSpace(raw)
	if len(t) > 0 && (t[0] == '-' || t[0] >= '0' && t[0] <= '9' || string(t) == "true" || string(t) == "false") {
		return string(t), nil
	}
	return "", &FieldError{Field: field, Problem: WrongType}
}

func isNull(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) == 0 || string(t) == "null"
}

// firstWords is the start of s, at most n characters, cut at a space.
func firstWords(s string, n int) string {
	s = oneLine(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}
