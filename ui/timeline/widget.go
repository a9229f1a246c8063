package timeline

import (
	"math"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/i18n"
	"aitimeline/ui/chrono"
)

var (
	_ fyne.Widget       = (*Timeline)(nil)
	_ fyne.Scrollable   = (*Timeline)(nil)
	_ fyne.Draggable    = (*Timeline)(nil)
	_ fyne.Tappable     = (*Timeline)(nil)
	_ fyne.Focusable    = (*Timeline)(nil)
	_ desktop.Hoverable = (*Timeline)(nil)
)

// The timeline is deliberately not a fyne.DoubleTappable: Fyne holds every
// single tap of such a widget for the double-click delay (about 300 ms)
// before delivering it. A tap selects at once; a second tap close in time and
// place zooms in (see Tapped).
const (
	doubleTapTime = 400 * time.Millisecond
	doubleTapPx   = 6
)

// revealSpan is the narrowest window SelectAndReveal zooms to.
const revealSpan = 30 * chrono.Day

// ZoomStep is the zoom factor of one key press or button click.
const ZoomStep = 1.5

// maxLanes bounds the number of lanes; the rest go to "others".
const maxLanes = 10

// Timeline is a zoomable, pannable timeline of events in lanes. It owns its
// pan and zoom (do not put it in a container.Scroll) and draws only what is
// visible, reusing its canvas objects from frame to frame.
type Timeline struct {
	widget.BaseWidget

	// OnSelect is called with the selected event's index, or -1 when cleared.
	OnSelect func(i int) `json:"-"`
	// OnActivate is called when the selected event is opened (Enter).
	OnActivate func(i int) `json:"-"`
	// OnUnhandledKey receives the keys TypedKey does not use (F1, F5), so
	// the window can act on them while the timeline has the focus.
	OnUnhandledKey func(e *fyne.KeyEvent) `json:"-"`
	// OnViewportChange is called after every zoom, pan or resize.
	OnViewportChange func(v chrono.Viewport) `json:"-"`

	data       *Data
	loc        *i18n.Localizer
	mode       LaneMode
	keep       func(int) bool
	marked     func(int) bool // search hits; others are dimmed (nil: none dimmed)
	markGen    int            // changes with every SetMarked
	badged     func(int) bool // events with a notebook mark (nil: none)
	lanes      []LaneDef
	lanesOld   bool // lanes must be rebuilt before their next use (see laneDefs)
	laneBuilds int  // how often the lanes were built (tests)
	laneFit    int  // how many lanes the height holds
	vp         chrono.Viewport
	sel        int
	focused    bool
	hovering   bool
	hoverPos   fyne.Position
	lastTap    time.Time
	lastTapAt  fyne.Position
	now        func() time.Time
	maxLabels  int       // labels per lane at most (0: no cap)
	r          *renderer // the current renderer, for hit tests and label caches
	followers  []func()  // companion widgets (the overview) to refresh with the window
}

// New returns a timeline of d showing everything, with labels from loc.
func New(d *Data, loc *i18n.Localizer) *Timeline {
	// The lanes are built when first used, normally in the first frame after
	// the first Resize: only then is it known how many the height holds, and
	// at a million events each build takes about a tenth of a second.
	t := &Timeline{data: d, loc: loc, sel: -1, now: time.Now, laneFit: maxLanes, lanesOld: true}
	d.ExtendTo(chrono.Seconds(t.now()))
	t.vp = d.Limits.All(0)
	t.ExtendBaseWidget(t)
	return t
}

// SetData replaces the timeline's data (the user's own events changed) and
// its filter (keep tests the new data's events), keeping the window and
// selecting sel (-1: none) without telling OnSelect.
func (t *Timeline) SetData(d *Data, sel int, keep func(int) bool) {
	t.data = d
	t.keep = keep
	d.ExtendTo(chrono.Seconds(t.now()))
	t.sel = sel
	t.lanesOld = true
	t.vp = d.Limits.Clamp(t.vp)
	if t.r != nil {
		t.r.labels.reset()
	}
	t.Refresh()
	t.changed()
}

// SetNow replaces the clock used for the "today" line (tests, renders).
func (t *Timeline) SetNow(now func() time.Time) {
	t.now = now
	t.data.ExtendTo(chrono.Seconds(now()))
	t.vp = t.data.Limits.Clamp(t.vp)
}

