package ui

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/i18n"
	"aitimeline/ui/chrono"
	"aitimeline/ui/timeline"
)

// The timeline strip along the bottom of the presentation: where the
// current stop sits in time, the deck's stops marked and the current one
// highlighted, and under it the whole span 2015 → today with the part the
// strip shows. Moving to another stop pans and zooms it in half a second
// on an eased curve, so the class sees time pass. It is drawn with a few
// dozen canvas objects that are only moved per frame, which Mesa's
// software renderer keeps up with.

// stripSpan is a time window in seconds (see chrono).
type stripSpan struct{ Lo, Hi float64 }

func (s stripSpan) span() float64   { return s.Hi - s.Lo }
func (s stripSpan) centre() float64 { return (s.Lo + s.Hi) / 2 }

// Strip geometry.
const (
	stripMinSpan  = 180 * chrono.Day // the narrowest window: months stay readable
	stripContext  = 2.6              // the window is this many times the distance to the farther neighbour
	stripLoneSpan = 2 * 365 * chrono.Day
	stripMargin   = 0.02 // of the whole span, on each side
	stripDuration = 500 * time.Millisecond
	stripTicks    = 64  // tick objects (the spacing allows fewer than 40 on any screen)
	maxMarker     = 512 // the largest marker side
)

// stripFull is the whole span of the strip: 2015 (or the first event, if
// earlier) to today (or the last event, if later), with a small margin so
// that markers at either end are not cut in half.
func stripFull(first, last, now float64) stripSpan {
	lo := math.Min(first, chrono.Seconds(time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)))
	hi := math.Max(last, now)
	m := (hi - lo) * stripMargin
	return stripSpan{lo - m, hi + m}
}

// stripView is the strip's window for deck position pos of stops at times
// ts (-1, the title screen: the whole span). It is centred on the stop and
// wide enough to show the stops before and after it, then moved inside the
// whole span; the stop itself always lies inside.
func stripView(ts []float64, pos int, full stripSpan) stripSpan {
	if pos < 0 || pos >= len(ts) {
		return full
	}
	c := ts[pos]
	d := 0.0
	if pos > 0 {
		d = math.Abs(c - ts[pos-1])
	}
	if pos+1 < len(ts) {
		d = math.Max(d, math.Abs(ts[pos+1]-c))
	}
	span := d * stripContext
	if d == 0 {
		span = stripLoneSpan
	}
	span = math.Max(span, stripMinSpan)
	if span >= full.span() {
		return full
	}
	v := stripSpan{c - span/2, c + span/2}
	if v.Lo < full.Lo {
		v = stripSpan{full.Lo, full.Lo + span}
	}
	if v.Hi > full.Hi {
		v = stripSpan{full.Hi - span, full.Hi}
	}
	return v
}

// presentEase is the strip's transition curve: cubic ease in and out, so
// time starts moving gently, speeds up and settles on the stop.
func presentEase(t float32) float32 {
	switch {
	case t <= 0:
		return 0
	case t >= 1:
		return 1
	case t < 0.5:
		return 4 * t * t * t
	}
	u := -2*t + 2
	return 1 - u*u*u/2
}

// interpSpan is the window part f of the way from a to b: the centre moves
// linearly, the width changes geometrically, so a zoom looks even.
func interpSpan(a, b stripSpan, f float32) stripSpan {
	if f <= 0 {
		return a
	}
	if f >= 1 {
		return b
	}
	g := float64(f)
	c := a.centre() + (b.centre()-a.centre())*g
	w := a.span() * math.Pow(b.span()/a.span(), g)
	return stripSpan{c - w/2, c + w/2}
}

// presentStrip draws the strip; the presentation sets its stops, current
// stop and window.
type presentStrip struct {
	widget.BaseWidget
	loc   *i18n.Localizer
	full  stripSpan
	view  stripSpan
	ts    []float64 // stop times, deck order
	cats  []data.Category
	sts   []data.Status
	cur   int
	anim  *fyne.Animation
	r     *stripRenderer
	onMov func() // after each frame (tests count them)
	// onStart and onEnd bracket an animated move (onEnd also runs when a
	// move is cut short by the next); frames is how many it painted and
	// took how long.
	onStart func()
	onEnd   func(frames int, took time.Duration)
	moving  bool
	frames  int
	began   time.Time
}

func newPresentStrip(loc *i18n.Localizer, full stripSpan) *presentStrip {
	s := &presentStrip{loc: loc, full: full, view: full, cur: -1}
	s.ExtendBaseWidget(s)
	return s
}

