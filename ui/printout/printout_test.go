package printout

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"aitimeline/data"
	"aitimeline/data/loader"
	"aitimeline/i18n"
)

var (
	dsOnce sync.Once
	dsVal  *data.Dataset
	dsErr  error
)

// dataset is the bundled dataset's TOML source, loaded once, in date order.
func dataset(t testing.TB) *data.Dataset {
	t.Helper()
	dsOnce.Do(func() {
		dsVal, dsErr = loader.Load(os.DirFS("../../assets/dataset"), ".")
		if dsErr == nil {
			data.SortEvents(dsVal.Events)
		}
	})
	if dsErr != nil {
		t.Fatal(dsErr)
	}
	return dsVal
}

// tourDoc is the hand-out of the dataset's tour id in lang.
func tourDoc(t testing.TB, id string, lang data.Lang) *HandoutDoc {
	ds := dataset(t)
	byID := map[string]data.Event{}
	for _, e := range ds.Events {
		byID[e.ID] = e
	}
	hd := &HandoutDoc{People: map[string]string{}, Orgs: map[string]string{}, DatasetVersion: ds.Meta.Version, AsOf: ds.Meta.AsOf,
		Notes: map[string]string{}}
	for _, p := range ds.People {
		hd.People[p.ID] = p.Name
	}
	for _, o := range ds.Organizations {
		hd.Orgs[o.ID] = o.Name
	}
	for _, tr := range ds.Tours {
		if tr.ID != id {
			continue
		}
		hd.Title, hd.Intro = tr.Title.In(lang), tr.Intro.In(lang)
		for _, e := range tr.Events {
			ev, ok := byID[e]
			if !ok {
				t.Fatalf("tour %s: no event %s", id, e)
			}
			hd.Events = append(hd.Events, ev)
		}
	}
	if len(hd.Events) == 0 {
		t.Fatalf("no tour %s", id)
	}
	return hd
}

// needTool skips the test when a poppler tool is missing.
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed (apt-get install poppler-utils): the PDF's text cannot be checked", name)
	}
}

