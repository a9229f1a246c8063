package timeline

import (
	"image/color"
	"slices"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"aitimeline/data"
	"aitimeline/ui/chrono"
)

// Vertical geometry of the widget, in pixels at the default text size; the
// widget scales them with the theme's text size (metrics), so that at 200 %
// text rows of labels, lane titles and the axis do not overlap.
const (
	eraH      = 22
	axisH     = 44
	rowH      = 24
	stripH    = 18
	laneHeadH = 16
	markerPx  = 12
	tickSpace = 56
	storyH    = 8 // the selected event's story line, just above the axis
	// minLaneH is the least a lane needs: its title, one row of labels and
	// its strip of bubbles. The timeline shows as many lanes as fit.
	minLaneH = laneHeadH + rowH + stripH
)

// metrics are the geometry above scaled by k (the theme's text size over
// the default one, at least 1).
type metrics struct {
	k                                               float32
	eraH, axisH, rowH, stripH, laneHeadH, tickSpace float32
	storyH, minLaneH                                float32
}

// defaultTextSize is Fyne's default text size, the size the constants fit.
const defaultTextSize = 14

func metricsFor(textSize float32) metrics {
	k := max(textSize/defaultTextSize, 1)
	return metrics{k: k, eraH: eraH * k, axisH: axisH * k, rowH: rowH * k, stripH: stripH * k, laneHeadH: laneHeadH * k,
		tickSpace: tickSpace * k, storyH: storyH, minLaneH: minLaneH * k}
}

// labelCaps are the widths a label may be cut to: the layout packs labels at
// the first, and a label with free room up to the next one in its row is
// drawn at the widest that fits. A few fixed steps, so zooming re-shapes a
// title only when it crosses one.
var labelCaps = [...]float32{260, 420, 640}

// pool hands out canvas objects of one kind for one role and hides the ones a
// frame did not use, so objects are created once and reused while zooming
// and panning. Each role has its own pool, and every use sets every field
// the role styles, so no object keeps another role's look.
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

// labelCache keeps each event's title cut to each of labelCaps (and whole),
// with measured widths, for the current language and text size. The layout
// asks for the narrowest width of every label candidate in every frame, so
// those sit in a slice indexed by event (4 bytes an event); texts, needed
// only for the labels drawn, sit in a map.
type labelCache struct {
	epoch uint32 // changes whenever cached texts are dropped
	lang  data.Lang
	size  float32
	width []float32 // at labelCaps[0]; 0: not measured yet
	text  map[int32]*labelTexts
}

// labelTexts is one event's title at each cap and whole.
type labelTexts struct {
	full   string
	fullW  float32
	cut    [len(labelCaps)]string
	cutW   [len(labelCaps)]float32
	filled uint8 // bit k: cut[k] is set
}

func (c *labelCache) reset() { c.width, c.text = nil, nil; c.epoch++ }

// begin fixes the language and size for a frame (dropping the cache when
// either changed), so lookups need no locking.
func (c *labelCache) begin(t *Timeline, lang data.Lang, size float32) {
	if c.lang != lang || c.size != size || len(c.width) != t.data.Len() {
		c.lang, c.size = lang, size
		c.epoch++
		c.width = make([]float32, t.data.Len())
		c.text = map[int32]*labelTexts{}
	}
}

// widthOf is event ref's label width at the narrowest cap (for packing).
func (c *labelCache) widthOf(t *Timeline, ref int32) float32 {
	if w := c.width[ref]; w != 0 {
		return w
	}
	_, w := c.get(t, ref, 0)
	c.width[ref] = max(w, 0.5)
	return c.width[ref]
}

func (c *labelCache) texts(t *Timeline, ref int32) *labelTexts {
	if lt, ok := c.text[ref]; ok {
		return lt
	}
	if len(c.text) > 100000 { // bound the map (about 20 MB) over a long session
		clear(c.text)
	}
	s := t.data.Idx.Title(int(ref), c.lang)
	lt := &labelTexts{full: s, fullW: fyne.MeasureText(s, c.size, fyne.TextStyle{}).Width}
	c.text[ref] = lt
	return lt
}

// get returns event ref's title cut to labelCaps[k] (k = len: whole) and its width.
func (c *labelCache) get(t *Timeline, ref int32, k int) (string, float32) {
	lt := c.texts(t, ref)
	if k >= len(labelCaps) || lt.fullW <= labelCaps[k] {
		return lt.full, lt.fullW
	}
	if lt.filled&(1<<k) == 0 {
		// The cut is the first of the lengths n, n*9/10, … whose text
		// fits (referenceCut in the tests), found from a proportional guess
		// with two or three measurements instead of one per step: measuring
		// every title at each step cost 39 ms of the start.
		r := []rune(lt.full)
		lens := []int{len(r)}
		for l := len(r); l > 1; {
			l = l * 9 / 10
			lens = append(lens, l)
		}
		cut := func(j int) (string, float32) {
			s := strings.TrimRight(string(r[:lens[j]]), " ,.;:–-") + "…"
			return s, fyne.MeasureText(s, c.size, fyne.TextStyle{}).Width
		}
		if len(lens) == 1 {
			lt.cut[k], lt.cutW[k] = lt.full, lt.fullW
			lt.filled |= 1 << k
			return lt.cut[k], lt.cutW[k]
		}
		guess := float32(len(r)) * labelCaps[k] / lt.fullW * 1.05
		j := 1
		for j < len(lens)-1 && float32(lens[j]) > guess {
			j++
		}
		s, w := cut(j)
		if w <= labelCaps[k] {
			for j > 1 {
				s2, w2 := cut(j - 1)
				if w2 > labelCaps[k] {
					break
				}
				j, s, w = j-1, s2, w2
			}
		} else {
			for j < len(lens)-1 && w > labelCaps[k] {
				j++
				s, w = cut(j)
			}
		}
		lt.cut[k], lt.cutW[k] = s, max(w, 0.5)
		lt.filled |= 1 << k
	}
	return lt.cut[k], lt.cutW[k]
}

