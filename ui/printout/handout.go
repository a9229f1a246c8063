package printout

import (
	"fmt"
	"image/color"
	"io"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"time"

	"aitimeline/data"
	"aitimeline/i18n"
)

// HandoutDoc is what a hand-out shows: a tour's stops, or the events of a
// date range, with the names their IDs refer to.
type HandoutDoc struct {
	Title, Intro   string            // in the printout's language; Intro may be empty
	Events         []data.Event      // in the order to print (a tour's stops, or date order), with sources and people
	Notes          map[string]string // the teacher's note per event ID, in the printout's language; optional
	People, Orgs   map[string]string // person and organisation ID → name
	DatasetVersion string
	AsOf           data.Date // the dataset's "facts as of" date
}

// HandoutOptions choose paper and kind of a hand-out.
type HandoutOptions struct {
	Paper Paper // A4 (the default) or Letter
	// Worksheet prints the events shuffled and without dates, with lines
	// for the year and the position, and an answer key on the last page.
	Worksheet bool
	Seed      int64     // the worksheet's shuffle: the same seed, the same order
	Created   time.Time // the PDF's creation date; zero means now
	// TeacherNotes prints the teacher's note for each stop (HandoutDoc.Notes).
	// Off by default: a hand-out goes to students.
	TeacherNotes bool
}

// Layout of a hand-out page, in points.
const (
	hoMargin   = 20 * mm
	hoBottom   = 24 * mm // room for the footer
	hoBody     = 10.5    // body text size
	hoLine     = 14.5    // body line height
	hoSmall    = 9
	hoSmallL   = 12.2
	hoMarkerPt = 10
)

// WriteHandout writes a hand-out (or, with opt.Worksheet, a worksheet) as
// PDF to w in loc's language. Errors are *Error (no events, unsupported
// paper), font errors, or w's.
func WriteHandout(w io.Writer, hd *HandoutDoc, loc *i18n.Localizer, opt HandoutOptions) error {
	pw, ph, ok := opt.Paper.size()
	if !ok || (opt.Paper != "" && opt.Paper != A4 && opt.Paper != Letter) {
		return errPaper(opt.Paper, "A4, Letter")
	}
	if len(hd.Events) == 0 {
		return errNoEvents()
	}
	d, err := newDoc(loc, pw, ph, hd.Title, opt.Created)
	if err != nil {
		return err
	}
	d.SetMargins(hoMargin, hoMargin, hoMargin)
	d.SetAutoPageBreak(true, hoBottom)
	h := &handout{doc: d, hd: hd, notes: opt.TeacherNotes, lang: loc.Lang(), refs: map[string]int{}}
	if opt.Worksheet {
		h.worksheet(opt.Seed)
	} else {
		h.handout()
	}
	title := hd.Title
	if opt.Worksheet {
		title = blankYears(title)
	}
	h.footers(title)
	if err := d.Error(); err != nil {
		return err
	}
	return d.Output(w)
}

type handout struct {
	*doc
	hd      *HandoutDoc
	notes   bool // print the teacher's notes (HandoutOptions.TeacherNotes)
	lang    data.Lang
	refs    map[string]int // source URL → its number in the endnotes
	sources []data.Source  // by number - 1
	links   []int          // fpdf link IDs by number - 1
}

// width is the text width of the page.
func (h *handout) width() float64 {
	w, _ := h.GetPageSize()
	return w - 2*hoMargin
}

// room reports whether need points fit above the bottom margin.
func (h *handout) room(need float64) bool {
	_, ph := h.GetPageSize()
	return h.GetY()+need <= ph-hoBottom
}

// para writes a paragraph of text (line breaks kept) across the text width.
func (h *handout) para(text, style string, size, line float64, col color.NRGBA) {
	h.font(style, size)
	h.textColor(col)
	left, _, _, _ := h.GetMargins()
	h.SetX(left)
	h.MultiCell(0, line, h.fs.clean(strings.TrimSpace(text), true), "", "L", false)
}

// labelled writes "Label: text" as one flowing paragraph, the label bold.
func (h *handout) labelled(label, text string, size, line float64) {
	h.SetX(hoMargin)
	h.font("B", size)
	h.textColor(ink)
	h.Write(line, h.clean(label)+": ")
	h.font("", size)
	h.Write(line, h.clean(text))
	h.Ln(line)
}