// setStops sets the deck's stops (times and marker styles).
func (s *presentStrip) setStops(ts []float64, cats []data.Category, sts []data.Status) {
	s.ts, s.cats, s.sts = ts, cats, sts
	s.Refresh()
}

// moveTo makes stop pos current and pans and zooms to its window (at once
// when animate is false).
func (s *presentStrip) moveTo(pos int, animate bool) {
	s.cur = pos
	target := stripView(s.ts, pos, s.full)
	s.stopAnim()
	if !animate || !s.Visible() {
		s.view = target
		s.Refresh()
		return
	}
	from := s.view
	s.moving, s.frames, s.began = true, 0, time.Now()
	if s.onStart != nil {
		s.onStart()
	}
	s.anim = fyne.NewAnimation(stripDuration, func(f float32) {
		if !s.moving {
			return
		}
		s.frames++
		s.view = interpSpan(from, target, f)
		s.layoutNow()
		if f >= 1 {
			s.finish()
		}
	})
	s.anim.Curve = presentEase
	s.Refresh() // restyles the current marker at once
	s.anim.Start()
}

// stopAnim ends a running move where it is.
func (s *presentStrip) stopAnim() {
	if s.anim != nil {
		s.anim.Stop()
		s.anim = nil
	}
	if s.moving {
		s.finish()
	}
}

func (s *presentStrip) finish() {
	s.moving = false
	if s.onEnd != nil {
		s.onEnd(s.frames, time.Since(s.began))
	}
}

// View is the window the strip shows.
func (s *presentStrip) View() stripSpan { return s.view }

// layoutNow moves the objects for the current window: an animation frame
// changes positions only, so it skips the renderer's Refresh.
func (s *presentStrip) layoutNow() {
	if s.r != nil {
		s.r.Layout(s.Size())
		canvas.Refresh(s)
	}
	if s.onMov != nil {
		s.onMov()
	}
}

// CreateRenderer implements fyne.Widget.
func (s *presentStrip) CreateRenderer() fyne.WidgetRenderer {
	r := &stripRenderer{s: s, edge: canvas.NewLine(color.Black), axis: canvas.NewLine(color.Black),
		track: canvas.NewLine(color.Black), window: canvas.NewRectangle(color.Transparent), dot: canvas.NewCircle(color.Black),
		ring: canvas.NewCircle(color.Transparent), fromLabel: canvas.NewText("", color.Black), toLabel: canvas.NewText("", color.Black)}
	for range stripTicks {
		r.ticks = append(r.ticks, canvas.NewLine(color.Black))
		l := canvas.NewText("", color.Black)
		l.Alignment = fyne.TextAlignCenter
		r.labels = append(r.labels, l)
	}
	s.r = r
	r.Refresh()
	return r
}

// stripRenderer positions pooled objects; per animation frame it only
// moves them (and changes tick labels when the ticks change).
type stripRenderer struct {
	s                   *presentStrip
	edge, axis, track   *canvas.Line
	window              *canvas.Rectangle
	dot, ring           *canvas.Circle
	fromLabel, toLabel  *canvas.Text
	ticks               []*canvas.Line
	labels              []*canvas.Text
	markers             []*timeline.Swatch
	fg                  color.Color
	ticksBuf            chrono.TickSet
	bound               map[float64]*canvas.Text // tick time → its label
	objects             []fyne.CanvasObject
	markerSide, curSide float32
}

func (r *stripRenderer) Destroy() {}

func (r *stripRenderer) MinSize() fyne.Size { return fyne.NewSize(100, 60) }

func (r *stripRenderer) Objects() []fyne.CanvasObject { return r.objects }

