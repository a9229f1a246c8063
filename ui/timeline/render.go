package timeline

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"aitimeline/data"
	"aitimeline/ui/chrono"
)

// Vertical geometry of the widget, in pixels.
const (
	eraH      = 22
	axisH     = 44
	rowH      = 24
	stripH    = 18
	laneHeadH = 16
	markerPx  = 12
	tickSpace = 56
)

// pool hands out canvas objects of one kind and hides the ones a frame did
// not use, so objects are created once and reused while zooming and panning.
type pool[T fyne.CanvasObject] struct {
	items []T
	used  int
	shown int // items the last frame showed
	make  func() T
	grew  bool
}

func (p *pool[T]) begin() { p.used = 0 }

func (p *pool[T]) next() T {
	if p.used == len(p.items) {
		p.items = append(p.items, p.make())
		p.grew = true
	}
	it := p.items[p.used]
	p.used++
	if !it.Visible() {
		it.Show()
	}
	return it
}

func (p *pool[T]) end() {
	for _, it := range p.items[p.used:max(p.shown, p.used)] {
		it.Hide()
	}
	p.shown = p.used
}

// hit is a tappable area of the last frame: an event (ref >= 0) or a cluster.
type hit struct {
	x0, y0, x1, y1 float32
	ref            int32
	lane           int32 // the lane of a cluster
	t0, t1         float64
}

// labelCache keeps each event's label text, cut to the maximum label width,
// and its measured width, for the current language and text size. Widths sit
// in a slice indexed by event (4 bytes an event), because the layout asks for
// the width of every label candidate in every frame; texts, needed only for
// the labels drawn, sit in a map.
type labelCache struct {
	epoch uint32 // changes whenever cached texts are dropped
	lang  data.Lang
	size  float32
	width []float32 // 0: not measured yet
	text  map[int32]string
}

func (c *labelCache) reset() { c.width, c.text = nil, nil; c.epoch++ }

// begin fixes the language and size for a frame (dropping the cache when
// either changed), so lookups need no locking.
func (c *labelCache) begin(t *Timeline, lang data.Lang, size float32) {
	if c.lang != lang || c.size != size || len(c.width) != t.data.Len() {
		c.lang, c.size = lang, size
		c.epoch++
		c.width = make([]float32, t.data.Len())
		c.text = map[int32]string{}
	}
}

// widthOf is the label width of event ref.
func (c *labelCache) widthOf(t *Timeline, ref int32) float32 {
	if w := c.width[ref]; w != 0 {
		return w
	}
	_, w := c.get(t, ref)
	return w
}

// get returns event ref's label text and width.
func (c *labelCache) get(t *Timeline, ref int32) (string, float32) {
	if s, ok := c.text[ref]; ok && c.width[ref] != 0 {
		return s, c.width[ref]
	}
	if len(c.text) > 100000 { // bound the text map (about 8 MB) over a long session
		clear(c.text)
	}
	s := t.data.Idx.Title(int(ref), c.lang)
	w := fyne.MeasureText(s, c.size, fyne.TextStyle{}).Width
	if w > chrono.DefaultLayout.MaxLabelPx {
		r := []rune(s)
		for len(r) > 1 && w > chrono.DefaultLayout.MaxLabelPx {
			r = r[:len(r)*9/10]
			s = strings.TrimRight(string(r), " ,.;:") + "…"
			w = fyne.MeasureText(s, c.size, fyne.TextStyle{}).Width
		}
	}
	c.text[ref], c.width[ref] = s, max(w, 0.5)
	return s, c.width[ref]
}

// textCache keeps the per-language strings and measured widths the frame
// needs again and again (tick labels, bubbles, markers), so a frame neither
// runs message templates nor shapes text it has shaped before.
type textCache struct {
	lang               data.Lang
	today, asOf        string
	bubblePre, bubbleP string
	bubbles            []string // bubble labels by count
	ticks              map[int64]string
	widths             map[widthKey]float32
	// bubble label metrics at bubbleSize: fixed part and one digit's width
	bubbleSize, bubbleFixed, digitW float32
}

type widthKey struct {
	s    string
	size float32
	bold bool
}

