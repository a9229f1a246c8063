package cite

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/nickng/bibtex"

	"aitimeline/data"
)

// parseBib parses out with github.com/nickng/bibtex and returns entries by key.
// (That parser keeps global state: these tests must not run in parallel.)
func parseBib(t *testing.T, out string) map[string]*bibtex.BibEntry {
	t.Helper()
	bib, err := bibtex.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatalf("nickng/bibtex rejects the output: %v\n%s", err, head(out))
	}
	m := map[string]*bibtex.BibEntry{}
	for _, e := range bib.Entries {
		if m[e.CiteName] != nil {
			t.Errorf("duplicate key %s", e.CiteName)
		}
		m[e.CiteName] = e
	}
	return m
}

func head(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

func field(e *bibtex.BibEntry, name string) (string, bool) {
	v, ok := e.Fields[name]
	if !ok {
		return "", false
	}
	return v.String(), true
}

// texDecode reads a field's raw value the way a TeX-aware reader (biber,
// pandoc, JabRef) would for the forms texEscape writes, and fails on any
// LaTeX special that is not escaped, on an unknown command and on braces
// that do not pair up.
func texDecode(raw string) (string, error) {
	macros := []struct{ tex, text string }{
		{`{\textbraceleft}`, "{"}, {`{\textbraceright}`, "}"}, {`{\textbackslash}`, `\`},
		{`{\textasciitilde}`, "~"}, {`{\textasciicircum}`, "^"}, {`{\textless}`, "<"},
		{`{\textgreater}`, ">"}, {`{\textbar}`, "|"},
		{`\{`, "{"}, {`\}`, "}"}, {`\$`, "$"}, {`\%`, "%"}, {`\&`, "&"}, {`\#`, "#"}, {`\_`, "_"},
	}
	var b strings.Builder
	depth := 0
next:
	for i := 0; i < len(raw); {
		rest := raw[i:]
		if strings.HasPrefix(rest, `\url{`) {
			end := strings.IndexByte(rest, '}')
			if end < 0 {
				return "", fmt.Errorf("unclosed \\url at %d", i)
			}
			u := rest[len(`\url{`):end]
			if strings.ContainsAny(u, "%#{\\") {
				return "", fmt.Errorf("\\url{%s} holds a character that breaks inside an argument", u)
			}
			b.WriteString(u)
			i += end + 1
			continue
		}
		for _, m := range macros {
			if strings.HasPrefix(rest, m.tex) {
				b.WriteString(m.text)
				i += len(m.tex)
				continue next
			}
		}
		switch c := raw[i]; c {
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				return "", fmt.Errorf("unbalanced } at %d", i)
			}
		case '\\':
			return "", fmt.Errorf("unknown command at %d: %.20q", i, rest)
		case '$', '%', '&', '#', '_', '~', '^':
			return "", fmt.Errorf("unescaped %q at %d", c, i)
		default:
			b.WriteByte(c)
		}
		i++
	}
	if depth != 0 {
		return "", fmt.Errorf("%d braces left open", depth)
	}
	return b.String(), nil
}

// protected reports whether a whole value sits in one extra pair of braces.
func protected(raw string) bool {
	if !strings.HasPrefix(raw, "{") || !strings.HasSuffix(raw, "}") {
		return false
	}
	depth := 0
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 && i != len(raw)-1 {
				return false
			}
		}
	}
	return true
}

var isoDate = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

