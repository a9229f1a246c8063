package userdb

import (
	"fmt"
	"strings"
	"testing"

	"aitimeline/data"
)

func TestSearchFoldsUmlautsAndRanks(t *testing.T) {
	nb, _ := newNB(t)
	a := mustSave(t, nb, EventTarget("e-1"), "Die Gründung von OpenAI im Dezember 2015 war ein Non-Profit-Projekt.")
	mustSave(t, nb, EventTarget("e-2"), "Nichts dazu.")
	b := mustSave(t, nb, PersonTarget("sam-altman"), "Altman über die GRUENDUNG und die Übernahme.")
	own := ownEvent("Gruendungsfeier")
	own.Summary = data.Text{DE: "Feier zur Gründung in Straße 5"}
	ev, _ := nb.AddOwnEvent(ctx, own)
	for _, q := range []string{"Gründung", "Grundung", "Gruendung", "gründ", "GRÜNDUNG"} {
		hits, err := nb.Search(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		found := map[string]bool{}
		for _, h := range hits {
			found[h.Target.ID] = true
		}
		if len(hits) != 3 || !found["e-1"] || !found["sam-altman"] || !found[ev.ID] {
			t.Errorf("Search(%q) = %+v", q, hits)
		}
	}
	hits, _ := nb.Search(ctx, "Übernahme gründung", 10)
	if len(hits) != 1 || hits[0].NoteID != b.ID || hits[0].Kind != HitNote || hits[0].Author != "Ada" {
		t.Errorf("all words must match: %+v", hits)
	}
	hits, _ = nb.Search(ctx, "strasse", 10)
	if len(hits) != 1 || hits[0].Kind != HitOwnEvent || hits[0].Title.EN != "Gruendungsfeier" || hits[0].Date != own.Date {
		t.Errorf("ß folding in own events: %+v", hits)
	}
	hits, _ = nb.Search(ctx, "dezember", 10)
	if len(hits) != 1 || hits[0].NoteID != a.ID || hits[0].Title.EN != "Title of e-1" {
		t.Errorf("label in hit: %+v", hits)
	}
	if !strings.Contains(hits[0].Excerpt(), "Dezember") {
		t.Errorf("excerpt %q", hits[0].Excerpt())
	}
	if hits, _ := nb.Search(ctx, "gründung", 2); len(hits) != 2 {
		t.Errorf("limit 2 gave %d hits", len(hits))
	}
}

func TestSearchAnyInputIsSafe(t *testing.T) {
	nb, _ := newNB(t)
	mustSave(t, nb, EventTarget("e-1"), `Quote "this" and NEAR(a b) OR NOT title:x * ^`)
	for _, q := range []string{
		`"`, `""`, `"unbalanced`, `a" OR "b`, `NEAR(`, `title:x`, `*`, `^`, `-`, `a AND`, `OR`, `(`, `)`, `{}`,
		`'; DROP TABLE notes; --`, "\x00", "\xff\xfe", strings.Repeat("long ", 100000), strings.Repeat("ä", 5000),
		"", "   ", "🙂", `\`, "%_",
	} {
		if _, err := nb.Search(ctx, q, 10); err != nil {
			t.Errorf("Search(%.20q): %v", q, err)
		}
	}
	if hits, _ := nb.Search(ctx, `"quote`, 10); len(hits) != 1 {
		t.Errorf("quoted word not found: %v", hits)
	}
	if hits, _ := nb.Search(ctx, `near(a`, 10); len(hits) != 1 {
		t.Errorf("operator words are plain words: %v", hits)
	}
	if ns, _ := nb.Notes(ctx, NoteFilter{}); len(ns) != 1 {
		t.Error("a hostile query changed the notebook")
	}
}

func TestExcerpt(t *testing.T) {
	text := strings.Repeat("filler ", 30) + "Die Gründung war 2015. " + strings.Repeat("tail ", 30)
	got := excerpt(text, data.QueryTokens("grundung"))
	if !strings.HasPrefix(got, "… ") || !strings.HasSuffix(got, " …") || !strings.Contains(got, "Gründung") || len(strings.Fields(got)) > 26 {
		t.Errorf("excerpt %q", got)
	}
	if got := excerpt("short text", data.QueryTokens("zzz")); got != "short text" {
		t.Errorf("no match: %q", got)
	}
	if got := excerpt("line one\nline two", nil); strings.Contains(got, "\n") {
		t.Errorf("excerpt keeps a newline: %q", got)
	}
}

func TestMatchingTargetsIsUncapped(t *testing.T) {
	nb, _ := newNB(t)
	for k := 0; k < rankCap+50; k++ {
		mustSave(t, nb, EventTarget(fmt.Sprintf("ev-%d", k)), "Gründungsmythos prüfen")
	}
	mustSave(t, nb, EventTarget("other"), "nothing to see")
	n := mustSave(t, nb, EventTarget("gone"), "Gründungsmythos gelöscht")
	nb.DeleteNote(ctx, n.ID)
	got, err := nb.MatchingTargets(ctx, "grundungsmythos")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != rankCap+50 || got[EventTarget("other")] || got[EventTarget("gone")] {
		t.Fatalf("%d targets (want %d, no trashed or unrelated)", len(got), rankCap+50)
	}
	if got, _ := nb.MatchingTargets(ctx, `"" OR *`); len(got) != 0 {
		t.Fatalf("operators only: %v", got)
	}
}
