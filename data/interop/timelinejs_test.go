package interop

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"aitimeline/data"
	"aitimeline/i18n"
)

// wantLinks is what the reader must find for an event's sources: each http(s)
// URL once, in order.
func wantLinks(sources []data.Source) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range sources {
		if u := strings.TrimSpace(s.URL); data.CheckURL(u) == nil && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	return out
}

func urls(ls []Link) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.URL)
	}
	return out
}

func TestTimelineJSRoundTripDataset(t *testing.T) {
	ds := dataset(t)
	notes := map[string]data.Text{ds.Events[0].ID: {EN: "Ask: who paid?", DE: "Fragen Sie: Wer hat gezahlt?\n\nZweiter Absatz mit „Zitat“."}}
	doc := &TimelineJSDoc{Title: ds.Tours[0].Title, Intro: ds.Tours[0].Intro, Events: ds.Events, Notes: notes}
	for _, lang := range data.Langs {
		loc := i18n.Must(lang)
		opt := TimelineJSOptions{Lang: lang, SourcesLabel: loc.T("detail.sources"),
			Group: func(c data.Category) string { return loc.T("category." + string(c)) }}
		var buf bytes.Buffer
		if err := WriteTimelineJS(&buf, doc, opt); err != nil {
			t.Fatal(err)
		}
		got, err := ReadTimelineJS(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != ds.Tours[0].Title.In(lang) || got.Intro != normText(ds.Tours[0].Intro.In(lang)) {
			t.Errorf("%s: title slide %q / %q", lang, got.Title, got.Intro)
		}
		if len(got.Events) != len(ds.Events) {
			t.Fatalf("%s: %d events back of %d", lang, len(got.Events), len(ds.Events))
		}
		for i, e := range ds.Events {
			g := got.Events[i]
			want := ImportedEvent{ID: e.ID, Date: e.Date, End: e.End, Title: oneLine(e.Title.In(lang)),
				Summary: normText(e.Summary.In(lang)), Note: normText(notes[e.ID].In(lang)),
				Group: loc.T("category." + string(e.Category)), Links: g.Links}
			if e.End == e.Date {
				want.End = data.Date{}
			}
			if !reflect.DeepEqual(g, want) {
				t.Errorf("%s: event %s:\n got %+v\nwant %+v", lang, e.ID, g, want)
			}
			if !reflect.DeepEqual(urls(g.Links), wantLinks(e.Sources)) {
				t.Errorf("%s: %s links %v, want %v", lang, e.ID, urls(g.Links), wantLinks(e.Sources))
			}
			if len(g.Links) > 0 && (g.Links[0].Text == "" || !strings.Contains(g.Links[0].Text, e.Sources[0].Publisher)) {
				t.Errorf("%s: %s link text %q", lang, e.ID, g.Links[0].Text)
			}
		}
	}
}

func TestWriteTimelineJSShape(t *testing.T) {
	events := []data.Event{
		{ID: "a-year", Date: data.MustDate("2019"), Category: data.CatLegal,
			Title:   data.Text{EN: "Title <script>alert(1)</script> & co", DE: "Gründung „X“"},
			Summary: data.Text{EN: "Line one.\nLine two.\n\nSecond paragraph with <b>tags</b>."},
			Sources: []data.Source{
				{Publisher: "Court", Title: `Order "A"`, URL: "https://example.org/a?x=1&y=<2>"},
				{Publisher: "Evil", Title: "x", URL: "javascript:alert(1)"},
				{Publisher: "Local", Title: "y", URL: "file:///etc/passwd"},
				{Publisher: "Court", Title: "dup", URL: " https://example.org/a?x=1&y=<2> "},
			}},
		{ID: "b-month", Date: data.MustDate("2024-03"), End: data.MustDate("2024-05-02"), Category: data.CatProduct,
			Title: data.Text{EN: "Month"}},
		{ID: "c-day", Date: data.MustDate("2024-03-05"), End: data.MustDate("2024-03-05"), Category: data.CatProduct,
			Title: data.Text{EN: "Day"}},
	}
	var buf bytes.Buffer
	err := WriteTimelineJS(&buf, &TimelineJSDoc{Title: data.Text{EN: "My <tour>"}, Events: events},
		TimelineJSOptions{Lang: data.EN, SourcesLabel: "Sources"})
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Title struct {
			Text map[string]string `json:"text"`
		} `json:"title"`
		Events []map[string]any `json:"events"`
	}
	if err := json.Unmarshal(buf.Bytes(), &f); err != nil {
		t.Fatal(err)
	}
	if f.Title.Text["headline"] != "My &lt;tour&gt;" {
		t.Errorf("title headline %q", f.Title.Text["headline"])
	}
	e0 := f.Events[0]
	if sd := e0["start_date"].(map[string]any); !reflect.DeepEqual(sd, map[string]any{"year": 2019.0}) {
		t.Errorf("year date written as %v", sd)
	}
	text := e0["text"].(map[string]any)
	if h := text["headline"]; h != "Title &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" {
		t.Errorf("headline not escaped: %q", h)
	}
	body := text["text"].(string)
	for _, want := range []string{"<p>Line one.<br>Line two.</p><p>Second paragraph with &lt;b&gt;tags&lt;/b&gt;.</p>",
		`<a href="https://example.org/a?x=1&amp;y=&lt;2&gt;">Court: Order &#34;A&#34;</a>`, "<strong>Sources</strong>"} {
		if !strings.Contains(body, want) {
			t.Errorf("text lacks %s:\n%s", want, body)
		}
	}
	for _, bad := range []string{"javascript:", "file:", "dup"} {
		if strings.Contains(body, bad) {
			t.Errorf("text has %q:\n%s", bad, body)
		}
	}
	if e0["group"] != "legal" || e0["unique_id"] != "a-year" || e0["end_date"] != nil {
		t.Errorf("event 1: %v", e0)
	}
	if sd, ed := f.Events[1]["start_date"], f.Events[1]["end_date"]; !reflect.DeepEqual(sd, map[string]any{"year": 2024.0, "month": 3.0}) ||
		!reflect.DeepEqual(ed, map[string]any{"year": 2024.0, "month": 5.0, "day": 2.0}) {
		t.Errorf("month event dates %v %v", sd, ed)
	}
	if f.Events[2]["end_date"] != nil {
		t.Errorf("an end date equal to the start is written: %v", f.Events[2])
	}

	// Refusals write nothing.
	refuse := []struct {
		name  string
		evs   []data.Event
		field string
		p     Problem
	}{
		{"no events", nil, "events", Missing},
		{"no date", []data.Event{{ID: "x", Title: data.Text{EN: "x"}}}, "events[1].start_date", BadDate},
		{"end before start", []data.Event{{ID: "x", Title: data.Text{EN: "x"}, Date: data.MustDate("2024-03"), End: data.MustDate("2024-02-29")}}, "events[1].end_date", EndBeforeStart},
		{"duplicate ID", []data.Event{events[1], events[1]}, "events[2].unique_id", Duplicate},
		{"bad ID", []data.Event{{ID: "a b", Title: data.Text{EN: "x"}, Date: data.MustDate("2024")}}, "events[1].unique_id", BadID},
		{"no text", []data.Event{{ID: "x", Date: data.MustDate("2024")}}, "events[1].text.headline", Missing},
	}
	for _, c := range refuse {
		var out bytes.Buffer
		err := WriteTimelineJS(&out, &TimelineJSDoc{Events: c.evs}, TimelineJSOptions{})
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != c.field || fe.Problem != c.p || out.Len() != 0 {
			t.Errorf("%s: got %v, wrote %d bytes", c.name, err, out.Len())
		}
	}
}

