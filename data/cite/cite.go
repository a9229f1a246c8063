// Package cite turns the dataset's sources and events into citations that
// reference managers and typesetting tools read: BibTeX (biblatex flavour),
// RIS and CSL-JSON, plus a one-line text citation of an event.
//
// It is pure Go with no UI and no database: callers hand it data.Source and
// data.Event values and an io.Writer. Output is deterministic (sorted, stable
// keys), so exporting the same selection twice gives the same bytes.
//
// Choices that hold for every format (see README.md in this folder for the
// per-format tables):
//   - One entry per distinct source, deduplicated by URL; sources of events
//     (including the sides' accounts) are collected with Collect.
//   - A source whose URL is not http(s) (javascript:, file:, data:, relative)
//     is skipped, never written; an archive URL that is not http(s) is
//     dropped and the source kept. Collect reports what it skipped.
//   - A publisher is not an author: no entry has an author. The publisher
//     names the container (newspaper, website), the issuing body or the
//     repository that holds a copy, depending on the source's kind.
//   - Text is cleaned the same way everywhere: control characters removed,
//     any run of white space (newlines included) made one space, invalid
//     UTF-8 replaced, and fields cut at MaxFieldRunes.
//   - The same citation key identifies a source in all three formats.
package cite

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"aitimeline/data"
	"aitimeline/i18n"
)

// Format is one of the citation formats this package writes.
type Format int

// The formats, in the order Formats lists them.
const (
	BibTeX Format = iota + 1
	RIS
	CSLJSON
)

// Formats lists every format in a stable order (for menus and help texts).
func Formats() []Format { return []Format{BibTeX, RIS, CSLJSON} }

