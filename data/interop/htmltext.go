package interop

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"unicode"

	xhtml "golang.org/x/net/html"

	"aitimeline/data"
)

// Classes of the blocks WriteTimelineJS adds to an event's text, so that
// ReadTimelineJS can tell them from the summary: the teacher's note and the
// source list (whose text is dropped; its links are kept).
const (
	noteClass    = "aitl-note"
	sourcesClass = "aitl-sources"
)

// MaxURL is the longest link ReadTimelineJS keeps; longer ones are dropped.
const MaxURL = 2048

// Link is a web address found in a TimelineJS file, with the text it was
// shown as (empty when the link had no text of its own).
type Link struct {
	URL  string
	Text string
}

// htmlText is what an HTML fragment says, as plain text.
type htmlText struct {
	body  []string // paragraphs outside the note and source blocks
	note  []string // paragraphs of the note block
	links []Link   // every http(s) link, in order, each URL once
}

// blockTags end a paragraph where they open or close.
var blockTags = map[string]bool{
	"p": true, "div": true, "li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "blockquote": true,
	"table": true, "tr": true, "section": true, "article": true, "header": true, "footer": true,
	"pre": true, "hr": true, "figure": true, "figcaption": true, "aside": true, "nav": true,
}

// skipTags hold no readable text (code, embedded objects, raw text elements).
var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "iframe": true,
	"object": true, "svg": true, "math": true, "head": true, "textarea": true, "title": true,
	"noembed": true, "noframes": true, "xmp": true, "select": true,
}

// voidTags never have an end tag.
var voidTags = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true, "param": true,
}

// region is an open element whose content is read differently: skipped,
// note, or source list. depth counts nested elements of the same name.
type region struct {
	tag   string
	depth int
	kind  int
}

const (
	regSkip = iota
	regNote
	regSources
)

// parseHTML reads an HTML fragment (TimelineJS text fields allow markup) as
// plain text: tags dropped, entities decoded, paragraphs at block elements,
// line breaks at <br>, whitespace collapsed; <a href> links and bare web
// addresses in the text are collected when they are http(s).
func parseHTML(s string) htmlText {
	var out htmlText
	var regions []region
	var para strings.Builder
	var anchor *Link
	var anchorText strings.Builder
	seen := map[string]bool{}
	addLink := func(raw, text string) {
		u, ok := cleanURL(raw)
		if !ok || seen[u] {
			return
		}
		seen[u] = true
		text = oneLine(text)
		if text == u {
			text = ""
		}
		out.links = append(out.links, Link{URL: u, Text: text})
	}
	kind := func() int {
		k := -1
		for _, r := range regions {
			if r.kind == regSkip {
				return regSkip
			}
			k = r.kind
		}
		return k
	}
	flush := func() {
		p := normParagraph(para.String())
		para.Reset()
		if p == "" {
			return
		}
		switch kind() {
		case regNote:
			out.note = append(out.note, p)
		case regSources, regSkip:
		default:
			out.body = append(out.body, p)
		}
	}
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken { // io.EOF: the tokenizer reads from memory
			break
		}
		switch tt {
		case xhtml.TextToken:
			if kind() == regSkip {
				continue
			}
			t := string(z.Text())
			para.WriteString(t)
			if anchor != nil {
				anchorText.WriteString(t)
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken, xhtml.EndTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			var href, class string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "href":
					href = string(v)
				case "class":
					class = string(v)
				}
			}
			if tt == xhtml.EndTagToken {
				if tag == "a" && anchor != nil {
					addLink(anchor.URL, anchorText.String())
					anchor = nil
				}
				if blockTags[tag] {
					flush()
				}
				if n := len(regions); n > 0 && regions[n-1].tag == tag {
					regions[n-1].depth--
					if regions[n-1].depth == 0 {
						flush()
						regions = regions[:n-1]
					}
				}
				continue
			}
			if blockTags[tag] {
				flush()
			}
			if tag == "br" {
				para.WriteString("\n")
			}
			if tag == "a" && href != "" && kind() != regSkip {
				if anchor != nil { // an unclosed <a>: close it here
					addLink(anchor.URL, anchorText.String())
				}
				anchor = &Link{URL: href}
				anchorText.Reset()
			}
			if tt == xhtml.SelfClosingTagToken || voidTags[tag] {
				continue
			}
			if n := len(regions); n > 0 && regions[n-1].tag == tag {
				regions[n-1].depth++
				continue
			}
			k := -1
			switch {
			case skipTags[tag]:
				k = regSkip
			case hasClass(class, sourcesClass):
				k = regSources
			case hasClass(class, noteClass):
				k = regNote
			}
			if k >= 0 && len(regions) < 64 {
				flush()
				regions = append(regions, region{tag: tag, depth: 1, kind: k})
			}
		}
	}
	if anchor != nil {
		addLink(anchor.URL, anchorText.String())
	}
	flush()
	for _, p := range append(append([]string{}, out.body...), out.note...) {
		for _, u := range bareURL.FindAllString(p, -1) {
			addLink(strings.TrimRight(u, ".,;:!?)]}'\"»«“”„’"), "")
		}
	}
	return out
}

