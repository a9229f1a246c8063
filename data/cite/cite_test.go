package cite

import (
	"bytes"
	"fmt"
	"math/rand"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"aitimeline/data"
)

func TestParseFormat(t *testing.T) {
	cases := []struct {
		in   string
		want Format
		ok   bool
	}{
		{"bibtex", BibTeX, true}, {"BibLaTeX", BibTeX, true}, {" bib ", BibTeX, true},
		{"ris", RIS, true}, {"RIS", RIS, true},
		{"csl-json", CSLJSON, true}, {"csljson", CSLJSON, true}, {"CSL", CSLJSON, true},
		{"json", 0, false}, {"", 0, false}, {"bibtex2", 0, false}, {"csl json", 0, false},
	}
	for _, c := range cases {
		got, ok := ParseFormat(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseFormat(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	exts := map[string]bool{}
	for _, f := range Formats() {
		if back, ok := ParseFormat(f.String()); !ok || back != f {
			t.Errorf("%v does not round-trip through ParseFormat", f)
		}
		if exts[f.Extension()] || !strings.HasPrefix(f.Extension(), ".") || f.MediaType() == "" {
			t.Errorf("%v: extension %q, media type %q", f, f.Extension(), f.MediaType())
		}
		exts[f.Extension()] = true
	}
	var b bytes.Buffer
	if err := Write(&b, Format(99), nil, nil, Options{}); err == nil {
		t.Error("Write accepted an unknown format")
	}
}

func TestCollect(t *testing.T) {
	cited, skipped := Collect(nil, sample())
	if len(cited) != sampleCited {
		t.Fatalf("cited %d sources, want %d: %+v", len(cited), sampleCited, cited)
	}
	urls := map[string]bool{}
	for i, s := range cited {
		if urls[s.URL] {
			t.Errorf("URL %s cited twice", s.URL)
		}
		urls[s.URL] = true
		if data.CheckURL(s.URL) != nil {
			t.Errorf("cited a non-http(s) URL %q", s.URL)
		}
		if i > 0 && lessSource(s, cited[i-1]) {
			t.Errorf("not sorted at %d: %q after %q", i, s.Date, cited[i-1].Date)
		}
	}
	var bad []string
	for _, s := range skipped {
		bad = append(bad, s.URL)
	}
	wantBad := []string{"data:text/html,<script>alert(1)</script>", "file:///home/user/secret.pdf", "javascript:alert(document.cookie)"}
	if fmt.Sprint(sortedCopy(bad)) != fmt.Sprint(wantBad) {
		t.Errorf("skipped %q, want %q", bad, wantBad)
	}
	// A second record under a known URL, with other metadata: still one
	// entry, and the one that sorts first (the earlier date) wins.
	twin := data.Source{Publisher: "OpenAI Blog", Title: "Introducing OpenAI (updated)", Date: "2016-01-01", URL: "https://openai.com/index/introducing-openai/", Kind: "company"}
	withTwin, _ := Collect([]data.Source{twin}, sample())
	if len(withTwin) != sampleCited {
		t.Errorf("a conflicting duplicate URL adds an entry: %d, want %d", len(withTwin), sampleCited)
	}
	for _, s := range withTwin {
		if s.URL == twin.URL && s.Title != "Introducing OpenAI" {
			t.Errorf("the later record won: %+v", s)
		}
	}
	// Sources passed directly join the events' sources, deduplicated.
	extra := data.Source{Publisher: "OpenAI", Title: "Introducing OpenAI", Date: "2015-12-11", URL: "https://openai.com/index/introducing-openai/", Kind: "company"}
	more, _ := Collect([]data.Source{extra, {Publisher: "New", Title: "n", URL: "https://new.example/"}}, sample())
	if len(more) != sampleCited+1 {
		t.Errorf("with two direct sources (one known): %d, want %d", len(more), sampleCited+1)
	}
}

func sortedCopy(s []string) []string {
	c := append([]string(nil), s...)
	for i := range c {
		for j := i + 1; j < len(c); j++ {
			if c[j] < c[i] {
				c[i], c[j] = c[j], c[i]
			}
		}
	}
	return c
}

// Shuffled input, and conflicting duplicates in either order, give the same bytes.
func TestDeterministic(t *testing.T) {
	evs := sample()
	conflict := data.Source{Publisher: "OpenAI (other title)", Title: "Introducing OpenAI, again", Date: "2015-12-12", URL: "https://openai.com/index/introducing-openai/", Kind: "news"}
	rng := rand.New(rand.NewSource(1))
	for _, f := range Formats() {
		want := render(t, f, []data.Source{conflict}, evs, sampleOptions())
		for i := 0; i < 5; i++ {
			shuffled := append([]data.Event(nil), evs...)
			rng.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
			for k := range shuffled {
				src := append([]data.Source(nil), shuffled[k].Sources...)
				rng.Shuffle(len(src), func(a, b int) { src[a], src[b] = src[b], src[a] })
				shuffled[k].Sources = src
			}
			var direct []data.Source
			if i%2 == 1 {
				shuffled[0].Sources = append(shuffled[0].Sources, conflict)
			} else {
				direct = []data.Source{conflict}
			}
			if got := render(t, f, direct, shuffled, sampleOptions()); got != want {
				t.Fatalf("%s: output depends on input order", f)
			}
		}
	}
}

var keyPattern = regexp.MustCompile(`^[a-z0-9]{1,20}([0-9]{4}|nd)-[0-9a-f]{6}$`)

func TestSourceKeys(t *testing.T) {
	cases := []struct {
		publisher, date, prefix string
	}{
		{"OpenAI", "2024-03-05", "openai2024-"},
		{"Reuters (via CNA)", "2023", "reuters2023-"},
		{"The New York Times Company (complaint, via Scribd)", "2023-12-27", "newyorktimes2023-"},
		{"Süddeutsche Zeitung", "2015-12", "suddeutsche2015-"},
		{"The", "2020", "the2020-"},
		{"中文 (only)", "", "sourcend-"},
		{"Business Insider India", "2019", "businessinsider2019-"},
		{"A very-long-publisher-name-that-goes-on-and-on", "2020", "averylong2020-"},
		{"Supercalifragilisticexpialidocious Times", "2020", "supercalifragilistic2020-"},
	}
	for _, c := range cases {
		k := SourceKey(data.Source{Publisher: c.publisher, Date: c.date, URL: "https://example.com/" + c.publisher})
		if !strings.HasPrefix(k, c.prefix) || !keyPattern.MatchString(k) {
			t.Errorf("SourceKey(%q, %q) = %q, want prefix %q and pattern %s", c.publisher, c.date, k, c.prefix, keyPattern)
		}
	}
	// The key depends on the URL only, not on the rest of the output.
	s := data.Source{Publisher: "OpenAI", Date: "2024", URL: "https://openai.com/a"}
	s2 := s
	s2.URL = "https://openai.com/b"
	if SourceKey(s) == SourceKey(s2) {
		t.Error("different URLs, same key")
	}
	alone := render(t, CSLJSON, []data.Source{s}, nil, Options{})
	if !strings.Contains(alone, `"id": "`+SourceKey(s)+`"`) {
		t.Errorf("CSL id is not SourceKey %s:\n%s", SourceKey(s), alone)
	}
}

// Two sources whose six-digit hashes collide still get distinct, stable keys.
func TestKeyCollision(t *testing.T) {
	seen := map[string]string{}
	var a, b data.Source
	for i := 0; ; i++ {
		s := data.Source{Publisher: "OpenAI", Date: "2024", URL: fmt.Sprintf("https://openai.com/%d", i), Kind: "company", Title: fmt.Sprint(i)}
		k := SourceKey(s)
		if prev, ok := seen[k]; ok {
			a, b = data.Source{Publisher: "OpenAI", Date: "2024", URL: prev, Kind: "company", Title: "a"}, s
			break
		}
		seen[k] = s.URL
	}
	for _, order := range [][]data.Source{{a, b}, {b, a}} {
		entries := build(order, nil, Options{})
		if len(entries) != 2 || entries[0].key == entries[1].key {
			t.Fatalf("colliding sources: %+v", entries)
		}
		for _, e := range entries {
			if !strings.HasPrefix(e.key, "openai2024-") {
				t.Errorf("key %q", e.key)
			}
		}
		if order[0] == b {
			continue
		}
		first := entries
		again := build([]data.Source{b, a}, nil, Options{})
		if first[0].key != again[0].key || first[1].key != again[1].key {
			t.Errorf("keys depend on input order: %s %s vs %s %s", first[0].key, first[1].key, again[0].key, again[1].key)
		}
	}
}

func TestEventKeys(t *testing.T) {
	evs := []data.Event{{ID: "2015-12-11-openai-founded"}, {ID: "x"}, {ID: "Ünïcode ID}{"}, {ID: ""}, {ID: "2015-12-11-openai-founded"}}
	entries := build(nil, evs, Options{IncludeEvents: true})
	got := []string{}
	for _, e := range entries {
		got = append(got, e.key)
	}
	keys := map[string]bool{}
	for _, k := range got {
		if keys[k] || !regexp.MustCompile(`^aitimeline-[a-z0-9-]+$`).MatchString(k) {
			t.Errorf("event key %q (all: %v)", k, got)
		}
		keys[k] = true
	}
	if len(got) != 4 {
		t.Errorf("events deduplicated by ID: got %v", got)
	}
	if EventKey(evs[0]) != "aitimeline-2015-12-11-openai-founded" || EventKey(evs[2]) != "aitimeline-unicode-id" {
		t.Errorf("EventKey: %s, %s", EventKey(evs[0]), EventKey(evs[2]))
	}
}

func TestClean(t *testing.T) {
	cases := []struct{ in, want string }{
		{"a\nb\r\nc\u2028d\te", "a b c d e"},
		{"  lead and trail  ", "lead and trail"},
		{"\x00a\x07b\x1bc\u202Ed\u200Fe\uFEFF", "abcde"},
		{"\xffok", "\uFFFDok"},
		{"Grüße „x“ 🚀", "Grüße „x“ 🚀"},
	}
	for _, c := range cases {
		if got := clean(c.in); got != c.want {
			t.Errorf("clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	long := clean(strings.Repeat("ab ", 5000))
	if n := utf8.RuneCountInString(long); n != MaxFieldRunes || !strings.HasSuffix(long, "…") {
		t.Errorf("long field: %d runes, ends %q", n, long[len(long)-10:])
	}
}

func TestNormalizeURL(t *testing.T) {
	cases := []struct{ in, want string }{
		{"https://x.org/a_b%20c?d=1&e=~f#g", "https://x.org/a_b%20c?d=1&e=~f#g"},
		{"https://x.org/{a}|b\\c d\"e<f>`^", "https://x.org/%7Ba%7D%7Cb%5Cc%20d%22e%3Cf%3E%60%5E"},
		{"https://x.org/ümlaut", "https://x.org/ümlaut"},
	}
	for _, c := range cases {
		if got := normalizeURL(c.in); got != c.want {
			t.Errorf("normalizeURL(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// No output carries a non-http(s) URL, whatever field it came in.
func TestHostileURLsNeverWritten(t *testing.T) {
	srcs := hostile()
	evs := sample()
	for _, f := range Formats() {
		out := strings.ToLower(render(t, f, srcs, evs, sampleOptions()))
		for _, bad := range []string{"javascript:", "vbscript:", "file:", "data:text"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s output contains %q", f, bad)
			}
		}
	}
}

func TestLangTag(t *testing.T) {
	cases := map[string]string{"en": "en", "EN": "en", "de_DE": "de-DE", "fr": "fr", "": "", "xx-invalid-": "", "e": ""}
	for in, want := range cases {
		if got := langTag(in); got != want {
			t.Errorf("langTag(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDescriptiveTitlesInBrackets: a source whose title describes the page
// (its headline was not recorded) is cited with the title in square
// brackets in every format, so that no one quotes it as the headline; a
// real headline is cited as it is.
func TestDescriptiveTitlesInBrackets(t *testing.T) {
	srcs := []data.Source{
		{Publisher: "t3n", Title: "ChatGPT Dall-E OpenAI Altman Musk", Date: "2024-03-06", URL: "https://t3n.example/musk", Kind: "news", TitleDescriptive: true},
		{Publisher: "Reuters", Title: "Musk sues OpenAI", Date: "2024-03-01", URL: "https://reuters.example/sues", Kind: "news"},
	}
	for _, f := range []Format{BibTeX, RIS, CSLJSON} {
		out := render(t, f, srcs, nil, sampleOptions())
		if !strings.Contains(out, "[ChatGPT Dall-E OpenAI Altman Musk]") {
			t.Errorf("%s: the descriptive title is not in brackets:\n%s", f, out)
		}
		if strings.Contains(out, "[Musk sues OpenAI]") || !strings.Contains(out, "Musk sues OpenAI") {
			t.Errorf("%s: the headline is not cited as it is:\n%s", f, out)
		}
	}
}
