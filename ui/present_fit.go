package ui

import (
	"strings"

	"fyne.io/fyne/v2"
)

// Text fitting for the presentation: a slide is a column of rows, a row
// holds columns side by side (the two sides' accounts, the people), a
// column holds paragraphs of styled runs. fitSlide wraps the text with a
// measure function and picks the largest sizes at which it fits: the body
// shrinks first, down to its legible floor, then the title, then both.
// It is pure (no Fyne objects), so it is tested with any measure function;
// the slide draws exactly the lines it returns, so what was measured is
// what is shown and nothing is cut or clipped.

// measureFunc measures one line of text (fyne.MeasureText in the app).
type measureFunc func(text string, size float32, style fyne.TextStyle) fyne.Size

// fitRole says which of the two sizes a paragraph uses.
type fitRole uint8

const (
	fitBody fitRole = iota
	fitTitle
)

type fitRun struct {
	Text  string
	Style fyne.TextStyle
}

type fitPara struct {
	Runs   []fitRun
	Role   fitRole
	Before float32 // space before the paragraph (not at a column's top), in multiples of its size
}

// fitCol is a column of a row; Icon is the width of an icon before the
// text (an avatar, a status marker) in multiples of the body size, 0 for none.
type fitCol struct {
	Icon  float32
	Paras []fitPara
}

type fitRow struct {
	Cols   []fitCol
	Before float32 // space before the row (not the first), in multiples of the body size
	Right  float32 // room kept free at the row's right, in pixels (the stop counter)
}

// fitSizes are the two text sizes of a slide, in whole pixels (Fyne draws
// fractional sizes at the next whole size, which would spoil the measure).
type fitSizes struct{ Title, Body float32 }

// fitSeg is a run of text in one style on one line, placed at X.
type fitSeg struct {
	X, W  float32
	Text  string
	Style fyne.TextStyle
}

// fitLine is one line of text with its top at Y.
type fitLine struct {
	Y, H float32
	Size float32
	Segs []fitSeg
	Row  int // the row it belongs to (the slide colours some rows)
}

// fitIcon is where an icon goes: row and column, top-left corner and side.
type fitIcon struct {
	Row, Col   int
	X, Y, Side float32
}

type fitLayout struct {
	Sizes  fitSizes
	Lines  []fitLine
	Icons  []fitIcon
	Width  float32 // the box's width
	Height float32 // the height the text takes
	Fits   bool
}

// Spacing, in multiples of the body size.
const (
	fitColGap  = 1.2 // between columns
	fitIconGap = 0.4 // between an icon and its text
	fitRefSize = 100 // the size widths are measured at, then scaled
)

// fitLimits are where fitSlide starts and how far it shrinks.
type fitLimits struct {
	Start, Floor fitSizes // the body shrinks to Floor.Body first, then the title to Floor.Title
	Min          float32  // below the floors both shrink together down to this body size
}

// fitSlide lays out rows in a box of w×h, at the largest sizes (from
// lim.Start, one pixel at a time) at which the text fits. Fits is false
// only if even lim.Min does not fit; the layout returned then is the
// smallest tried.
func fitSlide(rows []fitRow, w, h float32, lim fitLimits, tm *textMeasurer) fitLayout {
	s := lim.Start
	exact := false
	for {
		// Sizes are searched on estimated widths; the sizes found are laid
		// out again measuring every line as drawn, which may move a word
		// to the next line, and then the search goes on measuring exactly.
		lay := layoutRows(rows, w, s, tm, exact)
		if lay.Height <= h {
			if exact {
				lay.Fits = true
				return lay
			}
			exact = true
			continue
		}
		switch {
		case s.Body > lim.Floor.Body:
			s.Body--
		case s.Title > lim.Floor.Title:
			s.Title--
		case s.Body > lim.Min:
			s.Title = max(s.Body, float32(int(s.Title*(s.Body-1)/s.Body+0.5)))
			s.Body--
		default:
			if !exact {
				lay = layoutRows(rows, w, s, tm, true)
			}
			return lay
		}
	}
}

