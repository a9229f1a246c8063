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
		if want := s.URL == marked.URL; s.TitleFromURL != want || (want && s.Title != "Musk sues OpenAI") {
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