// textCache keeps the per-language strings and measured widths the frame
// needs again and again (tick labels, bubbles, markers), so a frame neither
// runs message templates nor shapes text it has shaped before.
type textCache struct {
	lang                    data.Lang
	today, asOf, notCovered string
	bubblePre, bubbleP      string
	bubbles                 []string // bubble labels by count
	ticks                   map[int64]string
	widths                  map[widthKey]float32
	bubbleSize, bubbleFixed float32 // bubble label metrics at bubbleSize
	digitW                  float32
}

type widthKey struct {
	s    string
	size float32
	bold bool
}

func (c *textCache) check(t *Timeline) {
	if lang := t.loc.Lang(); c.lang != lang || c.ticks == nil {
		c.lang = lang
		c.today = t.loc.T("timeline.today")
		c.asOf = t.loc.T("timeline.not_covered", "Date", t.loc.Date(data.MustDate(chrono.Time(t.data.AsOf-chrono.Day).Format("2006-01-02"))))
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
	t  *Timeline
	bg *canvas.Rectangle
	// One pool per role.
	bands      pool[*canvas.Rectangle] // era bands and the shaded stretch after "as of"
	bubbles    pool[*canvas.Rectangle] // count bubbles
	lines      pool[*canvas.Line]      // ticks, lane separators, today and "as of"
	circles    pool[*canvas.Circle]    // bare markers
	polys      pool[*canvas.Polygon]   // bare markers
	texts      pool[*canvas.Text]      // era titles, ticks, lane titles, bubble counts
	storyDots  pool[*canvas.Circle]    // the selected event's story
	badges     pool[*canvas.Circle]    // the notebook's mark on annotated events
	storyLine  *canvas.Line
	selLine    *canvas.Line
	selBg      *canvas.Rectangle // behind the selected event's whole title
	selText    *canvas.Text
	focus      *canvas.Rectangle
	tipBg      *canvas.Rectangle
	tipText    *canvas.Text
	objects    []fyne.CanvasObject
	placements []chrono.Placement
	slots      slotTable
	slotsFor   *Data          // the dataset the slots are bound in
	assign     [][]*labelSlot // per lane, the slot of each label of this frame
	order      []int          // labels of a lane sorted by row and x (reused)
	room       []float32      // free width for each label's text (see widenLabels)
	hits       []hit
	labels     labelCache
	text       textCache
	ticks      chrono.TickSet
	pal        palette
	size       fyne.Size
	// The shaded stretch after "as of" in this frame (0, 0: none).
	gapT0, gapT1 float64
}

// labelGround puts a label's background over [x0, x1): in the colour of the
// band it sits on, in two parts when an era's border (or the "as of" line)
// runs through it, so the background hides the tick lines and nothing else.
func (r *renderer) labelGround(sl *labelSlot, vp chrono.Viewport, x0, x1, y, h float32) {
	split := x1
	t0, t1 := vp.T(x0), vp.T(x1)
	for _, b := range r.t.data.Eras {
		for _, bt := range [2]float64{b.T0, b.T1} {
			if bt > t0 && bt < t1 {
				split = min(split, vp.X(bt))
			}
		}
	}
	for _, bt := range [2]float64{r.gapT0, r.gapT1} {
		if bt > t0 && bt < t1 {
			split = min(split, vp.X(bt))
		}
	}
	fill := func(rc *canvas.Rectangle, a, b float32) {
		if c := r.groundAt(vp.T((a + b) / 2)); rc.FillColor != c {
			rc.FillColor = c
			rc.Refresh()
		}
		place(rc, a, y, b-a, h)
		show(rc)
	}
	fill(sl.bg, x0, split)
	if split < x1 {
		fill(sl.bg2, split, x1)
	} else {
		hide(sl.bg2)
	}
}

// groundAt is the opaque colour the era bands (and the "as of" shading)
// give the timeline at time tm: a label's background in it hides the tick
// lines behind the title and nothing else.
func (r *renderer) groundAt(tm float64) color.NRGBA {
	pal := &r.pal
	c := pal.ground
	for i, e := range r.t.data.Eras {
		if tm >= e.T0 && tm < e.T1 {
			shade := pal.band0
			if i%2 == 1 {
				shade = pal.band1
			}
			c = over(shade, c)
			break
		}
	}
	if tm >= r.gapT0 && tm < r.gapT1 {
		c = over(pal.gap, c)
	}
	return c
}

// palette holds the frame's colours and sizes, read from the widget's theme
// in Refresh and boxed once per theme rather than once per object and frame.
type palette struct {
	gen                          uint32 // changes with every new set of colours
	fg, muted, sep, accent       color.Color
	inputBg, overlay, focus      color.Color
	band0, band1, bubble, stroke color.Color
	today, asOf, sel, tipStroke  color.Color
	gap, fgDim                   color.Color
	ground                       color.NRGBA   // the timeline's opaque background (inputBg over the window's)
	catByNum                     []color.Color // by position in data.Categories
	textSize, small              float32
	metrics
}

func (p *palette) update(th fyne.Theme, v fyne.ThemeVariant) {
	fg := th.Color(theme.ColorNameForeground, v)
	accent := th.Color(theme.ColorNamePrimary, v)
	muted := th.Color(theme.ColorNamePlaceHolder, v)
	sep := th.Color(theme.ColorNameSeparator, v)
	inputBg := th.Color(theme.ColorNameInputBackground, v)
	textSize, small := th.Size(theme.SizeNameText)*0.93, th.Size(theme.SizeNameCaptionText)
	if p.catByNum != nil && p.fg == fg && p.accent == accent && p.muted == muted && p.sep == sep && p.inputBg == inputBg &&
		p.textSize == textSize && p.small == small {
		return
	}
	p.gen++
	p.fg, p.accent, p.muted, p.sep, p.inputBg = fg, accent, muted, sep, inputBg
	p.textSize, p.small = textSize, small
	p.metrics = metricsFor(th.Size(theme.SizeNameText))
	p.overlay, p.focus = th.Color(theme.ColorNameOverlayBackground, v), th.Color(theme.ColorNameFocus, v)
	p.band0, p.band1 = withAlpha(fg, 0x10), withAlpha(fg, 0x20)
	p.bubble, p.stroke = withAlpha(accent, 0x40), withAlpha(fg, 0x60)
	p.today, p.asOf, p.sel, p.tipStroke = withAlpha(fg, 0x90), withAlpha(accent, 0xb0), withAlpha(accent, 0xc0), withAlpha(fg, 0x50)
	p.gap, p.fgDim = withAlpha(fg, 0x14), withAlpha(fg, 0x50)
	p.ground = over(inputBg, over(th.Color(theme.ColorNameBackground, v), color.NRGBA{0xff, 0xff, 0xff, 0xff}))
	p.catByNum = p.catByNum[:0]
	for _, c := range data.Categories {
		p.catByNum = append(p.catByNum, CategoryColor(c))
	}
}

func newRenderer(t *Timeline) *renderer {
	r := &renderer{t: t}
	r.bg = canvas.NewRectangle(color.Transparent)
	rect := func() *canvas.Rectangle { return canvas.NewRectangle(color.Transparent) }
	r.bands.make, r.bubbles.make = rect, rect
	r.lines.make = func() *canvas.Line { return canvas.NewLine(color.Transparent) }
	r.circles.make = func() *canvas.Circle { return canvas.NewCircle(color.Transparent) }
	r.storyDots.make = r.circles.make
	r.badges.make = r.circles.make
	r.polys.make = func() *canvas.Polygon { return &canvas.Polygon{} }
	r.texts.make = func() *canvas.Text { return canvas.NewText("", color.Black) }
	r.storyLine = canvas.NewLine(color.Transparent)
	r.storyLine.StrokeWidth = 2
	r.selLine = canvas.NewLine(color.Transparent)
	r.selLine.StrokeWidth = 2
	r.selBg = canvas.NewRectangle(color.Transparent)
	r.selBg.CornerRadius = 4
	r.selText = canvas.NewText("", color.Black)
	r.selText.TextStyle.Bold = true
	r.focus = canvas.NewRectangle(color.Transparent)
	r.focus.StrokeWidth = 2
	r.tipBg = canvas.NewRectangle(color.Transparent)
	r.tipBg.CornerRadius = 4
	r.tipText = canvas.NewText("", color.Black)
	for _, o := range []fyne.CanvasObject{r.storyLine, r.selLine, r.selBg, r.selText, r.focus, r.tipBg, r.tipText} {
		o.Hide()
	}
	r.readTheme()
	r.rebuildObjects()
	return r
}

// rebuildObjects lists the canvas objects in paint order. It runs only when a
// pool grew, not every frame.
func (r *renderer) rebuildObjects() {
	o := r.objects[:0]
	o = append(o, r.bg)
	for _, x := range r.bands.items {
		o = append(o, x)
	}
	for _, x := range r.lines.items {
		o = append(o, x)
	}
	o = append(o, r.selLine)
	// Label backgrounds cover the tick lines and the selection's line, so
	// no line crosses a title.
	for _, sl := range r.slots.slots {
		o = append(o, sl.bg, sl.bg2)
	}
	o = append(o, r.storyLine)
	for _, x := range r.storyDots.items {
		o = append(o, x)
	}
	for _, x := range r.bubbles.items {
		o = append(o, x)
	}
	for _, x := range r.circles.items {
		o = append(o, x)
	}
	for _, x := range r.polys.items {
		o = append(o, x)
	}
	for _, sl := range r.slots.slots {
		o = append(o, sl.circle, sl.poly)
	}
	for _, x := range r.badges.items {
		o = append(o, x)
	}
	for _, x := range r.texts.items {
		o = append(o, x)
	}
	for _, sl := range r.slots.slots {
		o = append(o, sl.text)
	}
	o = append(o, r.selBg, r.selText, r.focus, r.tipBg, r.tipText)
	r.objects = o
	r.bands.grew, r.bubbles.grew, r.lines.grew, r.circles.grew, r.polys.grew, r.texts.grew, r.storyDots.grew, r.badges.grew, r.slots.grew =
		false, false, false, false, false, false, false, false, false
}

func (r *renderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *renderer) Destroy() {}

func (r *renderer) MinSize() fyne.Size {
	return fyne.NewSize(320, r.pal.eraH+r.pal.axisH+2*r.pal.minLaneH)
}

// Layout positions everything for a new size. The window's scale was
// already adjusted in Timeline.Resize.
func (r *renderer) Layout(s fyne.Size) {
	r.size = s
	r.draw()
}

// Refresh re-reads the theme (the widget's own, so overrides apply) and
// redraws.
func (r *renderer) Refresh() {
	r.readTheme()
	r.draw()
}

func (r *renderer) readTheme() {
	r.pal.update(r.t.Theme(), fyne.CurrentApp().Settings().ThemeVariant())
}

func setText(tx *canvas.Text, s string, size float32, col color.Color, bold bool) {
	changed := tx.Text != s || tx.TextSize != size || tx.Color != col || tx.TextStyle.Bold != bold
	tx.Text, tx.TextSize, tx.Color, tx.TextStyle.Bold = s, size, col, bold
	if changed {
		tx.Refresh()
	}
}

// styleRect sets every field the rectangle roles differ in.
func styleRect(rc *canvas.Rectangle, fill color.Color, radius float32) {
	if rc.FillColor != fill || rc.CornerRadius != radius || rc.StrokeWidth != 0 {
		rc.FillColor, rc.CornerRadius, rc.StrokeWidth = fill, radius, 0
		rc.Refresh()
	}
}

func styleLine(ln *canvas.Line, col color.Color, width float32, x0, y0, x1, y1 float32) {
	ln.StrokeColor, ln.StrokeWidth = col, width
	ln.Position1, ln.Position2 = fyne.NewPos(x0, y0), fyne.NewPos(x1, y1)
	ln.Refresh()
}

func place(o fyne.CanvasObject, x, y, w, h float32) {
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(w, h))
}

