package interop

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"aitimeline/data"
)

// The tour file format (.aitour.json), version 1.
//
// A tour file is UTF-8 JSON (a byte order mark is allowed) of at most
// MaxFileSize bytes:
//
//	{
//	  "format": "aitimeline-tour",
//	  "version": 1,
//	  "dataset_version": "2026.11.29",
//	  "tour": {
//	    "id": "musk-vs-openai-lesson-1",
//	    "title": {"en": "The founding years", "de": "Die Gründungsjahre"},
//	    "intro": {"en": "…", "de": "…"},
//	    "stops": [
//	      {"event": "2015-12-11-openai-founded", "note": {"en": "…", "de": "…"}},
//	      {"event": "2018-02-20-musk-leaves-openai-board"}
//	    ]
//	  }
//	}
//
// The fields:
//
//   - format: exactly "aitimeline-tour".
//   - version: a whole number. A reader refuses files of a newer version than
//     it knows (VersionError); within a version, fields are only ever added,
//     and readers ignore fields they do not know.
//   - dataset_version: the dataset the tour was made with (informational:
//     a tour stays valid while its events exist); at most 100 characters.
//   - tour.id: 1 to 200 characters of A-Z a-z 0-9 . _ -.
//   - tour.title: {"en", "de"}, at least one of them not blank; at most
//     TourMaxTitle characters each.
//   - tour.intro: optional, at most TourMaxText characters per language.
//   - tour.stops: 1 to TourMaxStops stops in presentation order; "event" is
//     a dataset event ID, each at most once, and must exist in the dataset
//     the file is opened with (UnknownEventsError lists those that do not);
//     "note" is optional, the teacher's words for the stop, at most
//     TourMaxText characters per language.
//   - No text may contain control characters other than tab and line breaks.
const (
	TourFormat  = "aitimeline-tour"
	TourVersion = 1
)

// Limits of a tour file: those of the notebook (data/userdb), so that every
// tour a teacher can save can be shared.
const (
	TourMaxStops = 1000
	TourMaxTitle = 500
	TourMaxText  = 20000
)

// TourFile is a shared tour: what a .aitour.json file holds.
type TourFile struct {
	DatasetVersion string // the dataset the tour was made with; may be empty
	Tour           Tour
}

// Tour is a teacher's tour: a sequence of dataset events with notes.
type Tour struct {
	ID    string
	Title data.Text
	Intro data.Text
	Stops []Stop
}

// Stop is one event of a tour with the teacher's note for it.
type Stop struct {
	Event string // dataset event ID
	Note  data.Text
}

// EventIDs lists the tour's event IDs in stop order.
func (t *Tour) EventIDs() []string {
	ids := make([]string, len(t.Stops))
	for i, s := range t.Stops {
		ids[i] = s.Event
	}
	return ids
}

// Notes maps the tour's event IDs to the notes of their stops (stops
// without a note are left out), as TimelineJSDoc.Notes takes them.
func (t *Tour) Notes() map[string]data.Text {
	m := map[string]data.Text{}
	for _, s := range t.Stops {
		if !s.Note.IsZero() {
			m[s.Event] = s.Note
		}
	}
	return m
}

// The JSON shapes, kept apart from the API types so that field order and
// names are fixed here and the API can grow without changing the file.
type tourFileJSON struct {
	Format         string    `json:"format"`
	Version        int       `json:"version"`
	DatasetVersion string    `json:"dataset_version,omitempty"`
	Tour           *tourJSON `json:"tour"`
}

type tourJSON struct {
	ID    string     `json:"id"`
	Title data.Text  `json:"title"`
	Intro *data.Text `json:"intro,omitempty"`
	Stops []stopJSON `json:"stops"`
}

type stopJSON struct {
	Event string     `json:"event"`
	Note  *data.Text `json:"note,omitempty"`
}

// probeJSON is the first look at a file: its format tag and version decide
// how (and whether) to read the rest.
type probeJSON struct {
	Format   *json.RawMessage `json:"format"`
	Version  *json.RawMessage `json:"version"`
	Events   *json.RawMessage `json:"events"`
	Timeline *json.RawMessage `json:"timeline"`
}

// ReadTour reads a tour file. known reports whether the dataset has an event
// (nil accepts every well-formed ID). It returns a complete, valid tour or an
// error: *TooLargeError, *EncodingError, *SyntaxError, *FormatError,
// *VersionError, *FieldError or *UnknownEventsError (all Localized), or the
// reader's own error.
func ReadTour(r io.Reader, known func(eventID string) bool) (*TourFile, error) {
	b, err := readAll(r, MaxFileSize)
	if err != nil {
		return nil, err
	}
	if !json.Valid(b) {
		var v any
		return nil, jsonError(b, json.Unmarshal(b, &v))
	}
	var probe probeJSON
	if err := json.Unmarshal(b, &probe); err != nil {
		// Valid JSON but not an object: an array, a string, a number.
		return nil, &FormatError{Want: FoundTour}
	}
	if probe.Format == nil {
		found := FoundUnknown
		switch {
		case probe.Events != nil:
			found = FoundTimelineJS
		case probe.Timeline != nil:
			found = FoundTimelineJS2
		}
		return nil, &FormatError{Want: FoundTour, Found: found}
	}
	var format string
	if err := json.Unmarshal(*probe.Format, &format); err != nil || format != TourFormat {
		return nil, &FormatError{Want: FoundTour, Found: clip(format, 40)}
	}
	if probe.Version == nil {
		return nil, &FieldError{Field: "version", Problem: Missing}
	}
	v, err := strconv.ParseInt(string(bytes.TrimSpace(*probe.Version)), 10, 32)
	if err != nil || v < 1 {
		return nil, &FieldError{Field: "version", Problem: BadVersion}
	}
	if v > TourVersion {
		return nil, &VersionError{Version: int(v), Supported: TourVersion}
	}

	var f tourFileJSON
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, jsonError(b, err)
	}
	tf := &TourFile{DatasetVersion: f.DatasetVersion}
	if f.Tour == nil {
		return nil, &FieldError{Field: "tour", Problem: Missing}
	}
	tf.Tour = Tour{ID: f.Tour.ID, Title: f.Tour.Title}
	if f.Tour.Intro != nil {
		tf.Tour.Intro = *f.Tour.Intro
	}
	tf.Tour.Stops = make([]Stop, len(f.Tour.Stops))
	for i, s := range f.Tour.Stops {
		tf.Tour.Stops[i].Event = s.Event
		if s.Note != nil {
			tf.Tour.Stops[i].Note = *s.Note
		}
	}
	if err := tf.Check(known); err != nil {
		return nil, err
	}
	return tf, nil
}