// writePDF writes b to a temporary file, or to $PRINTOUT_KEEP/name when set
// (to look at the output).
func writePDF(t *testing.T, name string, b []byte) string {
	t.Helper()
	dir := t.TempDir()
	if keep := os.Getenv("PRINTOUT_KEEP"); keep != "" {
		dir = keep
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// pdfText is the PDF's text as pdftotext extracts it, page by page.
func pdfText(t *testing.T, path string, flags ...string) []string {
	t.Helper()
	needTool(t, "pdftotext")
	out, err := exec.Command("pdftotext", append(append([]string{"-enc", "UTF-8"}, flags...), path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// pdfInfo is pdfinfo's page count and first page size in points.
func pdfInfo(t *testing.T, path string) (pages int, w, h float64) {
	t.Helper()
	needTool(t, "pdfinfo")
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(out)
	s := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`).FindSubmatch(out)
	if m == nil || s == nil {
		t.Fatalf("pdfinfo output: %s", out)
	}
	pages, _ = strconv.Atoi(string(m[1]))
	w, _ = strconv.ParseFloat(string(s[1]), 64)
	h, _ = strconv.ParseFloat(string(s[2]), 64)
	return pages, w, h
}

// oneLine joins pdftotext's lines so that wrapped text can be searched.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestHandoutGerman(t *testing.T) {
	hd := tourDoc(t, "conflict-in-12-steps", data.DE)
	hd.Notes[hd.Events[1].ID] = "Fragen Sie: „Wer wollte die Kontrolle?“ – Größe, Maß, Übung."
	loc := i18n.Must(data.DE)
	var buf bytes.Buffer
	if err := WriteHandout(&buf, hd, loc, HandoutOptions{Paper: A4, TeacherNotes: true, Created: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, "handout-de.pdf", buf.Bytes())
	pages := pdfText(t, path)
	n, w, h := pdfInfo(t, path)
	if n != len(pages) || n < 4 {
		t.Fatalf("%d pages (%d in the text)", n, len(pages))
	}
	if int(w) != 595 || int(h) != 841 {
		t.Errorf("page size %.0f x %.0f, want A4 portrait", w, h)
	}
	all := oneLine(strings.Join(pages, "\n"))
	want := []string{
		"Der Konflikt in 12 Schritten", loc.T("classroom.as_of", "Date", loc.Date(hd.AsOf)), "Datensatz " + hd.DatasetVersion, "12 Ereignisse",
		"Die Ereignisse auf der Zeitleiste", "Legende",
		"„Wer wollte die Kontrolle?“ – Größe, Maß, Übung.", "Für den Unterricht",
		"Einordnung", "Personen", "Quellen",
		"11. Dezember 2015", // German date format
	}
	for _, e := range hd.Events {
		want = append(want, oneLine(e.Title.DE), loc.Date(e.Date), loc.T("status."+string(e.Status)))
	}
	for _, s := range want {
		if !strings.Contains(all, oneLine(s)) {
			t.Errorf("the PDF's text lacks %q", s)
		}
	}
	// Every source URL is listed in the endnotes (URLs may break across
	// lines at / ? & = - _ .).
	joined := strings.Join(strings.Fields(strings.Join(pages, "")), "")
	for _, e := range hd.Events {
		for _, s := range e.Sources {
			if !strings.Contains(joined, s.URL) {
				t.Errorf("source URL %s missing", s.URL)
			}
		}
	}
	// Page numbers on every page, with the real total.
	for i, p := range pages {
		if want := "Seite " + strconv.Itoa(i+1) + " von " + strconv.Itoa(n); !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
	}
	// German quotes around source titles, never the English ones.
	if !regexp.MustCompile(`: „[^“”]+“, \d+\. \S+ \d{4}`).MatchString(all) {
		t.Error("no source entry in the form Publisher: „Title“, 1. März 2024")
	}
	if strings.Contains(all, "“Musk") || strings.Contains(all, "Page ") {
		t.Error("English typography in the German hand-out")
	}
	// References [n] in the text point to the endnotes: numbered from 1 without gaps.
	last := pages[len(pages)-1]
	if !strings.Contains(last, "[1]") && !strings.Contains(all, "Quellen [1]") {
		t.Error("no numbered source list")
	}
}

func TestHandoutEnglishLetter(t *testing.T) {
	hd := tourDoc(t, "lawsuit-complaint-to-verdict", data.EN)
	loc := i18n.Must(data.EN)
	var buf bytes.Buffer
	if err := WriteHandout(&buf, hd, loc, HandoutOptions{Paper: Letter}); err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, "handout-en.pdf", buf.Bytes())
	pages := pdfText(t, path)
	n, w, h := pdfInfo(t, path)
	if int(w) != 612 || int(h) != 792 {
		t.Errorf("page size %.0f x %.0f, want Letter", w, h)
	}
	all := oneLine(strings.Join(pages, "\n"))
	for _, s := range []string{"The lawsuit from complaint to verdict", loc.T("classroom.as_of", "Date", loc.Date(hd.AsOf)), "February 29, 2024",
		"Page 1 of " + strconv.Itoa(n), "Each side's account", "Claim status"} {
		if !strings.Contains(all, s) {
			t.Errorf("the PDF's text lacks %q", s)
		}
	}
	if !regexp.MustCompile(`: “[^„”]+”, [A-Z][a-z]+ \d+, \d{4}`).MatchString(all) {
		t.Error("no source entry in the form Publisher: “Title”, March 1, 2024")
	}
}

// TestHandoutHostileText: characters the font lacks, control characters and
// characters outside the Basic Multilingual Plane neither crash the PDF
// writer nor vanish where they have a printable form.
func TestHandoutHostileText(t *testing.T) {
	e := data.Event{ID: "x", Date: data.MustDate("2024-03"), Category: data.CatLegal, Status: data.StDisputed,
		Title:   data.Text{EN: "Emoji 🙂 and \x00NUL\x1b[31m, ﬁne ligature, 漢字, tab\there"},
		Summary: data.Text{EN: strings.Repeat("Waytoolongwordwithoutanyspaces", 40) + "\n\nSecond paragraph."},
		People:  []data.EventPerson{{PersonID: "nobody", Role: data.Text{EN: "‮reversed"}}},
		Sources: []data.Source{{Publisher: "P", Title: "T", Date: "not a date", URL: "https://example.org/" + strings.Repeat("very-long-path/", 30)},
			{Publisher: "Bad", Title: "js", URL: "javascript:alert(1)"}},
		Accounts: []data.Account{{Party: "unknown-party", Text: data.Text{EN: "Claims."}}}}
	hd := &HandoutDoc{Title: "Hostile 🙂 \u202e", Events: []data.Event{e}}
	var buf bytes.Buffer
	if err := WriteHandout(&buf, hd, i18n.Must(data.EN), HandoutOptions{}); err != nil {
		t.Fatal(err)
	}
	all := oneLine(strings.Join(pdfText(t, writePDF(t, "hostile.pdf", buf.Bytes())), "\n"))
	for _, s := range []string{"Emoji and NUL[31m, ﬁne ligature, ??, tab here", "Second paragraph.", "nobody (reversed)", "unknown-party: Claims."} {
		if !strings.Contains(all, s) {
			t.Errorf("text lacks %q:\n%s", s, all)
		}
	}
	if strings.Contains(all, "javascript") {
		t.Error("a javascript: source was listed")
	}
}

func TestHandoutErrors(t *testing.T) {
	loc := i18n.Must(data.DE)
	var buf bytes.Buffer
	err := WriteHandout(&buf, &HandoutDoc{Title: "x"}, loc, HandoutOptions{})
	if e, ok := err.(*Error); !ok || e.ID != "classroom.err.no_events" {
		t.Errorf("no events: %v", err)
	}
	err = WriteHandout(&buf, tourDoc(t, "conflict-in-12-steps", data.DE), loc, HandoutOptions{Paper: A2})
	if e, ok := err.(*Error); !ok || e.ID != "classroom.err.paper" {
		t.Errorf("A2 hand-out: %v", err)
	}
	if buf.Len() != 0 {
		t.Error("a failed hand-out wrote bytes")
	}
	for _, id := range []string{"classroom.err.no_events", "classroom.err.paper", "classroom.err.sheets"} {
		if msg := loc.T(id, "Paper", "A2", "Allowed", "A4, Letter", "Max", 8); msg == id || strings.Contains(msg, "<no value>") {
			t.Errorf("%s: %q", id, msg)
		}
	}
}

// yearRe finds years in text.
var yearRe = regexp.MustCompile(`\b(19|20)\d\d\b`)

func TestWorksheet(t *testing.T) {
	hd := tourDoc(t, "conflict-in-12-steps", data.DE)
	loc := i18n.Must(data.DE)
	var a, b bytes.Buffer
	created := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	if err := WriteHandout(&a, hd, loc, HandoutOptions{Worksheet: true, Seed: 7, Created: created}); err != nil {
		t.Fatal(err)
	}
	if err := WriteHandout(&b, hd, loc, HandoutOptions{Worksheet: true, Seed: 7, Created: created}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same seed gave different worksheets")
	}
	pages := pdfText(t, writePDF(t, "worksheet-de.pdf", a.Bytes()))
	all := strings.Join(pages, "\f")
	key := strings.Index(all, "Lösung")
	if key < 0 {
		t.Fatal("no answer key")
	}
	if !strings.HasPrefix(strings.TrimSpace(pages[len(pages)-1]), "Lösung") && !strings.Contains(pages[len(pages)-1], "Lösung") {
		t.Error("the answer key is not on the last page")
	}
	before, after := all[:key], oneLine(all[key:])
	if y := yearRe.FindString(before); y != "" {
		i := strings.Index(before, y)
		t.Errorf("a year (%s) before the answer key: …%s…", y, before[max(0, i-80):min(len(before), i+40)])
	}
	for _, e := range hd.Events {
		if strings.Contains(oneLine(before), oneLine(loc.Date(e.Date))) {
			t.Errorf("date %s before the answer key", loc.Date(e.Date))
		}
		if !strings.Contains(after, oneLine(loc.Date(e.Date))) {
			t.Errorf("the answer key lacks %s", loc.Date(e.Date))
		}
	}
	for _, s := range []string{"Arbeitsblatt", "Name:", "Klasse:", "Jahr:", "Nr.:", "Bringen Sie diese 12 Ereignisse"} {
		if !strings.Contains(oneLine(before), s) {
			t.Errorf("worksheet lacks %q", s)
		}
	}
	// The events are shuffled: the letters in the key are not A, B, C … in order.
	layout := strings.Join(pdfText(t, writePDF(t, "worksheet-de.pdf", a.Bytes()), "-layout"), "\f")
	keyLines := regexp.MustCompile(`(?m)^\s*(\d+)\.\s+([A-Z]+)\s`).FindAllStringSubmatch(layout[strings.Index(layout, "Lösung"):], -1)
	if len(keyLines) != len(hd.Events) {
		t.Fatalf("answer key has %d lines: %q", len(keyLines), layout)
	}
	inOrder := true
	for i, m := range keyLines {
		if m[2] != letter(i) {
			inOrder = false
		}
	}
	if inOrder {
		t.Error("the worksheet is in date order")
	}
	// Another seed, another order.
	var c bytes.Buffer
	if err := WriteHandout(&c, hd, loc, HandoutOptions{Worksheet: true, Seed: 8, Created: created}); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("seeds 7 and 8 gave the same worksheet")
	}
}

func TestLetters(t *testing.T) {
	for k, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"} {
		if got := letter(k); got != want {
			t.Errorf("letter(%d) = %s, want %s", k, got, want)
		}
	}
}

func TestBlankYears(t *testing.T) {
	for in, want := range map[string]string{
		"Am 11. Dezember 2015 gegründet":  "Am 11. Dezember ____ gegründet",
		"2015–2018, GPT-4, 10 GW, 2024er": "____–____, GPT-4, 10 GW, 2024er",
		"CGC-24-612746 and $6.6 billion":  "CGC-24-612746 and $6.6 billion",
	} {
		if got := blankYears(in); got != want {
			t.Errorf("blankYears(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBreakURL(t *testing.T) {
	fs, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	d, err := newDoc(i18n.Must(data.EN), 595, 842, "x", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	_ = fs
	d.font("", 8.5)
	u := "https://www.courthousenews.com/wp-content/uploads/2024/02/musk-v-altman-openai-complaint-sf.pdf?query=1&x=" + strings.Repeat("y", 200)
	lines := breakURL(d, u, 200)
	if strings.Join(lines, "") != u {
		t.Fatalf("lines do not join to the URL: %q", lines)
	}
	for _, l := range lines {
		if w := d.GetStringWidth(l); w > 200 {
			t.Errorf("line %q is %.0f wide", l, w)
		}
	}
	if !strings.HasSuffix(lines[0], "/") && !strings.HasPrefix(lines[1], "-") && !strings.HasSuffix(lines[0], ".") {
		t.Errorf("first line %q not broken at a separator", lines[0])
	}
}

// TestStopsGraphic checks the hand-out's timeline graphic for every tour in
// both languages and on both papers, and for crowds: every stop placed, no
// two labels of a row overlapping, no leader crossing a label's text.
func TestStopsGraphic(t *testing.T) {
	ds := dataset(t)
	var docs []*HandoutDoc
	for _, tr := range ds.Tours {
		for _, lang := range data.Langs {
			docs = append(docs, tourDoc(t, tr.ID, lang))
		}
	}
	crowd := &HandoutDoc{Title: "crowd"}
	for i := range 30 { // thirty events on one day, then a spread
		e := ds.Events[100]
		if i >= 20 {
			e = ds.Events[100+i*3]
		}
		crowd.Events = append(crowd.Events, e)
	}
	docs = append(docs, crowd)
	titled := 0
	for _, hd := range docs {
		for _, width := range []float64{595.28 - 2*hoMargin, 612 - 2*hoMargin} {
			d, err := newDoc(i18n.Must(data.DE), 595, 842, "x", time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			h := &handout{doc: d, hd: hd, lang: data.DE}
			g := h.stopsGraphic(width)
			type span struct{ a, b float64 }
			texts := map[int][]span{}
			for _, it := range g.items {
				if !it.placed {
					t.Fatalf("%s: stop %d not placed", hd.Title, it.n)
				}
				a := it.x + stMarker/2 + 2
				if it.left {
					a = it.x - stMarker/2 - 3 - it.w
				}
				texts[it.row] = append(texts[it.row], span{a, a + it.w})
				if it.title != "" {
					titled++
				}
			}
			if hd == crowd {
				continue // a crowd on one day may overlap in the top row, by design
			}
			for r, ss := range texts {
				for i := range ss {
					for j := range i {
						if ss[i].a < ss[j].b && ss[j].a < ss[i].b {
							t.Errorf("%s (%.0f): labels overlap in row %d", hd.Title, width, r)
						}
					}
				}
			}
			for _, it := range g.items {
				for r := 0; r < it.row; r++ {
					for _, s := range texts[r] {
						if it.x > s.a && it.x < s.b {
							t.Errorf("%s (%.0f): the leader of stop %d crosses a label in row %d", hd.Title, width, it.n, r)
						}
					}
				}
			}
		}
	}
	if titled < 100 {
		t.Errorf("only %d labels with a title", titled)
	}
}

// TestEmbeddedFonts: the text is set in embedded TrueType fonts with a
// Unicode map (so that it prints anywhere, and copies and searches as
// text), never in a PDF core font (which has no umlaut-safe encoding here).
func TestEmbeddedFonts(t *testing.T) {
	needTool(t, "pdffonts")
	var buf bytes.Buffer
	if err := WriteHandout(&buf, tourDoc(t, "conflict-in-12-steps", data.DE), i18n.Must(data.DE), HandoutOptions{}); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdffonts", writePDF(t, "fonts.pdf", buf.Bytes())).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
	names := map[string]bool{}
	for _, l := range lines {
		f := strings.Fields(l)
		names[f[0]] = true
		if len(f) < 7 || f[1] != "CID" || f[2] != "TrueType" || f[4] != "yes" || f[6] != "yes" {
			t.Errorf("font not embedded with a Unicode map: %s", l)
		}
	}
	for _, want := range []string{"utf8noto", "utf8notoB", "utf8notoI"} {
		if !names[want] {
			t.Errorf("no font %s in %v", want, names)
		}
	}
	if len(names) != 3 {
		t.Errorf("fonts %v, want regular, bold and italic only", names)
	}
}

// TestBreakURLAtSeparators breaks the dataset's longest web addresses (a
// 250-character slug of hyphenated words, tracking parameters, %-escapes)
// at the endnotes' width and at a narrow one: every line but the last ends
// after / ? & = _ . ; , + # or before a hyphen or a %-escape, never inside
// a word, "//" or a %-escape; the lines join to the address and fit.
func TestBreakURLAtSeparators(t *testing.T) {
	d, err := newDoc(i18n.Must(data.EN), 595, 842, "x", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	d.font("", 8.5)
	var urls []string
	seen := map[string]bool{}
	for _, e := range dataset(t).Events {
		for _, s := range e.Sources {
			if len(s.URL) > 150 && !seen[s.URL] {
				seen[s.URL] = true
				urls = append(urls, s.URL)
			}
		}
	}
	const slug = "https://intelligence-artificielle.developpez.com/actu/365786/Meta-de-Mark-Zuckerberg-demande-au-procureur-general-de-Californie-de-bloquer-le-projet-de-transformation-d-OpenAI-en-societe-a-but-lucratif-car-cela-creerait-un-dangereux-precedent-injuste/"
	if !seen[slug] || len(urls) < 5 {
		t.Fatalf("the dataset's long addresses: %d, the long slug among them: %v", len(urls), seen[slug])
	}
	good := func(line, next string) bool {
		if !strings.ContainsAny(line[len(line)/4:], "/?&=_.;,+#-%") {
			return true // a token with no place to break (a tracking ID), cut where the line is full
		}
		if strings.HasSuffix(line, "//") && !strings.HasPrefix(next, "/") {
			return true
		}
		if strings.HasSuffix(line, "/") && strings.HasPrefix(next, "/") || strings.HasSuffix(line, ":") {
			return false
		}
		if l := len(line); l >= 1 && line[l-1] == '%' || l >= 2 && line[l-2] == '%' {
			return false
		}
		return strings.ContainsAny(line[len(line)-1:], "/?&=_.;,+#") ||
			(strings.HasPrefix(next, "-") || strings.HasPrefix(next, "%")) && !strings.HasSuffix(line, "-")
	}
	// In a hand-out's endnotes, as a reader (and pdftotext) sees them.
	var evs []data.Event
	for _, e := range dataset(t).Events {
		for _, s := range e.Sources {
			if seen[s.URL] {
				evs = append(evs, e)
				break
			}
		}
	}
	var buf bytes.Buffer
	if err := WriteHandout(&buf, &HandoutDoc{Title: "Long addresses", Events: evs}, i18n.Must(data.EN), HandoutOptions{}); err != nil {
		t.Fatal(err)
	}
	text := strings.Split(strings.Join(pdfText(t, writePDF(t, "long-urls.pdf", buf.Bytes()), "-layout"), "\n"), "\n")
	found := false
	for k, l := range text {
		if strings.TrimSpace(l) != "https://intelligence-artificielle.developpez.com/" && !strings.HasPrefix(strings.TrimSpace(l), "https://intelligence-artificielle") {
			continue
		}
		var lines []string
		for j := k; j < len(text) && len(strings.Join(lines, "")) < len(slug); j++ {
			lines = append(lines, strings.TrimSpace(text[j]))
		}
		if strings.Join(lines, "") != slug {
			t.Fatalf("the hand-out's endnote shows the address as %q", lines)
		}
		for j := 0; j+1 < len(lines); j++ {
			if !good(lines[j], lines[j+1]) {
				t.Errorf("the hand-out breaks the address inside a word: %q | %q", lines[j], lines[j+1])
			}
		}
		found = true
		break
	}
	if !found {
		t.Errorf("the hand-out's endnotes lack %s", slug)
	}
	for _, w := range []float64{200, 595 - 2*hoMargin - 28 - 2} {
		for _, u := range urls {
			lines := breakURL(d, u, w)
			if strings.Join(lines, "") != u {
				t.Fatalf("lines do not join to the URL: %q", lines)
			}
			for k, l := range lines {
				if lw := d.GetStringWidth(l); lw > w {
					t.Errorf("line %q is %.0f wide (at most %.0f)", l, lw, w)
				}
				if k+1 < len(lines) && !good(l, lines[k+1]) {
					t.Errorf("at %.0f pt, %s breaks inside a word: %q | %q", w, u, l, lines[k+1])
				}
			}
		}
	}
}
