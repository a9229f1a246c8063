package ui

import (
	"bytes"
	"image/color"
	"math"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// Cutting text to a width with "…" (the table's cells, the people's cards,
// the lists of events) the way widget.Label's TextTruncateEllipsis does,
// at a fraction of its cost. Fyne 2.7.1 shapes the text again for every
// layout of a truncated label, each time with a new HarfbuzzShaper, which
// builds its font tables anew (harfbuzz.NewFont): that was most of the
// People and Sources tabs' time on the UI goroutine. Here one shaper is
// kept, and each cut is remembered by text, width, size and style, so a
// cell that shows the same text again costs a map lookup. The cut itself
// is go-text's line wrapper with the same settings as Fyne's
// (widget.truncateLimit), so the same characters are shown.

// fitKey is one cut: text, width in whole pixels, size, style and font.
type fitKey struct {
	text  string
	limit int
	size  float32
	style fyne.TextStyle
	font  string
}

// textFitter keeps the shaper, the parsed fonts and the cuts made.
type textFitter struct {
	mu     sync.Mutex
	shaper shaping.HarfbuzzShaper
	seg    shaping.Segmenter
	wrap   shaping.LineWrapper
	faces  map[string]*font.Face // by font resource name
	cuts   map[fitKey]string
}

// fitCacheSize bounds the cuts remembered: a few screens of cells in each
// width, at every sort and filter; the map is dropped when it is full.
const fitCacheSize = 20000

// newTextFitter makes an empty fitter (one per window, Session.fit).
func newTextFitter() *textFitter {
	return &textFitter{faces: map[string]*font.Face{}, cuts: map[fitKey]string{}}
}

// oneFace resolves every rune to the theme's font for the style; fit uses
// it only for texts whose every rune that font has.
type oneFace struct{ f *font.Face }

// ResolveFace is the one font, for every rune.
func (o oneFace) ResolveFace(rune) *font.Face { return o.f }

// face is the theme's font res, parsed once.
func (t *textFitter) face(res fyne.Resource) *font.Face {
	if f, ok := t.faces[res.Name()]; ok {
		return f
	}
	f, err := font.ParseTTF(bytes.NewReader(res.Content()))
	if err != nil {
		f = nil // fit then leaves the cutting to Fyne's measuring
	}
	t.faces[res.Name()] = f
	return f
}

// fit is s cut to limit pixels with a trailing "…" as widget.Label with
// TextTruncateEllipsis shows it in a line of that width, in the font res
// (the widget's theme's font for the style); ok is false when that font
// lacks one of its characters (fitLabel then measures with Fyne).
func (t *textFitter) fit(s string, limit int, size float32, style fyne.TextStyle, res fyne.Resource) (cut string, ok bool) {
	key := fitKey{s, limit, size, style, res.Name()}
	t.mu.Lock()
	defer t.mu.Unlock()
	if c, ok := t.cuts[key]; ok {
		return c, true
	}
	f := t.face(res)
	if f == nil {
		return "", false
	}
	runes := []rune(s)
	for _, r := range runes {
		if _, has := f.NominalGlyph(r); !has || r == '\n' || r == '\t' {
			return "", false
		}
	}
	ellipsis := []rune{'…'}
	if _, has := f.NominalGlyph(ellipsis[0]); !has {
		return "", false
	}
	in := shaping.Input{Text: ellipsis, RunEnd: len(ellipsis), Direction: di.DirectionLTR, Face: f,
		Size: fixed.Int26_6(float64(size) * (1 << 6))}
	conf := shaping.WrapConfig{}.WithTruncator(&t.shaper, in)
	conf.BreakPolicy = shaping.WhenNecessary
	conf.TruncateAfterLines = 1
	in.Text, in.RunEnd = runes, len(runes)
	ins := t.seg.Split(in, oneFace{f})
	outs := make([]shaping.Output, len(ins))
	for i, x := range ins {
		outs[i] = t.shaper.Shape(x)
	}
	t.wrap.Prepare(conf, runes, shaping.NewSliceIterator(outs))
	line, done := t.wrap.WrapNextLine(limit)
	// As widget.truncateLimit counts: the runes kept, and whether all are.
	count := len(runes)
	if line.Truncated != 0 {
		count += len(ellipsis) - line.Truncated
	}
	full := done && count == len(runes)
	cut = s
	if !full {
		cut = string(runes[:count-1]) + "…"
	}
	if len(t.cuts) >= fitCacheSize {
		clear(t.cuts)
	}
	t.cuts[key] = cut
	return cut, true
}

// fitMeasured cuts s with Fyne's own (cached) measuring, for texts the
// theme's font cannot shape alone: the longest prefix that fits with "…".
func fitMeasured(s string, limit int, size float32, style fyne.TextStyle) string {
	if fyne.MeasureText(s, size, style).Width <= float32(limit) {
		return s
	}
	runes := []rune(s)
	room := float32(limit) - fyne.MeasureText("…", size, style).Width
	lo, hi := 0, len(runes)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(runes[:mid]), size, style).Width <= room {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(runes[:lo]) + "…"
}

// fitLabel is a one-line label that cuts its text with "…" to its width:
// widget.Label with TextTruncateEllipsis, drawn the same, measured once per
// text and width (textFitter). ColorName, when set, colours it (the
// secondary texts); else it has the label's foreground colour.
type fitLabel struct {
	widget.BaseWidget
	fit       *textFitter
	text      string
	TextStyle fyne.TextStyle
	ColorName fyne.ThemeColorName
}

// newFitLabel makes a label that cuts with f (the window's Session.fit).
func newFitLabel(f *textFitter, style fyne.TextStyle, col fyne.ThemeColorName) *fitLabel {
	l := &fitLabel{fit: f, TextStyle: style, ColorName: col}
	l.ExtendBaseWidget(l)
	return l
}

// SetText shows s; the same text again costs nothing.
func (l *fitLabel) SetText(s string) {
	if s == l.text {
		return
	}
	l.text = s
	l.Refresh()
}

// Text is the whole text (the label may show it cut).
func (l *fitLabel) Text() string { return l.text }

// CreateRenderer is part of fyne.Widget.
func (l *fitLabel) CreateRenderer() fyne.WidgetRenderer {
	r := &fitLabelRenderer{l: l, t: canvas.NewText("", color.Black)}
	r.applyTheme()
	return r
}

type fitLabelRenderer struct {
	l    *fitLabel
	t    *canvas.Text
	font fyne.Resource // the theme's font for the label's style
	pad  float32       // the theme's inner padding
	line float32       // the height of a line of text
}

func (r *fitLabelRenderer) applyTheme() {
	th := r.l.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	col := r.l.ColorName
	if col == "" {
		col = theme.ColorNameForeground
	}
	r.t.Color = th.Color(col, v)
	r.t.TextSize = th.Size(theme.SizeNameText)
	r.t.TextStyle = r.l.TextStyle
	r.font = th.Font(r.l.TextStyle)
	r.pad = th.Size(theme.SizeNameInnerPadding)
	r.line = fyne.MeasureText("", r.t.TextSize, r.t.TextStyle).Height
}

// Layout cuts the text to the width and places it inside the padding.
func (r *fitLabelRenderer) Layout(size fyne.Size) {
	w := size.Width - 2*r.pad
	text := r.l.text
	if w >= 0 && text != "" { // as Fyne: no room at all shows the whole text
		limit := int(w)
		cut, ok := r.l.fit.fit(text, limit, r.t.TextSize, r.t.TextStyle, r.font)
		if !ok {
			cut = fitMeasured(text, limit, r.t.TextSize, r.t.TextStyle)
		}
		text = cut
	}
	r.t.Text = text
	r.t.Move(fyne.NewPos(r.pad, r.pad))
	r.t.Resize(fyne.NewSize(float32(math.Max(float64(w), 0)), r.line))
}

// MinSize is a truncating label's: room for a character and "…" in width,
// one line and the padding in height.
func (r *fitLabelRenderer) MinSize() fyne.Size {
	w := fyne.MeasureText("M…", r.t.TextSize, r.t.TextStyle).Width
	return fyne.NewSize(w+2*r.pad, r.line+2*r.pad)
}

// Refresh takes the theme again and cuts anew.
func (r *fitLabelRenderer) Refresh() {
	r.applyTheme()
	r.Layout(r.l.Size())
	r.t.Refresh()
}

// Objects is the one text.
func (r *fitLabelRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.t} }

// Destroy has nothing to free.
func (r *fitLabelRenderer) Destroy() {}