func (c *textCache) check(t *Timeline) {
	if lang := t.loc.Lang(); c.lang != lang || c.ticks == nil {
		c.lang = lang
		c.today, c.asOf = t.loc.T("timeline.today"), t.loc.T("timeline.as_of")
		c.bubblePre, c.bubbleP, _ = strings.Cut(t.loc.T("timeline.cluster", "Count", "\x00"), "\x00")
		c.bubbles = c.bubbles[:0]
		c.ticks = map[int64]string{}
		c.widths = map[widthKey]float32{}
		c.bubbleSize = 0
	}
}

func (c *textCache) width(s string, size float32, bold bool) float32 {
	k := widthKey{s, size, bold}
	if w, ok := c.widths[k]; ok {
		return w
	}
	if len(c.widths) > 8192 {
		clear(c.widths)
	}
	w := fyne.MeasureText(s, size, fyne.TextStyle{Bold: bold}).Width
	c.widths[k] = w
	return w
}

// bubble is the label of a count bubble; the labels of small counts are kept.
func (c *textCache) bubble(n int) string {
	if n < len(c.bubbles) && c.bubbles[n] != "" {
		return c.bubbles[n]
	}
	s := c.bubblePre + strconv.Itoa(n) + c.bubbleP
	if n < 4096 {
		if n >= len(c.bubbles) {
			c.bubbles = append(c.bubbles, make([]string, n+1-len(c.bubbles))...)
		}
		c.bubbles[n] = s
	}
	return s
}

// bubbleWidth measures a bubble label from its parts: digits have equal
// widths in the UI font, so counts need not be shaped one by one.
func (c *textCache) bubbleWidth(n int, size float32) float32 {
	if c.bubbleSize != size {
		c.bubbleSize = size
		c.bubbleFixed = c.width(c.bubblePre, size, true) + c.width(c.bubbleP, size, true)
		c.digitW = c.width("0", size, true)
	}
	digits := 1
	for n >= 10 {
		n /= 10
		digits++
	}
	return c.bubbleFixed + float32(digits)*c.digitW
}

type renderer struct {
	t          *Timeline
	bg         *canvas.Rectangle
	rects      pool[*canvas.Rectangle]
	lines      pool[*canvas.Line]
	circles    pool[*canvas.Circle]
	polys      pool[*canvas.Polygon]
	texts      pool[*canvas.Text]
	selLine    *canvas.Line
	focus      *canvas.Rectangle
	tipBg      *canvas.Rectangle
	tipText    *canvas.Text
	objects    []fyne.CanvasObject
	placements []chrono.Placement
	slots      slotTable
	slotsFor   *Data          // the dataset the slots are bound in
	assign     [][]*labelSlot // per lane, the slot of each label of this frame
	hits       []hit
	labels     labelCache
	text       textCache
	ticks      chrono.TickSet
	pal        palette
	size       fyne.Size
}

// palette holds the frame's colours, boxed once per theme rather than once
// per object and frame.
type palette struct {
	gen                          uint32 // changes with every new set of colours
	fg, muted, sep, accent       color.Color
	band0, band1, bubble, stroke color.Color
	today, asOf, sel, tipStroke  color.Color
	catByNum                     []color.Color // by position in data.Categories
}

func (p *palette) update(th fyne.Theme, v fyne.ThemeVariant) {
	fg := th.Color(theme.ColorNameForeground, v)
	accent := th.Color(theme.ColorNamePrimary, v)
	muted := th.Color(theme.ColorNamePlaceHolder, v)
	sep := th.Color(theme.ColorNameSeparator, v)
	if p.catByNum != nil && p.fg == fg && p.accent == accent && p.muted == muted && p.sep == sep {
		return
	}
	p.gen++
	p.fg, p.accent, p.muted, p.sep = fg, accent, muted, sep
	p.band0, p.band1 = withAlpha(fg, 0x10), withAlpha(fg, 0x20)
	p.bubble, p.stroke = withAlpha(accent, 0x40), withAlpha(fg, 0x60)
	p.today, p.asOf, p.sel, p.tipStroke = withAlpha(fg, 0x90), withAlpha(accent, 0xb0), withAlpha(accent, 0xc0), withAlpha(fg, 0x50)
	p.catByNum = p.catByNum[:0]
	for _, c := range data.Categories {
		p.catByNum = append(p.catByNum, CategoryColor(c))
	}
}