// layoutRows places rows at fixed sizes, with estimated or exact widths.
func layoutRows(rows []fitRow, w float32, s fitSizes, tm *textMeasurer, exact bool) fitLayout {
	lay := fitLayout{Sizes: s, Width: w}
	y := float32(0)
	for r, row := range rows {
		if r > 0 {
			y += row.Before * s.Body
		}
		n := len(row.Cols)
		if n == 0 {
			continue
		}
		gap := fitColGap * s.Body
		colW := (w - row.Right - gap*float32(n-1)) / float32(n)
		rowH := float32(0)
		for c, col := range row.Cols {
			x := float32(c) * (colW + gap)
			textX := x
			if col.Icon > 0 {
				side := col.Icon * s.Body
				lay.Icons = append(lay.Icons, fitIcon{Row: r, Col: c, X: x, Y: y, Side: side})
				textX += side + fitIconGap*s.Body
				rowH = max(rowH, side)
			}
			cy := y
			for p, para := range col.Paras {
				size := s.Body
				if para.Role == fitTitle {
					size = s.Title
				}
				if p > 0 {
					cy += para.Before * size
				}
				lh := tm.lineHeight(size)
				for _, segs := range wrapPara(para, x+colW-textX, size, tm, exact) {
					for k := range segs {
						segs[k].X += textX
					}
					lay.Lines = append(lay.Lines, fitLine{Y: cy, H: lh, Size: size, Segs: segs, Row: r})
					cy += lh
				}
			}
			rowH = max(rowH, cy-y)
		}
		y += rowH
	}
	lay.Height = y
	return lay
}

// fitPiece is a part of a word in one style ("OpenAI" and ":" in different
// styles make one word of two pieces).
type fitPiece struct {
	text  string
	style fyne.TextStyle
}

// fitWord is what a line may break before: pieces not separated by a
// space. glue marks a piece of a word too long for a line, which continues
// the word before it without a space.
type fitWord struct {
	pieces []fitPiece
	glue   bool
}

// words splits a paragraph at spaces (not at no-break spaces, which keep
// "29. Februar" and "z. B." together).
func words(runs []fitRun) []fitWord {
	var out []fitWord
	space := true
	for _, r := range runs {
		start := -1
		flush := func(end int) {
			if start < 0 {
				return
			}
			p := fitPiece{r.Text[start:end], r.Style}
			if space || len(out) == 0 {
				out = append(out, fitWord{pieces: []fitPiece{p}})
			} else {
				last := &out[len(out)-1]
				last.pieces = append(last.pieces, p)
			}
			space, start = false, -1
		}
		for i, c := range r.Text {
			if c == ' ' || c == '\t' || c == '\n' {
				flush(i)
				space = true
				continue
			}
			if start < 0 {
				start = i
			}
		}
		flush(len(r.Text))
	}
	return out
}

// wrapPara breaks a paragraph into lines no wider than w at size, each a
// list of segments placed from x = 0. Widths are estimated from the
// reference measure; when exact, every line is then measured as it will
// be drawn, and a line that is wider after all gives its last word to the
// next line.
func wrapPara(p fitPara, w, size float32, tm *textMeasurer, exact bool) [][]fitSeg {
	var ws []fitWord
	for _, wd := range words(p.Runs) {
		if tm.wordWidth(wd, size) > w {
			ws = append(ws, tm.splitWord(wd, w, size)...)
		} else {
			ws = append(ws, wd)
		}
	}
	var lines [][]fitSeg
	for start := 0; start < len(ws); {
		end, lw := start+1, tm.wordWidth(ws[start], size)
		for end < len(ws) {
			add := tm.wordWidth(ws[end], size)
			if !ws[end].glue {
				add += tm.spaceWidth(size, ws[end].pieces[0].style)
			}
			if lw+add > w {
				break
			}
			lw += add
			end++
		}
		segs := tm.segments(ws[start:end], size, exact)
		for end-start > 1 && segsWidth(segs) > w {
			end--
			segs = tm.segments(ws[start:end], size, exact)
		}
		lines = append(lines, segs)
		start = end
	}
	return lines
}