func TestReadTimelineJSForeign(t *testing.T) {
	// The shape of Knight Lab's own examples: dates as strings, HTML in
	// text, media with credits, a title slide.
	in := `{
	  "title": {"media": {"url": "//www.flickr.com/photos/x/1/", "caption": "Cap"},
	            "text": {"headline": "Whitney Houston<br/> 1963 - 2012", "text": "<p>Houston&#39;s voice&nbsp;caught the world.</p>"}},
	  "eras": [{"start_date": {"year": 1963}, "end_date": {"year": 1980}, "text": {"headline": "Early"}}],
	  "events": [
	    {"media": {"url": "/static/img/family.jpg", "caption": "Family", "credit": "Photo: <a href='http://www.flickr.com/photos/11447043@N00/418180903/'>Tom</a>"},
	     "start_date": {"month": "8", "day": "9", "year": "1963"},
	     "text": {"headline": "A Musical <i>Heritage</i>", "text": "<p>Born in New Jersey.</p><p>See https://example.com/bio). And <a href=\"javascript:alert(1)\">this</a>.</p><script>var x = '<p>no</p>';</script>"},
	     "group": " Life ", "unique_id": "heritage"},
	    {"start_date": {"year": " 1978 ", "month": "", "day": ""}, "end_date": {"year": "", "month": ""},
	     "text": {"headline": "First Recording", "text": "At 15 &amp; on tour.<br>Next line"}},
	    {"start_date": {"year": 2024.0, "month": 2, "day": 29, "hour": 13}, "end_date": {"year": 2024, "month": 3},
	     "text": {"headline": "", "text": "Headline missing, so the text's first words stand in for it and are cut at a space before eighty characters."}},
	    {"start_date": {"year": 1990, "day": 12}, "text": {"headline": 1990},
	     "media": {"url": "https://user:pw@evil.example/x", "link": "https://youtu.be/abc"}},
	    {"start_date": {"year": 2001}, "end_date": {"year": 2001}, "text": {"headline": "Same end"}}
	  ]
	}`
	got, err := ReadTimelineJS(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := &Imported{Title: "Whitney Houston 1963 - 2012", Intro: "Houston's voice caught the world.", Events: []ImportedEvent{
		{ID: "heritage", Date: data.MustDate("1963-08-09"), Title: "A Musical Heritage", Group: "Life",
			Summary: "Born in New Jersey.\n\nSee https://example.com/bio). And this.",
			Links:   []Link{{URL: "https://example.com/bio"}, {URL: "http://www.flickr.com/photos/11447043@N00/418180903/", Text: "Tom"}}},
		{Date: data.MustDate("1978"), Title: "First Recording", Summary: "At 15 & on tour.\nNext line"},
		{Date: data.MustDate("2024-02-29"), End: data.MustDate("2024-03"),
			Title:   "Headline missing, so the text's first words stand in for it and are cut at a…",
			Summary: "Headline missing, so the text's first words stand in for it and are cut at a space before eighty characters."},
		{Date: data.MustDate("1990"), Title: "1990", Links: []Link{{URL: "https://youtu.be/abc"}}},
		{Date: data.MustDate("2001"), Title: "Same end"},
	}}
	if got.Title != want.Title || got.Intro != want.Intro {
		t.Errorf("title slide %q / %q", got.Title, got.Intro)
	}
	if len(got.Events) != len(want.Events) {
		t.Fatalf("%d events: %+v", len(got.Events), got.Events)
	}
	for i := range want.Events {
		if !reflect.DeepEqual(got.Events[i], want.Events[i]) {
			t.Errorf("event %d:\n got %+v\nwant %+v", i+1, got.Events[i], want.Events[i])
		}
	}
}

func TestReadTimelineJSErrors(t *testing.T) {
	ev := func(s string) string { return `{"events": [` + s + `]}` }
	cases := []struct {
		name, in string
		check    errCheck
	}{
		{"bad json", "{\"events\": [}", isSyntax(1, 13)},
		{"not an object", `[]`, isFormat(FoundUnknown)},
		{"no events", `{"title": {"text": {"headline": "x"}}}`, isFormat(FoundUnknown)},
		{"tour file", tourJSONWith(nil), isFormat(FoundTour)},
		{"timelinejs 2", `{"timeline": {"headline": "x", "type": "default", "date": [{"startDate": "2011,12,10"}]}}`, isFormat(FoundTimelineJS2)},
		{"events not a list", `{"events": {"a": 1}}`, isField("events", WrongType)},
		{"empty events", `{"events": []}`, isField("events", Missing)},
		{"too many", ev(strings.Repeat(`{"start_date": {"year": 2000}, "text": {"headline": "x"}},`, TLMaxEvents) + `{}`), isField("events", TooMany)},
		{"slide not object", ev(`7`), isField("events[1]", WrongType)},
		{"text not object", ev(`{"start_date": {"year": 2000}, "text": "x"}`), isField("events[1].text", WrongType)},
		{"headline object", ev(`{"start_date": {"year": 2000}, "text": {"headline": {"a": 1}}}`), isField("events[1].text.headline", WrongType)},
		{"no start date", ev(`{"text": {"headline": "x"}}`), isField("events[1].start_date", Missing)},
		{"start without year", ev(`{"start_date": {"month": 3}, "text": {"headline": "x"}}`), isField("events[1].start_date", Missing)},
		{"date not object", ev(`{"start_date": "2020-01-01", "text": {"headline": "x"}}`), isField("events[1].start_date", WrongType)},
		{"month 13", ev(`{"start_date": {"year": 2020, "month": 13}, "text": {"headline": "x"}}`), isField("events[1].start_date.month", BadDate)},
		{"30 February", ev(`{"start_date": {"year": 2020, "month": "2", "day": "30"}, "text": {"headline": "x"}}`), isField("events[1].start_date.day", BadDate)},
		{"year 0", ev(`{"start_date": {"year": 0}, "text": {"headline": "x"}}`), isField("events[1].start_date.year", BadDate)},
		{"BCE", ev(`{"start_date": {"year": "-500"}, "text": {"headline": "x"}}`), isField("events[1].start_date.year", BadDate)},
		{"cosmological", ev(`{"start_date": {"year": 13800000000}, "text": {"headline": "x"}}`), isField("events[1].start_date.year", BadDate)},
		{"year words", ev(`{"start_date": {"year": "MMXX"}, "text": {"headline": "x"}}`), isField("events[1].start_date.year", BadDate)},
		{"year fraction", ev(`{"start_date": {"year": 2020.5}, "text": {"headline": "x"}}`), isField("events[1].start_date.year", BadDate)},
		{"year as list", ev(`{"start_date": {"year": [2020]}, "text": {"headline": "x"}}`), isField("events[1].start_date.year", BadDate)},
		{"end before start", ev(`{"start_date": {"year": 2020, "month": 5}, "end_date": {"year": 2020, "month": 4}, "text": {"headline": "x"}}`), isField("events[1].end_date", EndBeforeStart)},
		{"nothing to show", ev(`{"start_date": {"year": 2020}, "text": {"headline": " <br> ", "text": "<script>x</script>"}}`), isField("events[1].text.headline", Missing)},
		{"long headline", ev(`{"start_date": {"year": 2020}, "text": {"headline": "` + strings.Repeat("ü", TLMaxTitle+1) + `"}}`), isField("events[1].text.headline", TooLong)},
		{"group object", ev(`{"start_date": {"year": 2020}, "text": {"headline": "x"}, "group": {}}`), isField("events[1].group", WrongType)},
		{"media list", ev(`{"start_date": {"year": 2020}, "text": {"headline": "x"}, "media": []}`), isField("events[1].media", WrongType)},
		{"title slide bad", `{"title": {"text": []}, "events": [{"start_date": {"year": 2020}, "text": {"headline": "x"}}]}`, isField("title.text", WrongType)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ReadTimelineJS(strings.NewReader(c.in))
			if err == nil {
				t.Fatalf("accepted: %+v", got)
			}
			if got != nil {
				t.Errorf("returned events with the error: %+v", got)
			}
			if _, _, ok := Message(err); !ok {
				t.Errorf("%v is not Localized", err)
			}
			c.check(t, err)
		})
	}
	// The size limit holds for TimelineJS too.
	big := `{"events": [{"start_date": {"year": 2020}, "text": {"headline": "` + strings.Repeat("a", MaxFileSize) + `"}}]}`
	var te *TooLargeError
	if _, err := ReadTimelineJS(strings.NewReader(big)); !errors.As(err, &te) {
		t.Errorf("big file: %v", err)
	}
}