// over paints c over the opaque colour under, as the painter blends.
func over(c color.Color, under color.NRGBA) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	a := uint32(n.A)
	mix := func(x, y uint8) uint8 { return uint8((uint32(x)*a + uint32(y)*(255-a) + 127) / 255) }
	return color.NRGBA{mix(n.R, under.R), mix(n.G, under.G), mix(n.B, under.B), 0xff}
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), a}
}

// geometry is where the frame's parts go vertically.
type geometry struct {
	lanesTop, lanesBottom float32
	laneH, head           float32
	rows                  int
}

func (r *renderer) geometry() geometry {
	s := r.size
	g := geometry{lanesTop: r.pal.eraH, lanesBottom: s.Height - r.pal.axisH}
	n := max(len(r.t.laneDefs()), 1)
	g.laneH = (g.lanesBottom - g.lanesTop) / float32(n)
	if len(r.t.laneDefs()) > 1 {
		g.head = r.pal.laneHeadH
	}
	g.rows = max(int((g.laneH-g.head-r.pal.stripH)/r.pal.rowH), 1)
	return g
}

// draw lays out the current window. It is the per-frame work: no database
// access, no theme lookup, no allocation in the steady state beyond pool growth.
func (r *renderer) draw() {
	t := r.t
	s := r.size
	if s.Width <= 0 || s.Height <= 0 {
		return
	}
	pal := &r.pal
	vp := t.vp
	vp.Width = s.Width
	r.text.check(t)
	r.hits = r.hits[:0]
	for _, p := range []interface{ begin() }{&r.bands, &r.bubbles, &r.lines, &r.circles, &r.polys, &r.texts, &r.storyDots, &r.badges} {
		p.begin()
	}
	if r.bg.FillColor != pal.inputBg {
		r.bg.FillColor = pal.inputBg
		r.bg.Refresh()
	}
	place(r.bg, 0, 0, s.Width, s.Height)
	g := r.geometry()

	// Today and "not covered after …": their labels go in the era strip
	// first, and era titles keep clear of them. The "as of" label stands
	// left of its line, today's right of its own, so the two part around
	// the shaded stretch the dataset does not cover; where they would still
	// meet, today's label gives way (its line stays).
	today := chrono.Seconds(t.now())
	var reserved [2][2]float32 // x ranges in the era strip
	nres := 0
	asOf := t.data.AsOf
	showAsOf := asOf > 0 && (asOf < today-chrono.Day || asOf > today+chrono.Day)
	r.gapT0, r.gapT1 = 0, 0
	if showAsOf && asOf < today {
		r.gapT0, r.gapT1 = asOf, today
	}
	if showAsOf {
		// The stretch after "as of" is not covered by the dataset: shaded.
		if x0, x1 := max(vp.X(asOf), 0), min(vp.X(today), s.Width); x1 > x0 && asOf < today {
			gap := r.bands.next()
			styleRect(gap, pal.gap, 0)
			place(gap, x0, g.lanesTop, x1-x0, g.lanesBottom-g.lanesTop)
		}
		if x := vp.X(asOf); x >= 0 && x <= s.Width {
			reserved[nres] = r.vline(x, g, pal.asOf, r.text.asOf, asOf > today, reserved[:nres])
			nres++
		}
	}
	if x := vp.X(today); x >= 0 && x <= s.Width {
		right := showAsOf && asOf < today
		if rs := r.vline(x, g, pal.today, r.text.today, right, reserved[:nres]); rs[1] > rs[0] {
			reserved[nres] = rs
			nres++
		}
	}
	// Eras: alternating bands with their titles in the top strip.
	for i, e := range t.data.Eras {
		x0, x1 := vp.X(e.T0), vp.X(e.T1)
		if x1 < 0 || x0 > s.Width {
			continue
		}
		x0, x1 = max(x0, 0), min(x1, s.Width)
		band := r.bands.next()
		shade := pal.band0
		if i%2 == 1 {
			shade = pal.band1
		}
		styleRect(band, shade, 0)
		place(band, x0, 0, x1-x0, g.lanesBottom)
		title := t.loc.Text(e.Title)
		w := r.text.width(title, pal.small, true)
		tx0, tx1 := x0+4, x1-4
		for _, rs := range reserved[:nres] { // step past a today/as-of label
			if rs[0] < tx0+w && rs[1] > tx0 {
				tx0 = rs[1] + 6
			}
		}
		if w < tx1-tx0 {
			tx := r.texts.next()
			setText(tx, title, pal.small, pal.muted, true)
			place(tx, tx0, 3, w, r.pal.eraH-4)
		}
	}

	r.drawAxis(vp, g)
	r.drawLanes(vp, g)
	r.drawStory(vp, g)

	// Selection: a line through the selected event, kept while zooming and panning.
	if t.sel >= 0 {
		x := vp.X(t.data.T[t.sel])
		styleLine(r.selLine, pal.sel, 2, x, g.lanesTop, x, g.lanesBottom)
		show(r.selLine)
	} else {
		hide(r.selLine)
	}
	if t.focused {
		r.focus.StrokeColor, r.focus.FillColor = pal.focus, color.Transparent
		place(r.focus, 1, 1, s.Width-2, s.Height-2)
		show(r.focus)
		r.focus.Refresh()
	} else {
		hide(r.focus)
	}
	r.updateTooltip()

	for _, p := range []interface{ end() }{&r.bands, &r.bubbles, &r.lines, &r.circles, &r.polys, &r.texts, &r.storyDots, &r.badges} {
		p.end()
	}
	r.slots.end()
	if r.bands.grew || r.bubbles.grew || r.lines.grew || r.circles.grew || r.polys.grew || r.texts.grew || r.storyDots.grew || r.badges.grew || r.slots.grew {
		r.rebuildObjects()
	}
}