func segsWidth(segs []fitSeg) float32 {
	if len(segs) == 0 {
		return 0
	}
	last := segs[len(segs)-1]
	return last.X + last.W
}

// textMeasurer measures text for fitting: widths once per word and style at
// a reference size, scaled to the size wanted (text width is linear in
// whole-pixel sizes), and lines exactly as drawn. It keeps what it measured
// across slides; it is used on the UI goroutine only.
type textMeasurer struct {
	measure measureFunc
	ref     map[fitPiece]float32
	lh      map[float32]float32
}

func newTextMeasurer(m measureFunc) *textMeasurer {
	return &textMeasurer{measure: m, ref: map[fitPiece]float32{}, lh: map[float32]float32{}}
}

// maxMeasured bounds the memory of measured words.
const maxMeasured = 50000

func (tm *textMeasurer) pieceWidth(p fitPiece, size float32) float32 {
	w, ok := tm.ref[p]
	if !ok {
		if len(tm.ref) >= maxMeasured {
			clear(tm.ref)
		}
		w = tm.measure(p.text, fitRefSize, p.style).Width
		tm.ref[p] = w
	}
	return w * size / fitRefSize
}

func (tm *textMeasurer) wordWidth(wd fitWord, size float32) float32 {
	w := float32(0)
	for _, p := range wd.pieces {
		w += tm.pieceWidth(p, size)
	}
	return w
}

func (tm *textMeasurer) spaceWidth(size float32, st fyne.TextStyle) float32 {
	return tm.pieceWidth(fitPiece{" ", st}, size)
}

// lineHeight is the height of a line of text at size.
func (tm *textMeasurer) lineHeight(size float32) float32 {
	h, ok := tm.lh[size]
	if !ok {
		h = tm.measure("Mg", size, fyne.TextStyle{}).Height
		tm.lh[size] = h
	}
	return h
}

// segments joins words into runs of one style, measured exactly or
// estimated.
func (tm *textMeasurer) segments(ws []fitWord, size float32, exact bool) []fitSeg {
	var segs []fitSeg
	var b strings.Builder
	var cur fyne.TextStyle
	x, est := float32(0), float32(0)
	flush := func() {
		if b.Len() == 0 {
			return
		}
		t := b.String()
		w := est
		if exact {
			w = tm.measure(t, size, cur).Width
		}
		segs = append(segs, fitSeg{X: x, W: w, Text: t, Style: cur})
		x += w
		b.Reset()
		est = 0
	}
	for k, wd := range ws {
		for j, p := range wd.pieces {
			if b.Len() > 0 && p.style != cur {
				flush()
			}
			if j == 0 && k > 0 && !wd.glue {
				if b.Len() == 0 { // the space goes with the previous segment's style
					if exact {
						x += tm.measure(" ", size, segs[len(segs)-1].Style).Width
					} else {
						x += tm.spaceWidth(size, segs[len(segs)-1].Style)
					}
				} else {
					b.WriteByte(' ')
					est += tm.spaceWidth(size, p.style)
				}
			}
			cur = p.style
			b.WriteString(p.text)
			est += tm.pieceWidth(p, size)
		}
	}
	flush()
	return segs
}

// splitWord breaks a word wider than w (a long compound at a large size, a
// URL) into pieces that fit, by characters.
func (tm *textMeasurer) splitWord(wd fitWord, w, size float32) []fitWord {
	var out []fitWord
	cur := fitWord{}
	cw := float32(0)
	for _, p := range wd.pieces {
		for _, r := range p.text {
			ch := fitPiece{string(r), p.style}
			rw := tm.pieceWidth(ch, size)
			if cw+rw > w*0.97 && len(cur.pieces) > 0 {
				out = append(out, cur)
				cur, cw = fitWord{glue: true}, 0
			}
			if n := len(cur.pieces); n > 0 && cur.pieces[n-1].style == p.style {
				cur.pieces[n-1].text += ch.text
			} else {
				cur.pieces = append(cur.pieces, ch)
			}
			cw += rw
		}
	}
	if len(cur.pieces) > 0 {
		out = append(out, cur)
	}
	out[0].glue = wd.glue
	return out
}