// ref is the endnote number of source s, numbering sources in the order
// they are first cited; sources without an http(s) URL get none.
func (h *handout) ref(s data.Source) int {
	u := strings.TrimSpace(s.URL)
	if data.CheckURL(u) != nil {
		return 0
	}
	if n, ok := h.refs[u]; ok {
		return n
	}
	h.sources = append(h.sources, s)
	h.links = append(h.links, h.AddLink())
	h.refs[u] = len(h.sources)
	return len(h.sources)
}

// writeRefs writes "[1] [2]" linked to the endnotes.
func (h *handout) writeRefs(sources []data.Source, line float64) {
	first := true
	for _, s := range sources {
		n := h.ref(s)
		if n == 0 {
			continue
		}
		if !first {
			h.Write(line, " ")
		}
		first = false
		h.WriteLinkID(line, fmt.Sprintf("[%d]", n), h.links[n-1])
	}
}

func (h *handout) text(t data.Text) string { return strings.TrimSpace(t.In(h.lang)) }

func (h *handout) name(id string) string {
	if n := h.hd.People[id]; n != "" {
		return n
	}
	if n := h.hd.Orgs[id]; n != "" {
		return n
	}
	return id
}

// handout writes the title page with the timeline graphic, one section per
// event, and the source list.
func (h *handout) handout() {
	loc := h.loc
	h.AddPage()
	meta := metaLine(loc, h.hd.DatasetVersion, h.hd.AsOf)
	if meta != "" {
		meta += " · "
	}
	h.titleBlock(meta + loc.N("events.count", len(h.hd.Events)))
	if h.hd.Intro != "" {
		h.para(h.hd.Intro, "", 11.5, 16, ink)
	}
	h.Ln(14)
	h.font("B", 12)
	h.textColor(ink)
	h.SetX(hoMargin)
	h.CellFormat(0, 16, h.clean(loc.T("classroom.handout.timeline")), "", 1, "L", false, 0, "")
	h.Ln(4)
	g := h.stopsGraphic(h.width())
	if !h.room(g.height + 60) {
		h.AddPage()
	}
	y := h.GetY()
	h.drawStops(g, hoMargin, y)
	h.SetY(y + g.height + 10)
	h.legend(h.hd.Events, hoMargin, h.width())
	h.Ln(12)
	// The events follow on the same page when there is room: a class set
	// of hand-outs is paper enough.
	for i, e := range h.hd.Events {
		h.event(i+1, e)
	}
	h.endnotes()
}

// titleBlock writes the app's name, the title and the line under it.
func (h *handout) titleBlock(meta string) {
	h.font("B", 9)
	h.textColor(muted)
	h.SetX(hoMargin)
	h.CellFormat(0, 12, h.clean(h.loc.T("app.name")), "", 1, "L", false, 0, "")
	h.Ln(2)
	h.para(h.hd.Title, "B", 22, 27, ink)
	h.Ln(2)
	if meta != "" {
		h.para(meta, "", hoSmall, hoSmallL, muted)
	}
	h.Ln(10)
}

