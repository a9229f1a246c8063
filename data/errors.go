package data

import (
	"errors"
	"fmt"
)

// ErrNoDataset is returned when a file is not a dataset of this app.
var ErrNoDataset = errors.New("not an AI Conflict Timeline dataset")

// Reason says what is wrong with a dataset file, in terms the UI localizes
// (message IDs "dataset.err.<reason>").
type Reason string

// Reasons a dataset file is refused.
const (
	ReasonNotDataset      Reason = "not_dataset"      // not SQLite, or another kind of SQLite file
	ReasonNewerSchema     Reason = "newer_schema"     // made for a newer app (Have > Want)
	ReasonOlderSchema     Reason = "older_schema"     // made by an older builder (Have < Want)
	ReasonDamaged         Reason = "damaged"          // tables or index inconsistent
	ReasonNoEvents        Reason = "no_events"        // holds no events
	ReasonBadID           Reason = "bad_id"           // an ID of the wrong form
	ReasonBadDate         Reason = "bad_date"         // not a calendar date
	ReasonDateRange       Reason = "date_range"       // outside 2015..shortly after its "as of"
	ReasonUnknownCategory Reason = "unknown_category" // not in Categories
	ReasonUnknownStatus   Reason = "unknown_status"   // not in Statuses
	ReasonTooLong         Reason = "too_long"         // a text beyond the limits
	ReasonDangling        Reason = "dangling"         // a person, organisation or thread that does not exist
	ReasonBadURL          Reason = "bad_url"          // a source link that is not http(s)
)

// DatasetError says why a dataset file was refused: the reason, the event
// concerned (if any) and the offending value (shortened), or the schema
// versions for a version mismatch. A dataset from elsewhere is untrusted
// input: the app refuses it with this error rather than showing it.
type DatasetError struct {
	Reason    Reason
	Event     string
	Value     string
	Have, Max int // schema versions: the file's, and the newest this app reads
}

func (e *DatasetError) Error() string {
	switch e.Reason {
	case ReasonNewerSchema, ReasonOlderSchema:
		return fmt.Sprintf("dataset schema %d, this app reads %d", e.Have, e.Max)
	}
	msg := string(e.Reason)
	if e.Event != "" {
		msg += ": event " + e.Event
	}
	if e.Value != "" {
		msg += fmt.Sprintf(" (%q)", e.Value)
	}
	return "invalid dataset: " + msg
}

// Is makes errors.Is(err, ErrNoDataset) true for files that are not datasets.
func (e *DatasetError) Is(target error) bool {
	return target == ErrNoDataset && e.Reason == ReasonNotDataset
}
