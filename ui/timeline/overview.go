package timeline

import (
	"image"
	"image/color"
	"math"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/ui/chrono"
)

var (
	_ fyne.Draggable = (*Overview)(nil)
	_ fyne.Tappable  = (*Overview)(nil)
)

// overviewH is the strip's height in pixels.
const overviewH = 44

// Histogram counts the events of sorted times ts in bins equal-width bins over
// [from, to). It costs O(bins·log n), not O(n).
func Histogram(ts []float64, from, to float64, bins int) []int {
	out := make([]int, max(bins, 0))
	if bins <= 0 || to <= from {
		return out
	}
	w := (to - from) / float64(bins)
	prev := sort.SearchFloat64s(ts, from)
	for b := range out {
		next := sort.SearchFloat64s(ts, from+float64(b+1)*w)
		out[b] = next - prev
		prev = next
	}
	return out
}

// Overview is the strip under the timeline: an event-density histogram of the
// whole span with the visible window as a rectangle that can be dragged
// (moving the window) or dragged at its edges (resizing it). A click outside
// the rectangle centres the window there.
type Overview struct {
	widget.BaseWidget
	tl   *Timeline
	keep func(int) bool
	mode dragMode
	r    *overviewRenderer
}

type dragMode int

const (
	dragNone dragMode = iota
	dragMove
	dragStart
	dragEnd
)

// NewOverview returns the overview strip for tl; it follows tl's window.
func NewOverview(tl *Timeline) *Overview {
	o := &Overview{tl: tl}
	o.ExtendBaseWidget(o)
	tl.AddFollower(o.Refresh)
	return o
}

// SetFilter counts only events for which keep returns true (nil counts all).
func (o *Overview) SetFilter(keep func(int) bool) {
	o.keep = keep
	if o.r != nil {
		o.r.counts = nil
	}
	o.Refresh()
}

// all is the viewport of the whole timeline at the strip's width.
func (o *Overview) all() chrono.Viewport { return o.tl.data.Limits.All(o.Size().Width) }

// windowRect is the visible window's x range in the strip.
func (o *Overview) windowRect() (x0, x1 float32) {
	a, v := o.all(), o.tl.Viewport()
	x0, x1 = a.X(v.Start), a.X(v.End)
	if x1-x0 < 6 { // keep a day-wide window visible and grabbable
		c := (x0 + x1) / 2
		x0, x1 = c-3, c+3
	}
	return
}

// CreateRenderer implements fyne.Widget.
func (o *Overview) CreateRenderer() fyne.WidgetRenderer {
	r := &overviewRenderer{o: o, win: canvas.NewRectangle(color.Transparent), bg: canvas.NewRectangle(color.Transparent)}
	r.bars = canvas.NewRaster(r.paint)
	r.win.StrokeWidth = 2
	r.win.CornerRadius = 3
	o.r = r
	return r
}

// CanvasObjects lists the strip's canvas objects, for painting it into a
// picture (package raster).
func (o *Overview) CanvasObjects() []fyne.CanvasObject {
	if o.r == nil {
		return nil
	}
	return o.r.Objects()
}

// Tapped centres the window on the tapped time.
func (o *Overview) Tapped(e *fyne.PointEvent) {
	x0, x1 := o.windowRect()
	if e.Position.X >= x0 && e.Position.X <= x1 {
		return
	}
	o.tl.SetViewport(o.tl.Viewport().CentreOn(o.all().T(e.Position.X), o.tl.data.Limits))
}

// Dragged moves the window, or resizes it when the drag started at an edge.
func (o *Overview) Dragged(e *fyne.DragEvent) {
	a := o.all()
	v := o.tl.Viewport()
	if o.mode == dragNone {
		x0, x1 := o.windowRect()
		start := e.Position.X - e.Dragged.DX
		switch {
		case math.Abs(float64(start-x0)) <= 5:
			o.mode = dragStart
		case math.Abs(float64(start-x1)) <= 5:
			o.mode = dragEnd
		default:
			o.mode = dragMove
		}
	}
	dt := float64(e.Dragged.DX) / float64(a.Width) * a.Span()
	switch o.mode {
	case dragMove:
		v.Start += dt
		v.End += dt
	case dragStart:
		v.Start = math.Min(v.Start+dt, v.End-o.tl.data.Limits.MinSpan)
	case dragEnd:
		v.End = math.Max(v.End+dt, v.Start+o.tl.data.Limits.MinSpan)
	}
	o.tl.SetViewport(v)
}

