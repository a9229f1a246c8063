package ui

import "aitimeline/data"

// Tour is a sequence of events to present or print: a bundled tour of the
// dataset (read-only) or a teacher's own tour from the user's notebook.
type Tour struct {
	ID    string
	Title data.Text
	Intro data.Text
	Stops []Stop
	Own   bool // the teacher's own (editable); false for bundled tours
}

// Stop is one step of a tour: an event and the teacher's note for it (one
// language or both; empty for bundled tours).
type Stop struct {
	EventID string
	Note    data.Text
}

// TourSource supplies the teachers' own tours (the notebook); nil in
// Session means only the bundled tours exist.
type TourSource interface {
	OwnTours() []Tour
}

// Tours lists the bundled tours, then the teacher's own.
func (s *Session) Tours() []Tour {
	out := BundledTours(s.DS)
	if s.OwnTours != nil {
		out = append(out, s.OwnTours.OwnTours()...)
	}
	return out
}

// TourByID finds a tour, bundled or own.
func (s *Session) TourByID(id string) (Tour, bool) {
	for _, t := range s.Tours() {
		if t.ID == id {
			return t, true
		}
	}
	return Tour{}, false
}