// SetMaxLabels caps the labels per lane (0: as many as fit), for large type
// where fewer, readable labels serve better.
func (t *Timeline) SetMaxLabels(n int) { t.maxLabels = n; t.Refresh() }

// Data returns the timeline's data.
func (t *Timeline) Data() *Data { return t.data }

// Viewport is the visible window.
func (t *Timeline) Viewport() chrono.Viewport { return t.vp }

// AddFollower registers f to run after every change of the window, before
// OnViewportChange (companion widgets such as the overview).
func (t *Timeline) AddFollower(f func()) { t.followers = append(t.followers, f) }

// SetViewport shows the window [v.Start, v.End) (clamped to the limits).
func (t *Timeline) SetViewport(v chrono.Viewport) {
	if v.Width <= 0 {
		v.Width = t.vp.Width
	}
	t.vp = t.data.Limits.Clamp(v)
	t.Refresh()
	t.changed()
}

// moveTo sets the window for a gesture (wheel, drag, zoom key): at a zoom
// or pan limit the clamped window is the one shown, and nothing is
// redrawn or told to the followers (most wheel steps at a limit did both).
// It reports whether the window changed.
func (t *Timeline) moveTo(v chrono.Viewport) bool {
	if v.Width <= 0 {
		v.Width = t.vp.Width
	}
	c := t.data.Limits.Clamp(v)
	eps := t.vp.Span() * 1e-9 // float rounding of a zoom about a point
	if c.Width == t.vp.Width && math.Abs(c.Start-t.vp.Start) <= eps && math.Abs(c.End-t.vp.End) <= eps {
		return false
	}
	t.SetViewport(v)
	return true
}

// changed tells the followers and OnViewportChange that the window changed.
func (t *Timeline) changed() {
	for _, f := range t.followers {
		f()
	}
	if t.OnViewportChange != nil {
		t.OnViewportChange(t.vp)
	}
}

// Resize keeps the time scale and start when the width changes, so a wider
// window shows more time, and tells the followers: the list twin and the
// overview must learn of every change of the window, as Fyne's own List
// recomputes in Resize rather than in its renderer. A width of 0 or less
// (a minimised window on some systems) leaves the window alone.
func (t *Timeline) Resize(s fyne.Size) {
	old := t.Size()
	// The lane count first: BaseWidget.Resize lays the renderer out, which
	// builds the lanes if they are due.
	refit := false
	if s.Height != old.Height && s.Height > 0 {
		if fit := lanesFor(s.Height, t.metrics()); fit != t.laneFit {
			t.laneFit, t.lanesOld, refit = fit, true, true
		}
	}
	t.BaseWidget.Resize(s)
	if refit {
		t.Refresh()
	}
	if s.Width <= 0 || s.Width == t.vp.Width {
		return
	}
	if t.vp.Width <= 0 {
		t.vp = t.data.Limits.All(s.Width)
	} else {
		t.vp = t.vp.Resize(s.Width, t.data.Limits)
	}
	t.Refresh()
	t.changed()
}

// lanesFor is how many lanes a timeline of height h holds, each with room
// for its title, a row of labels and its strip of bubbles.
func lanesFor(h float32, m metrics) int {
	n := int((h - m.eraH - m.axisH) / m.minLaneH)
	return min(max(n, 2), maxLanes)
}

// metrics is the widget's geometry at the theme's current text size.
func (t *Timeline) metrics() metrics {
	return metricsFor(t.Theme().Size(theme.SizeNameText))
}

// ShowRange shows the time range [from, to).
func (t *Timeline) ShowRange(from, to float64) {
	t.SetViewport(chrono.Viewport{Start: from, End: to, Width: t.vp.Width})
}

// Zoom zooms by factor (>1 in) around the selected event when it is in
// view, else around the centre, so keys and buttons keep the reader's focus.
func (t *Timeline) Zoom(factor float64) {
	anchor := t.vp.Width / 2
	if t.sel >= 0 {
		if x := t.vp.X(t.data.T[t.sel]); x >= 0 && x <= t.vp.Width {
			anchor = x
		}
	}
	t.moveTo(t.vp.Zoom(anchor, factor, t.data.Limits))
}

// FitAll shows the whole timeline.
func (t *Timeline) FitAll() { t.SetViewport(t.data.Limits.All(t.vp.Width)) }