// drawAxis draws minor tick lines and labels, and the major labels below.
func (r *renderer) drawAxis(vp chrono.Viewport, g geometry) {
	pal, s := &r.pal, r.size
	chrono.TicksInto(vp, r.pal.tickSpace, &r.ticks)
	ticks := &r.ticks
	for _, tk := range ticks.Minor {
		x := vp.X(tk.T)
		if x >= s.Width-2 || x < 0 {
			continue
		}
		styleLine(r.lines.next(), pal.sep, 1, x, g.lanesTop, x, g.lanesBottom+6)
		label := r.tickLabel(tk, ticks.MinorUnit, false)
		if x+3+r.text.width(label, pal.small, false) > s.Width {
			continue // would be cut at the right edge
		}
		tx := r.texts.next()
		setText(tx, label, pal.small, pal.fg, false)
		place(tx, x+3, g.lanesBottom+4, 0, pal.small)
	}
	for i, tk := range ticks.Major {
		x := vp.X(tk.T)
		if x >= s.Width-2 {
			continue
		}
		label := r.tickLabel(tk, ticks.MajorUnit, true)
		w := r.text.width(label, pal.small, true)
		if x < 0 {
			// Sticky: the current period's label stays at the left edge,
			// unless the next period's label is about to take its place.
			x = 0
			if i+1 < len(ticks.Major) && vp.X(ticks.Major[i+1].T) < w+16 {
				continue
			}
		}
		if x+3+w > s.Width {
			continue
		}
		tx := r.texts.next()
		setText(tx, label, pal.small, pal.fg, true)
		place(tx, x+3, g.lanesBottom+22, w, pal.small)
	}
}

