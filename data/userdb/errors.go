package userdb

import (
	"errors"
	"fmt"
	"strconv"

	"aitimeline/i18n"
)

// Sentinel errors. Callers test them with errors.Is; Message turns any of
// them (and the typed errors below) into one localized line for the user.
var (
	// ErrReadOnly is returned by every write on a notebook opened read-only;
	// Info().ReadOnly says why.
	ErrReadOnly = errors.New("the notebook is open read-only")
	// ErrNotFound means the note, own event, tour or backup does not exist.
	ErrNotFound = errors.New("not found in the notebook")
	// ErrNewerSchema means the file was written by a newer version of the app.
	// Such a notebook is opened read-only and never migrated down.
	ErrNewerSchema = errors.New("the notebook was written by a newer version of the app")
	// ErrNoWriteAccess means the file or its folder cannot be written.
	ErrNoWriteAccess = errors.New("the notebook file cannot be written")
	// ErrMigration means upgrading the notebook's schema failed; the file is
	// left as it was and opened read-only.
	ErrMigration = errors.New("the notebook could not be upgraded")
	// ErrDamaged means the file is not a readable SQLite database (truncated,
	// random bytes, failed integrity check). Open moves it aside.
	ErrDamaged = errors.New("the notebook file is damaged")
	// ErrForeign means the file is an SQLite database of another program.
	// Open moves it aside.
	ErrForeign = errors.New("the file is not a notebook of this app")
	// ErrTooLarge means an import file exceeds MaxImportBytes; see TooLargeError.
	ErrTooLarge = errors.New("the file is too large")
	// ErrMalformed means an import file is not a notebook export (or CSV
	// file) this app can read: bad syntax, wrong format marker, bad header.
	ErrMalformed = errors.New("the file is not in a format the notebook can import")
	// ErrNewerFormat means an import file was written by a newer version.
	ErrNewerFormat = errors.New("the file was exported by a newer version of the app")
	// ErrInvalid means a value was refused; see InvalidError.
	ErrInvalid = errors.New("invalid value")
	// ErrAuthorTaken means SetAuthor was given the name of another author
	// whose notes are already in the notebook.
	ErrAuthorTaken = errors.New("another author in this notebook already has that name")
)

// TooLargeError reports an import larger than the limit. It matches ErrTooLarge.
type TooLargeError struct{ Limit int64 }

// Error says the limit in MB.
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%v (more than %d MB)", ErrTooLarge, e.Limit>>20)
}

// Is makes errors.Is(err, ErrTooLarge) true.
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// Fields an InvalidError can name (also the last part of its message IDs).
const (
	FieldAuthor       = "author"
	FieldBody         = "body"
	FieldCategory     = "category"
	FieldDate         = "date"
	FieldEndDate      = "end_date"
	FieldFlag         = "flag"
	FieldID           = "id"
	FieldKind         = "kind"
	FieldPeople       = "people"
	FieldOrganization = "organizations"
	FieldSources      = "sources"
	FieldSourceURL    = "url"
	FieldSourceDate   = "source_date"
	FieldStops        = "stops"
	FieldSummary      = "summary"
	FieldTag          = "tag"
	FieldTime         = "time"
	FieldTitle        = "title"
	FieldIntro        = "intro"
	FieldNote         = "note"
)

// Problems an InvalidError can report.
const (
	ProblemMissing = "missing"  // the field must not be empty
	ProblemTooLong = "too_long" // longer than Max
	ProblemBad     = "bad"      // wrong form (a date, a URL, an ID, a flag)
)

// InvalidError says which field of a note, tag, own event or tour was refused
// and why. It matches ErrInvalid. Field and Problem are the constants above.
type InvalidError struct {
	Field   string
	Problem string
	Value   string // the refused value, shortened, for the message
	Max     int    // the limit, for ProblemTooLong
}

// Error is the English text, for logs; Message gives the user's language.
func (e *InvalidError) Error() string {
	switch e.Problem {
	case ProblemMissing:
		return e.Field + " is missing"
	case ProblemTooLong:
		return e.Field + " is longer than " + strconv.Itoa(e.Max)
	}
	return fmt.Sprintf("%s %q is not valid", e.Field, e.Value)
}

// Is makes errors.Is(err, ErrInvalid) true.
func (e *InvalidError) Is(target error) bool { return target == ErrInvalid }

func invalid(field, problem, value string) *InvalidError {
	if r := []rune(value); len(r) > 60 {
		value = string(r[:60]) + "…"
	}
	return &InvalidError{Field: field, Problem: problem, Value: value}
}

func tooLong(field string, max int) *InvalidError {
	return &InvalidError{Field: field, Problem: ProblemTooLong, Max: max}
}

// ImportError locates a problem in an import file: Where is "line 12" for
// CSV and a path such as "notes[3]" for JSON. Err is one of ErrMalformed,
// ErrNewerFormat or an *InvalidError. A failed import changes nothing.
type ImportError struct {
	Line  int    // 1-based line (CSV, and JSON syntax errors); 0 when unknown
	Where string // JSON: the item, e.g. "own_events[2].sources[0]"
	Err   error
}