// bareURL finds web addresses written out in text (TimelineJS links them).
var bareURL = regexp.MustCompile(`https?://[^\s<>"]+`)

func hasClass(class, want string) bool {
	for _, c := range strings.Fields(class) {
		if c == want {
			return true
		}
	}
	return false
}

// cleanURL returns raw as a usable http(s) link: trimmed, a protocol-relative
// "//host/…" read as https, at most MaxURL bytes; ok is false otherwise.
func cleanURL(raw string) (string, bool) {
	u := strings.TrimSpace(raw)
	if strings.HasPrefix(u, "//") {
		u = "https:" + u
	}
	if u == "" || len(u) > MaxURL || hasControl(u) || strings.ContainsAny(u, " \t\n\r") {
		return "", false
	}
	if data.CheckURL(u) != nil {
		return "", false
	}
	if p, err := url.Parse(u); err != nil || p.User != nil {
		// user:password@host links are a phishing device, not a source.
		return "", false
	}
	return u, true
}

// normText is the plain-text form the TimelineJS reader produces and the
// writer's output reads back as: paragraphs separated by one blank line,
// lines inside a paragraph by one line break, runs of spaces collapsed,
// control characters dropped.
func normText(s string) string {
	var paras []string
	for _, p := range splitParagraphs(s) {
		if p = normParagraph(p); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}

// splitParagraphs cuts s at blank lines.
func splitParagraphs(s string) []string {
	lines := strings.Split(strings.ReplaceAll(s, "\r", "\n"), "\n")
	var out []string
	var cur []string
	for _, l := range lines {
		if strings.TrimSpace(cleanControls(l)) == "" {
			if len(cur) > 0 {
				out = append(out, strings.Join(cur, "\n"))
				cur = nil
			}
			continue
		}
		cur = append(cur, l)
	}
	if len(cur) > 0 {
		out = append(out, strings.Join(cur, "\n"))
	}
	return out
}

// normParagraph collapses whitespace in each line of p and drops empty lines.
func normParagraph(p string) string {
	var lines []string
	for _, l := range strings.Split(strings.ReplaceAll(p, "\r", "\n"), "\n") {
		if l = strings.Join(strings.Fields(cleanControls(l)), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// oneLine is s as a single line: all whitespace collapsed to single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(cleanControls(s)), " ") }

// cleanControls turns control characters (other than line breaks) into
// spaces, and drops the characters Unicode marks as not for text.
func cleanControls(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			return ' '
		case r == unicode.ReplacementChar || r == '\ufeff':
			return -1
		}
		return r
	}, s)
}

// htmlParagraphs writes text as HTML paragraphs (<p class="class"> when class
// is set), its line breaks as <br>, everything escaped.
func htmlParagraphs(b *strings.Builder, text, class string) {
	for _, p := range splitParagraphs(normText(text)) {
		b.WriteString("<p")
		if class != "" {
			b.WriteString(` class="` + class + `"`)
		}
		b.WriteString(">")
		for i, l := range strings.Split(p, "\n") {
			if i > 0 {
				b.WriteString("<br>")
			}
			b.WriteString(html.EscapeString(l))
		}
		b.WriteString("</p>")
	}
}