func newRenderer(t *Timeline) *renderer {
	r := &renderer{t: t}
	r.bg = canvas.NewRectangle(color.Transparent)
	r.rects.make = func() *canvas.Rectangle { return canvas.NewRectangle(color.Transparent) }
	r.lines.make = func() *canvas.Line { return canvas.NewLine(color.Transparent) }
	r.circles.make = func() *canvas.Circle { return canvas.NewCircle(color.Transparent) }
	r.polys.make = func() *canvas.Polygon { return &canvas.Polygon{} }
	r.texts.make = func() *canvas.Text { return canvas.NewText("", color.Black) }
	r.selLine = canvas.NewLine(color.Transparent)
	r.selLine.StrokeWidth = 2
	r.focus = canvas.NewRectangle(color.Transparent)
	r.focus.StrokeWidth = 2
	r.tipBg = canvas.NewRectangle(color.Transparent)
	r.tipBg.CornerRadius = 4
	r.tipText = canvas.NewText("", color.Black)
	r.rebuildObjects()
	return r
}

// rebuildObjects lists the canvas objects in paint order. It runs only when a
// pool grew, not every frame.
func (r *renderer) rebuildObjects() {
	o := r.objects[:0]
	o = append(o, r.bg)
	for _, x := range r.rects.items {
		o = append(o, x)
	}
	for _, x := range r.lines.items {
		o = append(o, x)
	}
	o = append(o, r.selLine)
	for _, x := range r.circles.items {
		o = append(o, x)
	}
	for _, x := range r.polys.items {
		o = append(o, x)
	}
	for _, sl := range r.slots.slots {
		o = append(o, sl.circle, sl.poly)
	}
	for _, x := range r.texts.items {
		o = append(o, x)
	}
	for _, sl := range r.slots.slots {
		o = append(o, sl.text)
	}
	o = append(o, r.focus, r.tipBg, r.tipText)
	r.objects = o
	r.rects.grew, r.lines.grew, r.circles.grew, r.polys.grew, r.texts.grew, r.slots.grew = false, false, false, false, false, false
}

func (r *renderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *renderer) Destroy() {}

func (r *renderer) MinSize() fyne.Size { return fyne.NewSize(320, eraH+axisH+rowH+stripH+laneHeadH) }

func (r *renderer) Layout(s fyne.Size) {
	r.size = s
	t := r.t
	if t.vp.Width != s.Width {
		if t.vp.Width <= 0 {
			t.vp = t.data.Limits.All(s.Width)
		} else {
			t.vp = t.vp.Resize(s.Width, t.data.Limits)
		}
	}
	r.update()
}

func (r *renderer) Refresh() { r.update() }

func setText(tx *canvas.Text, s string, size float32, col color.Color, bold bool) {
	changed := tx.Text != s || tx.TextSize != size || tx.Color != col || tx.TextStyle.Bold != bold
	tx.Text, tx.TextSize, tx.Color, tx.TextStyle.Bold = s, size, col, bold
	if changed {
		tx.Refresh()
	}
}

func setFill(o interface{ Refresh() }, cur *color.Color, col color.Color) {
	if *cur != col {
		*cur = col
		o.Refresh()
	}
}

func place(o fyne.CanvasObject, x, y, w, h float32) {
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(w, h))
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), a}
}

