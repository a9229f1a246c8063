package interop

import (
	"bytes"
	"errors"
	"io"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"aitimeline/data"
	"aitimeline/data/loader"
	"aitimeline/i18n"
)

var (
	dsOnce sync.Once
	dsVal  *data.Dataset
	dsErr  error
)

// dataset is the bundled dataset's TOML source, loaded once.
func dataset(t testing.TB) *data.Dataset {
	t.Helper()
	dsOnce.Do(func() { dsVal, dsErr = loader.Load(os.DirFS("../../assets/dataset"), ".") })
	if dsErr != nil {
		t.Fatal(dsErr)
	}
	return dsVal
}

func knownIn(ds *data.Dataset) func(string) bool {
	ids := map[string]bool{}
	for _, e := range ds.Events {
		ids[e.ID] = true
	}
	return func(id string) bool { return ids[id] }
}

// sampleTour is a teacher's tour with the characters that break naive
// writers: umlauts, German quotes, markup, line breaks.
func sampleTour() *TourFile {
	return &TourFile{DatasetVersion: "2026.11.29", Tour: Tour{
		ID:    "klasse-10b_stunde.1",
		Title: data.Text{EN: "Musk vs. OpenAI <lesson 1>", DE: "Musk gegen OpenAI – „Stunde 1“ für die Klasse"},
		Intro: data.Text{EN: "Two sides & one story.\nRead both.", DE: "Zwei Seiten, eine Geschichte.\n\nLesen Sie beide: „so“ und ‚so‘. Größe, Maß, Übung."},
		Stops: []Stop{
			{Event: "2015-12-11-openai-founded", Note: data.Text{EN: "Who paid?", DE: "Wer hat gezahlt? ß äöü ÄÖÜ"}},
			{Event: "2018-02-20-musk-leaves-openai-board"},
			{Event: "2024-02-29-musk-sues-openai-state-court", Note: data.Text{DE: "Nur auf Deutsch"}},
		},
	}}
}

func TestTourRoundTrip(t *testing.T) {
	ds := dataset(t)
	files := []*TourFile{sampleTour()}
	for _, tr := range ds.Tours {
		tf := &TourFile{DatasetVersion: ds.Meta.Version, Tour: Tour{ID: tr.ID, Title: tr.Title, Intro: tr.Intro}}
		for _, id := range tr.Events {
			tf.Tour.Stops = append(tf.Tour.Stops, Stop{Event: id})
		}
		files = append(files, tf)
	}
	if len(files) < 3 {
		t.Fatalf("only %d tours: dataset not loaded?", len(files))
	}
	for _, tf := range files {
		var buf bytes.Buffer
		if err := WriteTour(&buf, tf); err != nil {
			t.Fatalf("%s: write: %v", tf.Tour.ID, err)
		}
		written := buf.String()
		got, err := ReadTour(&buf, knownIn(ds))
		if err != nil {
			t.Fatalf("%s: read: %v\n%s", tf.Tour.ID, err, written)
		}
		if !reflect.DeepEqual(got, tf) {
			t.Errorf("%s: round trip changed the tour:\n got %+v\nwant %+v", tf.Tour.ID, got, tf)
		}
		for _, st := range tf.Tour.Stops {
			if n, ok := got.Tour.Notes()[st.Event]; ok != !st.Note.IsZero() || n != st.Note {
				t.Errorf("%s: Notes()[%s] = %v, %v", tf.Tour.ID, st.Event, n, ok)
			}
		}
		var again bytes.Buffer
		if err := WriteTour(&again, got); err != nil || again.String() != written {
			t.Errorf("%s: second write differs (%v)", tf.Tour.ID, err)
		}
	}
}