// event writes one event's section.
func (h *handout) event(n int, e data.Event) {
	loc := h.loc
	if !h.room(110) { // keep a heading with the start of its text
		h.AddPage()
	}
	h.Ln(6)
	y := h.GetY()
	h.marker(hoMargin+hoMarkerPt/2, y+9, hoMarkerPt, e.Category, e.Status)
	h.SetLeftMargin(hoMargin + hoMarkerPt + 6)
	h.SetX(hoMargin + hoMarkerPt + 6)
	h.font("B", 13)
	h.textColor(ink)
	h.MultiCell(0, 17, h.fs.clean(fmt.Sprintf("%d  %s", n, h.text(e.Title)), false), "", "L", false)
	h.font("", hoSmall)
	h.textColor(muted)
	h.SetX(hoMargin + hoMarkerPt + 6)
	h.MultiCell(0, hoSmallL, h.clean(nbsp(loc.DateRange(e.Date, e.End))+" · "+loc.T("category."+string(e.Category))), "", "L", false)
	h.SetLeftMargin(hoMargin)
	h.Ln(3)
	h.para(h.text(e.Summary), "", hoBody, hoLine, ink)
	if note := h.text(e.Note); note != "" {
		h.Ln(2)
		h.para(loc.T("detail.note")+": "+note, "I", hoSmall, hoSmallL, muted)
	}
	if note := strings.TrimSpace(h.hd.Notes[e.ID]); note != "" && h.notes {
		h.Ln(3)
		y := h.GetY()
		h.SetLeftMargin(hoMargin + 10)
		h.para(loc.T("classroom.handout.teacher_note")+": "+note, "I", hoBody, hoLine, ink)
		h.SetLeftMargin(hoMargin)
		h.fillColor(timelineAccent)
		if h.GetY() > y {
			h.Rect(hoMargin, y+2, 2.5, h.GetY()-y-2, "F")
		}
	}
	h.Ln(4)
	if len(e.People) > 0 {
		var ps []string
		for _, p := range e.People {
			ps = append(ps, withRole(h.name(p.PersonID), h.text(p.Role)))
		}
		h.labelled(loc.T("detail.people"), strings.Join(ps, ", "), hoSmall+0.5, hoSmallL+0.5)
	}
	if len(e.Organizations) > 0 {
		var os []string
		for _, o := range e.Organizations {
			os = append(os, h.name(o))
		}
		h.labelled(loc.T("detail.organizations"), strings.Join(os, ", "), hoSmall+0.5, hoSmallL+0.5)
	}
	h.labelled(loc.T("detail.status"), loc.T("status."+string(e.Status))+" – "+loc.T("status_help."+string(e.Status)), hoSmall+0.5, hoSmallL+0.5)
	if len(e.Accounts) > 0 {
		h.Ln(3)
		h.font("B", hoSmall+0.5)
		h.textColor(ink)
		h.SetX(hoMargin)
		h.CellFormat(0, hoSmallL+0.5, h.clean(loc.T("detail.accounts")), "", 1, "L", false, 0, "")
		for _, a := range e.Accounts {
			h.SetLeftMargin(hoMargin + 12)
			h.SetX(hoMargin + 12)
			h.font("B", hoSmall+0.5)
			h.Write(hoSmallL+0.5, h.clean(h.name(a.Party))+": ")
			h.font("", hoSmall+0.5)
			h.Write(hoSmallL+0.5, h.clean(h.text(a.Text))+" ")
			h.writeRefs(a.Sources, hoSmallL+0.5)
			h.Ln(hoSmallL + 2)
			h.SetLeftMargin(hoMargin)
		}
	}
	if len(e.Sources) > 0 {
		h.SetX(hoMargin)
		h.font("B", hoSmall+0.5)
		h.textColor(ink)
		h.Write(hoSmallL+0.5, h.clean(loc.T("detail.sources"))+": ")
		h.font("", hoSmall+0.5)
		h.writeRefs(e.Sources, hoSmallL+0.5)
		h.Ln(hoSmallL + 0.5)
	}
	h.Ln(6)
	h.drawColor(faint)
	h.SetLineWidth(0.4)
	h.Line(hoMargin, h.GetY(), hoMargin+h.width(), h.GetY())
	h.Ln(4)
}

// withRole is a person's name with their role in an event: "Name (role)",
// or "Name – role" when the role has brackets of its own ("CEO of OpenAI
// (removed)"), which would otherwise nest.
func withRole(name, role string) string {
	switch {
	case role == "":
		return name
	case strings.ContainsAny(role, "()[]"):
		return name + " – " + role
	}
	return name + " (" + role + ")"
}

// timelineAccent marks the teacher's notes.
var timelineAccent = color.NRGBA{0x00, 0x72, 0xB2, 0xff}