func TestBibTeXSample(t *testing.T) {
	out := render(t, BibTeX, nil, sample(), sampleOptions())
	entries := parseBib(t, out)
	if len(entries) != sampleCited+2 {
		t.Fatalf("%d entries, want %d sources + 2 events:\n%s", len(entries), sampleCited, out)
	}
	cited, _ := Collect(nil, sample())
	for _, s := range cited {
		key := SourceKey(s)
		e := entries[key]
		if e == nil {
			t.Errorf("no entry %s for %s", key, s.URL)
			continue
		}
		wantType := map[string]string{"news": "article", "court": "jurisdiction", "company": "online", "post": "online",
			"government": "online", "book": "book", "nonprofit": "online", "other": "online"}[s.Kind]
		if e.Type != wantType {
			t.Errorf("%s: type %s, want %s", key, e.Type, wantType)
		}
		rawTitle, _ := field(e, "title")
		if !protected(rawTitle) {
			t.Errorf("%s: title not case-protected: %s", key, rawTitle)
		}
		if got, err := texDecode(rawTitle); err != nil || got != s.Title {
			t.Errorf("%s: title %q (%v), want %q", key, got, err, s.Title)
		}
		pubField := map[string]string{"article": "journaltitle", "jurisdiction": "howpublished", "online": "organization", "book": "publisher"}[e.Type]
		rawPub, ok := field(e, pubField)
		if got, err := texDecode(rawPub); !ok || err != nil || got != s.Publisher {
			t.Errorf("%s: %s = %q (%v), want %q", key, pubField, got, err, s.Publisher)
		}
		if (pubField == "organization" || pubField == "publisher") && !protected(rawPub) {
			t.Errorf("%s: the name list field %s is not one braced name: %s", key, pubField, rawPub)
		}
		if _, ok := field(e, "author"); ok {
			t.Errorf("%s: a publisher is not an author", key)
		}
		if u, _ := field(e, "url"); u != s.URL {
			t.Errorf("%s: url %q, want %q", key, u, s.URL)
		}
		if d, _ := field(e, "urldate"); d != "2026-11-30" {
			t.Errorf("%s: urldate %q", key, d)
		}
		d, hasDate := field(e, "date")
		if (s.Date == "") == hasDate || (hasDate && (d != s.Date || !isoDate.MatchString(d))) {
			t.Errorf("%s: date %q, source date %q", key, d, s.Date)
		}
		wantLang := map[string]string{"en": "english", "de": "ngerman", "fr": "french"}[s.Language]
		if l, _ := field(e, "langid"); l != wantLang {
			t.Errorf("%s: langid %q, want %q", key, l, wantLang)
		}
		note, hasNote := field(e, "note")
		wantArchive := s.ArchiveURL != "" && data.CheckURL(s.ArchiveURL) == nil
		if hasNote != wantArchive {
			t.Errorf("%s: note %q, archive URL %q", key, note, s.ArchiveURL)
		}
		if wantArchive {
			if got, err := texDecode(note); err != nil || got != "Archived copy: "+s.ArchiveURL {
				t.Errorf("%s: note %q (%v)", key, got, err)
			}
		}
	}
	news := entries[SourceKey(cited[1])]
	if sub, _ := field(news, "entrysubtype"); news.Type != "article" || sub != "newspaper" {
		t.Errorf("news entry: %s, entrysubtype %q", news.Type, sub)
	}
	// The archive URL without % or # is a link; the one with # is escaped text.
	if !strings.Contains(out, `\url{https://archive.ph/fUGqA}`) || !strings.Contains(out, `/273ventures.com/html/musk-v-altman.html\#top}`) {
		t.Errorf("archive notes:\n%s", out)
	}
	ev := entries["aitimeline-2015-12-11-openai-founded"]
	if ev == nil || ev.Type != "dataset" {
		t.Fatalf("no @dataset entry for the event:\n%s", out)
	}
	want := map[string]string{"title": "{OpenAI is founded as a non-profit AI lab}", "publisher": "{AI Conflict Timeline}",
		"number": "2015-12-11-openai-founded", "version": "2026.11.29", "date": "2026-11-29", "urldate": "2026-11-30",
		"langid": "english", "note": "Accessed November 30, 2026"}
	for name, w := range want {
		if got, _ := field(ev, name); got != w {
			t.Errorf("event %s = %q, want %q", name, got, w)
		}
	}
	if !strings.HasPrefix(out, "% Encoding: UTF-8\n") {
		t.Errorf("no encoding line for JabRef: %.40q", out)
	}
}

