package interop

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"aitimeline/data"
)

// FuzzReadTour feeds arbitrary bytes to the tour reader. It must not panic;
// it returns either a tour that passes Check and survives a write and a
// second read unchanged, or no tour and a Localized error.
// Run it with: go test -tags sqlite_fts5,migrated_fynedo -run '^$' -fuzz FuzzReadTour -fuzztime 10m ./data/interop/
func FuzzReadTour(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteTour(&buf, sampleTour()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	for _, s := range []string{
		tourJSONWith(nil), tourWith(`[{"event": "a"}, {"event": "a"}]`), tourWith(`[{"event": "b", "note": {"en": "\u0000"}}]`),
		tourJSONWith(map[string]string{"version": "2"}), tourJSONWith(map[string]string{"version": "1e0"}),
		`{"events": []}`, `[`, "\xef\xbb\xbf{}", `{"format": "aitimeline-tour", "version": 1, "tour": {"id": "x", "title": {"de": "ä"}, "stops": [{"event": "e"}]}}`,
	} {
		f.Add([]byte(s))
	}
	known := func(id string) bool { return !strings.HasPrefix(id, "x") }
	f.Fuzz(func(t *testing.T, in []byte) {
		tf, err := ReadTour(bytes.NewReader(in), known)
		if err != nil {
			if tf != nil {
				t.Fatalf("a tour and an error: %+v, %v", tf, err)
			}
			if _, _, ok := Message(err); !ok {
				t.Fatalf("error is not Localized: %#v", err)
			}
			return
		}
		if err := tf.Check(known); err != nil {
			t.Fatalf("read a tour that fails Check: %v", err)
		}
		var out bytes.Buffer
		if err := WriteTour(&out, tf); err != nil {
			t.Fatalf("cannot write what was read: %v", err)
		}
		back, err := ReadTour(&out, known)
		if err != nil {
			t.Fatalf("cannot read what was written: %v\n%s", err, out.String())
		}
		if !reflect.DeepEqual(back, tf) {
			t.Fatalf("round trip changed the tour:\n got %+v\nwant %+v", back, tf)
		}
	})
}

// FuzzReadTimelineJS feeds arbitrary bytes to the TimelineJS reader. It must
// not panic; what it returns must be within the documented limits (real
// dates, one-line titles, http(s) links only) and survive a write and a
// second read unchanged; errors are Localized.
// Run it with: go test -tags sqlite_fts5,migrated_fynedo -run '^$' -fuzz FuzzReadTimelineJS -fuzztime 10m ./data/interop/
func FuzzReadTimelineJS(f *testing.F) {
	var buf bytes.Buffer
	doc := &TimelineJSDoc{Title: data.Text{EN: "T"}, Intro: data.Text{EN: "I <b>"}, Notes: map[string]data.Text{"a": {EN: "n"}},
		Events: []data.Event{
			{ID: "a", Date: data.MustDate("2024-03-05"), End: data.MustDate("2024-04"), Title: data.Text{EN: "A & B"},
				Summary: data.Text{EN: "S\n\nT https://x.org"}, Sources: []data.Source{{Publisher: "P", Title: "Q", URL: "https://p.org/q"}}},
			{ID: "b", Date: data.MustDate("2019"), Title: data.Text{EN: "Y"}},
		}}
	if err := WriteTimelineJS(&buf, doc, TimelineJSOptions{SourcesLabel: "Sources"}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	for _, s := range []string{
		`{"events": [{"start_date": {"year": "1963", "month": "8", "day": "9"}, "text": {"headline": "<i>x</i>", "text": "<p>a</p><a href='//h.org/p'>l</a>"}, "media": {"url": "https://m.org", "caption": "c"}}]}`,
		`{"title": {"text": {"text": "only intro"}}, "events": [{"start_date": {"year": 2020.0}, "end_date": {"year": 2021}, "text": {"text": "no headline"}, "group": 5, "unique_id": "u 1"}]}`,
		`{"events": [{"start_date": {"year": 2020, "month": 2, "day": 30}}]}`, `{"events": [null]}`, `{"timeline": {}}`,
		`{"events": [{"start_date": {"year": 1}, "text": {"headline": "<div class=\"aitl-note\">n</div><div class=\"aitl-sources\"><a href=\"http://a.b\">s</a></div>"}}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		got, err := ReadTimelineJS(bytes.NewReader(in))
		if err != nil {
			if got != nil {
				t.Fatalf("events and an error: %+v, %v", got, err)
			}
			if _, _, ok := Message(err); !ok {
				t.Fatalf("error is not Localized: %#v", err)
			}
			return
		}
		doc := &TimelineJSDoc{Title: data.Text{EN: got.Title}, Intro: data.Text{EN: got.Intro}, Notes: map[string]data.Text{}}
		ids := map[string]bool{}
		for i, e := range got.Events {
			switch {
			case !validDate(e.Date), !e.End.IsZero() && (!validDate(e.End) || !e.End.EndTime().After(e.Date.Time())):
				t.Fatalf("event %d: bad dates %+v %+v", i, e.Date, e.End)
			case e.Title == "" || e.Title != oneLine(e.Title) || utf8.RuneCountInString(e.Title) > TLMaxTitle:
				t.Fatalf("event %d: bad title %q", i, e.Title)
			case e.Summary != normText(e.Summary) || e.Note != normText(e.Note) || e.Group != oneLine(e.Group):
				t.Fatalf("event %d: text not normalised: %q %q %q", i, e.Summary, e.Note, e.Group)
			case len(e.Links) > TLMaxLinks:
				t.Fatalf("event %d: %d links", i, len(e.Links))
			}
			ev := data.Event{Date: e.Date, End: e.End, Category: data.Category(e.Group),
				Title: data.Text{EN: e.Title}, Summary: data.Text{EN: e.Summary}}
			for _, l := range e.Links {
				if u, ok := cleanURL(l.URL); !ok || u != l.URL || hasControl(l.Text) {
					t.Fatalf("event %d: link %+v passed", i, l)
				}
				ev.Sources = append(ev.Sources, data.Source{URL: l.URL, Title: l.Text})
			}
			if validID(e.ID) && !ids[e.ID] {
				ids[e.ID] = true
				ev.ID = e.ID
				doc.Notes[e.ID] = data.Text{EN: e.Note}
			}
			doc.Events = append(doc.Events, ev)
		}
		var out bytes.Buffer
		err = WriteTimelineJS(&out, doc, TimelineJSOptions{SourcesLabel: "Quellen"})
		var tooLarge *TooLargeError
		if errors.As(err, &tooLarge) {
			return // markup added on writing may pass the limit
		}
		if err != nil {
			t.Fatalf("cannot write what was read: %v", err)
		}
		back, err := ReadTimelineJS(&out)
		if err != nil {
			t.Fatalf("cannot read what was written: %v\n%s", err, out.String())
		}
		if back.Title != got.Title || back.Intro != got.Intro || len(back.Events) != len(got.Events) {
			t.Fatalf("round trip changed the title slide or count: %q %q %d -> %q %q %d", got.Title, got.Intro, len(got.Events), back.Title, back.Intro, len(back.Events))
		}
		for i, e := range got.Events {
			want := e
			want.ID = doc.Events[i].ID
			if want.ID == "" {
				want.Note = ""
			}
			if !reflect.DeepEqual(back.Events[i], want) {
				t.Fatalf("round trip changed event %d:\n got %+v\nwant %+v\n%s", i, back.Events[i], want, out.String())
			}
		}
	})
}
