package printout

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"aitimeline/data"
	"aitimeline/i18n"
)

// TestHandoutSourceLanguage: the source list marks a source written in
// another language than the hand-out's, and only such a source.
func TestHandoutSourceLanguage(t *testing.T) {
	for _, c := range []struct {
		lang        data.Lang
		mark, never string // the mark of a source in the other language; one that must not appear
		other       string // the other language's code
	}{
		{data.DE, "(englisch)", "(deutsch)", "en"},
		{data.EN, "(German)", "(English)", "de"},
	} {
		hd := tourDoc(t, "conflict-in-12-steps", c.lang)
		// One source in each language at least.
		hd.Events[0].Sources = append(hd.Events[0].Sources,
			data.Source{Publisher: "Tagesschau", Title: "Musk gegen OpenAI", Date: "2024-03-01", URL: "https://www.tagesschau.de/x", Language: "de"},
			data.Source{Publisher: "Reuters", Title: "Musk sues OpenAI", Date: "2024-03-01", URL: "https://www.reuters.com/x", Language: "en"},
			data.Source{Publisher: "Le Monde", Title: "Musk attaque OpenAI", Date: "2024-03-01", URL: "https://www.lemonde.fr/x", Language: "fr"})
		var buf bytes.Buffer
		if err := WriteHandout(&buf, hd, i18n.Must(c.lang), HandoutOptions{Created: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		pages := pdfText(t, writePDF(t, "handout-lang-"+string(c.lang)+".pdf", buf.Bytes()))
		all := oneLine(strings.Join(pages, "\n"))
		for _, s := range []struct{ title, lang string }{{"Musk gegen OpenAI", "de"}, {"Musk sues OpenAI", "en"}, {"Musk attaque OpenAI", "fr"}} {
			i := strings.Index(all, s.title)
			if i < 0 {
				t.Fatalf("%s: no source %q", c.lang, s.title)
			}
			entry := all[i : i+min(len(all)-i, 80)]
			marked := regexp.MustCompile(`^[^\[]*\([a-zA-Zäöüß]+\)`).MatchString(entry)
			if want := s.lang != string(c.lang); marked != want {
				t.Errorf("%s: source in %s: %q marked %v", c.lang, s.lang, entry, marked)
			}
		}
		if !strings.Contains(all, c.mark) || strings.Contains(all, c.never) {
			t.Errorf("%s: marks: has %s %v, has %s %v", c.lang, c.mark, strings.Contains(all, c.mark), c.never, strings.Contains(all, c.never))
		}
		if c.lang == data.DE && !strings.Contains(all, "(französisch)") || c.lang == data.EN && !strings.Contains(all, "(French)") {
			t.Errorf("%s: the French source is not marked", c.lang)
		}
	}
}

// TestRolesWithoutNestedBrackets: a role that has brackets of its own is
// not put in brackets again.
func TestRolesWithoutNestedBrackets(t *testing.T) {
	hd := tourDoc(t, "conflict-in-12-steps", data.DE)
	hd.Events[0].People = []data.EventPerson{{PersonID: "sam-altman", Role: data.Text{DE: "CEO von OpenAI (abgesetzt)"}},
		{PersonID: "greg-brockman", Role: data.Text{DE: "Präsident"}}}
	for _, ws := range []bool{false, true} {
		var buf bytes.Buffer
		if err := WriteHandout(&buf, hd, i18n.Must(data.DE), HandoutOptions{Worksheet: ws, Created: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		all := oneLine(strings.Join(pdfText(t, writePDF(t, "roles.pdf", buf.Bytes())), "\n"))
		if !strings.Contains(all, "Sam Altman – CEO von OpenAI (abgesetzt), Greg Brockman (Präsident)") {
			t.Errorf("worksheet %v: people as %q", ws, regexp.MustCompile(`Sam Altman.{0,60}`).FindString(all))
		}
		if regexp.MustCompile(`\([^()]*\(`).MatchString(all) {
			t.Errorf("worksheet %v: nested brackets: %q", ws, regexp.MustCompile(`\([^()]*\(.{0,30}`).FindString(all))
		}
	}
}

// TestWorksheetCompact: the 12 stops of a tour fit on a few pages, the
// lines to write in beside each item, and the key says whom it is for.
func TestWorksheetCompact(t *testing.T) {
	for _, c := range []struct {
		lang      data.Lang
		key, year string
	}{{data.DE, "Lösung – für die Lehrkraft", "Jahr:"}, {data.EN, "Answer key – for the teacher", "Year:"}} {
		hd := tourDoc(t, "conflict-in-12-steps", c.lang)
		var buf bytes.Buffer
		if err := WriteHandout(&buf, hd, i18n.Must(c.lang), HandoutOptions{Worksheet: true, Seed: 7, Created: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		path := writePDF(t, "worksheet-"+string(c.lang)+".pdf", buf.Bytes())
		n, _, _ := pdfInfo(t, path)
		if n > 4 {
			t.Errorf("%s: 12 events took %d pages (at most 3 and the key)", c.lang, n)
		}
		pages := pdfText(t, path)
		if last := oneLine(pages[len(pages)-1]); !strings.HasPrefix(last, c.key) {
			t.Errorf("%s: the last page begins %q, not %q", c.lang, last[:min(len(last), 40)], c.key)
		}
		// Each item's first title line has the year's line beside it.
		layout := strings.Join(pdfText(t, path, "-layout"), "\n")
		for _, e := range hd.Events {
			words := strings.Fields(blankYears(e.Title.In(c.lang)))
			first := regexp.QuoteMeta(words[0]) + `\s+` + regexp.QuoteMeta(words[1])
			if !regexp.MustCompile(`(?m)^.*` + first + `.*` + c.year).MatchString(layout) {
				t.Errorf("%s: %q has no %s line beside its title", c.lang, e.Title.In(c.lang), c.year)
			}
		}
	}
}