// update lays out the current window. It is the per-frame work: no database
// access, no allocation in the steady state beyond pool growth.
func (r *renderer) update() {
	t := r.t
	s := r.size
	if s.Width <= 0 || s.Height <= 0 {
		return
	}
	th := theme.Current()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.pal.update(th, v)
	fg, muted, sep, accent := r.pal.fg, r.pal.muted, r.pal.sep, r.pal.accent
	textSize := th.Size(theme.SizeNameText) * 0.93
	small := th.Size(theme.SizeNameCaptionText)

	vp := t.vp
	vp.Width = s.Width
	r.text.check(t)
	r.hits = r.hits[:0]
	for _, p := range []interface{ begin() }{&r.rects, &r.lines, &r.circles, &r.polys, &r.texts} {
		p.begin()
	}
	setFill(r.bg, &r.bg.FillColor, th.Color(theme.ColorNameInputBackground, v))
	place(r.bg, 0, 0, s.Width, s.Height)

	lanesTop, lanesBottom := float32(eraH), s.Height-axisH

	// Eras: alternating bands with their titles in the top strip.
	for i, e := range t.data.Eras {
		x0, x1 := vp.X(e.T0), vp.X(e.T1)
		if x1 < 0 || x0 > s.Width {
			continue
		}
		x0, x1 = max(x0, 0), min(x1, s.Width)
		band := r.rects.next()
		shade := r.pal.band0
		if i%2 == 1 {
			shade = r.pal.band1
		}
		setFill(band, &band.FillColor, shade)
		place(band, x0, 0, x1-x0, lanesBottom)
		title := t.loc.Text(e.Title)
		if w := r.text.width(title, small, true); w < x1-x0-8 {
			tx := r.texts.next()
			setText(tx, title, small, muted, true)
			place(tx, x0+4, 3, w, eraH-4)
		}
	}

	// Axis: minor tick lines and labels, major labels below.
	chrono.TicksInto(vp, tickSpace, &r.ticks)
	ticks := &r.ticks
	for _, tk := range ticks.Minor {
		x := vp.X(tk.T)
		if x >= s.Width-2 {
			continue
		}
		ln := r.lines.next()
		setFill(ln, &ln.StrokeColor, sep)
		ln.StrokeWidth = 1
		ln.Position1, ln.Position2 = fyne.NewPos(x, lanesTop), fyne.NewPos(x, lanesBottom+6)
		ln.Refresh()
		tx := r.texts.next()
		setText(tx, r.tickLabel(tk, ticks.MinorUnit, false), small, fg, false)
		place(tx, x+3, lanesBottom+4, 0, small)
	}
	for i, tk := range ticks.Major {
		x := vp.X(tk.T)
		if x >= s.Width-2 {
			continue
		}
		label := r.tickLabel(tk, ticks.MajorUnit, true)
		w := r.text.width(label, small, true)
		if x < 0 { // sticky: keep the current period's label at the left edge
			x = 0
			if i+1 < len(ticks.Major) {
				x = min(0, vp.X(ticks.Major[i+1].T)-w-8)
			}
		}
		tx := r.texts.next()
		setText(tx, label, small, fg, true)
		place(tx, x+3, lanesBottom+22, w, small)
	}

	// Lanes.
	n := max(len(t.lanes), 1)
	laneH := (lanesBottom - lanesTop) / float32(n)
	head := float32(0)
	if len(t.lanes) > 1 {
		head = laneHeadH
	}
	// Each lane: a head line with its title, label rows, and a bottom strip
	// for count bubbles and bare markers.
	rows := max(int((laneH-head-stripH)/rowH), 1)
	opt := chrono.DefaultLayout
	opt.Rows = rows
	for len(r.placements) < len(t.lanes) {
		r.placements = append(r.placements, chrono.Placement{})
	}
	r.labels.begin(t, t.loc.Lang(), textSize)
	widthOf := func(ref int32) float32 { return r.labels.widthOf(t, ref) }
	for li, lane := range t.lanes {
		chrono.Layout(lane.Lane, vp, opt, widthOf, &r.placements[li])
	}
	r.assignSlots()
	for li, lane := range t.lanes {
		top := lanesTop + float32(li)*laneH
		if li > 0 {
			ln := r.lines.next()
			setFill(ln, &ln.StrokeColor, sep)
			ln.StrokeWidth = 1
			ln.Position1, ln.Position2 = fyne.NewPos(0, top), fyne.NewPos(s.Width, top)
			ln.Refresh()
		}
		if head > 0 {
			tx := r.texts.next()
			setText(tx, r.laneTitle(lane), small, muted, true)
			place(tx, 4, top+1, 0, small)
		}
		p := &r.placements[li]
		rowY := func(row int) float32 { return top + head + float32(row)*rowH + rowH/2 }
		overflowY := min(top+head+float32(rows)*rowH+stripH/2, top+laneH-stripH/2)
		for k, lb := range p.Labels {
			y := rowY(lb.Row)
			sl := r.assign[li][k]
			if sl.pal != r.pal.gen || sl.epoch != r.labels.epoch {
				r.styleMarker(sl, int(lb.Ref))
			}
			mp := fyne.NewPos(lb.X-sl.msize/2, y-sl.msize/2)
			if sl.round {
				if !sl.circle.Visible() {
					sl.circle.Show() // refreshes: only when it was hidden
				}
				sl.circle.Move(mp)
			} else {
				if !sl.poly.Visible() {
					sl.poly.Show()
				}
				sl.poly.Move(mp)
			}
			// The title: set when the slot was bound, restyled when
			// selected or unselected, and otherwise only moved.
			tx := sl.text
			changed := false
			if sl.epoch != r.labels.epoch {
				sl.epoch = r.labels.epoch
				tx.Text, sl.width = r.labels.get(t, lb.Ref)
				changed = true
			}
			w := sl.width
			tx.Show()
			bold := int(lb.Ref) == t.sel
			col := fg
			if bold {
				col = accent
			}
			if tx.TextSize != textSize || tx.Color != col || tx.TextStyle.Bold != bold {
				tx.TextSize, tx.Color, tx.TextStyle.Bold = textSize, col, bold
				changed = true
			}
			if sz := fyne.NewSize(w, textSize); tx.Size() != sz {
				tx.Resize(sz) // refreshes
				changed = false
			}
			if changed {
				tx.Refresh()
			}
			tx0 := lb.X + markerPx/2 + 4
			if lb.Left {
				tx0 = lb.X - markerPx/2 - 4 - w
			}
			tx.Move(fyne.NewPos(tx0, y-textSize*0.7))
			r.hits = append(r.hits, hit{x0: min(tx0, lb.X-markerPx/2), y0: y - rowH/2, x1: max(tx0+w, lb.X+markerPx/2), y1: y + rowH/2, ref: lb.Ref})
		}
		for _, m := range p.Markers {
			r.drawMarker(int(m.Ref), m.X, overflowY)
			r.hits = append(r.hits, hit{x0: m.X - markerPx, y0: overflowY - stripH/2, x1: m.X + markerPx, y1: overflowY + stripH/2, ref: m.Ref})
		}
		p.Clusters = chrono.MergeClusters(p.Clusters, func(n int) float32 { return max(r.text.bubbleWidth(n, small)+10, stripH) }, 3)
		for _, c := range p.Clusters {
			label := r.text.bubble(c.Count)
			w := r.text.bubbleWidth(c.Count, small) + 10
			bw := max(w, stripH)
			// Keep the whole bubble in the window, also for a bucket the
			// window's edge cuts.
			c.X = min(max(c.X, bw/2), s.Width-bw/2)
			bub := r.rects.next()
			bub.CornerRadius = (stripH - 2) / 2
			setFill(bub, &bub.FillColor, r.pal.bubble)
			place(bub, c.X-bw/2, overflowY-(stripH-2)/2, bw, stripH-2)
			tx := r.texts.next()
			setText(tx, label, small, fg, true)
			place(tx, c.X-w/2+5, overflowY-small*0.7, 0, small) // no width: no resize as counts change
			r.hits = append(r.hits, hit{x0: c.X - bw/2, y0: overflowY - stripH/2, x1: c.X + bw/2, y1: overflowY + stripH/2, ref: -1, lane: int32(li), t0: c.T0, t1: c.T1})
		}
	}

	// Today and "facts as of" markers.
	today := chrono.Seconds(t.now())
	r.vline(vp.X(today), lanesTop, lanesBottom, r.pal.today, r.text.today, small, false)
	if asOf := t.data.AsOf; asOf > 0 && (asOf < today-chrono.Day || asOf > today+chrono.Day) {
		r.vline(vp.X(asOf), lanesTop, lanesBottom, r.pal.asOf, r.text.asOf, small, true)
	}

	// Selection: a line through the selected event, kept while zooming and panning.
	if t.sel >= 0 {
		x := vp.X(t.data.T[t.sel])
		setFill(r.selLine, &r.selLine.StrokeColor, r.pal.sel)
		r.selLine.Position1, r.selLine.Position2 = fyne.NewPos(x, lanesTop), fyne.NewPos(x, lanesBottom)
		r.selLine.Show()
		r.selLine.Refresh()
	} else {
		r.selLine.Hide()
	}

	if t.focused {
		setFill(r.focus, &r.focus.StrokeColor, th.Color(theme.ColorNameFocus, v))
		place(r.focus, 1, 1, s.Width-2, s.Height-2)
		r.focus.Show()
	} else {
		r.focus.Hide()
	}
	r.updateTooltip(fg, small)

	for _, p := range []interface{ end() }{&r.rects, &r.lines, &r.circles, &r.polys, &r.texts} {
		p.end()
	}
	r.slots.end()
	if r.rects.grew || r.lines.grew || r.circles.grew || r.polys.grew || r.texts.grew || r.slots.grew {
		r.rebuildObjects()
	}
}