// Error puts the place first: "line 12: …".
func (e *ImportError) Error() string {
	switch {
	case e.Line > 0 && e.Where != "":
		return fmt.Sprintf("line %d (%s): %v", e.Line, e.Where, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	case e.Where != "":
		return e.Where + ": " + e.Err.Error()
	}
	return e.Err.Error()
}

// Unwrap gives the cause, for errors.Is and errors.As.
func (e *ImportError) Unwrap() error { return e.Err }

// Message is the one-line, localized text for an error from this package:
// what is wrong and what to do. Errors from elsewhere (a full disk, a
// permission problem) get a generic line with the error text.
func Message(loc *i18n.Localizer, err error) string {
	var ie *ImportError
	if errors.As(err, &ie) {
		inner := Message(loc, ie.Err)
		if ie.Line > 0 {
			return loc.T("notebook.error.import_line", "Line", ie.Line, "Problem", inner)
		}
		if ie.Where != "" {
			return loc.T("notebook.error.import_item", "Item", ie.Where, "Problem", inner)
		}
		return inner
	}
	var inv *InvalidError
	if errors.As(err, &inv) {
		field := fieldName(loc, inv.Field)
		switch inv.Problem {
		case ProblemMissing:
			return loc.T("notebook.invalid.missing", "Field", field)
		case ProblemTooLong:
			return loc.T("notebook.invalid.too_long", "Field", field, "Max", inv.Max)
		}
		return loc.T("notebook.invalid.bad", "Field", field, "Value", inv.Value)
	}
	var tl *TooLargeError
	if errors.As(err, &tl) {
		return loc.T("notebook.error.too_large", "MB", tl.Limit>>20)
	}
	switch {
	case errors.Is(err, ErrReadOnly):
		return loc.T("notebook.error.read_only")
	case errors.Is(err, ErrNotFound):
		return loc.T("notebook.error.not_found")
	case errors.Is(err, ErrNewerSchema):
		return loc.T("notebook.error.newer_schema")
	case errors.Is(err, ErrNoWriteAccess):
		return loc.T("notebook.error.no_write_access")
	case errors.Is(err, ErrMigration):
		return loc.T("notebook.error.migration")
	case errors.Is(err, ErrDamaged):
		return loc.T("notebook.error.damaged")
	case errors.Is(err, ErrForeign):
		return loc.T("notebook.error.foreign")
	case errors.Is(err, ErrMalformed):
		return loc.T("notebook.error.malformed")
	case errors.Is(err, ErrNewerFormat):
		return loc.T("notebook.error.newer_format")
	case errors.Is(err, ErrAuthorTaken):
		return loc.T("notebook.error.author_taken")
	}
	return loc.T("notebook.error.other", "Error", err.Error())
}

// fieldName is a field's localized name. The IDs are spelled out so that the
// catalog test finds every one of them.
func fieldName(loc *i18n.Localizer, field string) string {
	switch field {
	case FieldAuthor:
		return loc.T("notebook.field.author")
	case FieldBody:
		return loc.T("notebook.field.body")
	case FieldCategory:
		return loc.T("notebook.field.category")
	case FieldDate:
		return loc.T("notebook.field.date")
	case FieldEndDate:
		return loc.T("notebook.field.end_date")
	case FieldFlag:
		return loc.T("notebook.field.flag")
	case FieldID:
		return loc.T("notebook.field.id")
	case FieldKind:
		return loc.T("notebook.field.kind")
	case FieldPeople:
		return loc.T("notebook.field.people")
	case FieldOrganization:
		return loc.T("notebook.field.organizations")
	case FieldSources:
		return loc.T("notebook.field.sources")
	case FieldSourceURL:
		return loc.T("notebook.field.url")
	case FieldSourceDate:
		return loc.T("notebook.field.source_date")
	case FieldStops:
		return loc.T("notebook.field.stops")
	case FieldSummary:
		return loc.T("notebook.field.summary")
	case FieldTag:
		return loc.T("notebook.field.tag")
	case FieldTime:
		return loc.T("notebook.field.time")
	case FieldTitle:
		return loc.T("notebook.field.title")
	case FieldIntro:
		return loc.T("notebook.field.intro")
	case FieldNote:
		return loc.T("notebook.field.note")
	}
	return field
}

// Notices are the lines the UI should show after Open, in loc's language:
// a file moved aside (and where it is), why the notebook is read-only, a
// network drive. None for a notebook that opened normally.
func (in Info) Notices(loc *i18n.Localizer) []string {
	var out []string
	if in.MovedAside != "" {
		if errors.Is(in.MoveReason, ErrForeign) {
			out = append(out, loc.T("notebook.notice.moved_foreign", "Path", in.MovedAside))
		} else {
			out = append(out, loc.T("notebook.notice.moved_damaged", "Path", in.MovedAside))
		}
	}
	if in.ReadOnly != nil && !errors.Is(in.ReadOnly, ErrReadOnly) {
		out = append(out, loc.T("notebook.notice.read_only", "Reason", Message(loc, in.ReadOnly)))
	}
	if in.NetworkFS != "" {
		out = append(out, loc.T("notebook.notice.network", "FS", in.NetworkFS))
	}
	return out
}

// Message is the report as one localized line for the user.
func (r ImportReport) Message(loc *i18n.Localizer) string {
	msg := loc.T("notebook.import.done", "Added", r.Added, "Updated", r.Updated, "Unchanged", r.Unchanged, "Conflicts", r.Conflicts)
	if r.Skipped > 0 {
		msg += " " + loc.N("notebook.import.skipped", r.Skipped)
	}
	return msg
}
