package cite

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"aitimeline/data"
)

// WriteBibTeX writes one biblatex entry per distinct source (and, with
// opt.IncludeEvents, one @dataset entry per event) to w, UTF-8 encoded.
//
// The target is biblatex with the biber backend, which JabRef, Zotero and
// pandoc read too: fields urldate, langid, journaltitle and the types @online
// and @dataset exist only there. Non-ASCII text stays UTF-8; for 8-bit
// engines run biber with --output-safechars. Entry types by kind:
// news → @article (entrysubtype newspaper, journaltitle = publisher);
// court → @jurisdiction (standard styles print it as @misc; howpublished =
// publisher, the site holding the copy); company, government, post and
// other → @online (organization = publisher); book → @book (publisher).
// Titles are wrapped in an extra pair of braces so that styles that change
// case keep "OpenAI" and "xAI" as published.
func WriteBibTeX(w io.Writer, sources []data.Source, events []data.Event, opt Options) error {
	bw := bufio.NewWriter(w)
	loc := localizer(opt.Lang)
	// Text outside entries is a comment to BibTeX, but an "@" there would
	// start an entry, so the version loses any.
	v := strings.ReplaceAll(clean(opt.DatasetVersion), "@", "")
	fmt.Fprintf(bw, "%% Encoding: UTF-8\n%% %s\n", loc.T("cite.bibtex.header", "Name", datasetName(opt.Lang), "Version", v))
	for _, e := range build(sources, events, opt) {
		bw.WriteString("\n")
		writeBibEntry(bw, e, opt)
	}
	return bw.Flush()
}

type bibField struct{ name, value string }

func writeBibEntry(bw *bufio.Writer, e entry, opt Options) {
	var typ string
	var f []bibField
	add := func(name, value string) {
		if value != "" {
			f = append(f, bibField{name, value})
		}
	}
	braced := func(s string) string { // case-protected, and one name for list fields
		if s == "" {
			return ""
		}
		return "{" + texEscape(s) + "}"
	}
	add("title", braced(e.title))
	if e.event != nil {
		typ = "dataset"
		add("publisher", braced(clean(datasetName(opt.Lang))))
		add("number", texEscape(e.eventID))
		add("version", texEscape(clean(opt.DatasetVersion)))
	} else {
		switch e.kind {
		case kindNews:
			typ = "article"
			add("entrysubtype", "newspaper")
			add("journaltitle", texEscape(e.publisher))
		case kindCourt:
			typ = "jurisdiction"
			add("howpublished", texEscape(e.publisher))
		case kindBook:
			typ = "book"
			add("publisher", braced(e.publisher))
		default:
			typ = "online"
			add("organization", braced(e.publisher))
		}
	}
	if !e.date.IsZero() {
		add("date", e.date.String())
	}
	add("url", e.url)
	if !opt.Accessed.IsZero() {
		add("urldate", dayOf(opt.Accessed).String())
	}
	add("langid", babelLang(e.lang))
	loc := localizer(opt.Lang)
	switch {
	case e.archiveURL != "":
		add("note", texEscape(loc.T("cite.note.archived"))+": "+texURL(e.archiveURL))
	case e.event != nil && !opt.Accessed.IsZero():
		// biblatex prints urldate only next to a url, and an event has none.
		add("note", texEscape(loc.T("cite.note.accessed", "Date", loc.Date(dayOf(opt.Accessed)))))
	}
	fmt.Fprintf(bw, "@%s{%s,\n", typ, e.key)
	for _, fl := range f {
		fmt.Fprintf(bw, "  %s = {%s},\n", fl.name, fl.value)
	}
	bw.WriteString("}\n")
}

// texEscape makes text safe inside a braced BibTeX field and right when
// typeset: the LaTeX specials $ % & # _ become \$ \% \& \# \_; ~ ^ \ < > |
// become text commands; braces that pair up become \{ \}, and a brace
// without a partner becomes {\textbraceleft} or {\textbraceright}, because
// BibTeX counts even escaped braces and one stray brace would swallow the
// rest of the file. "@" and non-ASCII letters stay as they are (legal inside
// braces; biber reads UTF-8).
func texEscape(s string) string {
	rs := []rune(s)
	paired := make([]bool, len(rs))
	var open []int
	for i, r := range rs {
		switch r {
		case '{':
			open = append(open, i)
		case '}':
			if n := len(open); n > 0 {
				paired[open[n-1]], paired[i] = true, true
				open = open[:n-1]
			}
		}
	}
	var b strings.Builder
	for i, r := range rs {
		switch r {
		case '$', '%', '&', '#', '_':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '{':
			if paired[i] {
				b.WriteString(`\{`)
			} else {
				b.WriteString(`{\textbraceleft}`)
			}
		case '}':
			if paired[i] {
				b.WriteString(`\}`)
			} else {
				b.WriteString(`{\textbraceright}`)
			}
		case '\\':
			b.WriteString(`{\textbackslash}`)
		case '~':
			b.WriteString(`{\textasciitilde}`)
		case '^':
			b.WriteString(`{\textasciicircum}`)
		case '<':
			b.WriteString(`{\textless}`)
		case '>':
			b.WriteString(`{\textgreater}`)
		case '|':
			b.WriteString(`{\textbar}`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// texURL writes a URL inside a text field (the archive note). \url breaks
// long URLs at slashes but cannot take % or # once the note is an argument
// of another command, as it is in a .bbl file; such URLs are written as
// escaped text instead. (The url field itself is verbatim in biblatex and
// is written raw.)
func texURL(u string) string {
	if strings.ContainsAny(u, "%#") {
		return texEscape(u)
	}
	return `\url{` + u + `}`
}

// babelLang maps a BCP 47 tag to the babel/polyglossia name biblatex's
// langid expects (used for hyphenation with autolang). Unknown: "".
func babelLang(tag string) string {
	if tag == "" {
		return ""
	}
	base, _, _ := strings.Cut(tag, "-")
	switch tag {
	case "en-US":
		return "american"
	case "en-GB":
		return "british"
	case "de-AT":
		return "naustrian"
	case "de-CH":
		return "nswissgerman"
	case "pt-BR":
		return "brazilian"
	}
	return babelNames[base]
}

var babelNames = map[string]string{
	"en": "english", "de": "ngerman", "fr": "french", "it": "italian", "es": "spanish",
	"pt": "portuguese", "nl": "dutch", "da": "danish", "sv": "swedish", "nb": "norsk",
	"nn": "nynorsk", "fi": "finnish", "pl": "polish", "cs": "czech", "ru": "russian",
	"uk": "ukrainian", "el": "greek", "tr": "turkish", "hu": "magyar", "ja": "japanese",
	"ko": "korean", "zh": "chinese", "ar": "arabic", "he": "hebrew", "hi": "hindi",
}