func TestBibTeXGerman(t *testing.T) {
	opt := sampleOptions()
	opt.Lang = data.DE
	entries := parseBib(t, render(t, BibTeX, nil, sample(), opt))
	ev := entries["aitimeline-2015-12-11-openai-founded"]
	want := map[string]string{"title": "{OpenAI wird als gemeinnütziges KI-Labor gegründet}", "publisher": "{Zeitleiste des KI-Konflikts}",
		"langid": "ngerman", "note": "Abgerufen am 30.\u00a0November 2026"}
	for name, w := range want {
		if got, _ := field(ev, name); got != w {
			t.Errorf("event %s = %q, want %q", name, got, w)
		}
	}
}

func TestTexEscape(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Tech & Co. 100% $5 #1 a_b", `Tech \& Co. 100\% \$5 \#1 a\_b`},
		{"{paired} }{", `\{paired\} {\textbraceright}{\textbraceleft}`},
		{`a\b~c^d<e>f|g`, `a{\textbackslash}b{\textasciitilde}c{\textasciicircum}d{\textless}e{\textgreater}f{\textbar}g`},
		{"Grüße „x“ @user", "Grüße „x“ @user"},
	}
	for _, c := range cases {
		if got := texEscape(c.in); got != c.want {
			t.Errorf("texEscape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// readBibStrict reads entries by BibTeX's own rules (an entry starts at "@",
// field values are brace-balanced, escaped braces count too). It backs up
// nickng/bibtex, which rejects "@" inside field values although BibTeX,
// biber, JabRef and Zotero accept it.
func readBibStrict(out string) (map[string]map[string]string, error) {
	entries := map[string]map[string]string{}
	s := out
	for {
		at := strings.IndexByte(s, '@')
		if at < 0 {
			return entries, nil
		}
		s = s[at+1:]
		open := strings.IndexByte(s, '{')
		comma := strings.IndexByte(s, ',')
		if open < 0 || comma < open {
			return nil, fmt.Errorf("bad entry head %.30q", s)
		}
		typ, key := s[:open], s[open+1:comma]
		if !regexp.MustCompile(`^[a-z]+$`).MatchString(typ) || !regexp.MustCompile(`^[a-z0-9-]+$`).MatchString(key) {
			return nil, fmt.Errorf("bad type or key %q %q", typ, key)
		}
		if entries[key] != nil {
			return nil, fmt.Errorf("duplicate key %s", key)
		}
		fields := map[string]string{"@type": typ}
		s = s[comma+1:]
		for {
			s = strings.TrimLeft(s, " \n")
			if strings.HasPrefix(s, "}") {
				s = s[1:]
				break
			}
			eq := strings.Index(s, " = {")
			if eq < 0 {
				return nil, fmt.Errorf("%s: no field at %.30q", key, s)
			}
			name := s[:eq]
			s = s[eq+len(" = {"):]
			depth, end := 1, -1
			for i := 0; i < len(s) && end < 0; i++ {
				switch s[i] {
				case '{':
					depth++
				case '}':
					if depth--; depth == 0 {
						end = i
					}
				case '\n':
					return nil, fmt.Errorf("%s.%s: value runs past its line", key, name)
				}
			}
			if end < 0 {
				return nil, fmt.Errorf("%s.%s: value never closes", key, name)
			}
			fields[name] = s[:end]
			s = s[end+1:]
			if !strings.HasPrefix(s, ",\n") {
				return nil, fmt.Errorf("%s.%s: no comma after value: %.20q", key, name, s)
			}
			s = s[2:]
		}
		entries[key] = fields
	}
}

func TestBibTeXHostile(t *testing.T) {
	srcs := hostile()
	cited, skipped := Collect(srcs, nil)
	if len(skipped) != 3 {
		t.Errorf("skipped %d, want the 3 sources with script URLs", len(skipped))
	}
	out := render(t, BibTeX, srcs, nil, sampleOptions())
	strict, err := readBibStrict(out)
	if err != nil {
		t.Fatalf("strict reader: %v\n%s", err, head(out))
	}
	if len(strict) != len(cited) {
		t.Fatalf("%d entries, want %d", len(strict), len(cited))
	}
	// nickng/bibtex cannot take "@" in a value; parse everything else with it.
	var noAt []data.Source
	for _, s := range cited {
		if !strings.Contains(s.Title+s.Publisher, "@") {
			noAt = append(noAt, s)
		}
	}
	if len(noAt) == len(cited) {
		t.Fatal("the hostile set lost its \"@\" case")
	}
	parsed := parseBib(t, render(t, BibTeX, noAt, nil, sampleOptions()))
	if len(parsed) != len(noAt) {
		t.Fatalf("nickng/bibtex: %d entries, want %d", len(parsed), len(noAt))
	}
	for _, s := range cited {
		key := SourceKey(s)
		f := strict[key]
		if f == nil {
			t.Errorf("no entry %s", key)
			continue
		}
		if e := parsed[key]; e != nil {
			if ti, _ := field(e, "title"); ti != f["title"] {
				t.Errorf("%s: the two readers disagree on the title: %q vs %q", key, ti, f["title"])
			}
		}
		if f["url"] != s.URL {
			t.Errorf("%s: url %q, want %q", key, f["url"], s.URL)
		}
		pubField := map[string]string{"article": "journaltitle", "jurisdiction": "howpublished", "online": "organization", "book": "publisher"}[f["@type"]]
		if got, err := texDecode(f[pubField]); err != nil || got != clean(s.Publisher) {
			t.Errorf("%s: %s %q (%v), want %q", key, pubField, got, err, clean(s.Publisher))
		}
		for name, v := range f {
			if name == "url" || name == "@type" {
				continue
			}
			if _, err := texDecode(v); err != nil {
				t.Errorf("%s.%s = %q: %v", key, name, v, err)
			}
		}
		if clean(s.Title) == "" {
			if _, ok := f["title"]; ok {
				t.Errorf("%s: a blank title is written: %q", key, f["title"])
			}
		} else if got, err := texDecode(f["title"]); err != nil || got != clean(s.Title) || !protected(f["title"]) {
			t.Errorf("%s: title %q (%v), want %q", key, got, err, clean(s.Title))
		}
	}
	if strings.Contains(out, "\n\n\n") || strings.Contains(out, "\r") {
		t.Error("a newline or carriage return leaked into a value")
	}
}

// Every source of the bundled dataset, and every event, through the real parser.
func TestBibTeXRealDataset(t *testing.T) {
	d := realDataset(t)
	out := render(t, BibTeX, nil, d.Events, Options{Accessed: accessed, IncludeEvents: true, DatasetVersion: d.Meta.Version, DatasetDate: d.Meta.AsOf})
	entries := parseBib(t, out)
	cited, skipped := Collect(nil, d.Events)
	if len(skipped) != 0 {
		t.Errorf("the bundled dataset has %d non-http(s) sources", len(skipped))
	}
	if len(entries) != len(cited)+len(d.Events) {
		t.Fatalf("%d entries, want %d sources + %d events", len(entries), len(cited), len(d.Events))
	}
	for _, s := range cited {
		e := entries[SourceKey(s)]
		if e == nil {
			t.Errorf("no entry for %s", s.URL)
			continue
		}
		ti, _ := field(e, "title")
		if got, err := texDecode(ti); err != nil || got != clean(s.Title) {
			t.Errorf("%s: title %q (%v), want %q", s.URL, got, err, s.Title)
		}
		if u, _ := field(e, "url"); u != s.URL {
			t.Errorf("url %q, want %q", u, s.URL)
		}
	}
}
