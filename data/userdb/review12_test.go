package userdb

// Review 12: tests that fail on main (7c6ab10).

import (
	"context"
	"strings"
	"testing"

	"aitimeline/data"
)

// R12-14: a TimelineJS event's own-event ID is a hash of its unique_id
// alone. Two different files that number their slides the same way ("1",
// "2", … is what hand-written and many generated files do) collide: the
// second file's events are not imported and the report calls them
// "kept in your version" (Conflicts), as if the user had edited them.
func TestR12TimelineJSFilesWithTheSameSlideIDsBothImport(t *testing.T) {
	ctx := context.Background()
	nb, _ := newNB(t)
	fileA := `{"events":[{"unique_id":"1","start_date":{"year":"2023","month":"7"},"text":{"headline":"Class A: xAI founded"},"media":{"url":"https://example.org/a"}}]}`
	fileB := `{"events":[{"unique_id":"1","start_date":{"year":"2019","month":"3"},"text":{"headline":"Class B: OpenAI LP"},"media":{"url":"https://example.org/b"}}]}`
	if rep, err := nb.ImportTimelineJS(ctx, strings.NewReader(fileA), data.EN); err != nil || rep.Added != 1 {
		t.Fatalf("file A: %+v %v", rep, err)
	}
	rep, err := nb.ImportTimelineJS(ctx, strings.NewReader(fileB), data.EN)
	if err != nil {
		t.Fatal(err)
	}
	evs, _ := nb.OwnEvents(ctx)
	if rep.Added != 1 || len(evs) != 2 {
		t.Errorf("file B (a different event) was not imported: report %+v (%q), own events %d", rep, rep.Message(i18nEN()), len(evs))
	}
}

// R12-15: two different events of one file without unique_id on the same
// day with the same headline (e.g. two "Hearing" slides with different
// text and links) get the same ID; the second is dropped without being
// counted anywhere, so the report adds up to less than the file.
func TestR12TimelineJSReportCountsEveryEvent(t *testing.T) {
	ctx := context.Background()
	nb, _ := newNB(t)
	file := `{"events":[
	 {"start_date":{"year":"2024","month":"3","day":"5"},"text":{"headline":"Hearing","text":"Morning session"},"media":{"url":"https://example.org/am"}},
	 {"start_date":{"year":"2024","month":"3","day":"5"},"text":{"headline":"Hearing","text":"Afternoon session"},"media":{"url":"https://example.org/pm"}}]}`
	rep, err := nb.ImportTimelineJS(ctx, strings.NewReader(file), data.EN)
	if err != nil {
		t.Fatal(err)
	}
	if total := rep.Added + rep.Updated + rep.Unchanged + rep.Conflicts + rep.Skipped; total != 2 {
		t.Errorf("a file of 2 events reports %d: %+v (%q)", total, rep, rep.Message(i18nEN()))
	}
}
