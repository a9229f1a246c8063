package timeline

import (
	"math"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"aitimeline/i18n"
	"aitimeline/ui/chrono"
)

var (
	_ fyne.Widget         = (*Timeline)(nil)
	_ fyne.Scrollable     = (*Timeline)(nil)
	_ fyne.Draggable      = (*Timeline)(nil)
	_ fyne.Tappable       = (*Timeline)(nil)
	_ fyne.DoubleTappable = (*Timeline)(nil)
	_ fyne.Focusable      = (*Timeline)(nil)
	_ desktop.Hoverable   = (*Timeline)(nil)
)

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
	// OnViewportChange is called after every zoom or pan.
	OnViewportChange func(v chrono.Viewport) `json:"-"`

	data      *Data
	loc       *i18n.Localizer
	mode      LaneMode
	keep      func(int) bool
	lanes     []LaneDef
	vp        chrono.Viewport
	sel       int
	focused   bool
	hovering  bool
	hoverPos  fyne.Position
	now       func() time.Time
	r         *renderer // the current renderer, for hit tests and label caches
	followers []func()  // companion widgets (the overview) to refresh with the window
}

// New returns a timeline of d showing everything, with labels from loc.
func New(d *Data, loc *i18n.Localizer) *Timeline {
	t := &Timeline{data: d, loc: loc, sel: -1, now: time.Now}
	t.lanes = d.Lanes(t.mode, maxLanes, nil)
	t.vp = d.Limits.All(0)
	t.ExtendBaseWidget(t)
	return t
}

// SetNow replaces the clock used for the "today" line (tests, renders).
func (t *Timeline) SetNow(now func() time.Time) { t.now = now }

// Data returns the timeline's data.
func (t *Timeline) Data() *Data { return t.data }

// Viewport is the visible window.
func (t *Timeline) Viewport() chrono.Viewport { return t.vp }

// SetViewport shows the window [v.Start, v.End) (clamped to the limits).
func (t *Timeline) SetViewport(v chrono.Viewport) {
	if v.Width <= 0 {
		v.Width = t.vp.Width
	}
	t.vp = t.data.Limits.Clamp(v)
	t.Refresh()
	for _, f := range t.followers {
		f()
	}
	if t.OnViewportChange != nil {
		t.OnViewportChange(t.vp)
	}
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
	t.SetViewport(t.vp.Zoom(anchor, factor, t.data.Limits))
}

// FitAll shows the whole timeline.
func (t *Timeline) FitAll() { t.SetViewport(t.data.Limits.All(t.vp.Width)) }

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
	t.mode = m
	t.lanes = t.data.Lanes(m, maxLanes, t.keep)
	t.Refresh()
}

// SetFilter shows only events for which keep returns true (nil shows all).
func (t *Timeline) SetFilter(keep func(i int) bool) {
	t.keep = keep
	t.lanes = t.data.Lanes(t.mode, maxLanes, keep)
	t.Refresh()
}

// Lanes returns the current lanes.
func (t *Timeline) Lanes() []LaneDef { return t.lanes }

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

// SelectAndReveal selects event i and centres it if it is outside the window.
func (t *Timeline) SelectAndReveal(i int) {
	t.Select(i)
	if i >= 0 {
		et := t.data.T[i]
		if et < t.vp.Start || et >= t.vp.End {
			t.SetViewport(t.vp.CentreOn(et, t.data.Limits))
		}
	}
}

// Relabel drops cached label texts, e.g. after a language switch.
func (t *Timeline) Relabel() {
	if t.r != nil {
		t.r.labels.reset()
	}
	t.Refresh()
}

func (t *Timeline) visible(i int) bool { return t.keep == nil || t.keep(i) }

// step returns the next (dir > 0) or previous visible event from the
// selection, or from the window's centre when nothing is selected.
func (t *Timeline) step(dir int) int {
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

func (t *Timeline) edge(first bool) int {
	n := t.data.Len()
	for k := 0; k < n; k++ {
		i := k
		if !first {
			i = n - 1 - k
		}
		if t.visible(i) {
			return i
		}
	}
	return -1
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
		t.SetViewport(t.vp.Zoom(e.Position.X, factor, t.data.Limits))
	} else if e.Scrolled.DX != 0 {
		t.SetViewport(t.vp.Pan(e.Scrolled.DX, t.data.Limits))
	}
}

// Dragged pans.
func (t *Timeline) Dragged(e *fyne.DragEvent) {
	t.hovering = false
	t.SetViewport(t.vp.Pan(e.Dragged.DX, t.data.Limits))
}

// DragEnd implements fyne.Draggable.
func (t *Timeline) DragEnd() {}

// Tapped selects the event under the pointer or opens a cluster by zooming into it.
func (t *Timeline) Tapped(e *fyne.PointEvent) {
	t.requestFocus()
	h, ok := t.hitAt(e.Position)
	if !ok {
		return
	}
	if h.ref >= 0 {
		t.Select(int(h.ref))
		return
	}
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

// nextInBubble returns the bubble's next event after the selection (the
// first one when the selection is not among them), or -1: the events of the
// bubble's lane in its time range that have no label in this frame.
func (t *Timeline) nextInBubble(h hit) int {
	if t.r == nil || int(h.lane) >= len(t.lanes) || int(h.lane) >= len(t.r.placements) {
		return -1
	}
	l := t.lanes[h.lane].Lane
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
		if labelled(ref) {
			continue
		}
		if first < 0 {
			first = int(ref)
		}
		if after {
			return int(ref)
		}
		after = int(ref) == t.sel
	}
	return first
}

// DoubleTapped zooms in at the pointer.
func (t *Timeline) DoubleTapped(e *fyne.PointEvent) {
	t.SetViewport(t.vp.Zoom(e.Position.X, 2, t.data.Limits))
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
		if i := t.step(-1); i >= 0 {
			t.SelectAndReveal(i)
		}
	case fyne.KeyRight, fyne.KeyPageDown:
		if i := t.step(1); i >= 0 {
			t.SelectAndReveal(i)
		}
	case fyne.KeyHome:
		t.SelectAndReveal(t.edge(true))
	case fyne.KeyEnd:
		t.SelectAndReveal(t.edge(false))
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