// String is the format's name as ParseFormat reads it: bibtex, ris, csl-json.
func (f Format) String() string {
	switch f {
	case BibTeX:
		return "bibtex"
	case RIS:
		return "ris"
	case CSLJSON:
		return "csl-json"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// Extension is the usual file name extension, with the dot.
func (f Format) Extension() string {
	switch f {
	case BibTeX:
		return ".bib"
	case RIS:
		return ".ris"
	case CSLJSON:
		return ".json"
	}
	return ""
}

// MediaType is the format's MIME type, for a save dialog's filter or the clipboard.
func (f Format) MediaType() string {
	switch f {
	case BibTeX:
		return "application/x-bibtex"
	case RIS:
		return "application/x-research-info-systems"
	case CSLJSON:
		return "application/vnd.citationstyles.csl+json"
	}
	return ""
}

// ParseFormat reads a --format value: bibtex (or biblatex, bib), ris, or
// csl-json (or csljson, csl), in any case. ok is false for anything else.
func ParseFormat(s string) (f Format, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "bibtex", "biblatex", "bib":
		return BibTeX, true
	case "ris":
		return RIS, true
	case "csl-json", "csljson", "csl":
		return CSLJSON, true
	}
	return 0, false
}

// Options control what the writers add besides the sources themselves.
type Options struct {
	// Accessed is when the reader consulted the sources: BibTeX urldate, RIS
	// Y2, CSL accessed. Its calendar date in its own location is used. The
	// zero time leaves the access date out.
	Accessed time.Time
	// Lang is the language of event titles and of the few words the writers
	// add themselves ("Archived copy"). Source titles stay as published.
	// Anything but data.DE means English.
	Lang data.Lang
	// IncludeEvents also cites every event passed to the writer as an entry
	// of its own: the dataset as a dataset reference.
	IncludeEvents bool
	// DatasetVersion is the dataset's version (data.Meta.Version), written
	// into event entries. Empty leaves it out.
	DatasetVersion string
	// DatasetDate is the dataset's release ("facts as of") date
	// (data.Meta.AsOf), the publication date of event entries. Zero leaves it out.
	DatasetDate data.Date
}

// MaxFieldRunes caps every text field: a longer title or publisher is cut
// there and ends in "…". Real titles are far shorter; the cap keeps a hostile
// dataset from producing lines that reference managers choke on.
const MaxFieldRunes = 1000

// Write writes the citations of sources and of the events' sources in format f.
// It is WriteBibTeX, WriteRIS or WriteCSLJSON by format.
func Write(w io.Writer, f Format, sources []data.Source, events []data.Event, opt Options) error {
	switch f {
	case BibTeX:
		return WriteBibTeX(w, sources, events, opt)
	case RIS:
		return WriteRIS(w, sources, events, opt)
	case CSLJSON:
		return WriteCSLJSON(w, sources, events, opt)
	}
	return fmt.Errorf("cite: unknown format %d", int(f))
}

// Collect gathers the sources to cite: every source in sources, then every
// source of every event (the event's own and its accounts'). It keeps one
// source per URL (when two disagree, the one that sorts first by date,
// publisher and title wins, so the result does not depend on input order)
// and returns them sorted by date, publisher, title and URL. Sources whose
// URL is not http(s) are returned in skipped (deduplicated, sorted the same
// way) and never written by the writers.
func Collect(sources []data.Source, events []data.Event) (cited, skipped []data.Source) {
	var all []data.Source
	all = append(all, sources...)
	for _, ev := range events {
		all = append(all, ev.Sources...)
		for _, a := range ev.Accounts {
			all = append(all, a.Sources...)
		}
	}
	byURL := map[string]data.Source{}
	bad := map[string]data.Source{}
	for _, s := range all {
		u := strings.TrimSpace(s.URL)
		if data.CheckURL(u) != nil {
			if prev, ok := bad[s.URL]; !ok || lessSource(s, prev) {
				bad[s.URL] = s
			}
			continue
		}
		u = normalizeURL(u)
		s.URL = u
		if prev, ok := byURL[u]; !ok || lessSource(s, prev) {
			byURL[u] = s
		}
	}
	for _, s := range byURL {
		cited = append(cited, s)
	}
	for _, s := range bad {
		skipped = append(skipped, s)
	}
	sort.Slice(cited, func(i, j int) bool { return lessSource(cited[i], cited[j]) })
	sort.Slice(skipped, func(i, j int) bool { return lessSource(skipped[i], skipped[j]) })
	return cited, skipped
}

func lessSource(a, b data.Source) bool {
	ka := [...]string{a.Date, a.Publisher, a.Title, a.URL, a.ArchiveURL, a.Kind, a.Language}
	kb := [...]string{b.Date, b.Publisher, b.Title, b.URL, b.ArchiveURL, b.Kind, b.Language}
	for i := range ka {
		if ka[i] != kb[i] {
			return ka[i] < kb[i]
		}
	}
	return false
}

// Kind is how the writers treat a source; unknown kinds are treated as other.
type kind string

const (
	kindNews       kind = "news"
	kindCourt      kind = "court"
	kindCompany    kind = "company"
	kindPost       kind = "post"
	kindGovernment kind = "government"
	kindBook       kind = "book"
	kindOther      kind = "other"
)

func kindOf(s string) kind {
	switch k := kind(strings.ToLower(strings.TrimSpace(s))); k {
	case kindNews, kindCourt, kindCompany, kindPost, kindGovernment, kindBook:
		return k
	}
	return kindOther
}

// entry is one citation in a format-neutral shape: a cleaned source, or an event.
type entry struct {
	key        string
	kind       kind
	title      string
	publisher  string
	date       data.Date // zero when absent or unparsable
	url        string    // http(s), normalised; empty for events
	archiveURL string    // http(s) or empty
	lang       string    // BCP 47 tag or empty
	event      *data.Event
	eventID    string // cleaned event ID
}

// build turns the input into the sorted entries all writers share: sources
// first (in Collect's order), then events by date and ID when opt.IncludeEvents.
func build(sources []data.Source, events []data.Event, opt Options) []entry {
	cited, _ := Collect(sources, events)
	taken := map[string]bool{}
	var out []entry
	for _, s := range cited {
		e := entry{
			kind:      kindOf(s.Kind),
			title:     clean(s.CitedTitle()),
			publisher: clean(s.Publisher),
			url:       s.URL,
			lang:      langTag(s.Language),
		}
		if d, err := data.ParseDate(strings.TrimSpace(s.Date)); err == nil {
			e.date = d
		}
		if a := strings.TrimSpace(s.ArchiveURL); a != "" && data.CheckURL(a) == nil {
			e.archiveURL = normalizeURL(a)
		}
		e.key = uniqueKey(sourceKeyParts(e.publisher, e.date, e.url), taken)
		out = append(out, e)
	}
	if !opt.IncludeEvents {
		return out
	}
	evs := make([]data.Event, len(events))
	copy(evs, events)
	sort.SliceStable(evs, func(i, j int) bool {
		if a, b := evs[i].Date.String(), evs[j].Date.String(); a != b {
			return a < b
		}
		return evs[i].ID < evs[j].ID
	})
	seen := map[string]bool{}
	for i := range evs {
		ev := &evs[i]
		if seen[ev.ID] {
			continue
		}
		seen[ev.ID] = true
		id := clean(ev.ID)
		slug := keySlug(id, 80)
		if slug == "" {
			slug = "event"
		}
		e := entry{
			key:     uniqueKey([]string{"aitimeline-" + slug}, taken),
			title:   clean(ev.Title.In(normLang(opt.Lang))),
			event:   ev,
			eventID: id,
			lang:    string(normLang(opt.Lang)),
			date:    opt.DatasetDate,
		}
		out = append(out, e)
	}
	return out
}

// EventKey is the citation key of an event's own entry (with IncludeEvents),
// e.g. aitimeline-2015-12-11-openai-founded.
func EventKey(ev data.Event) string {
	slug := keySlug(clean(ev.ID), 80)
	if slug == "" {
		slug = "event"
	}
	return "aitimeline-" + slug
}

// SourceKey is a source's citation key as the writers give it when no other
// source in the same output claims it: publisher slug, year and the first six
// hex digits of the SHA-256 of its URL, e.g. openai2024-3fa2c1. The hash
// makes the key depend on the URL, not on what else is exported.
func SourceKey(s data.Source) string {
	d, _ := data.ParseDate(strings.TrimSpace(s.Date))
	return sourceKeyParts(clean(s.Publisher), d, normalizeURL(strings.TrimSpace(s.URL)))[0]
}

// sourceKeyParts returns candidate keys, shortest first: the same prefix with
// ever longer hashes, so that two sources whose short keys collide in one
// output both still get deterministic, distinct keys.
func sourceKeyParts(publisher string, d data.Date, url string) []string {
	slug := publisherSlug(publisher)
	year := "nd"
	if !d.IsZero() {
		year = fmt.Sprintf("%04d", d.Year)
	}
	sum := sha256.Sum256([]byte(url))
	h := hex.EncodeToString(sum[:])
	var keys []string
	for _, n := range []int{6, 10, 16, 64} {
		keys = append(keys, slug+year+"-"+h[:n])
	}
	return keys
}

func uniqueKey(candidates []string, taken map[string]bool) string {
	for _, k := range candidates {
		if !taken[k] {
			taken[k] = true
			return k
		}
	}
	last := candidates[len(candidates)-1]
	for i := 2; ; i++ {
		k := fmt.Sprintf("%s-%d", last, i)
		if !taken[k] {
			taken[k] = true
			return k
		}
	}
}

// publisherSlug makes the readable part of a key: the publisher without
// parenthesised remarks, folded to ASCII, lower case, "the" dropped, words
// joined until about ten letters ("nytimes" would need a list of names; we
// do not guess): "Reuters (via CNA)" → reuters, "The New York Times" → newyork.
func publisherSlug(p string) string {
	var b strings.Builder
	depth := 0
	for _, r := range p {
		switch r {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	words := strings.FieldsFunc(asciiFold(b.String()), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	slug := ""
	for i, w := range words {
		if i > 0 && (len(slug) >= 10 || i >= 3) {
			break
		}
		slug += w
	}
	if len(slug) > 20 {
		slug = slug[:20]
	}
	if slug == "" {
		slug = "source"
	}
	return slug
}

// keySlug keeps what a BibTeX key may safely hold: a-z, 0-9 and single hyphens.
func keySlug(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, r := range asciiFold(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= max {
				break
			}
		} else {
			dash = true
		}
	}
	return b.String()
}

var foldLetters = strings.NewReplacer("ß", "ss", "æ", "ae", "œ", "oe", "ø", "o", "ł", "l", "đ", "d", "ð", "d", "þ", "th", "ı", "i")

// asciiFold lowercases and strips diacritics: "Süddeutsche" → "suddeutsche".
// (data.Fold also maps ae/oe/ue for search, which would mangle "Bluesky".)
func asciiFold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, strings.ToLower(s))
	if err != nil {
		out = strings.ToLower(s)
	}
	return foldLetters.Replace(out)
}

// clean makes a text field safe for every format: invalid UTF-8 replaced,
// control and bidi-override characters removed, white space runs (newlines,
// tabs, line separators) made one space, trimmed, cut at MaxFieldRunes.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	space := false
	n := 0
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r), isBidiControl(r), r == '\uFEFF':
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
			n++
		}
		space = false
		if n >= MaxFieldRunes-1 {
			b.WriteRune('…')
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

func isBidiControl(r rune) bool {
	return r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069' || r == '\u200E' || r == '\u200F'
}

// normalizeURL percent-encodes the ASCII characters RFC 3986 does not allow
// anywhere in a URI (space, quote, angle brackets, braces, backslash, caret,
// backquote, bar). Browsers treat both spellings alike; the encoded one
// cannot unbalance a BibTeX brace or end a RIS line.
func normalizeURL(u string) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c <= ' ' || c == 0x7f || strings.IndexByte("\"<>\\^`{|}", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// langTag canonicalises a source's language code to BCP 47 ("EN" → "en",
// "de_DE" → "de-DE"); an unparsable code gives "".
func langTag(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	if s == "" || !utf8.ValidString(s) {
		return ""
	}
	t, err := language.Parse(s)
	if err != nil || t == language.Und {
		return ""
	}
	return t.String()
}

func normLang(l data.Lang) data.Lang {
	if l == data.DE {
		return data.DE
	}
	return data.EN
}

var (
	locMu sync.Mutex
	locs  = map[data.Lang]*i18n.Localizer{}
)

// localizer returns a shared Localizer per language: building one parses
// every catalog, too slow to repeat for each citation.
func localizer(l data.Lang) *i18n.Localizer {
	l = normLang(l)
	locMu.Lock()
	defer locMu.Unlock()
	if loc, ok := locs[l]; ok {
		return loc
	}
	loc := i18n.Must(l)
	locs[l] = loc
	return loc
}

// dayOf is the calendar date of t in its own location, at day precision.
func dayOf(t time.Time) data.Date {
	y, m, d := t.Date()
	return data.Date{Year: y, Month: int(m), Day: d, Precision: data.Day}
}

// datasetName is the dataset's (and app's) name in the output language.
func datasetName(l data.Lang) string { return localizer(l).T("app.name") }
