package ui

import (
	"testing"

	"aitimeline/data"
	"aitimeline/data/synth"
)

func TestFilterCombinations(t *testing.T) {
	ds := synth.Generate(3000, 5)
	data.SortEvents(ds.Events)
	idx := data.NewIndex(ds)
	// The reference: the definition, checked on the full events.
	want := func(f Filter, e data.Event) bool {
		if len(f.Categories) > 0 && !f.Categories[e.Category] {
			return false
		}
		if len(f.Statuses) > 0 && !f.Statuses[e.Status] {
			return false
		}
		if !f.From.IsZero() && e.Date.Time().Before(f.From.Time()) {
			return false
		}
		if !f.To.IsZero() && !e.Date.Time().Before(f.To.EndTime()) {
			return false
		}
		if len(f.People) > 0 {
			ok := false
			for _, p := range e.People {
				ok = ok || f.People[p.PersonID]
			}
			if !ok {
				return false
			}
		}
		if len(f.Organizations) > 0 {
			ok := false
			for _, o := range e.Organizations {
				ok = ok || f.Organizations[o]
			}
			if !ok {
				return false
			}
		}
		return true
	}
	cases := []Filter{
		{},
		{Categories: map[data.Category]bool{data.CatLegal: true}},
		{Categories: map[data.Category]bool{data.CatLegal: true, data.CatPolitics: true}},
		{People: map[string]bool{"person-03": true, "person-07": true}},
		{People: map[string]bool{"person-03": true}, Organizations: map[string]bool{"org-01": true, "org-02": true}},
		{Statuses: map[data.Status]bool{data.StVerdict: true}, From: data.MustDate("2020"), To: data.MustDate("2022-06")},
		{People: map[string]bool{"nobody": true}},
		{From: data.MustDate("2024-03-01"), To: data.MustDate("2024-03-01")},
	}
	for ci, f := range cases {
		match := f.Matcher(idx)
		if !f.Active() != (match == nil) {
			t.Fatalf("case %d: Active %v but matcher nil %v", ci, f.Active(), match == nil)
		}
		n := 0
		for i, e := range ds.Events {
			got := match == nil || match(i)
			if got != want(f, e) {
				t.Fatalf("case %d event %s: matcher %v, definition %v", ci, e.ID, got, !got)
			}
			if got {
				n++
			}
		}
		if ci == 6 && n != 0 {
			t.Fatalf("an unknown person kept %d events", n)
		}
		if ci >= 1 && ci <= 4 && (n == 0 || n == len(ds.Events)) {
			t.Fatalf("case %d keeps %d of %d events: not a real test", ci, n, len(ds.Events))
		}
	}
	f := cases[4]
	c := f.Clone()
	Toggle(&c.People, "person-09", true)
	if f.People["person-09"] {
		t.Fatal("Clone shares its maps")
	}
}