// endnotes writes the numbered source list, each entry the target of its
// references.
func (h *handout) endnotes() {
	loc := h.loc
	if len(h.sources) == 0 {
		return
	}
	h.AddPage()
	h.font("B", 15)
	h.textColor(ink)
	h.SetX(hoMargin)
	h.CellFormat(0, 20, h.clean(loc.T("detail.sources")), "", 1, "L", false, 0, "")
	h.Ln(6)
	numW := 28.0
	for i, s := range h.sources {
		if !h.room(3 * hoSmallL) {
			h.AddPage()
		}
		h.SetLink(h.links[i], h.GetY(), h.PageNo())
		y := h.GetY()
		h.font("", hoSmall)
		h.textColor(ink)
		h.SetXY(hoMargin, y)
		h.CellFormat(numW, hoSmallL, fmt.Sprintf("[%d]", i+1), "", 0, "L", false, 0, "")
		h.SetLeftMargin(hoMargin + numW)
		h.SetXY(hoMargin+numW, y)
		date := s.Date
		if d, err := data.ParseDate(s.Date); err == nil {
			date = nbsp(loc.Date(d))
		}
		entry := loc.T("classroom.source_entry", "Publisher", s.Publisher, "Title", s.Title, "Date", date)
		if lang := strings.ToLower(strings.TrimSpace(s.Language)); lang != "" && lang != string(h.lang) {
			entry += " " + loc.T("classroom.source_language", "Language", languageName(loc, lang))
		}
		h.MultiCell(0, hoSmallL, h.clean(entry), "", "L", false)
		h.urlLines(strings.TrimSpace(s.URL), hoMargin+numW)
		h.SetLeftMargin(hoMargin)
		h.Ln(3)
	}
}

// languageName is how a source's language is written after its entry in
// the printout's language ("englisch", "German"); a language without a
// name there is given by its code.
func languageName(loc *i18n.Localizer, code string) string {
	for _, id := range []string{"classroom.lang." + code, "language." + code} {
		if loc.Has(id) {
			return loc.T(id)
		}
	}
	return code
}

// urlLines writes a web address as linked lines, broken where a reader
// expects a web address to break (see urlCut), so that it reads whole.
func (h *handout) urlLines(u string, x float64) {
	h.font("", 8.5)
	h.textColor(muted)
	w := h.width() - (x - hoMargin)
	u = h.clean(u)
	for _, line := range breakURL(h.doc, u, w-2) {
		h.SetX(x)
		h.CellFormat(h.GetStringWidth(line)+1, 11, line, "", 1, "L", false, 0, u)
	}
}

// breakURL cuts u into lines of at most w points, at the last place urlCut
// allows on each line; only a stretch with no such place in the line's
// last three quarters is cut inside (and never after a hyphen).
func breakURL(d *doc, u string, w float64) []string {
	var lines []string
	for u != "" {
		if d.GetStringWidth(u) <= w {
			lines = append(lines, u)
			break
		}
		r := []rune(u)
		fit := 1
		for fit < len(r) && d.GetStringWidth(string(r[:fit+1])) <= w {
			fit++
		}
		cut := fit
		for i := fit; i > fit/4; i-- {
			if urlCut(r, i) {
				cut = i
				break
			}
		}
		for cut > 1 && r[cut-1] == '-' {
			cut--
		}
		lines = append(lines, string(r[:cut]))
		u = string(r[cut:])
	}
	return lines
}

// urlCut reports whether a web address r may break before r[i]: after
// / ? & = _ . ; , + # (a line that ends in one of them reads as
// unfinished), or before a hyphen or a %-escape ("…-mark-zuckerberg" as
// "…-mark" and "-zuckerberg": a hyphen at a line's end reads as a
// hyphenated word, and text extraction drops it); never inside "//" or
// "://", nor inside a %-escape.
func urlCut(r []rune, i int) bool {
	if i <= 0 || i >= len(r) {
		return false
	}
	a, b := r[i-1], r[i]
	switch {
	case a == '/' && b == '/', a == ':' && b == '/':
		return false
	case i >= 2 && r[i-2] == '%', a == '%':
		return false // inside %XX
	case b == '-' || b == '%':
		return a != '-'
	}
	return strings.ContainsRune("/?&=_.;,+#", a)
}

