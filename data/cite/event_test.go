package cite

import (
	"strings"
	"testing"
	"time"

	"aitimeline/data"
)

func TestEventCitation(t *testing.T) {
	ev := sample()[0]
	cases := []struct {
		name     string
		version  string
		accessed time.Time
		lang     data.Lang
		want     string
	}{
		{"English", "2026.11.29", accessed, data.EN,
			"AI Conflict Timeline (dataset version 2026.11.29), “OpenAI is founded as a non-profit AI lab”, event 2015-12-11-openai-founded, accessed November 30, 2026."},
		{"German", "2026.11.29", accessed, data.DE,
			"Zeitleiste des KI-Konflikts (Datensatzversion 2026.11.29): „OpenAI wird als gemeinnütziges KI-Labor gegründet“, Ereignis 2015-12-11-openai-founded, abgerufen am 30.\u00a0November 2026."},
		{"unknown language is English", "2026.11.29", accessed, data.Lang("fr"),
			"AI Conflict Timeline (dataset version 2026.11.29), “OpenAI is founded as a non-profit AI lab”, event 2015-12-11-openai-founded, accessed November 30, 2026."},
		{"no version, no date", "", time.Time{}, data.EN,
			"AI Conflict Timeline, “OpenAI is founded as a non-profit AI lab”, event 2015-12-11-openai-founded."},
		{"German without version", " ", time.Time{}, data.DE,
			"Zeitleiste des KI-Konflikts: „OpenAI wird als gemeinnütziges KI-Labor gegründet“, Ereignis 2015-12-11-openai-founded."},
	}
	for _, c := range cases {
		if got := EventCitation(ev, c.version, c.accessed, c.lang); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

func TestEventCitationHostile(t *testing.T) {
	ev := data.Event{ID: "x\ny", Title: data.Text{EN: "A {{.Name}} title\nwith\x00 lines " + strings.Repeat("x", 5000)}}
	got := EventCitation(ev, "1\n2 {{.ID}}", accessed, data.EN)
	if strings.ContainsAny(got, "\n\x00") {
		t.Errorf("control characters survive: %q", got[:80])
	}
	// Values are data, never templates.
	if !strings.Contains(got, "“A {{.Name}} title with lines x") || !strings.Contains(got, "(dataset version 1 2 {{.ID}})") ||
		!strings.Contains(got, "”, event x y, accessed November 30, 2026.") {
		t.Errorf("got %.200q…", got)
	}
	if len([]rune(got)) > 2*MaxFieldRunes {
		t.Errorf("%d runes", len([]rune(got)))
	}
}