// FitEvents shows the events keep accepts (all with nil) with a margin, or
// everything when none does.
func (t *Timeline) FitEvents(keep func(int) bool) {
	first, last := -1, -1
	for i := range t.data.T {
		if keep == nil || keep(i) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		t.FitAll()
		return
	}
	t0, t1 := t.data.T[first], t.data.T[last]
	if e := t.data.Idx.End(last); !e.IsZero() {
		t1 = math.Max(t1, chrono.Seconds(e.EndTime()))
	}
	margin := math.Max((t1-t0)*0.04, 2*chrono.Day)
	t.ShowRange(t0-margin, t1+margin)
}

// ShowSpan keeps the centre (or the selected event) and shows span seconds.
func (t *Timeline) ShowSpan(span float64) {
	v := t.vp
	if t.sel >= 0 {
		v = v.CentreOn(t.data.T[t.sel], t.data.Limits)
	}
	t.SetViewport(v.WithSpan(span, t.data.Limits))
}

// LaneMode is the current lane split.
func (t *Timeline) LaneMode() LaneMode { return t.mode }

// SetLaneMode splits the events into lanes by mode.
func (t *Timeline) SetLaneMode(m LaneMode) {
	if m == t.mode {
		return // the window sets the remembered mode at start
	}
	t.mode = m
	t.lanesOld = true
	t.Refresh()
}

// SetFilter shows only events for which keep returns true (nil shows all).
func (t *Timeline) SetFilter(keep func(i int) bool) {
	t.keep = keep
	t.lanesOld = true
	t.Refresh()
}

// SetMarked marks the events for which marked returns true (search hits)
// and dims the others; nil dims nothing.
func (t *Timeline) SetMarked(marked func(i int) bool) {
	t.marked = marked
	t.markGen++
	for _, f := range t.followers {
		f()
	}
	t.Refresh()
}

// SetBadged marks the events for which badged returns true (the notebook's
// annotated events) with a small dot; nil marks none.
func (t *Timeline) SetBadged(badged func(i int) bool) {
	t.badged = badged
	t.Refresh()
}

// Marked returns the marking function (nil when nothing is marked).
func (t *Timeline) Marked() func(int) bool { return t.marked }

// Lanes returns the current lanes.
func (t *Timeline) Lanes() []LaneDef { return t.laneDefs() }

// laneDefs returns the lanes, built first if the data, mode, filter or
// height changed since they were last built: several such changes in a row
// (the window's start sets the mode, then the height) build them once.
func (t *Timeline) laneDefs() []LaneDef {
	if t.lanesOld {
		t.lanes = t.data.Lanes(t.mode, t.laneFit, t.keep)
		t.lanesOld = false
		t.laneBuilds++
	}
	return t.lanes
}

// Selected is the selected event's index, or -1.
func (t *Timeline) Selected() int { return t.sel }

// Select selects event i (-1 clears) without moving the window, and tells OnSelect.
func (t *Timeline) Select(i int) {
	if i < -1 || i >= t.data.Len() {
		i = -1
	}
	if i == t.sel {
		return
	}
	t.sel = i
	t.Refresh()
	if t.OnSelect != nil {
		t.OnSelect(i)
	}
}

// SelectAndReveal selects event i and brings it into view: the window moves
// to it when it is outside, and zooms in around it when it cannot be made
// out among its neighbours (further apart than a marker from the next event
// of its lane). The selected event always has its label (see chrono.Layout's
// pin).
func (t *Timeline) SelectAndReveal(i int) {
	t.Select(i)
	if i < 0 {
		return
	}
	et := t.data.T[i]
	if et < t.vp.Start || et >= t.vp.End {
		t.SetViewport(t.vp.CentreOn(et, t.data.Limits))
	}
	// Zoom until the neighbours in its lanes are at least a marker apart,
	// so the line and label are not lost among them, but not past a month:
	// events of one day stay together.
	for k := 0; k < 40 && t.vp.Span() > revealSpan && t.crowded(i); k++ {
		x := t.vp.X(et)
		t.SetViewport(t.vp.Zoom(x, 1.6, t.data.Limits))
	}
}

// crowded reports whether event i has another event of one of its lanes
// closer than a marker's width in the current window.
func (t *Timeline) crowded(i int) bool {
	et := t.data.T[i]
	px := t.vp.Span() / float64(max(t.vp.Width, 1)) * markerPx
	for _, l := range t.laneDefs() {
		lo, hi := l.Lane.Range(et-px, et+px)
		for p := lo; p < hi; p++ {
			if int(l.Lane.Ref[p]) != i {
				for q := lo; q < hi; q++ {
					if int(l.Lane.Ref[q]) == i {
						return true
					}
				}
				break
			}
		}
	}
	return false
}

