package userdb

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"aitimeline/data"
)

func TestOwnEventValidation(t *testing.T) {
	nb, _ := newNB(t)
	cases := []struct {
		name  string
		edit  func(e *OwnEvent)
		field string
	}{
		{"no date", func(e *OwnEvent) { e.Date = data.Date{} }, FieldDate},
		{"bad date", func(e *OwnEvent) { e.Date = data.Date{Year: 2024, Month: 2, Day: 30, Precision: data.Day} }, FieldDate},
		{"end before start", func(e *OwnEvent) { e.End = data.MustDate("2024-02") }, FieldEndDate},
		{"no category", func(e *OwnEvent) { e.Category = "" }, FieldCategory},
		{"unknown category", func(e *OwnEvent) { e.Category = "gossip" }, FieldCategory},
		{"no title", func(e *OwnEvent) { e.Title = data.Text{EN: " \n "} }, FieldTitle},
		{"long title", func(e *OwnEvent) { e.Title.DE = strings.Repeat("x", 501) }, FieldTitle},
		{"long summary", func(e *OwnEvent) { e.Summary.EN = strings.Repeat("x", 20001) }, FieldSummary},
		{"bad person", func(e *OwnEvent) { e.People = []string{"Elon Musk"} }, FieldPeople},
		{"bad organisation", func(e *OwnEvent) { e.Organizations = []string{"open ai"} }, FieldOrganization},
		{"no source", func(e *OwnEvent) { e.Sources = nil }, FieldSources},
		{"source without URL", func(e *OwnEvent) { e.Sources[0].URL = "  " }, FieldSourceURL},
		{"file URL", func(e *OwnEvent) { e.Sources[0].URL = "file:///etc/passwd" }, FieldSourceURL},
		{"javascript URL", func(e *OwnEvent) { e.Sources[0].URL = "javascript:alert(1)" }, FieldSourceURL},
		{"data URL", func(e *OwnEvent) { e.Sources[0].URL = "data:text/html,<b>x</b>" }, FieldSourceURL},
		{"relative URL", func(e *OwnEvent) { e.Sources[0].URL = "/news/1" }, FieldSourceURL},
		{"URL with a space", func(e *OwnEvent) { e.Sources[0].URL = "https://a.example/x y" }, FieldSourceURL},
		{"bad archive URL", func(e *OwnEvent) { e.Sources[0].ArchiveURL = "ftp://a.example/x" }, FieldSourceURL},
		{"bad source date", func(e *OwnEvent) { e.Sources[0].Date = "yesterday" }, FieldSourceDate},
		{"preset ID not own", func(e *OwnEvent) { e.ID = "2015-12-11-openai-founded" }, FieldID},
		{"preset ID malformed", func(e *OwnEvent) { e.ID = "own-Has Space" }, FieldID},
	}
	for _, c := range cases {
		e := ownEvent("valid")
		c.edit(&e)
		_, err := nb.AddOwnEvent(ctx, e)
		var inv *InvalidError
		if !errors.As(err, &inv) || inv.Field != c.field {
			t.Errorf("%s: %v, want invalid %s", c.name, err, c.field)
		}
	}
	if evs, _ := nb.OwnEvents(ctx); len(evs) != 0 {
		t.Errorf("refused events were stored: %v", evs)
	}
}