func TestWriteTourShape(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTour(&buf, sampleTour()); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	for _, want := range []string{
		`"format": "aitimeline-tour"`, `"version": 1`, `"dataset_version": "2026.11.29"`,
		`"id": "klasse-10b_stunde.1"`, `"event": "2015-12-11-openai-founded"`,
		`„Stunde 1“`, `<lesson 1>`, `Two sides & one story.\nRead both.`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("written file lacks %s:\n%s", want, s)
		}
	}
	if strings.Count(s, `"note"`) != 2 {
		t.Errorf("a stop without a note must not get an empty note:\n%s", s)
	}
	if !strings.HasSuffix(s, "}\n") {
		t.Error("no final newline")
	}
	// A tour the reader would refuse is not written.
	bad := sampleTour()
	bad.Tour.Stops = append(bad.Tour.Stops, bad.Tour.Stops[0])
	var out bytes.Buffer
	err := WriteTour(&out, bad)
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Problem != Duplicate || out.Len() != 0 {
		t.Errorf("duplicate stop: err %v, wrote %d bytes", err, out.Len())
	}
}

// tourJSONWith is a valid tour file with one top-level or tour field replaced.
func tourJSONWith(replace map[string]string) string {
	fields := []struct{ k, v string }{
		{"format", `"aitimeline-tour"`}, {"version", `1`}, {"dataset_version", `"2026.11.29"`},
		{"tour", `{"id": "t1", "title": {"en": "T", "de": "T"}, "stops": [{"event": "2015-12-11-openai-founded"}]}`},
	}
	var parts []string
	for _, f := range fields {
		v, ok := replace[f.k]
		if !ok {
			v = f.v
		}
		if v == "-" {
			continue
		}
		parts = append(parts, `"`+f.k+`": `+v)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func tourWith(stops string) string {
	return tourJSONWith(map[string]string{"tour": `{"id": "t1", "title": {"en": "T"}, "stops": ` + stops + `}`})
}

type errCheck func(t *testing.T, err error)

func isField(field string, p Problem) errCheck {
	return func(t *testing.T, err error) {
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != field || fe.Problem != p {
			t.Errorf("got %#v (%v), want FieldError %s %s", err, err, field, p)
		}
	}
}

func isFormat(found string) errCheck {
	return func(t *testing.T, err error) {
		var fe *FormatError
		if !errors.As(err, &fe) || fe.Found != found {
			t.Errorf("got %#v (%v), want FormatError found %q", err, err, found)
		}
	}
}

func isSyntax(line, col int) errCheck {
	return func(t *testing.T, err error) {
		var se *SyntaxError
		if !errors.As(err, &se) || se.Line != line || se.Column != col {
			t.Errorf("got %#v (%v), want SyntaxError at %d:%d", err, err, line, col)
		}
	}
}

func TestReadTourErrors(t *testing.T) {
	ds := dataset(t)
	big := tourJSONWith(map[string]string{"dataset_version": `"` + strings.Repeat("x", MaxFileSize) + `"`})
	cases := []struct {
		name, in string
		check    errCheck
	}{
		{"too large", big, func(t *testing.T, err error) {
			var te *TooLargeError
			if !errors.As(err, &te) || te.Limit != MaxFileSize {
				t.Errorf("got %v", err)
			}
		}},
		{"latin-1", tourJSONWith(map[string]string{"dataset_version": "\"Gr\xfc\xdfe\""}), func(t *testing.T, err error) {
			var ee *EncodingError
			if !errors.As(err, &ee) {
				t.Errorf("got %v", err)
			}
		}},
		{"bad json", "{\n  \"format\": \"aitimeline-tour\",\n  \"version\": 1,,\n}", isSyntax(3, 16)},
		{"truncated", "{\"format\": \"aitimeline-tour\", \"tour\": {", isSyntax(1, 40)},
		{"trailing data", tourJSONWith(nil) + " {}", isSyntax(1, len(tourJSONWith(nil))+2)},
		{"empty file", "", isSyntax(1, 1)},
		{"array", `[1, 2]`, isFormat(FoundUnknown)},
		{"string", `"aitimeline-tour"`, isFormat(FoundUnknown)},
		{"timelinejs", `{"title": {"text": {"headline": "x"}}, "events": []}`, isFormat(FoundTimelineJS)},
		{"timelinejs 2", `{"timeline": {"headline": "x", "date": []}}`, isFormat(FoundTimelineJS2)},
		{"other format", tourJSONWith(map[string]string{"format": `"aitimeline-notebook"`}), isFormat("aitimeline-notebook")},
		{"format not text", tourJSONWith(map[string]string{"format": `7`}), isFormat("")},
		{"no format", tourJSONWith(map[string]string{"format": "-"}), isFormat(FoundUnknown)},
		{"newer version", tourJSONWith(map[string]string{"version": `2`, "tour": `{"renamed": true}`}), func(t *testing.T, err error) {
			var ve *VersionError
			if !errors.As(err, &ve) || ve.Version != 2 || ve.Supported != 1 {
				t.Errorf("got %v", err)
			}
		}},
		{"version as text", tourJSONWith(map[string]string{"version": `"1"`}), isField("version", BadVersion)},
		{"version 0", tourJSONWith(map[string]string{"version": `0`}), isField("version", BadVersion)},
		{"version fraction", tourJSONWith(map[string]string{"version": `1.5`}), isField("version", BadVersion)},
		{"no version", tourJSONWith(map[string]string{"version": "-"}), isField("version", Missing)},
		{"no tour", tourJSONWith(map[string]string{"tour": "-"}), isField("tour", Missing)},
		{"tour null", tourJSONWith(map[string]string{"tour": "null"}), isField("tour", Missing)},
		{"tour not object", tourJSONWith(map[string]string{"tour": "[]"}), isField("tour", WrongType)},
		{"title not text", tourJSONWith(map[string]string{"tour": `{"id": "t", "title": {"en": 5}, "stops": []}`}), isField("tour.title.en", WrongType)},
		{"no id", tourJSONWith(map[string]string{"tour": `{"title": {"en": "T"}, "stops": [{"event": "2015-12-11-openai-founded"}]}`}), isField("tour.id", Missing)},
		{"bad id", tourJSONWith(map[string]string{"tour": `{"id": "../etc/passwd", "title": {"en": "T"}, "stops": [{"event": "2015-12-11-openai-founded"}]}`}), isField("tour.id", BadID)},
		{"no title", tourJSONWith(map[string]string{"tour": `{"id": "t", "title": {"en": " ", "de": ""}, "stops": [{"event": "2015-12-11-openai-founded"}]}`}), isField("tour.title", Missing)},
		{"long title", tourJSONWith(map[string]string{"tour": `{"id": "t", "title": {"de": "` + strings.Repeat("ä", TourMaxTitle+1) + `"}, "stops": [{"event": "2015-12-11-openai-founded"}]}`}), isField("tour.title.de", TooLong)},
		{"control character", tourWith(`[{"event": "2015-12-11-openai-founded", "note": {"en": "a\u0000b"}}]`), isField("tour.stops[1].note.en", ControlChars)},
		{"escape sequence", tourWith(`[{"event": "2015-12-11-openai-founded", "note": {"de": "\u001b[31mrot"}}]`), isField("tour.stops[1].note.de", ControlChars)},
		{"no stops", tourWith(`[]`), isField("tour.stops", Missing)},
		{"stops null", tourWith(`null`), isField("tour.stops", Missing)},
		{"too many stops", tourWith("[" + strings.Repeat(`{"event": "x"},`, TourMaxStops) + `{"event": "y"}]`), isField("tour.stops", TooMany)},
		{"empty event", tourWith(`[{"event": "2015-12-11-openai-founded"}, {"event": ""}]`), isField("tour.stops[2].event", Missing)},
		{"event not text", tourWith(`[{"event": 12}]`), isField("tour.stops.event", WrongType)},
		{"duplicate", tourWith(`[{"event": "2015-12-11-openai-founded"}, {"event": "2015-12-11-openai-founded"}]`), isField("tour.stops[2].event", Duplicate)},
		{"unknown events", tourWith(`[{"event": "2015-12-11-openai-founded"}, {"event": "2031-01-01-mars"}, {"event": "nope"}]`), func(t *testing.T, err error) {
			var ue *UnknownEventsError
			if !errors.As(err, &ue) || !reflect.DeepEqual(ue.IDs, []string{"2031-01-01-mars", "nope"}) {
				t.Errorf("got %v", err)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ReadTour(strings.NewReader(c.in), knownIn(ds))
			if err == nil {
				t.Fatalf("accepted: %+v", got)
			}
			if got != nil {
				t.Errorf("returned a tour with the error: %+v", got)
			}
			if _, _, ok := Message(err); !ok {
				t.Errorf("%v is not Localized", err)
			}
			c.check(t, err)
		})
	}
}

func TestReadTourAccepts(t *testing.T) {
	ds := dataset(t)
	cases := map[string]string{
		"byte order mark":    "\xef\xbb\xbf" + tourJSONWith(nil),
		"unknown fields":     tourJSONWith(map[string]string{"tour": `{"id": "t1", "title": {"en": "T"}, "color": "red", "stops": [{"event": "2015-12-11-openai-founded", "minutes": 5}]}`}),
		"no dataset version": tourJSONWith(map[string]string{"dataset_version": "-"}),
		"only German":        tourJSONWith(map[string]string{"tour": `{"id": "t1", "title": {"de": "Nur Deutsch"}, "stops": [{"event": "2015-12-11-openai-founded"}]}`}),
		"windows newlines":   strings.ReplaceAll(tourJSONWith(nil), ", ", ",\r\n"),
	}
	for name, in := range cases {
		tf, err := ReadTour(strings.NewReader(in), knownIn(ds))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if tf.Tour.ID != "t1" || len(tf.Tour.Stops) != 1 || tf.Tour.Stops[0].Event != "2015-12-11-openai-founded" {
			t.Errorf("%s: read %+v", name, tf)
		}
	}
	// Without a lookup, any well-formed event ID is accepted.
	if _, err := ReadTour(strings.NewReader(tourWith(`[{"event": "2031-01-01-mars"}]`)), nil); err != nil {
		t.Errorf("nil lookup: %v", err)
	}
}

// failingReader returns a valid prefix, then an error: the reader must not
// return what it read so far.
type failingReader struct{ r io.Reader }

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, errors.New("disk unplugged")
	}
	return n, err
}

func TestReadTourReadError(t *testing.T) {
	in := tourJSONWith(nil)
	tf, err := ReadTour(&failingReader{strings.NewReader(in)}, nil)
	if err == nil || tf != nil || !strings.Contains(err.Error(), "disk unplugged") {
		t.Errorf("got %v, %v", tf, err)
	}
}

// TestErrorMessagesExist checks that every error the package can return has
// its message in both classroom catalogs, with the template filled in.
func TestErrorMessagesExist(t *testing.T) {
	errs := []Localized{
		&TooLargeError{Limit: MaxFileSize}, &EncodingError{}, &SyntaxError{Line: 3, Column: 7},
		&VersionError{Version: 2, Supported: 1}, &UnknownEventsError{IDs: []string{"a", "b", "c", "d", "e", "f"}},
	}
	for _, want := range []string{FoundTour, FoundTimelineJS} {
		for _, found := range []string{FoundUnknown, FoundTimelineJS, FoundTimelineJS2, FoundTour, "other"} {
			errs = append(errs, &FormatError{Want: want, Found: found})
		}
	}
	for _, p := range []Problem{Missing, WrongType, TooLong, TooMany, BadID, Duplicate, ControlChars, BadVersion, BadDate, EndBeforeStart} {
		errs = append(errs, &FieldError{Field: "events[3].start_date", Item: "Gründung", Problem: p, Limit: 20000})
	}
	for _, lang := range data.Langs {
		loc := i18n.Must(lang)
		for _, e := range errs {
			msg := loc.T(e.MessageID(), e.MessageArgs()...)
			if !loc.Has(e.MessageID()) || msg == e.MessageID() || strings.Contains(msg, "<no value>") {
				t.Errorf("%s: %T %s: %q", lang, e, e.MessageID(), msg)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("%s: %s is not one line: %q", lang, e.MessageID(), msg)
			}
		}
	}
	de := i18n.Must(data.DE)
	e := &FieldError{Field: "tour.stops[2].event", Item: "x", Problem: Duplicate}
	if got := de.T(e.MessageID(), e.MessageArgs()...); !strings.Contains(got, "tour.stops[2].event (x)") {
		t.Errorf("field not named: %q", got)
	}
	u := &UnknownEventsError{IDs: []string{"a", "b", "c", "d", "e", "f", "g"}}
	if got := de.T(u.MessageID(), u.MessageArgs()...); !strings.Contains(got, "a, b, c, d, e (+2)") {
		t.Errorf("unknown IDs: %q", got)
	}
}