// Check validates a tour file against the format's rules; known reports
// whether the dataset has an event (nil skips that check). It returns nil or
// a *FieldError or *UnknownEventsError.
func (tf *TourFile) Check(known func(eventID string) bool) error {
	if err := checkText("dataset_version", "", tf.DatasetVersion, 100, false); err != nil {
		return err
	}
	t := &tf.Tour
	if !validID(t.ID) {
		if strings.TrimSpace(t.ID) == "" {
			return &FieldError{Field: "tour.id", Problem: Missing}
		}
		return &FieldError{Field: "tour.id", Item: clip(t.ID, 60), Problem: BadID}
	}
	if strings.TrimSpace(t.Title.EN) == "" && strings.TrimSpace(t.Title.DE) == "" {
		return &FieldError{Field: "tour.title", Problem: Missing}
	}
	for _, c := range []struct {
		field string
		text  data.Text
		limit int
	}{{"tour.title", t.Title, TourMaxTitle}, {"tour.intro", t.Intro, TourMaxText}} {
		if err := checkBoth(c.field, "", c.text, c.limit); err != nil {
			return err
		}
	}
	if len(t.Stops) == 0 {
		return &FieldError{Field: "tour.stops", Problem: Missing}
	}
	if len(t.Stops) > TourMaxStops {
		return &FieldError{Field: "tour.stops", Problem: TooMany, Limit: TourMaxStops}
	}
	seen := make(map[string]bool, len(t.Stops))
	var unknown []string
	for i, s := range t.Stops {
		field := fmt.Sprintf("tour.stops[%d]", i+1)
		switch {
		case strings.TrimSpace(s.Event) == "":
			return &FieldError{Field: field + ".event", Problem: Missing}
		case !validID(s.Event):
			return &FieldError{Field: field + ".event", Item: clip(s.Event, 60), Problem: BadID}
		case seen[s.Event]:
			return &FieldError{Field: field + ".event", Item: s.Event, Problem: Duplicate}
		}
		seen[s.Event] = true
		if err := checkBoth(field+".note", s.Event, s.Note, TourMaxText); err != nil {
			return err
		}
		if known != nil && !known(s.Event) {
			unknown = append(unknown, s.Event)
		}
	}
	if len(unknown) > 0 {
		return &UnknownEventsError{IDs: unknown}
	}
	return nil
}

// checkBoth checks both languages of a text field.
func checkBoth(field, item string, t data.Text, limit int) error {
	if err := checkText(field+".en", item, t.EN, limit, false); err != nil {
		return err
	}
	return checkText(field+".de", item, t.DE, limit, false)
}

// checkText checks a text's length (in characters) and characters.
func checkText(field, item, s string, limit int, required bool) error {
	switch {
	case required && strings.TrimSpace(s) == "":
		return &FieldError{Field: field, Item: item, Problem: Missing}
	case utf8.RuneCountInString(s) > limit:
		return &FieldError{Field: field, Item: item, Problem: TooLong, Limit: limit}
	case hasControl(s):
		return &FieldError{Field: field, Item: item, Problem: ControlChars}
	}
	return nil
}

// WriteTour writes tf as a tour file (indented JSON with a final newline).
// It checks tf first (without an event lookup), so that everything written is
// readable; a failed check writes nothing.
func WriteTour(w io.Writer, tf *TourFile) error {
	if err := tf.Check(nil); err != nil {
		return err
	}
	t := &tf.Tour
	out := tourFileJSON{Format: TourFormat, Version: TourVersion, DatasetVersion: tf.DatasetVersion,
		Tour: &tourJSON{ID: t.ID, Title: t.Title, Stops: make([]stopJSON, len(t.Stops))}}
	if !t.Intro.IsZero() {
		out.Tour.Intro = &t.Intro
	}
	for i, s := range t.Stops {
		out.Tour.Stops[i].Event = s.Event
		if !s.Note.IsZero() {
			note := s.Note
			out.Tour.Stops[i].Note = &note
		}
	}
	return writeJSON(w, out)
}

// writeJSON writes v as indented JSON with a final newline in one Write, and
// leaves <, > and & as they are (they are safe in JSON and easier to read).
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