// Refresh re-reads the colours, makes the markers for the stops and lays out.
func (r *stripRenderer) Refresh() {
	th := r.s.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.fg = th.Color(theme.ColorNameForeground, v)
	r.edge.StrokeColor = withAlpha(r.fg, 0x40)
	r.axis.StrokeColor, r.track.StrokeColor = withAlpha(r.fg, 0xa0), withAlpha(r.fg, 0x60)
	r.window.StrokeColor, r.window.FillColor = r.fg, withAlpha(r.fg, 0x18)
	r.dot.FillColor, r.ring.StrokeColor = r.fg, r.fg
	r.fromLabel.Color, r.toLabel.Color = r.fg, r.fg
	for len(r.markers) < len(r.s.ts) {
		r.markers = append(r.markers, timeline.NewSwatch(data.CatGovernance, data.StFact, maxMarker)) // drawn at the size it is given, up to this
	}
	for k := range r.s.ts {
		r.markers[k].SetStyle(r.s.cats[k], r.s.sts[k])
	}
	// A line marks the strip's top edge, not a filled band: every filled
	// pixel costs in every frame under a software renderer.
	r.objects = []fyne.CanvasObject{r.edge, r.axis, r.track, r.window, r.fromLabel, r.toLabel, r.dot}
	for _, t := range r.ticks {
		r.objects = append(r.objects, t)
	}
	for _, l := range r.labels {
		l.Color = r.fg
		r.objects = append(r.objects, l)
	}
	r.objects = append(r.objects, r.ring)
	for k, m := range r.markers {
		if k < len(r.s.ts) && k != r.s.cur {
			r.objects = append(r.objects, m)
		} else {
			m.Hide()
		}
	}
	if c := r.s.cur; c >= 0 && c < len(r.s.ts) {
		r.objects = append(r.objects, r.markers[c]) // on top
	}
	r.Layout(r.s.Size())
	canvas.Refresh(r.s)
}

// Layout places everything for the strip's current window.
func (r *stripRenderer) Layout(size fyne.Size) {
	s := r.s
	w, h := size.Width, size.Height
	if w <= 0 || h <= 0 {
		return
	}
	pad := h * 0.3
	vp := chrono.Viewport{Start: s.view.Lo, End: s.view.Hi, Width: w - 2*pad}
	x := func(t float64) float32 { return pad + vp.X(t) }
	r.edge.Position1, r.edge.Position2 = fyne.NewPos(0, 0), fyne.NewPos(w, 0)
	r.edge.StrokeWidth = 1
	axisY := h * 0.3
	r.axis.Position1, r.axis.Position2 = fyne.NewPos(0, axisY), fyne.NewPos(w, axisY)
	r.axis.StrokeWidth = max(2, h*0.02)
	labelSize := float32(int(h * 0.17))

	// Ticks: years, or months under years (the window is at least half a
	// year wide, so weeks and days never come up on a screen).
	chrono.TicksInto(vp, labelSize*4.5, &r.ticksBuf)
	ts := &r.ticksBuf
	var marks []stripMark
	for _, t := range ts.Minor {
		lbl := ""
		switch {
		case ts.MinorUnit == chrono.Year:
			lbl = fmt.Sprint(t.Time.Year())
		case ts.MinorUnit == chrono.Month && t.Time.Month() != time.January: // January: the year's label
			lbl = s.loc.MonthShort(int(t.Time.Month()))
		}
		marks = append(marks, stripMark{t.T, ts.MinorUnit == chrono.Year, lbl})
	}
	if ts.MinorUnit != chrono.Year {
		for _, t := range ts.Major {
			lbl := ""
			switch ts.MajorUnit {
			case chrono.Year:
				lbl = fmt.Sprint(t.Time.Year())
			case chrono.Month:
				lbl = s.loc.MonthShort(int(t.Time.Month())) + " " + fmt.Sprint(t.Time.Year())
			}
			marks = append(marks, stripMark{t.T, true, lbl})
		}
	}
	for k, tk := range r.ticks {
		if k >= len(marks) {
			tk.Hide()
			continue
		}
		m := marks[k]
		px := x(m.t)
		tl := h * 0.07
		if m.major {
			tl = h * 0.14
		}
		tk.StrokeColor = withAlpha(r.fg, 0xa0)
		tk.StrokeWidth = max(1.5, h*0.012)
		tk.Position1, tk.Position2 = fyne.NewPos(px, axisY), fyne.NewPos(px, axisY+tl)
		tk.Show()
	}
	r.placeLabels(marksToLabels(marks), x, axisY+h*0.22, labelSize, w)
	// The deck's stops; the current one larger, with a ring.
	r.markerSide = max(8, h*0.16)
	r.curSide = r.markerSide * 1.9
	for k, m := range r.markers {
		if k >= len(s.ts) {
			m.Hide()
			continue
		}
		px := x(s.ts[k])
		side := r.markerSide
		if k == s.cur {
			side = r.curSide
		}
		if px < -side || px > w+side {
			m.Hide()
			continue
		}
		m.Resize(fyne.NewSquareSize(side))
		m.Move(fyne.NewPos(px-side/2, axisY-side/2))
		m.Show()
	}
	if c := s.cur; c >= 0 && c < len(s.ts) {
		rs := r.curSide * 1.35
		r.ring.StrokeWidth = max(2, h*0.02)
		r.ring.Resize(fyne.NewSquareSize(rs))
		r.ring.Move(fyne.NewPos(x(s.ts[c])-rs/2, axisY-rs/2))
		r.ring.Show()
	} else {
		r.ring.Hide()
	}

	// The whole span under it: 2015 → today, with the part shown above.
	trackY := h * 0.88
	smallSize := float32(int(h * 0.13))
	for _, l := range []*canvas.Text{r.fromLabel, r.toLabel} {
		l.TextSize = smallSize
	}
	from, to := fmt.Sprint(chrono.Time(s.full.Lo+s.full.span()*stripMargin).Year()), fmt.Sprint(chrono.Time(s.full.Hi-s.full.span()*stripMargin).Year())
	if r.fromLabel.Text != from || r.toLabel.Text != to {
		r.fromLabel.Text, r.toLabel.Text = from, to
		r.fromLabel.Refresh()
		r.toLabel.Refresh()
	}
	fs, ts2 := r.fromLabel.MinSize(), r.toLabel.MinSize()
	r.fromLabel.Move(fyne.NewPos(pad, trackY-fs.Height/2))
	r.fromLabel.Resize(fs)
	r.toLabel.Move(fyne.NewPos(w-pad-ts2.Width, trackY-ts2.Height/2))
	r.toLabel.Resize(ts2)
	tx0, tx1 := pad+fs.Width+h*0.1, w-pad-ts2.Width-h*0.1
	full := chrono.Viewport{Start: s.full.Lo, End: s.full.Hi, Width: tx1 - tx0}
	fx := func(t float64) float32 { return tx0 + full.X(t) }
	r.track.Position1, r.track.Position2 = fyne.NewPos(tx0, trackY), fyne.NewPos(tx1, trackY)
	r.track.StrokeWidth = max(1.5, h*0.015)
	wx0, wx1 := max(tx0, fx(s.view.Lo)), min(tx1, fx(s.view.Hi))
	wh := h * 0.12
	r.window.StrokeWidth = max(1.5, h*0.012)
	r.window.Move(fyne.NewPos(wx0, trackY-wh/2))
	r.window.Resize(fyne.NewSize(max(2, wx1-wx0), wh))
	if c := s.cur; c >= 0 && c < len(s.ts) {
		d := h * 0.08
		r.dot.Resize(fyne.NewSquareSize(d))
		r.dot.Move(fyne.NewPos(fx(s.ts[c])-d/2, trackY-d/2))
		r.dot.Show()
	} else {
		r.dot.Hide()
	}
}

