package data

import (
	"context"
	"strings"
	"testing"
)

// TestURLTitleMarkerStaysInTheDataset: the curators' marker on titles made
// from a URL reaches no reader: the store removes it and flags the source.
func TestURLTitleMarkerStaysInTheDataset(t *testing.T) {
	d := sample()
	marked := d.Events[0].Sources[0]
	for i := range d.Events { // every citation of that source
		for k := range d.Events[i].Sources {
			if d.Events[i].Sources[k].URL == marked.URL {
				d.Events[i].Sources[k].Title = "Musk sues OpenAI " + URLTitleMarker
			}
		}
	}
	st, err := Open(build(t, d))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	srcs, err := st.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	check := func(where string, s Source) {
		t.Helper()
		if strings.Contains(s.Title, "title from URL") {
			t.Fatalf("%s: %q still carries the marker", where, s.Title)
		}
		if want := s.URL == marked.URL; s.TitleDescriptive != want || (want && s.Title != "Musk sues OpenAI") {
			t.Fatalf("%s: %+v, want flagged %v with the title without marker", where, s, want)
		}
	}
	for _, s := range srcs {
		check("Sources", s)
	}
	err = st.EachEvent(ctx, func(int) bool { return true }, func(_ int, ev *Event) error {
		for _, s := range ev.Sources {
			check("event "+ev.ID, s)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestUnmarkTitle(t *testing.T) {
	for _, c := range []struct {
		in, want string
		flagged  bool
	}{
		{"Elon Musk AI warning (title from URL; page read)", "Elon Musk AI warning", true},
		{"Musk creates 'America Party' (headline not in copy)", "Musk creates 'America Party'", true},
		{"Sutskever deposition (copy of The Verge article; headline not in copy)", "Sutskever deposition", true},
		{"OpenAI (the company) raises money", "OpenAI (the company) raises money", false},
		{"A headline not in copy) but no marker", "A headline not in copy) but no marker", false},
		{"(title from URL; page read) at the start", "(title from URL; page read) at the start", false},
	} {
		s := Source{Title: c.in}
		s.unmarkTitle()
		if s.Title != c.want || s.TitleDescriptive != c.flagged {
			t.Errorf("%q → %q %v, want %q %v", c.in, s.Title, s.TitleDescriptive, c.want, c.flagged)
		}
	}
}
