package ui

import "aitimeline/data"

// deck is what is presented: a tour (with a title screen before its
// stops) or a list of events (no title screen), and the position in it.
// Position -1 is the title screen; 0..len-1 are the stops.
type deck struct {
	tourID       string
	title, intro data.Text // the tour's; zero for a list of events
	events       []int     // event index of each stop
	ids          []string  // event ID of each stop (to renumber when own events change)
	notes        []data.Text
	pos          int
}

// newTourDeck builds the deck of a tour on an index; stops whose event the
// dataset does not have (a teacher's tour made for another dataset) are
// left out rather than shown empty.
func newTourDeck(t Tour, idx *data.Index) *deck {
	d := &deck{tourID: t.ID, title: t.Title, intro: t.Intro}
	for _, st := range t.Stops {
		if i := idx.Find(st.EventID); i >= 0 {
			d.events = append(d.events, i)
			d.ids = append(d.ids, st.EventID)
			d.notes = append(d.notes, st.Note)
		}
	}
	d.pos = d.first()
	return d
}

// newListDeck builds a deck of events (in the order given) without a title
// screen, starting at event start if it is one of them.
func newListDeck(events []int, start int, idx *data.Index) *deck {
	d := &deck{events: events, notes: make([]data.Text, len(events)), ids: make([]string, len(events))}
	for k, i := range events {
		d.ids[k] = idx.ID(i)
	}
	for k, i := range events {
		if i == start {
			d.pos = k
		}
	}
	return d
}

// renumber finds the stops' events in a new numbering (the user's own
// events changed); a stop whose event is gone is left out, and the
// position stays on the same event where it can.
func (d *deck) renumber(idx *data.Index) {
	cur := ""
	if d.pos >= 0 && d.pos < len(d.ids) {
		cur = d.ids[d.pos]
	}
	var evs []int
	var ids []string
	var notes []data.Text
	for k, id := range d.ids {
		if i := idx.Find(id); i >= 0 {
			evs, ids, notes = append(evs, i), append(ids, id), append(notes, d.notes[k])
		}
	}
	d.events, d.ids, d.notes = evs, ids, notes
	if d.pos >= len(evs) {
		d.pos = len(evs) - 1
	}
	for k, id := range ids {
		if id == cur {
			d.pos = k
		}
	}
}

// Len is the number of stops.
func (d *deck) Len() int { return len(d.events) }

// hasTitle reports whether the deck opens with a title screen.
func (d *deck) hasTitle() bool { return !d.title.IsZero() }

func (d *deck) first() int {
	if d.hasTitle() {
		return -1
	}
	return 0
}

// Event is the event of the current stop, or -1 on the title screen.
func (d *deck) Event() int { return d.eventAt(d.pos) }

func (d *deck) eventAt(pos int) int {
	if pos < 0 || pos >= len(d.events) {
		return -1
	}
	return d.events[pos]
}

// Note is the teacher's note for the current stop.
func (d *deck) Note() data.Text {
	if d.pos < 0 || d.pos >= len(d.notes) {
		return data.Text{}
	}
	return d.notes[d.pos]
}

// Number is the current stop's 1-based number (0 on the title screen).
func (d *deck) Number() int { return d.pos + 1 }

// Next moves to the next stop; false at the end.
func (d *deck) Next() bool { return d.moveTo(d.pos + 1) }

// Prev moves to the previous stop (or the title screen); false at the start.
func (d *deck) Prev() bool { return d.moveTo(d.pos - 1) }

// Home moves to the first screen.
func (d *deck) Home() bool { return d.moveTo(d.first()) }

// End moves to the last stop.
func (d *deck) End() bool { return d.moveTo(len(d.events) - 1) }

// Jump moves to stop n (1-based, as the counter shows; 0 is the title
// screen); false when there is no such stop.
func (d *deck) Jump(n int) bool { return d.moveTo(n - 1) }

// moveTo moves to pos if it exists and differs from the current position.
func (d *deck) moveTo(pos int) bool {
	if pos < d.first() || pos >= len(d.events) || pos == d.pos {
		return false
	}
	d.pos = pos
	return true
}