// fitsAt reports whether rows fit in w×h at sizes s, measuring every line
// as drawn when the estimate says they do.
func fitsAt(rows []fitRow, w, h float32, s fitSizes, tm *textMeasurer) bool {
	return layoutRows(rows, w, s, tm, false).Height <= h && layoutRows(rows, w, s, tm, true).Height <= h
}

// pageRow is a row on its way to a screen, with the icons of its columns.
type pageRow struct {
	row   fitRow
	icons map[int]slideIcon // by column
}

// paginate splits a slide that does not fit at the floor sizes into
// screens that do, rather than shrinking its text below what the back of
// the room can read. The first screen has the whole header (rows before
// c.header) and the summary; each continuation repeats the first c.keep
// rows (date and title), so the class sees which stop goes on, and takes
// the next rows in order. A row of columns (the two sides' accounts, a row
// of people) too big for a screen of its own is split into one row per
// column. Only a single paragraph taller than a screen can still leave a
// screen that fits only below the floors (fitSlide then shrinks it).
func paginate(c slideContent, w, h float32, lim fitLimits, tm *textMeasurer) []slideContent {
	if c.centre || c.header >= len(c.rows) || fitsAt(c.rows, w, h, lim.Floor, tm) {
		return []slideContent{c}
	}
	split := func(lo, hi int) []pageRow {
		out := make([]pageRow, 0, hi-lo)
		for r := lo; r < hi; r++ {
			pr := pageRow{row: c.rows[r], icons: map[int]slideIcon{}}
			for k, ic := range c.icons {
				if k[0] == r {
					pr.icons[k[1]] = ic
				}
			}
			out = append(out, pr)
		}
		return out
	}
	first, keep, queue := split(0, c.header), split(0, min(c.keep, c.header)), split(c.header, len(c.rows))
	var pages []slideContent
	cur := first
	rowsOf := func(prs []pageRow) []fitRow {
		rows := make([]fitRow, len(prs))
		for k, pr := range prs {
			rows[k] = pr.row
		}
		return rows
	}
	flush := func() {
		p := slideContent{icons: map[[2]int]slideIcon{}, header: c.header, rows: rowsOf(cur)}
		if len(pages) > 0 {
			p.header = len(keep)
		}
		for r, pr := range cur {
			for col, ic := range pr.icons {
				p.icons[[2]int{r, col}] = ic
			}
		}
		pages = append(pages, p)
	}
	head := len(first)
	for len(queue) > 0 {
		next := queue[0]
		if fitsAt(rowsOf(append(cur[:len(cur):len(cur)], next)), w, h, lim.Floor, tm) {
			cur, queue = append(cur, next), queue[1:]
			continue
		}
		if len(cur) > head { // this screen is full: the row starts the next one
			flush()
			cur, head = append([]pageRow(nil), keep...), len(keep)
			continue
		}
		if n := len(next.row.Cols); n > 1 { // too big even for a screen of its own
			var cols []pageRow
			for k, col := range next.row.Cols {
				if len(col.Paras) == 0 {
					continue // an empty filler column
				}
				before := float32(0.5)
				if k == 0 {
					before = next.row.Before
				}
				pr := pageRow{row: fitRow{Cols: []fitCol{col}, Before: before}, icons: map[int]slideIcon{}}
				if ic, ok := next.icons[k]; ok {
					pr.icons[0] = ic
				}
				cols = append(cols, pr)
			}
			queue = append(cols, queue[1:]...)
			continue
		}
		cur, queue = append(cur, next), queue[1:] // a paragraph taller than a screen: shrinks
	}
	flush()
	return pages
}