// stripMark is a tick of the strip's axis.
type stripMark struct {
	t     float64
	major bool
	label string
}

func marksToLabels(marks []stripMark) []stripMark {
	out := marks[:0:0]
	for _, m := range marks {
		if m.label != "" {
			out = append(out, m)
		}
	}
	return out
}

// placeLabels puts the tick labels under the axis. A label stays with its
// tick while the strip pans (the same text object, moved): changing a
// text's content makes it render again, which in every frame of a pan
// would cost more than the rest of the frame.
func (r *stripRenderer) placeLabels(marks []stripMark, x func(float64) float32, y, size, w float32) {
	if r.bound == nil {
		r.bound = map[float64]*canvas.Text{}
	}
	used := make(map[*canvas.Text]bool, len(marks))
	assigned := make([]*canvas.Text, len(marks))
	for i, m := range marks {
		if l := r.bound[m.t]; l != nil && l.Text == m.label && l.TextSize == size && l.TextStyle.Bold == m.major && !used[l] {
			assigned[i], used[l] = l, true
		}
	}
	free := r.labels[:0:0]
	for _, l := range r.labels {
		if !used[l] {
			free = append(free, l)
		}
	}
	clear(r.bound)
	for i, m := range marks {
		l := assigned[i]
		if l == nil {
			if len(free) == 0 {
				continue
			}
			l, free = free[0], free[1:]
			l.Text, l.TextSize, l.TextStyle.Bold = m.label, size, m.major
			l.Refresh()
		}
		r.bound[m.t] = l
		ls := l.MinSize()
		px := x(m.t)
		if px-ls.Width/2 < 0 || px+ls.Width/2 > w { // half a label is no label
			l.Hide()
			continue
		}
		l.Move(fyne.NewPos(px-ls.Width/2, y))
		l.Resize(ls)
		l.Show()
	}
	for _, l := range free {
		l.Hide()
	}
}

// withAlpha returns c with alpha a (colours of the strip and the slide).
func withAlpha(c color.Color, a uint8) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}
