package data

import (
	"strings"
	"testing"
)

func TestIsControversy(t *testing.T) {
	for _, c := range []struct {
		cat  Category
		st   Status
		want bool
	}{
		{CatLegal, StRuling, true},
		{CatPublic, StStatement, true},
		{CatGovernance, StDisputed, true},
		{CatBusiness, StAllegation, true},
		{CatProduct, StAnnouncement, false},
		{CatGovernance, StDocument, false},
		{CatBusiness, StReport, false},
	} {
		if got := IsControversy(Event{Category: c.cat, Status: c.st}); got != c.want {
			t.Errorf("IsControversy(%s, %s) = %v", c.cat, c.st, got)
		}
	}
}

func TestBalanceReport(t *testing.T) {
	d := sample()
	// sample: a legal allegation concerning openai, a governance announcement
	// concerning openai, a business fact concerning xai; add a disputed public
	// exchange concerning both and an event that names no organisation.
	d.Events = append(d.Events,
		Event{ID: "2025-01-01-exchange", Category: CatPublic, Status: StDisputed, Organizations: []string{"openai", "xai", "openai"}},
		Event{ID: "2025-01-02-lawsuit", Category: CatLegal, Status: StRuling},
	)
	rows := Balance(d)
	want := []BalanceRow{
		{Org: "openai", Name: "OpenAI", Events: 3, Controversy: 2, Legal: 1, Public: 1, Allegation: 1, Disputed: 1},
		{Org: noOrganization, Name: noOrganization, Events: 1, Controversy: 1, Legal: 1},
		{Org: "xai", Name: "xAI", Events: 2, Controversy: 1, Public: 1, Disputed: 1},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows = %+v", rows)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d = %+v, want %+v", i, rows[i], want[i])
		}
	}
	rep := BalanceReport(d)
	for _, s := range []string{
		"3 of 5 events are controversy events",
		"| organisation | controversy events |",
		"| OpenAI | 2 | 1 | 1 | 1 | 1 | 3 |",
		"| xAI | 1 | 0 | 1 | 0 | 1 | 2 |",
	} {
		if !strings.Contains(rep, s) {
			t.Errorf("report lacks %q:\n%s", s, rep)
		}
	}
}
