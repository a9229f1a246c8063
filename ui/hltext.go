package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// hlText is one line of text with the words a search matched in bold, cut
// with "…" where it does not fit. (A RichText of several segments cuts the
// line without the ellipsis.) List rows reuse it: SetText restyles it fully.
type hlText struct {
	widget.BaseWidget
	runs   []string
	marked []bool
}

func newHLText() *hlText {
	h := &hlText{}
	h.ExtendBaseWidget(h)
	return h
}

// SetText shows text with the words matching tokens in bold.
func (h *hlText) SetText(text string, tokens []string) {
	h.runs, h.marked = Highlight(text, tokens)
	h.Refresh()
}

// String is the whole text (tests).
func (h *hlText) String() string {
	s := ""
	for _, r := range h.runs {
		s += r
	}
	return s
}

func (h *hlText) CreateRenderer() fyne.WidgetRenderer {
	return &hlRenderer{h: h}
}

type hlRenderer struct {
	h     *hlText
	texts []*canvas.Text
	objs  []fyne.CanvasObject
	size  fyne.Size
	col   color.Color
	ts    float32
}

func (r *hlRenderer) Destroy()                     {}
func (r *hlRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *hlRenderer) MinSize() fyne.Size {
	th := r.h.Theme()
	return fyne.NewSize(20, fyne.MeasureText("Ag", th.Size(theme.SizeNameText), fyne.TextStyle{}).Height+2*th.Size(theme.SizeNameInnerPadding))
}

func (r *hlRenderer) Refresh() {
	th := r.h.Theme()
	r.col = th.Color(theme.ColorNameForeground, fyne.CurrentApp().Settings().ThemeVariant())
	r.ts = th.Size(theme.SizeNameText)
	r.Layout(r.size)
}

// Layout places the runs side by side and cuts the run that crosses the
// right edge (dropping those after it), ending it with "…".
func (r *hlRenderer) Layout(s fyne.Size) {
	r.size = s
	h := r.h
	if r.ts == 0 {
		th := h.Theme()
		r.col, r.ts = th.Color(theme.ColorNameForeground, fyne.CurrentApp().Settings().ThemeVariant()), th.Size(theme.SizeNameText)
	}
	pad := h.Theme().Size(theme.SizeNameInnerPadding)
	avail := s.Width - pad
	ell := fyne.MeasureText("…", r.ts, fyne.TextStyle{}).Width
	x := pad / 2
	n := 0
	use := func(text string, bold bool) float32 {
		for len(r.texts) <= n {
			r.texts = append(r.texts, canvas.NewText("", color.Black))
		}
		t := r.texts[n]
		n++
		t.Text, t.Color, t.TextSize, t.TextStyle = text, r.col, r.ts, fyne.TextStyle{Bold: bold}
		w := fyne.MeasureText(text, r.ts, t.TextStyle).Width
		t.Move(fyne.NewPos(x, (s.Height-fyne.MeasureText(text, r.ts, t.TextStyle).Height)/2))
		t.Resize(fyne.NewSize(w, r.ts))
		t.Show()
		t.Refresh()
		return w
	}
	for i, run := range h.runs {
		style := fyne.TextStyle{Bold: h.marked[i]}
		w := fyne.MeasureText(run, r.ts, style).Width
		if x+w <= avail || avail <= 0 {
			x += use(run, h.marked[i])
			continue
		}
		// Cut this run so that it and "…" fit.
		rs := []rune(run)
		lo, hi := 0, len(rs)
		for lo < hi {
			m := (lo + hi + 1) / 2
			if x+fyne.MeasureText(string(rs[:m]), r.ts, style).Width+ell <= avail {
				lo = m
			} else {
				hi = m - 1
			}
		}
		if lo > 0 {
			x += use(string(rs[:lo]), h.marked[i])
		}
		use("…", false)
		break
	}
	for _, t := range r.texts[n:] {
		t.Hide()
	}
	r.objs = r.objs[:0]
	for _, t := range r.texts {
		r.objs = append(r.objs, t)
	}
}
