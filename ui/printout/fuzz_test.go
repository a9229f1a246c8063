package printout

import (
	"io"
	"testing"

	"aitimeline/data"
	"aitimeline/i18n"
)

// FuzzHandoutText prints arbitrary text (teachers' notes and titles are
// user input): the PDF writer must neither fail nor panic, and clean must
// leave only characters the embedded font has.
// Run it with: go test -tags sqlite_fts5,migrated_fynedo -run '^$' -fuzz FuzzHandoutText -fuzztime 2m ./ui/printout/
func FuzzHandoutText(f *testing.F) {
	for _, s := range []string{"Gründung „Zitat“ ß", "🙂\x00\x1b[31m", "\u202e\u200b\ufeff", "漢字 ﬁ é", "\xff\xfe", "a\tb\r\nc", "\U0010FFFF"} {
		f.Add(s, s)
	}
	fs, err := fonts()
	if err != nil {
		f.Fatal(err)
	}
	loc := i18n.Must(data.DE)
	f.Fuzz(func(t *testing.T, title, text string) {
		for _, keep := range []bool{false, true} {
			for _, r := range fs.clean(text, keep) {
				if !fs.covers(r) && !(keep && r == '\n') {
					t.Fatalf("clean(%q) kept %U", text, r)
				}
			}
		}
		e := data.Event{ID: "x", Date: data.MustDate("2024-03-05"), Category: data.CatLegal, Status: data.StMotion,
			Title: data.Text{DE: title}, Summary: data.Text{DE: text},
			People:  []data.EventPerson{{PersonID: "p", Role: data.Text{DE: text}}},
			Sources: []data.Source{{Publisher: title, Title: text, URL: "https://example.org/" + text}}}
		hd := &HandoutDoc{Title: title, Intro: text, Events: []data.Event{e, e}, Notes: map[string]string{"x": text}}
		// One document per input (a hand-out or a worksheet): each takes
		// a while under the fuzzer's instrumentation.
		if err := WriteHandout(io.Discard, hd, loc, HandoutOptions{Worksheet: len(title)%2 == 1}); err != nil {
			t.Fatalf("WriteHandout(%q, %q): %v", title, text, err)
		}
	})
}