// footers writes "Page n of m" and the title on every page, once the page
// count is known.
func (h *handout) footers(title string) {
	n := h.PageCount()
	pw, ph := h.GetPageSize()
	h.SetAutoPageBreak(false, 0)
	title = h.clean(title)
	for p := 1; p <= n; p++ {
		h.SetPage(p)
		h.drawColor(faint)
		h.SetLineWidth(0.4)
		y := ph - hoBottom + 14
		h.Line(hoMargin, y, pw-hoMargin, y)
		h.font("", 8)
		h.textColor(muted)
		page := h.clean(h.loc.T("classroom.page", "Page", p, "Total", n))
		pwid := h.GetStringWidth(page)
		h.SetXY(hoMargin, y+4)
		h.CellFormat(pw-2*hoMargin-pwid-12, 10, h.fit(title, pw-2*hoMargin-pwid-16), "", 0, "L", false, 0, "")
		h.SetXY(pw-hoMargin-pwid-2, y+4)
		h.CellFormat(pwid+2, 10, page, "", 0, "R", false, 0, "")
	}
}

// nbsp keeps a date on one line: its spaces become no-break spaces.
func nbsp(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") }

// years finds the years a worksheet must not give away.
var years = regexp.MustCompile(`\b(1[89]\d\d|2[01]\d\d)\b`)

// blankYears replaces years in s with a gap.
func blankYears(s string) string { return years.ReplaceAllString(s, "____") }

// worksheet writes the events shuffled, without dates and sources, with
// lines for the year and the position, and the answer key on the last page.
func (h *handout) worksheet(seed int64) {
	loc := h.loc
	evs := h.hd.Events
	n := len(evs)
	chrono := make([]int, n) // positions of the events in date order
	for i := range chrono {
		chrono[i] = i
	}
	slices.SortStableFunc(chrono, func(a, b int) int { return evs[a].Date.Time().Compare(evs[b].Date.Time()) })
	rank := make([]int, n) // event → its place in date order, from 1
	for p, i := range chrono {
		rank[i] = p + 1
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x61692d74696d656c)) // deterministic for a seed
	order := rng.Perm(n)
	for try := 0; try < 8 && n > 2 && inDateOrder(order, rank); try++ {
		order = rng.Perm(n) // a shuffle that happens to be the answer is no task
	}

	h.AddPage()
	h.font("B", 9)
	h.textColor(muted)
	h.SetX(hoMargin)
	h.CellFormat(0, 12, h.clean(loc.T("classroom.worksheet.kind")), "", 1, "L", false, 0, "")
	h.para(blankYears(h.hd.Title), "B", 20, 25, ink)
	h.Ln(8)
	// Name, class and date lines.
	h.font("", hoBody)
	h.textColor(ink)
	x := hoMargin
	w := h.width()
	for _, f := range []struct {
		id   string
		frac float64
	}{{"classroom.worksheet.name", 0.46}, {"classroom.worksheet.class", 0.22}, {"classroom.worksheet.date", 0.32}} {
		label := h.clean(loc.T(f.id)) + ":"
		lw := h.GetStringWidth(label) + 4
		y := h.GetY()
		h.SetXY(x, y)
		h.CellFormat(lw, 16, label, "", 0, "L", false, 0, "")
		h.drawColor(muted)
		h.SetLineWidth(0.5)
		h.Line(x+lw, y+13, x+w*f.frac-10, y+13)
		x += w * f.frac
	}
	h.Ln(26)
	h.para(loc.N("classroom.worksheet.task", n), "", hoBody+0.5, hoLine+1, ink)
	h.Ln(8)

	for k, i := range order {
		h.worksheetEvent(letter(k), evs[i])
	}

	// The answer key: the last page, the only one with dates.
	h.AddPage()
	h.font("B", 15)
	h.textColor(ink)
	h.SetX(hoMargin)
	h.CellFormat(0, 20, h.clean(loc.T("classroom.worksheet.key")), "", 1, "L", false, 0, "")
	h.para(loc.T("classroom.worksheet.key_intro"), "", hoSmall, hoSmallL, muted)
	h.Ln(6)
	letterOf := make([]string, n)
	for k, i := range order {
		letterOf[i] = letter(k)
	}
	for p, i := range chrono {
		if !h.room(hoLine) {
			h.AddPage()
		}
		y := h.GetY()
		h.font("B", hoBody)
		h.SetXY(hoMargin, y)
		h.CellFormat(26, hoLine, fmt.Sprintf("%d.", p+1), "", 0, "R", false, 0, "")
		h.CellFormat(30, hoLine, letterOf[i], "", 0, "C", false, 0, "")
		h.font("", hoBody)
		h.CellFormat(120, hoLine, h.clean(loc.Date(evs[i].Date)), "", 0, "L", false, 0, "")
		h.SetLeftMargin(hoMargin + 176)
		h.MultiCell(0, hoLine, h.clean(h.text(evs[i].Title)), "", "L", false)
		h.SetLeftMargin(hoMargin)
	}
	h.Ln(10)
	h.para(metaLine(loc, h.hd.DatasetVersion, h.hd.AsOf), "", hoSmall, hoSmallL, muted)
}