// drawLanes lays out and draws every lane: head line and title, labels with
// their markers, bare markers and count bubbles.
func (r *renderer) drawLanes(vp chrono.Viewport, g geometry) {
	t, pal, s := r.t, &r.pal, r.size
	opt := chrono.DefaultLayout
	opt.Rows = g.rows
	opt.MaxLabels = t.maxLabels
	if t.sel >= 0 {
		opt.Pin, opt.PinRef, opt.PinT = true, int32(t.sel), t.data.T[t.sel]
	}
	for len(r.placements) < len(t.laneDefs()) {
		r.placements = append(r.placements, chrono.Placement{})
	}
	r.labels.begin(t, t.loc.Lang(), pal.textSize)
	widthOf := func(ref int32) float32 { return r.labels.widthOf(t, ref) }
	for li, lane := range t.laneDefs() {
		chrono.Layout(lane.Lane, vp, opt, widthOf, &r.placements[li])
	}
	r.assignSlots()
	selDrawn := false
	// An event of several lanes (people, stories) is drawn as selected in
	// the last of them; the others show its title as any label.
	selLane, selRow := -1, 0
	if t.sel >= 0 {
		for li := range t.laneDefs() {
			for _, lb := range r.placements[li].Labels {
				if int(lb.Ref) == t.sel {
					selLane = li
				}
			}
		}
	}
	var selX0, selX1 float32
	var selHit hit
	for li, lane := range t.laneDefs() {
		top := g.lanesTop + float32(li)*g.laneH
		if li > 0 {
			styleLine(r.lines.next(), pal.sep, 1, 0, top, s.Width, top)
		}
		if g.head > 0 {
			tx := r.texts.next()
			setText(tx, r.laneTitle(lane), pal.small, pal.muted, true)
			place(tx, 4, top+1, 0, pal.small)
		}
		p := &r.placements[li]
		rowY := func(row int) float32 { return top + g.head + float32(row)*r.pal.rowH + r.pal.rowH/2 }
		overflowY := min(top+g.head+float32(g.rows)*r.pal.rowH+r.pal.stripH/2, top+g.laneH-r.pal.stripH/2)
		r.widenLabels(p, vp)
		for k, lb := range p.Labels {
			y := rowY(lb.Row)
			ref := int(lb.Ref)
			sl := r.assign[li][k]
			dim := t.marked != nil && !t.marked(ref)
			if sl.pal != pal.gen || sl.epoch != r.labels.epoch || sl.dim != dim {
				r.styleMarker(sl, ref, dim)
			}
			sl.circle.Move(fyne.NewPos(lb.X-sl.msize/2, y-sl.msize/2))
			sl.poly.Move(fyne.NewPos(lb.X-sl.msize/2, y-sl.msize/2))
			r.badge(ref, lb.X, y)
			capK := r.capFor(k, lb.Ref)
			if ref == t.sel && li == selLane {
				capK = len(labelCaps) // whole, drawn on top (below)
			}
			tx := sl.text
			changed := false
			if sl.epoch != r.labels.epoch || sl.capK != capK {
				sl.epoch, sl.capK = r.labels.epoch, capK
				tx.Text, sl.width = r.labels.get(t, lb.Ref, capK)
				changed = true
			}
			w := sl.width
			col := pal.fg
			if dim {
				col = pal.fgDim
			}
			if tx.TextSize != pal.textSize || tx.Color != col || tx.TextStyle.Bold {
				tx.TextSize, tx.Color, tx.TextStyle.Bold = pal.textSize, col, false
				changed = true
			}
			if sz := fyne.NewSize(w, pal.textSize); tx.Size() != sz {
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
			ty := y - pal.textSize*0.7
			if ref == t.sel && li == selLane {
				// The selected event's whole title, bold, on top of its
				// neighbours with an opaque background of its own, inside
				// the timeline's width: shifted left at the right edge, and
				// cut with "…" when it is wider than the timeline.
				hide(tx)
				hide(sl.bg)
				hide(sl.bg2)
				selDrawn = true
				text, sw := r.fitBold(tx.Text, s.Width-2*selPad, pal.textSize)
				if lb.Left {
					tx0 = lb.X - markerPx/2 - 4 - sw
				}
				tx0 = max(min(tx0, s.Width-sw-selPad), selPad)
				setText(r.selText, text, pal.textSize, pal.accent, true)
				place(r.selText, tx0, ty, sw, pal.textSize)
				styleRect(r.selBg, pal.ground, 4)
				place(r.selBg, tx0-4, y-r.pal.rowH/2+2, sw+8, r.pal.rowH-4)
				w = sw
				selHit = hit{x0: min(tx0, lb.X-markerPx/2), y0: y - r.pal.rowH/2, x1: max(tx0+w, lb.X+markerPx/2), y1: y + r.pal.rowH/2, ref: lb.Ref}
				selRow, selX0, selX1 = lb.Row, tx0-4, tx0+sw+4
			} else {
				show(tx)
				tx.Move(fyne.NewPos(tx0, ty))
				r.labelGround(sl, vp, tx0-2, tx0+w+2, y-r.pal.rowH/2+3, r.pal.rowH-6)
			}
			r.hits = append(r.hits, hit{x0: min(tx0, lb.X-markerPx/2), y0: y - r.pal.rowH/2, x1: max(tx0+w, lb.X+markerPx/2), y1: y + r.pal.rowH/2, ref: lb.Ref})
		}
		if selLane == li {
			// A neighbour the selected title covers loses its title (its
			// marker stays), rather than showing a cut piece without "…".
			for k, lb := range p.Labels {
				sl := r.assign[li][k]
				if int(lb.Ref) == t.sel || lb.Row != selRow || !sl.text.Visible() || !selDrawn {
					continue
				}
				if x0 := sl.text.Position().X; x0 < selX1 && x0+sl.width > selX0 {
					hide(sl.text)
					hide(sl.bg)
					hide(sl.bg2)
				}
			}
		}
		for _, m := range p.Markers {
			r.drawMarker(int(m.Ref), m.X, overflowY)
			r.badge(int(m.Ref), m.X, overflowY)
			r.hits = append(r.hits, hit{x0: m.X - markerPx, y0: overflowY - r.pal.stripH/2, x1: m.X + markerPx, y1: overflowY + r.pal.stripH/2, ref: m.Ref})
		}
		p.Clusters = chrono.MergeClusters(p.Clusters, func(n int) float32 { return max(r.text.bubbleWidth(n, pal.small)+10, r.pal.stripH) }, 3)
		for _, c := range p.Clusters {
			label := r.text.bubble(c.Count)
			w := r.text.bubbleWidth(c.Count, pal.small) + 10
			bw := max(w, r.pal.stripH)
			// Keep the whole bubble in the window, also for a bucket the
			// window's edge cuts.
			c.X = min(max(c.X, bw/2), s.Width-bw/2)
			bub := r.bubbles.next()
			styleRect(bub, pal.bubble, (r.pal.stripH-2)/2)
			place(bub, c.X-bw/2, overflowY-(r.pal.stripH-2)/2, bw, r.pal.stripH-2)
			tx := r.texts.next()
			setText(tx, label, pal.small, pal.fg, true)
			place(tx, c.X-w/2+5, overflowY-pal.small*0.7, 0, pal.small) // no width: no resize as counts change
			r.hits = append(r.hits, hit{x0: c.X - bw/2, y0: overflowY - r.pal.stripH/2, x1: c.X + bw/2, y1: overflowY + r.pal.stripH/2, ref: -1, lane: int32(li), t0: c.T0, t1: c.T1})
		}
	}
	if selDrawn {
		r.hits = append(r.hits, selHit) // on top of the neighbours it covers
		show(r.selBg)
		show(r.selText)
	} else {
		hide(r.selBg)
		hide(r.selText)
	}
}

// selPad is the least room between the selected title and the timeline's edges.
const selPad = 6

// fitBold returns s in bold at size, cut with "…" to at most maxW wide, and
// its width. Only the selected title is fitted, once a frame.
func (r *renderer) fitBold(s string, maxW, size float32) (string, float32) {
	w := r.text.width(s, size, true)
	if w <= maxW {
		return s, w
	}
	rs := []rune(s)
	lo, hi := 0, len(rs) // the longest prefix that fits lies in [lo, hi)
	cut := func(n int) string { return strings.TrimRight(string(rs[:n]), " ,.;:–-") + "…" }
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if r.text.width(cut(mid), size, true) <= maxW {
			lo = mid
		} else {
			hi = mid
		}
	}
	c := cut(lo)
	return c, r.text.width(c, size, true)
}