// assignSlots gives every label of the frame a slot: first the slot it had in
// the last frame, if any, then slots no label of this frame claimed.
func (r *renderer) assignSlots() {
	t := r.t
	if r.slotsFor != t.data {
		r.slotsFor = t.data
		r.slots.forget()
	}
	r.slots.begin()
	for len(r.assign) < len(t.lanes) {
		r.assign = append(r.assign, nil)
	}
	epoch := r.labels.epoch
	for li := range t.lanes {
		labels := r.placements[li].Labels
		a := r.assign[li][:0]
		for _, lb := range labels {
			a = append(a, r.slots.reuse(lb.Ref, int32(li), epoch))
		}
		r.assign[li] = a
	}
	for li := range t.lanes {
		for k, lb := range r.placements[li].Labels {
			if r.assign[li][k] == nil {
				sl := r.slots.bind(lb.Ref, int32(li), newLabelSlot)
				sl.epoch = epoch - 1 // title and marker to be set
				r.assign[li][k] = sl
			}
		}
	}
}

func (r *renderer) vline(x, y0, y1 float32, col color.Color, label string, size float32, right bool) {
	if x < 0 || x > r.size.Width {
		return
	}
	ln := r.lines.next()
	setFill(ln, &ln.StrokeColor, col)
	ln.StrokeWidth = 1.5
	ln.Position1, ln.Position2 = fyne.NewPos(x, y0), fyne.NewPos(x, y1)
	ln.Refresh()
	tx := r.texts.next()
	setText(tx, label, size, col, true)
	w := r.text.width(label, size, true)
	lx := x - w - 3
	if right || lx < 0 {
		lx = x + 3
	}
	place(tx, lx, 3, w, size) // in the era strip, clear of labels and bubbles
}