// DragEnd ends a move or resize.
func (o *Overview) DragEnd() { o.mode = dragNone }

type overviewRenderer struct {
	o       *Overview
	bg, win *canvas.Rectangle
	bars    *canvas.Raster
	counts  []int
	hits    []int // search hits per bar (nil: no search)
	countsW int
	markGen int // the timeline's marking the hits were counted for
	fill    color.Color
	hitFill color.Color
	dimFill color.Color
}

func (r *overviewRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.bars, r.win}
}
func (r *overviewRenderer) Destroy()           {}
func (r *overviewRenderer) MinSize() fyne.Size { return fyne.NewSize(100, overviewH) }

func (r *overviewRenderer) Layout(s fyne.Size) {
	r.bg.Resize(s)
	r.bars.Resize(s)
	r.Refresh()
}

func (r *overviewRenderer) Refresh() {
	th := r.o.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.bg.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.fill = withAlpha(th.Color(theme.ColorNameForeground, v), 0x80)
	r.dimFill = withAlpha(th.Color(theme.ColorNameForeground, v), 0x30)
	acc := th.Color(theme.ColorNamePrimary, v)
	r.hitFill = acc
	r.win.FillColor, r.win.StrokeColor = withAlpha(acc, 0x30), acc
	x0, x1 := r.o.windowRect()
	h := r.o.Size().Height
	r.win.Move(fyne.NewPos(x0, 1))
	r.win.Resize(fyne.NewSize(x1-x0, h-2))
	r.bg.Refresh()
	r.win.Refresh()
	if w := int(r.o.Size().Width); w != r.countsW || r.counts == nil || r.markGen != r.o.tl.markGen {
		r.counts = nil
		r.bars.Refresh()
	}
}

// paint draws the histogram, one bar per 3 pixels, heights on a square-root
// scale so sparse years stay visible next to the busy ones.
func (r *overviewRenderer) paint(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	if w <= 0 || h <= 0 {
		return img
	}
	const barPx = 3
	d := r.o.tl.data
	if r.counts == nil || r.countsW != w {
		ts := d.T
		if keep := r.o.keep; keep != nil {
			ts = ts[:0:0]
			for i, t := range d.T {
				if keep(i) {
					ts = append(ts, t)
				}
			}
		}
		r.counts = Histogram(ts, d.Limits.Min, d.Limits.Max, w/barPx)
		r.countsW = w
		r.markGen, r.hits = r.o.tl.markGen, nil
		if marked := r.o.tl.marked; marked != nil {
			var hs []float64
			for i, t := range d.T {
				if marked(i) && (r.o.keep == nil || r.o.keep(i)) {
					hs = append(hs, t)
				}
			}
			r.hits = Histogram(hs, d.Limits.Min, d.Limits.Max, w/barPx)
		}
	}
	peak := 1
	for _, c := range r.counts {
		peak = max(peak, c)
	}
	fill := color.NRGBAModel.Convert(r.fill).(color.NRGBA)
	if r.hits != nil { // a search: all events faint, the hits in the accent colour on top
		fill = color.NRGBAModel.Convert(r.dimFill).(color.NRGBA)
	}
	bar := func(b, c int, col color.NRGBA) {
		if c == 0 {
			return
		}
		bh := int(math.Ceil(math.Sqrt(float64(c)/float64(peak)) * float64(h-4)))
		for x := b * barPx; x < b*barPx+barPx-1 && x < w; x++ {
			for y := h - 2 - bh; y < h-2; y++ {
				img.SetNRGBA(x, y, col)
			}
		}
	}
	for b, c := range r.counts {
		bar(b, c, fill)
	}
	hit := color.NRGBAModel.Convert(r.hitFill).(color.NRGBA)
	for b, c := range r.hits {
		bar(b, c, hit)
	}
	return img
}