// CanvasObjects lists the canvas objects of the last frame in paint order,
// for painting the timeline into a picture (package raster).
func (t *Timeline) CanvasObjects() []fyne.CanvasObject {
	if t.r == nil {
		return nil
	}
	return t.r.Objects()
}

// LabelHit is where a labelled event can be clicked, in widget coordinates.
type LabelHit struct {
	Ref  int
	X, Y float32
}

// LabelHits lists the labelled events of the last frame with a point on
// each (tests from outside the app click them).
func (t *Timeline) LabelHits() []LabelHit {
	if t.r == nil {
		return nil
	}
	var out []LabelHit
	for _, h := range t.r.hits {
		if h.ref >= 0 {
			out = append(out, LabelHit{Ref: int(h.ref), X: (h.x0 + h.x1) / 2, Y: (h.y0 + h.y1) / 2})
		}
	}
	return out
}

// Labelled reports whether event i has a label in the last frame.
func (t *Timeline) Labelled(i int) bool {
	if t.r == nil {
		return false
	}
	for li := range t.laneDefs() {
		if li >= len(t.r.placements) {
			break
		}
		for _, lb := range t.r.placements[li].Labels {
			if int(lb.Ref) == i {
				return true
			}
		}
	}
	return false
}

// Relabel drops cached label texts, e.g. after a language switch.
func (t *Timeline) Relabel() {
	if t.r != nil {
		t.r.labels.reset()
	}
	t.Refresh()
}

func (t *Timeline) visible(i int) bool { return t.keep == nil || t.keep(i) }

// next returns the next (dir > 0) or previous visible event from the
// selection, or from the window's centre when nothing is selected.
func (t *Timeline) next(dir int) int {
	n := t.data.Len()
	start := t.sel
	if start < 0 {
		c := t.vp.Centre()
		start = sort.SearchFloat64s(t.data.T, c)
		if dir > 0 {
			start--
		}
	}
	for i := start + dir; i >= 0 && i < n; i += dir {
		if t.visible(i) {
			return i
		}
	}
	return -1
}

// Step selects and reveals the next (dir > 0) or previous (dir < 0) event
// the filter keeps; at the end it stays where it is.
func (t *Timeline) Step(dir int) {
	if i := t.next(dir); i >= 0 {
		t.SelectAndReveal(i)
	}
}

// SelectEdge selects and reveals the first (or last) event the filter keeps.
func (t *Timeline) SelectEdge(first bool) {
	n := t.data.Len()
	for k := 0; k < n; k++ {
		i := k
		if !first {
			i = n - 1 - k
		}
		if t.visible(i) {
			t.SelectAndReveal(i)
			return
		}
	}
}

// CreateRenderer implements fyne.Widget.
func (t *Timeline) CreateRenderer() fyne.WidgetRenderer {
	t.r = newRenderer(t)
	return t.r
}

// Scrolled zooms around the pointer (vertical wheel) or pans (horizontal).
func (t *Timeline) Scrolled(e *fyne.ScrollEvent) {
	if e.Scrolled.DY != 0 {
		factor := math.Pow(1.25, float64(e.Scrolled.DY)/10)
		t.moveTo(t.vp.Zoom(e.Position.X, factor, t.data.Limits))
	} else if e.Scrolled.DX != 0 {
		t.moveTo(t.vp.Pan(e.Scrolled.DX, t.data.Limits))
	}
}

// Dragged pans.
func (t *Timeline) Dragged(e *fyne.DragEvent) {
	hovered := t.hovering
	t.hovering = false
	t.lastTap = time.Time{}
	if !t.moveTo(t.vp.Pan(e.Dragged.DX, t.data.Limits)) && hovered {
		t.Refresh() // at a pan limit nothing else redraws: hide the tooltip
	}
}

// DragEnd implements fyne.Draggable.
func (t *Timeline) DragEnd() {}