func TestOwnEventLifecycle(t *testing.T) {
	nb, clk := newNB(t)
	in := ownEvent("Musk sues OpenAI")
	in.Title.DE = ""
	in.End = data.MustDate("2024-06")
	in.People = []string{"elon-musk", "sam-altman", "elon-musk"}
	in.Sources = append(in.Sources, data.Source{URL: " https://b.example/2 ", Date: "2024-03", ArchiveURL: "https://web.archive.org/x"})
	e, err := nb.AddOwnEvent(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if !IsOwnEventID(e.ID) || checkID(FieldID, e.ID) != nil || len(e.ID) != len("own-")+12 {
		t.Errorf("ID %q", e.ID)
	}
	if e.Author != "Ada" || e.Created.IsZero() || !reflect.DeepEqual(e.People, []string{"elon-musk", "sam-altman"}) {
		t.Errorf("stored %+v", e)
	}
	got, ok, err := nb.OwnEvent(ctx, e.ID)
	if !ok || err != nil || !reflect.DeepEqual(got, e) {
		t.Fatalf("read back\n%+v\nwant\n%+v (%v)", got, e, err)
	}
	if got.Sources[1].URL != "https://b.example/2" || got.Sources[1].ID != data.SourceID("https://b.example/2") {
		t.Errorf("source %+v", got.Sources[1])
	}
	ev := got.Event()
	if ev.ID != e.ID || ev.End != e.End || len(ev.People) != 2 || ev.People[1].PersonID != "sam-altman" || len(ev.Sources) != 2 {
		t.Errorf("Event() = %+v", ev)
	}
	// Two more, to check the order.
	early := ownEvent("early")
	early.Date = data.MustDate("2016")
	nb.AddOwnEvent(ctx, early)
	later := ownEvent("later")
	later.Date = data.MustDate("2025-01-02")
	nb.AddOwnEvent(ctx, later)
	evs, _ := nb.OwnEvents(ctx)
	if len(evs) != 3 || evs[0].Title.EN != "early" || evs[2].Title.EN != "later" {
		t.Errorf("order: %v", evs)
	}

	clk.Add(time.Hour)
	e.Title = data.Text{DE: "Musk verklagt OpenAI"}
	e.Summary = data.Text{DE: "Klage in Kalifornien"}
	e.Author = "Mallory" // ignored: the author stays
	up, err := nb.UpdateOwnEvent(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	if up.Author != "Ada" || !up.Created.Equal(got.Created) || !up.Modified.After(got.Modified) {
		t.Errorf("updated %+v", up)
	}
	if hits, _ := nb.Search(ctx, "verklagt", 10); len(hits) != 1 || hits[0].Kind != HitOwnEvent || hits[0].Target.ID != e.ID {
		t.Errorf("search for the new title: %+v", hits)
	}
	if hits, _ := nb.Search(ctx, "sues", 10); len(hits) != 0 {
		t.Errorf("the old title is still found: %+v", hits)
	}
	missing := e
	missing.ID = "own-000000000000"
	if _, err := nb.UpdateOwnEvent(ctx, missing); !errors.Is(err, ErrNotFound) {
		t.Errorf("updating a missing event: %v", err)
	}
	if _, err := nb.AddOwnEvent(ctx, e); !errors.Is(err, ErrInvalid) {
		t.Errorf("adding with a taken ID: %v", err)
	}

	if err := nb.DeleteOwnEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := nb.OwnEvent(ctx, e.ID); ok {
		t.Error("deleted event still live")
	}
	if hits, _ := nb.Search(ctx, "verklagt", 10); len(hits) != 0 {
		t.Error("deleted event still found")
	}
	if _, err := nb.UpdateOwnEvent(ctx, e); !errors.Is(err, ErrNotFound) {
		t.Errorf("updating a deleted event: %v", err)
	}
	tr, _ := nb.Trash(ctx)
	if len(tr.OwnEvents) != 1 || tr.OwnEvents[0].ID != e.ID {
		t.Errorf("trash %+v", tr.OwnEvents)
	}
	if err := nb.RestoreOwnEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if hits, _ := nb.Search(ctx, "verklagt", 10); len(hits) != 1 {
		t.Error("restored event not found")
	}
	if err := nb.RestoreOwnEvent(ctx, e.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("restoring a live event: %v", err)
	}
	if err := nb.DeleteOwnEvent(ctx, "own-nothere"); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting a missing event: %v", err)
	}
}

// TestSourceListDecodesLikeEncodingJSON checks the direct split of the
// stored sources against encoding/json: every list json.Marshal writes
// (quotes, backslashes, HTML characters, control characters, umlauts,
// several sources) decodes to the same sources, and what is not JSON fails.
func TestSourceListDecodesLikeEncodingJSON(t *testing.T) {
	src := func(pub, title, url string) data.Source {
		return data.Source{Publisher: pub, Title: title, Date: "2024-03-01", URL: url, ArchiveURL: "https://web.archive.org/x", Language: "de", Kind: "article"}
	}
	lists := map[string][]data.Source{
		"none":        {},
		"plain":       {src("Reuters", "Musk sues OpenAI", "https://example.com/a")},
		"several":     {src("A", "B", "https://a.example/1"), src("C", "D", "https://c.example/2"), {URL: "https://e.example/"}},
		"umlauts":     {src("Süddeutsche", "Übernahme „geplatzt“ – straße", "https://sz.de/ä")},
		"quotes":      {src(`The "Verge"`, `a \ backslash`, "https://example.com/q")},
		"html":        {src("A&B", "<b>bold</b>", "https://example.com/?a=1&b=2")},
		"control":     {src("tab\there", "line\nbreak", "https://example.com/c")},
		"separators":  {src("\u2028", "\u2029", "https://example.com/s")},
		"keys inside": {src(`","title":"`, `"}`, "https://example.com/k")},
	}
	for name, want := range lists {
		t.Run(name, func(t *testing.T) {
			b, err := json.Marshal(toSourceJSON(want))
			if err != nil {
				t.Fatal(err)
			}
			var sj []sourceJSON
			if err := json.Unmarshal(b, &sj); err != nil {
				t.Fatal(err)
			}
			ref := fromSourceJSON(sj)
			// The lists the app writes take the direct path (it is what
			// makes reading own events fast).
			if _, ok := plainSources(string(b)); !ok && (name == "plain" || name == "several" || name == "umlauts" || name == "none") {
				t.Errorf("%s did not take the direct path", b)
			}
			got, err := sourceList(string(b))
			if err != nil || !reflect.DeepEqual(got, ref) {
				t.Errorf("sourceList(%s)\n = %+v, %v\nwant %+v", b, got, err, ref)
			}
		})
	}
	for _, bad := range []string{"", "[", "[{]", `[{"publisher":"a"`, "not json", `[{"publisher":"a","title":"b","date":"","url":"u","archive_url":"","language":"","kind":""},]`} {
		if got, err := sourceList(bad); err == nil {
			t.Errorf("sourceList(%q) = %+v, want an error", bad, got)
		}
	}
	// Another writer's shape (spaces, another order) still decodes.
	got, err := sourceList(`[ {"url": "https://x.example/", "publisher": "X"} ]`)
	if err != nil || len(got) != 1 || got[0].URL != "https://x.example/" || got[0].Publisher != "X" || got[0].ID != data.SourceID("https://x.example/") {
		t.Errorf("spaced list: %+v, %v", got, err)
	}
}