// markerLook is event i's marker: shape by claim status, fill and stroke by
// category (hollow shapes take the category colour as stroke), size by
// importance.
func (r *renderer) markerLook(i int) (sh Shape, fill, stroke color.Color, sw, size float32) {
	idx := r.t.data.Idx
	sh = shapeByNum[idx.StatusNum(i)]
	col := r.pal.catByNum[idx.CategoryNum(i)]
	fill, stroke, sw = col, r.pal.stroke, 1
	if sh.Hollow {
		fill, stroke, sw = color.Transparent, col, 2.5
	}
	size = markerPx
	if idx.Importance(i) >= 5 {
		size += 2
	}
	return sh, fill, stroke, sw, size
}

// drawMarker draws a bare marker (an event without a label) from the pools.
func (r *renderer) drawMarker(i int, x, y float32) {
	sh, fill, stroke, sw, size := r.markerLook(i)
	if sh.Sides == 0 {
		c := r.circles.next()
		changed := c.FillColor != fill || c.StrokeColor != stroke || c.StrokeWidth != sw
		c.FillColor, c.StrokeColor, c.StrokeWidth = fill, stroke, sw
		place(c, x-size/2, y-size/2, size, size)
		if changed {
			c.Refresh()
		}
		return
	}
	p := r.polys.next()
	changed := p.FillColor != fill || p.StrokeColor != stroke || p.StrokeWidth != sw || p.Sides != sh.Sides || p.Angle != sh.Angle
	p.FillColor, p.StrokeColor, p.StrokeWidth, p.Sides, p.Angle = fill, stroke, sw, sh.Sides, sh.Angle
	size += 2 // polygons look smaller than circles of the same box
	place(p, x-size/2, y-size/2, size, size)
	if changed {
		p.Refresh()
	}
}