// Tapped selects the event under the pointer at once, or opens a count
// bubble by zooming into it. A second tap soon after at the same spot zooms
// in there (the double click), keeping the selection the first tap made.
func (t *Timeline) Tapped(e *fyne.PointEvent) {
	t.requestFocus()
	now := time.Now()
	if !t.lastTap.IsZero() && now.Sub(t.lastTap) < doubleTapTime &&
		abs32(e.Position.X-t.lastTapAt.X) <= doubleTapPx && abs32(e.Position.Y-t.lastTapAt.Y) <= doubleTapPx {
		t.lastTap = time.Time{}
		t.SetViewport(t.vp.Zoom(e.Position.X, 2, t.data.Limits))
		return
	}
	t.lastTap, t.lastTapAt = now, e.Position
	h, ok := t.hitAt(e.Position)
	if !ok {
		return
	}
	if h.ref >= 0 {
		t.Select(int(h.ref))
		return
	}
	t.lastTap = time.Time{} // a bubble zooms by itself: no double click on top
	if t.vp.Span() <= t.data.Limits.MinSpan*1.01 {
		// Zoomed in as far as it goes (events on one day): step through
		// the bubble's events instead, so each can be read in the details.
		if i := t.nextInBubble(h); i >= 0 {
			t.Select(i)
		}
		return
	}
	span := math.Max((h.t1-h.t0)*1.6, t.data.Limits.MinSpan)
	c := (h.t0 + h.t1) / 2
	t.ShowRange(c-span/2, c+span/2)
}

func abs32(x float32) float32 { return max(x, -x) }

// nextInBubble returns the bubble's next event after the selection (the
// first one when the selection is not among them), or -1: the events of the
// bubble's lane in its time range that have no label in this frame.
func (t *Timeline) nextInBubble(h hit) int {
	lanes := t.laneDefs()
	if t.r == nil || int(h.lane) >= len(lanes) || int(h.lane) >= len(t.r.placements) {
		return -1
	}
	l := lanes[h.lane].Lane
	labelled := func(ref int32) bool {
		for _, lb := range t.r.placements[h.lane].Labels {
			if lb.Ref == ref {
				return true
			}
		}
		return false
	}
	lo, hi := l.Range(h.t0, h.t1)
	first, after := -1, false
	for pos := lo; pos < hi; pos++ {
		ref := l.Ref[pos]
		if labelled(ref) && int(ref) != t.sel {
			continue
		}
		if first < 0 && int(ref) != t.sel {
			first = int(ref)
		}
		if after {
			return int(ref)
		}
		after = int(ref) == t.sel
	}
	return first
}

func (t *Timeline) requestFocus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil {
		c.Focus(t)
	}
}

// FocusGained implements fyne.Focusable.
func (t *Timeline) FocusGained() { t.focused = true; t.Refresh() }

// FocusLost implements fyne.Focusable.
func (t *Timeline) FocusLost() { t.focused = false; t.Refresh() }

// TypedRune handles + and - for zooming.
func (t *Timeline) TypedRune(r rune) {
	switch r {
	case '+', '=':
		t.Zoom(ZoomStep)
	case '-', '_':
		t.Zoom(1 / ZoomStep)
	}
}

// TypedKey handles navigation: ←/→ and PageUp/PageDown step through events,
// Home/End jump to the first/last, Enter opens, Escape clears the selection.
func (t *Timeline) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyLeft, fyne.KeyPageUp:
		t.Step(-1)
	case fyne.KeyRight, fyne.KeyPageDown:
		t.Step(1)
	case fyne.KeyHome:
		t.SelectEdge(true)
	case fyne.KeyEnd:
		t.SelectEdge(false)
	case fyne.KeyReturn, fyne.KeyEnter:
		if t.sel >= 0 && t.OnActivate != nil {
			t.OnActivate(t.sel)
		}
	case fyne.KeyEscape:
		t.Select(-1)
	case fyne.KeyPlus, fyne.KeyEqual:
		t.Zoom(ZoomStep)
	case fyne.KeyMinus:
		t.Zoom(1 / ZoomStep)
	default:
		if t.OnUnhandledKey != nil {
			t.OnUnhandledKey(e)
		}
	}
}

// MouseIn implements desktop.Hoverable.
func (t *Timeline) MouseIn(e *desktop.MouseEvent) { t.MouseMoved(e) }

// MouseMoved shows the tooltip of the item under the pointer.
func (t *Timeline) MouseMoved(e *desktop.MouseEvent) {
	_, was := t.hitAt(t.hoverPos)
	t.hoverPos, t.hovering = e.Position, true
	_, is := t.hitAt(e.Position)
	if was || is {
		t.Refresh()
	}
}

// MouseOut hides the tooltip.
func (t *Timeline) MouseOut() {
	t.hovering = false
	t.Refresh()
}

func (t *Timeline) hitAt(p fyne.Position) (hit, bool) {
	if t.r == nil {
		return hit{}, false
	}
	return t.r.hitAt(p)
}
