package interop

import (
	"errors"
	"fmt"
	"strings"
)

// Localized is implemented by every error the readers and writers of this
// package return: the ID of a message in i18n/classroom.*.toml and its
// template arguments as name, value pairs, ready for Localizer.T:
//
//	var le interop.Localized
//	if errors.As(err, &le) {
//		msg = loc.T(le.MessageID(), le.MessageArgs()...)
//	}
//
// The package stays free of the i18n catalogs so that tools and tests can use
// it without them; Error gives an English line for logs.
type Localized interface {
	error
	MessageID() string
	MessageArgs() []any
}

// Message returns the localizable message of err (or of an error it wraps),
// or ok == false when err is none of this package's errors.
func Message(err error) (id string, args []any, ok bool) {
	var le Localized
	if errors.As(err, &le) {
		return le.MessageID(), le.MessageArgs(), true
	}
	return "", nil, false
}

// TooLargeError reports a file over the size limit; nothing of it was used.
type TooLargeError struct {
	Limit int64 // bytes
}

// Error implements error; it names the limit in English, for logs.
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("file is larger than %d MB", e.Limit>>20)
}

// MessageID implements Localized.
func (e *TooLargeError) MessageID() string { return "interop.err.too_large" }

// MessageArgs implements Localized.
func (e *TooLargeError) MessageArgs() []any { return []any{"MB", e.Limit >> 20} }

// EncodingError reports a file that is not UTF-8 text.
type EncodingError struct{}

// Error implements error; it says the file is not UTF-8 in English, for logs.
func (e *EncodingError) Error() string { return "file is not UTF-8 text" }

// MessageID implements Localized.
func (e *EncodingError) MessageID() string { return "interop.err.encoding" }

// MessageArgs implements Localized.
func (e *EncodingError) MessageArgs() []any { return nil }

// SyntaxError reports a file that is not well-formed JSON, with the position
// (1-based line and column, in characters) where reading stopped.
type SyntaxError struct {
	Line, Column int
	Detail       string // the JSON parser's English message, for logs
}

// Error implements error; it gives the position and the parser's message in English, for logs.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("not valid JSON at line %d, column %d: %s", e.Line, e.Column, e.Detail)
}

// MessageID implements Localized.
func (e *SyntaxError) MessageID() string { return "interop.err.syntax" }

// MessageArgs implements Localized.
func (e *SyntaxError) MessageArgs() []any { return []any{"Line", e.Line, "Column", e.Column} }

// Formats a FormatError may report as found.
const (
	FoundUnknown     = ""            // not a JSON object, or no recognisable format
	FoundTimelineJS  = "timelinejs"  // a TimelineJS 3 file where a tour was expected
	FoundTimelineJS2 = "timelinejs2" // the old TimelineJS 2 format ({"timeline": …})
	FoundTour        = "tour"        // a tour file where a TimelineJS file was expected
)

// FormatError reports a JSON file of another kind than the reader expected.
type FormatError struct {
	Want  string // FoundTour or FoundTimelineJS
	Found string // one of the Found constants, or the file's own format tag
}

// Error implements error; it names what was expected and found in English, for logs.
func (e *FormatError) Error() string {
	found := e.Found
	if found == "" {
		found = "an unknown format"
	}
	return fmt.Sprintf("not a %s file (found %s)", e.Want, found)
}

// MessageID implements Localized.
func (e *FormatError) MessageID() string {
	switch {
	case e.Want == FoundTour && e.Found == FoundTimelineJS:
		return "interop.err.tour_is_timelinejs"
	case e.Want == FoundTimelineJS && e.Found == FoundTour:
		return "interop.err.timelinejs_is_tour"
	case e.Found == FoundTimelineJS2:
		return "interop.err.timelinejs2"
	case e.Want == FoundTour:
		return "interop.err.not_tour"
	}
	return "interop.err.not_timelinejs"
}

// MessageArgs implements Localized.
func (e *FormatError) MessageArgs() []any { return nil }

// VersionError reports a tour file written by a newer version of the app.
type VersionError struct {
	Version, Supported int
}

// Error implements error; it names both versions in English, for logs.
func (e *VersionError) Error() string {
	return fmt.Sprintf("tour file version %d is newer than the supported version %d", e.Version, e.Supported)
}

// MessageID implements Localized.
func (e *VersionError) MessageID() string { return "interop.err.newer_version" }

// MessageArgs implements Localized.
func (e *VersionError) MessageArgs() []any {
	return []any{"Version", e.Version, "Supported", e.Supported}
}

// UnknownEventsError reports tour stops whose events the dataset does not
// have (an older dataset than the one the tour was made with, or a typo).
type UnknownEventsError struct {
	IDs []string // in stop order, each once
}

// Error implements error; it lists the IDs in English, for logs.
func (e *UnknownEventsError) Error() string {
	return "events not in this dataset: " + strings.Join(e.IDs, ", ")
}

// MessageID implements Localized.
func (e *UnknownEventsError) MessageID() string { return "interop.err.unknown_events" }

// MessageArgs implements Localized. IDs lists at most five of them.
func (e *UnknownEventsError) MessageArgs() []any {
	ids := e.IDs
	more := ""
	if len(ids) > 5 {
		ids, more = ids[:5], fmt.Sprintf(" (+%d)", len(e.IDs)-5)
	}
	return []any{"Count", len(e.IDs), "IDs", strings.Join(ids, ", ") + more}
}

// Problem says what is wrong with a field.
type Problem string

// Problems a FieldError reports.
const (
	Missing        Problem = "missing"          // required and absent or blank
	WrongType      Problem = "wrong_type"       // e.g. a number where text belongs
	TooLong        Problem = "too_long"         // text over Limit characters
	TooMany        Problem = "too_many"         // a list over Limit entries
	BadID          Problem = "bad_id"           // an ID with characters other than A-Z a-z 0-9 . _ -
	Duplicate      Problem = "duplicate"        // the same event twice in a tour
	ControlChars   Problem = "control_chars"    // invalid characters (NUL and other control codes)
	BadVersion     Problem = "bad_version"      // a version that is not a whole number from 1
	BadDate        Problem = "bad_date"         // a date part that is not a number, or out of range
	EndBeforeStart Problem = "end_before_start" // an end date before the start date
)

// FieldError reports a field the reader cannot use. Field is its path in the
// file ("tour.stops[3].event", "events[12].start_date.month"; list positions
// count from 1), Item the headline or event ID that helps a person find it.
type FieldError struct {
	Field   string
	Item    string
	Problem Problem
	Limit   int // for TooLong and TooMany
}

// Error implements error; it names the field and the problem in English, for logs.
func (e *FieldError) Error() string {
	s := fmt.Sprintf("%s: %s", e.Field, e.Problem)
	if e.Limit > 0 {
		s += fmt.Sprintf(" (limit %d)", e.Limit)
	}
	if e.Item != "" {
		s += fmt.Sprintf(" (%q)", e.Item)
	}
	return s
}

// MessageID implements Localized: one message per problem.
func (e *FieldError) MessageID() string { return "interop.err.field_" + string(e.Problem) }

// MessageArgs implements Localized.
func (e *FieldError) MessageArgs() []any {
	where := e.Field
	if e.Item != "" {
		where += " (" + clip(e.Item, 60) + ")"
	}
	return []any{"Field", where, "Limit", e.Limit}
}

// clip shortens s to at most n characters for a message.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
