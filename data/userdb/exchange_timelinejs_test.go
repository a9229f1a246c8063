package userdb

import (
	"context"
	"strings"
	"testing"

	"aitimeline/data"
	"aitimeline/data/interop"
)

const tljsFile = `{"title":{"text":{"headline":"Class timeline"}},"events":[
 {"unique_id":"a1","start_date":{"year":"2023","month":"7","day":"12"},"group":"Product",
  "text":{"headline":"xAI <b>founded</b>","text":"<p>Musk announced xAI.</p><p><a href=\"https://www.reuters.com/x\">Reuters report</a></p>"}},
 {"start_date":{"year":2024},"text":{"headline":"No source here","text":"<p>Plain text.</p>"}},
 {"start_date":{"year":2024,"month":2},"text":{"headline":"Bad link only","text":"<a href=\"javascript:alert(1)\">click</a>"}},
 {"start_date":{"year":2024,"month":3},"text":{"headline":"Media link"},"media":{"url":"https://example.org/video"}}
]}`

func TestImportTimelineJS(t *testing.T) {
	ctx := context.Background()
	nb, _ := newNB(t)
	rep, err := nb.ImportTimelineJS(ctx, strings.NewReader(tljsFile), data.DE)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 2 || rep.Skipped != 2 {
		t.Fatalf("report %+v, want 2 added and 2 skipped (no link, javascript: link)", rep)
	}
	evs, err := nb.OwnEvents(ctx)
	if err != nil || len(evs) != 2 {
		t.Fatalf("own events %v %v", evs, err)
	}
	var x OwnEvent
	for _, e := range evs {
		if e.Date.String() == "2023-07-12" {
			x = e
		}
	}
	if x.Title.DE != "xAI founded" || x.Title.EN != "" || x.Category != data.CatProduct ||
		!strings.Contains(x.Summary.DE, "Musk announced xAI.") || !IsOwnEventID(x.ID) {
		t.Fatalf("imported event %+v", x)
	}
	if len(x.Sources) != 1 || x.Sources[0].URL != "https://www.reuters.com/x" || x.Sources[0].Publisher != "reuters.com" || x.Sources[0].Title != "Reuters report" {
		t.Fatalf("sources %+v", x.Sources)
	}
	// The same file again changes nothing.
	rep, err = nb.ImportTimelineJS(ctx, strings.NewReader(tljsFile), data.DE)
	if err != nil || rep.Added != 0 || rep.Unchanged != 2 {
		t.Fatalf("second import %+v %v", rep, err)
	}
	if msg := rep.Message(i18nDE()); !strings.Contains(msg, "2 Ereignisse ohne Link") {
		t.Errorf("report message %q does not say what was left out", msg)
	}
	// A broken file is refused with a localized error and changes nothing.
	_, err = nb.ImportTimelineJS(ctx, strings.NewReader(`{"events":[{"start_date":`), data.EN)
	if _, _, ok := interop.Message(err); !ok {
		t.Fatalf("broken file: %v, want an interop error with a message", err)
	}
	if evs2, _ := nb.OwnEvents(ctx); len(evs2) != 2 {
		t.Fatalf("a refused import changed the notebook: %d events", len(evs2))
	}
	// An event whose dates are impossible fails the whole import.
	bad := `{"events":[{"start_date":{"year":2024},"text":{"headline":"ok"},"media":{"url":"https://a.example/"}},
	 {"start_date":{"year":2024},"end_date":{"year":2020},"text":{"headline":"ends before it starts"},"media":{"url":"https://b.example/"}}]}`
	if _, err = nb.ImportTimelineJS(ctx, strings.NewReader(bad), data.EN); err == nil {
		t.Fatal("end before start was imported")
	}
	if evs2, _ := nb.OwnEvents(ctx); len(evs2) != 2 {
		t.Fatalf("a refused import changed the notebook: %d events", len(evs2))
	}
}