func (r *renderer) laneTitle(l LaneDef) string {
	t := r.t
	switch {
	case l.Key == OtherLane:
		return t.loc.T("timeline.lane_other")
	case t.mode == LanesCategory:
		return t.loc.T("category." + l.Key)
	case t.mode == LanesSingle:
		return t.loc.T("timeline.lane_all")
	}
	return t.loc.Text(l.Title)
}

func (r *renderer) tickLabel(tk chrono.Tick, u chrono.Unit, major bool) string {
	key := int64(tk.T)<<4 | int64(u)<<1
	if major {
		key |= 1
	}
	if s, ok := r.text.ticks[key]; ok {
		return s
	}
	if len(r.text.ticks) > 4096 {
		clear(r.text.ticks)
	}
	loc := r.t.loc
	tm := tk.Time
	var s string
	switch u {
	case chrono.Hour:
		s = strconv.Itoa(tm.Hour()) + ":00"
	case chrono.DayUnit, chrono.Week:
		s = strconv.Itoa(tm.Day())
		if major {
			s = loc.Date(data.Date{Year: tm.Year(), Month: int(tm.Month()), Day: tm.Day(), Precision: data.Day})
		}
	case chrono.Month:
		s = loc.MonthShort(int(tm.Month()))
		if major {
			s = loc.Date(data.Date{Year: tm.Year(), Month: int(tm.Month()), Day: 1, Precision: data.Month})
		}
	default:
		s = strconv.Itoa(tm.Year())
	}
	r.text.ticks[key] = s
	return s
}

func (r *renderer) hitAt(p fyne.Position) (hit, bool) {
	// Later hits are drawn on top; search from the end.
	for i := len(r.hits) - 1; i >= 0; i-- {
		h := r.hits[i]
		if p.X >= h.x0 && p.X <= h.x1 && p.Y >= h.y0 && p.Y <= h.y1 {
			return h, true
		}
	}
	return hit{}, false
}

func (r *renderer) updateTooltip(fg color.Color, size float32) {
	t := r.t
	h, ok := r.hitAt(t.hoverPos)
	if !t.hovering || !ok {
		r.tipBg.Hide()
		r.tipText.Hide()
		return
	}
	var label string
	if h.ref >= 0 {
		idx := t.data.Idx
		label = t.loc.DateRange(idx.Date(int(h.ref)), idx.End(int(h.ref))) + " · " + idx.Title(int(h.ref), t.loc.Lang())
	} else {
		from, to := chrono.Time(h.t0), chrono.Time(h.t1)
		label = t.loc.DateRange(data.Date{Year: from.Year(), Month: int(from.Month()), Day: from.Day(), Precision: data.Day},
			data.Date{Year: to.Year(), Month: int(to.Month()), Day: to.Day(), Precision: data.Day})
	}
	w := fyne.MeasureText(label, size, fyne.TextStyle{}).Width
	x := min(max(t.hoverPos.X+12, 4), r.size.Width-w-16)
	y := t.hoverPos.Y + 18
	if y+size+10 > r.size.Height {
		y = t.hoverPos.Y - size - 18
	}
	th := theme.Current()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	setFill(r.tipBg, &r.tipBg.FillColor, th.Color(theme.ColorNameOverlayBackground, v))
	r.tipBg.StrokeColor, r.tipBg.StrokeWidth = r.pal.tipStroke, 1
	place(r.tipBg, x, y, w+12, size+10)
	setText(r.tipText, label, size, fg, false)
	place(r.tipText, x+6, y+4, w, size)
	r.tipBg.Show()
	r.tipText.Show()
}