// widenLabels sorts a lane's labels by row and position (into r.order), so
// capFor can see how much room each has up to the next label of its row.
func (r *renderer) widenLabels(p *chrono.Placement, vp chrono.Viewport) {
	r.order = r.order[:0]
	for k := range p.Labels {
		r.order = append(r.order, k)
	}
	slices.SortFunc(r.order, func(a, b int) int {
		la, lb := &p.Labels[a], &p.Labels[b]
		if la.Row != lb.Row {
			return la.Row - lb.Row
		}
		switch {
		case la.X < lb.X:
			return -1
		case la.X > lb.X:
			return 1
		}
		return 0
	})
	// room[k]: free width for label k's text, from its start to the next
	// label's start in the row (or the window's edge).
	if cap(r.room) < len(p.Labels) {
		r.room = make([]float32, len(p.Labels))
	}
	r.room = r.room[:len(p.Labels)]
	start := func(lb *chrono.Label) float32 {
		if lb.Left {
			return lb.X - markerPx/2 - 4 - lb.W
		}
		return lb.X - markerPx/2
	}
	for i, k := range r.order {
		lb := &p.Labels[k]
		if lb.Left {
			r.room[k] = lb.W
			continue
		}
		end := vp.Width
		if i+1 < len(r.order) {
			if nb := &p.Labels[r.order[i+1]]; nb.Row == lb.Row {
				end = start(nb)
			}
		}
		r.room[k] = end - (lb.X + markerPx/2 + 4) - chrono.DefaultLayout.Gap
	}
}