func inDateOrder(order, rank []int) bool {
	for k := 1; k < len(order); k++ {
		if rank[order[k]] < rank[order[k-1]] {
			return false
		}
	}
	return true
}

// letter names a worksheet event: A … Z, then AA, AB ….
func letter(k int) string {
	s := ""
	for k++; k > 0; k = (k - 1) / 26 {
		s = string(rune('A'+(k-1)%26)) + s
	}
	return s
}

// Worksheet items: the lines to write in stand beside the title, in a
// column of wsAnswerW points at the right, so that an item takes no more
// height than its text.
const (
	wsAnswerW = 118
	wsAnswerL = 15 // the height of one write-in line
	wsBody    = 10
	wsLine    = 13.2
)

// worksheetEvent writes one shuffled event: its letter, title and summary
// with the years blanked, its people, and beside the title the lines for
// the year and position.
func (h *handout) worksheetEvent(l string, e data.Event) {
	loc := h.loc
	if !h.room(72) {
		h.AddPage()
	}
	h.Ln(3)
	y := h.GetY()
	// The letter in a circle.
	h.drawColor(ink)
	h.SetLineWidth(0.8)
	h.Circle(hoMargin+9, y+9, 9, "D")
	h.font("B", 10)
	h.textColor(ink)
	h.SetXY(hoMargin, y+3)
	h.CellFormat(18, 12, l, "", 0, "C", false, 0, "")
	// Year and position, beside the title.
	right := hoMargin + h.width()
	h.font("B", hoBody)
	for k, id := range []string{"classroom.worksheet.year", "classroom.worksheet.position"} {
		label := h.clean(loc.T(id)) + ":"
		lw := h.GetStringWidth(label) + 4
		x, yl := right-wsAnswerW, y+1+float64(k)*(wsAnswerL+4)
		h.SetXY(x, yl)
		h.CellFormat(lw, wsAnswerL, label, "", 0, "L", false, 0, "")
		h.drawColor(muted)
		h.SetLineWidth(0.5)
		h.Line(x+lw, yl+wsAnswerL-3, right, yl+wsAnswerL-3)
	}
	answersEnd := y + 1 + 2*wsAnswerL + 5
	h.SetLeftMargin(hoMargin + 26)
	h.SetRightMargin(hoMargin + wsAnswerW + 12)
	h.SetXY(hoMargin+26, y+1)
	h.font("B", 12)
	h.textColor(ink)
	h.MultiCell(0, 15, h.clean(blankYears(h.text(e.Title))), "", "L", false)
	h.SetRightMargin(hoMargin)
	h.Ln(1)
	h.SetY(max(h.GetY(), answersEnd)) // the summary runs under the write-in lines
	h.SetX(hoMargin + 26)
	h.font("", wsBody)
	h.MultiCell(0, wsLine, h.fs.clean(blankYears(h.text(e.Summary)), true), "", "L", false)
	if len(e.People) > 0 {
		var ps []string
		for _, p := range e.People {
			ps = append(ps, withRole(h.name(p.PersonID), blankYears(h.text(p.Role))))
		}
		h.SetX(hoMargin + 26)
		h.font("B", hoSmall)
		h.Write(hoSmallL, h.clean(loc.T("detail.people"))+": ")
		h.font("", hoSmall)
		h.Write(hoSmallL, h.clean(strings.Join(ps, ", ")))
		h.Ln(hoSmallL)
	}
	h.SetLeftMargin(hoMargin)
	h.Ln(3)
	h.drawColor(faint)
	h.SetLineWidth(0.4)
	h.Line(hoMargin, h.GetY(), hoMargin+h.width(), h.GetY())
	h.Ln(2)
}