func TestParseHTML(t *testing.T) {
	cases := []struct {
		in, body, note string
		links          []Link
	}{
		{"plain &lt;text&gt; &amp; more", "plain <text> & more", "", nil},
		{"<p>a</p><p>b<br>c</p>", "a\n\nb\nc", "", nil},
		{"<ul><li>one</li><li>two</li></ul>", "one\n\ntwo", "", nil},
		{`<p>x</p><p class="aitl-note"><em>my note</em></p><div class="aitl-sources"><p>Sources</p><ul><li><a href="https://a.org">A</a></li></ul></div>`,
			"x", "my note", []Link{{URL: "https://a.org", Text: "A"}}},
		{`<a href="https://a.org">https://a.org</a> <a href="HTTPS://B.org/x">b</a> <a href="ftp://c">c</a>`,
			"https://a.org b c", "", []Link{{URL: "https://a.org"}, {URL: "HTTPS://B.org/x", Text: "b"}}},
		{`<style>p{}</style><iframe src="https://x.org">inner</iframe>visible`, "visible", "", nil},
		{`<div><div class="aitl-sources"><div>hidden</div>still hidden</div>shown</div>`, "shown", "", nil},
		{`unclosed <a href="https://a.org">link and <a href="https://b.org">next`, "unclosed link and next", "",
			[]Link{{URL: "https://a.org", Text: "link and"}, {URL: "https://b.org", Text: "next"}}},
		{"visit (https://x.org/a_(b)), or http://y.org.", "visit (https://x.org/a_(b)), or http://y.org.", "",
			[]Link{{URL: "https://x.org/a_(b"}, {URL: "http://y.org"}}},
		{"a\x00b\u200bc", "a b\u200bc", "", nil},
	}
	for _, c := range cases {
		got := parseHTML(c.in)
		if b := strings.Join(got.body, "\n\n"); b != c.body {
			t.Errorf("%q: body %q, want %q", c.in, b, c.body)
		}
		if n := strings.Join(got.note, "\n\n"); n != c.note {
			t.Errorf("%q: note %q, want %q", c.in, n, c.note)
		}
		if !reflect.DeepEqual(got.links, c.links) {
			t.Errorf("%q: links %+v, want %+v", c.in, got.links, c.links)
		}
	}
}