// capFor is the widest label cap that fits the room of the lane's label k
// (see widenLabels), or len(labelCaps) when the whole title fits.
func (r *renderer) capFor(k int, ref int32) int {
	room := r.room[k]
	lt := r.labels.texts(r.t, ref)
	if lt.fullW <= room {
		return len(labelCaps)
	}
	c := 0
	for i := len(labelCaps) - 1; i > 0; i-- {
		if labelCaps[i] <= room {
			c = i
			break
		}
	}
	return c
}

// drawStory draws the selected event's story: the events of its first
// thread as dots on a line just above the axis, so a reader sees where the
// story goes before and after.
func (r *renderer) drawStory(vp chrono.Viewport, g geometry) {
	t, pal := r.t, &r.pal
	hide(r.storyLine)
	if t.sel < 0 {
		return
	}
	ths := t.data.Idx.Threads(t.sel)
	if len(ths) == 0 {
		return
	}
	evs := t.data.ThreadEvents(ths[0])
	lo := sort.Search(len(evs), func(k int) bool { return t.data.T[evs[k]] >= vp.Start })
	hi := sort.Search(len(evs), func(k int) bool { return t.data.T[evs[k]] >= vp.End })
	y := g.lanesBottom - r.pal.storyH/2
	x0, x1 := float32(0), r.size.Width
	if lo > 0 || hi == lo {
		x0 = max(vp.X(t.data.T[evs[max(lo-1, 0)]]), 0)
	} else {
		x0 = vp.X(t.data.T[evs[lo]])
	}
	if hi < len(evs) {
		x1 = r.size.Width
	} else if hi > lo {
		x1 = vp.X(t.data.T[evs[hi-1]])
	}
	if hi == lo && (lo == 0 || lo == len(evs)) {
		return // the story lies wholly outside the window
	}
	styleLine(r.storyLine, withAlpha(pal.accent, 0x80), 2, x0, y, x1, y)
	show(r.storyLine)
	if hi-lo > 400 {
		return // too many to tell apart: the line alone shows the story's span
	}
	for k := lo; k < hi; k++ {
		i := int(evs[k])
		if t.keep != nil && !t.keep(i) {
			continue
		}
		d := r.storyDots.next()
		size := float32(6)
		col := pal.accent
		if i == t.sel {
			size = 10
		}
		if d.FillColor != col || d.StrokeWidth != 0 {
			d.FillColor, d.StrokeWidth = col, 0
			d.Refresh()
		}
		x := vp.X(t.data.T[i])
		place(d, x-size/2, y-size/2, size, size)
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
	for len(r.assign) < len(t.laneDefs()) {
		r.assign = append(r.assign, nil)
	}
	epoch := r.labels.epoch
	for li := range t.laneDefs() {
		labels := r.placements[li].Labels
		a := r.assign[li][:0]
		for _, lb := range labels {
			a = append(a, r.slots.reuse(lb.Ref, int32(li), epoch))
		}
		r.assign[li] = a
	}
	for li := range t.laneDefs() {
		for k, lb := range r.placements[li].Labels {
			if r.assign[li][k] == nil {
				sl := r.slots.bind(lb.Ref, int32(li), newLabelSlot)
				sl.epoch = epoch - 1 // title and marker to be set
				r.assign[li][k] = sl
			}
		}
	}
}

// vline draws a vertical marker line with its label in the era strip, right
// or left of the line as asked (turning where the window's edge would cut
// it), and returns the label's x range. A label that would overlap a taken
// range is left out (an empty range is returned).
func (r *renderer) vline(x float32, g geometry, col color.Color, label string, right bool, taken [][2]float32) [2]float32 {
	size := r.pal.small
	styleLine(r.lines.next(), col, 1.5, x, g.lanesTop, x, g.lanesBottom)
	w := r.text.width(label, size, true)
	lx := x - w - 3
	if right {
		lx = x + 3
	}
	if lx < 0 {
		lx = x + 3
	}
	if lx+w > r.size.Width-2 {
		lx = x - w - 3
	}
	for _, t := range taken {
		if lx-2 < t[1] && lx+w+2 > t[0] {
			return [2]float32{}
		}
	}
	tx := r.texts.next()
	setText(tx, label, size, col, true)
	place(tx, lx, 3, w, size) // in the era strip, clear of labels and bubbles
	return [2]float32{lx - 2, lx + w + 2}
}

// badge marks an event the notebook annotated: a small dot at the top right
// of its marker.
func (r *renderer) badge(i int, x, y float32) {
	if r.t.badged == nil || !r.t.badged(i) {
		return
	}
	d := r.badges.next()
	if d.FillColor != r.pal.accent || d.StrokeColor != r.pal.inputBg || d.StrokeWidth != 1.5 {
		d.FillColor, d.StrokeColor, d.StrokeWidth = r.pal.accent, r.pal.inputBg, 1.5
		d.Refresh()
	}
	place(d, x+markerPx/2-2, y-markerPx/2-5, 8, 8)
}

// look is event i's marker look in this frame: the user's own events get
// a thick outline in the accent colour.
func (r *renderer) look(i int, dim bool) look {
	idx := r.t.data.Idx
	lk := markerLook(r.pal.catByNum[idx.CategoryNum(i)], shapeByNum[idx.StatusNum(i)], idx.Importance(i), r.pal.stroke)
	if idx.Own(i) {
		lk.stroke, lk.sw = r.pal.accent, 2.5
	}
	if dim {
		lk = lk.dimmed()
	}
	return lk
}

// drawMarker draws a bare marker (an event without a label) from the pools.
func (r *renderer) drawMarker(i int, x, y float32) {
	t := r.t
	lk := r.look(i, t.marked != nil && !t.marked(i))
	size := lk.box()
	if lk.shape.Sides == 0 {
		c := r.circles.next()
		lk.apply(c, nil)
		place(c, x-size/2, y-size/2, size, size)
		return
	}
	p := r.polys.next()
	lk.apply(nil, p)
	place(p, x-size/2, y-size/2, size, size)
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

// updateTooltip shows date and title of the item under the pointer, placed
// above the pointer's row so it does not cover the labels around it.
func (r *renderer) updateTooltip() {
	t, pal := r.t, &r.pal
	h, ok := r.hitAt(t.hoverPos)
	if !t.hovering || !ok {
		hide(r.tipBg)
		hide(r.tipText)
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
	size := pal.small
	w := fyne.MeasureText(label, size, fyne.TextStyle{}).Width
	x := min(max(t.hoverPos.X+12, 4), r.size.Width-w-16)
	// Above the hit's row where there is room, else below it.
	y := h.y0 - size - 12
	if y < 0 {
		y = h.y1 + 2
	}
	if bg := r.tipBg; bg.FillColor != pal.overlay || bg.StrokeColor != pal.tipStroke || bg.StrokeWidth != 1 {
		bg.FillColor, bg.StrokeColor, bg.StrokeWidth = pal.overlay, pal.tipStroke, 1
		bg.Refresh()
	}
	place(r.tipBg, x, y, w+12, size+10)
	setText(r.tipText, label, size, pal.fg, false)
	place(r.tipText, x+6, y+4, w, size)
	show(r.tipBg)
	show(r.tipText)
}
