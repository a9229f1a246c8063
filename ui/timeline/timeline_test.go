package timeline

import (
	_ "aitimeline/i18n/localeenv" // quiet Fyne under LANG=C

	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/canvas"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"aitimeline/data"
	"aitimeline/data/synth"
	"aitimeline/i18n"
	"aitimeline/ui/chrono"
)

var synthCache = map[int]*Data{}

func synthData(n int) *Data {
	if d, ok := synthCache[n]; ok {
		return d
	}
	d := FromDataset(synth.Generate(n, 1))
	synthCache[n] = d
	return d
}

func newTimeline(t *testing.T, n int) (*Timeline, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	tl := New(synthData(n), i18n.Must(data.EN))
	tl.SetNow(func() time.Time { return time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC) })
	w := test.NewTempWindow(t, tl)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1600, 900))
	return tl, w
}

func TestStartsShowingEverything(t *testing.T) {
	tl, _ := newTimeline(t, 500)
	v := tl.Viewport()
	if v.Width != 1600 || v.Start != tl.Data().Limits.Min || v.End != tl.Data().Limits.Max {
		t.Fatalf("initial window %+v, limits %+v", v, tl.Data().Limits)
	}
}

// wheel scrolls at a position; test.Scroll leaves the event's position empty,
// which the desktop driver sets.
func wheel(tl *Timeline, at fyne.Position, dy float32) {
	tl.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: at}, Scrolled: fyne.Delta{DY: dy}})
}

func TestWheelZoomsAroundPointer(t *testing.T) {
	tl, w := newTimeline(t, 500)
	test.Scroll(w.Canvas(), fyne.NewPos(400, 300), 0, 10) // reaches the widget
	if tl.Viewport().Span() >= tl.Data().Limits.MaxSpan {
		t.Fatal("test.Scroll did not reach the timeline")
	}
	tl.FitAll()
	before := tl.Viewport()
	at := fyne.NewPos(400, 300)
	wheel(tl, at, 10)
	after := tl.Viewport()
	if !(after.Span() < before.Span()*0.9) {
		t.Fatalf("wheel up did not zoom in: %v -> %v", before.Span(), after.Span())
	}
	if math.Abs(after.T(at.X)-before.T(at.X)) > 60 {
		t.Fatalf("time under the pointer moved by %v s", after.T(at.X)-before.T(at.X))
	}
	wheel(tl, at, -10)
	if back := tl.Viewport(); math.Abs(back.Span()-before.Span()) > 1 {
		t.Fatalf("wheel down did not undo: %v vs %v", back.Span(), before.Span())
	}
}

func TestDragPans(t *testing.T) {
	tl, w := newTimeline(t, 500)
	tl.Zoom(8)
	before := tl.Viewport()
	test.Drag(w.Canvas(), fyne.NewPos(800, 400), 160, 0)
	after := tl.Viewport()
	want := before.Span() / 10
	if got := before.Start - after.Start; math.Abs(got-want) > want*0.02 {
		t.Fatalf("dragging 160px right moved the window by %v s, want %v", got, want)
	}
}

func TestKeyboard(t *testing.T) {
	tl, w := newTimeline(t, 500)
	w.Canvas().Focus(tl)
	if !tl.focused {
		t.Fatal("timeline did not take focus")
	}
	key := func(k fyne.KeyName) { tl.TypedKey(&fyne.KeyEvent{Name: k}) }
	key(fyne.KeyHome)
	if tl.Selected() != 0 {
		t.Fatalf("Home selected %d", tl.Selected())
	}
	key(fyne.KeyRight)
	key(fyne.KeyPageDown)
	if tl.Selected() != 2 {
		t.Fatalf("two steps right: %d", tl.Selected())
	}
	key(fyne.KeyLeft)
	if tl.Selected() != 1 {
		t.Fatalf("left: %d", tl.Selected())
	}
	key(fyne.KeyEnd)
	last := tl.Data().Len() - 1
	v := tl.Viewport()
	if tl.Selected() != last || tl.Data().T[last] >= v.End || tl.Data().T[last] < v.Start {
		t.Fatalf("End: selected %d, window %v", tl.Selected(), v)
	}
	var opened = -1
	tl.OnActivate = func(i int) { opened = i }
	key(fyne.KeyReturn)
	if opened != last {
		t.Fatalf("Enter opened %d", opened)
	}
	span := tl.Viewport().Span()
	test.Type(tl, "+")
	if got := tl.Viewport().Span(); math.Abs(got-span/ZoomStep) > 1 {
		t.Fatalf("+ gave span %v, want %v", got, span/ZoomStep)
	}
	test.Type(tl, "-")
	if got := tl.Viewport().Span(); math.Abs(got-span) > 1 {
		t.Fatalf("- gave span %v, want %v", got, span)
	}
	// Zooming keeps the selected event in view.
	tl.FitAll()
	tl.Select(100)
	for i := 0; i < 12; i++ {
		test.Type(tl, "+")
	}
	if v := tl.Viewport(); tl.Data().T[100] < v.Start || tl.Data().T[100] > v.End || v.Span() > tl.Data().Limits.MaxSpan/100 {
		t.Fatalf("zooming in lost the selected event: %v..%v", v.Start, v.End)
	}
	key(fyne.KeyEscape)
	if tl.Selected() != -1 {
		t.Fatalf("Escape left %d selected", tl.Selected())
	}
}

func TestSelectionSurvivesZoomAndPan(t *testing.T) {
	tl, w := newTimeline(t, 500)
	tl.SelectAndReveal(250)
	for i := 0; i < 5; i++ {
		wheel(tl, fyne.NewPos(800, 300), 10)
	}
	test.Drag(w.Canvas(), fyne.NewPos(800, 400), -50, 0)
	if tl.Selected() != 250 {
		t.Fatalf("selection lost: %d", tl.Selected())
	}
	if !tl.r.selLine.Visible() {
		t.Fatal("selection line hidden although the event is in view")
	}
}

func TestTapSelectsAndClusterTapZooms(t *testing.T) {
	tl, _ := newTimeline(t, 5000)
	var label, cluster *hit
	for i := range tl.r.hits {
		h := &tl.r.hits[i]
		if h.ref >= 0 && label == nil {
			label = h
		}
		if h.ref < 0 && cluster == nil {
			cluster = h
		}
	}
	if label == nil || cluster == nil {
		t.Fatalf("5000 events zoomed out should give labels and clusters; hits: %d", len(tl.r.hits))
	}
	want, span := label.ref, tl.Viewport().Span()
	ct := *cluster
	tl.Tapped(&fyne.PointEvent{Position: fyne.NewPos((label.x0+label.x1)/2, (label.y0+label.y1)/2)})
	if tl.Selected() != int(want) {
		t.Fatalf("tap selected %d, want %d", tl.Selected(), want)
	}
	tl.Tapped(&fyne.PointEvent{Position: fyne.NewPos((ct.x0+ct.x1)/2, (ct.y0+ct.y1)/2)})
	v := tl.Viewport()
	if v.Span() >= span/4 || v.Start > ct.t0 || v.End < ct.t1 {
		t.Fatalf("cluster tap: window %v..%v (span %v), cluster %v..%v", v.Start, v.End, v.Span(), ct.t0, ct.t1)
	}
}

func TestHoverShowsTooltip(t *testing.T) {
	tl, _ := newTimeline(t, 200)
	var h *hit
	for i := range tl.r.hits {
		if tl.r.hits[i].ref >= 0 {
			h = &tl.r.hits[i]
			break
		}
	}
	if h == nil {
		t.Fatal("no labelled event")
	}
	tl.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(h.x0+2, (h.y0+h.y1)/2)}})
	if !tl.r.tipText.Visible() || tl.r.tipText.Text == "" {
		t.Fatal("no tooltip over an event")
	}
	if want := i18n.Must(data.EN).Date(tl.Data().Idx.Date(int(h.ref))); len(tl.r.tipText.Text) < len(want) || tl.r.tipText.Text[:len(want)] != want {
		t.Fatalf("tooltip %q does not start with the date %q", tl.r.tipText.Text, want)
	}
	tl.MouseOut()
	if tl.r.tipText.Visible() {
		t.Fatal("tooltip stays after the pointer left")
	}
}

// TestCanvasObjectsStayBounded zooms from the whole span down to a day across
// a 100,000-event dataset: the widget must aggregate instead of drawing every
// event, so its object count stays small and stops growing.
func TestCanvasObjectsStayBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 100,000-event dataset")
	}
	tl, _ := newTimeline(t, 100000)
	zoomIn := func() (peak int) {
		tl.FitAll()
		for i := 0; i < 40; i++ {
			tl.Zoom(1.35)
			tl.SetViewport(tl.Viewport().Pan(37, tl.Data().Limits))
			peak = max(peak, len(tl.r.Objects()))
		}
		return peak
	}
	peak := zoomIn()
	if span := tl.Viewport().Span(); span > 2*chrono.Day {
		t.Fatalf("did not reach day level: span %v days", span/chrono.Day)
	}
	const bound = 2500
	if peak > bound {
		t.Fatalf("%d canvas objects at peak, want at most %d", peak, bound)
	}
	// The same frames again reuse the pooled objects: nothing new is created.
	before := len(tl.r.Objects())
	zoomIn()
	if after := len(tl.r.Objects()); after != before {
		t.Fatalf("objects grew on a repeated zoom: %d -> %d", before, after)
	}
	t.Logf("peak %d canvas objects", peak)
}

func TestLanes(t *testing.T) {
	d := synthData(500)
	for _, mode := range []LaneMode{LanesSingle, LanesCategory, LanesPerson, LanesOrganization} {
		lanes := d.Lanes(mode, maxLanes, nil)
		total := 0
		for _, l := range lanes {
			total += l.Lane.Len()
			for i := 1; i < l.Lane.Len(); i++ {
				if l.Lane.T[i] < l.Lane.T[i-1] {
					t.Fatalf("mode %d lane %s not in time order", mode, l.Key)
				}
			}
		}
		switch mode {
		case LanesSingle, LanesCategory:
			if total != 500 {
				t.Errorf("mode %d: %d events in lanes, want 500", mode, total)
			}
		case LanesPerson: // an event with several people is in each of their lanes
			if total <= 500 || len(lanes) > maxLanes {
				t.Errorf("person lanes: %d entries in %d lanes", total, len(lanes))
			}
		}
	}
	keep := func(i int) bool { return d.Idx.Category(i) == data.CatLegal }
	for _, l := range d.Lanes(LanesCategory, maxLanes, keep) {
		if l.Key != string(data.CatLegal) {
			t.Errorf("filtered lanes contain %s", l.Key)
		}
	}
}

func TestHistogram(t *testing.T) {
	ts := []float64{0, 1, 1.5, 5, 9.99, 10}
	got := Histogram(ts, 0, 10, 5) // bins of 2: [0,2) [2,4) [4,6) [6,8) [8,10)
	want := []int{3, 0, 1, 0, 1}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Histogram = %v, want %v", got, want)
		}
	}
	if h := Histogram(ts, 10, 0, 5); h[0] != 0 {
		t.Fatal("reversed range counted events")
	}
}

func TestOverviewMovesAndResizesTheWindow(t *testing.T) {
	test.NewTempApp(t)
	tl := New(synthData(500), i18n.Must(data.EN))
	ov := NewOverview(tl)
	w := test.NewTempWindow(t, container.NewBorder(nil, ov, nil, nil, tl))
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1600, 900))
	tl.Zoom(10)
	v := tl.Viewport()
	x0, x1 := ov.windowRect()
	if x1-x0 < 150 || x1-x0 > 170 {
		t.Fatalf("window rectangle %v..%v for a tenth of the span", x0, x1)
	}
	// Drag the middle: moves the window, keeps its span.
	drag := func(from, dx float32) {
		ov.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(from+dx, 20)}, Dragged: fyne.Delta{DX: dx}})
		ov.DragEnd()
	}
	drag((x0+x1)/2, 100)
	moved := tl.Viewport()
	perPx := tl.Data().Limits.MaxSpan / 1600
	if math.Abs(moved.Start-v.Start-100*perPx) > perPx || math.Abs(moved.Span()-v.Span()) > 1 {
		t.Fatalf("move: %v -> %v", v, moved)
	}
	// Drag the right edge: resizes.
	_, x1 = ov.windowRect()
	drag(x1, 80)
	if got := tl.Viewport(); math.Abs(got.Start-moved.Start) > 1 || math.Abs(got.Span()-moved.Span()-80*perPx) > perPx {
		t.Fatalf("resize: %v -> %v", moved, got)
	}
	// Tap outside, away from the edges: centres the window there.
	ov.Tapped(&fyne.PointEvent{Position: fyne.NewPos(1200, 20)})
	if c := tl.Viewport().Centre(); math.Abs(c-(tl.Data().Limits.Min+1200*perPx)) > perPx {
		t.Fatalf("tap did not centre the window: centre %v, want %v", c, tl.Data().Limits.Min+1200*perPx)
	}
	// Near the start, the window cannot centre there: it starts at the beginning.
	ov.Tapped(&fyne.PointEvent{Position: fyne.NewPos(10, 20)})
	if v := tl.Viewport(); v.Start != tl.Data().Limits.Min {
		t.Fatalf("tap near the start: window starts at %v, want %v", v.Start, tl.Data().Limits.Min)
	}
}

func TestBubbleAtZoomLimitStepsThroughItsEvents(t *testing.T) {
	// Many events on one day, short lanes: at the deepest zoom a bubble
	// cannot be opened by zooming, so a click on it selects its events (its
	// lane's events there without a label) in turn and leaves the window
	// alone.
	for _, mode := range []LaneMode{LanesSingle, LanesCategory} {
		tl, w := newTimeline(t, 100000)
		w.Resize(fyne.NewSize(1600, 200))
		if mode == LanesCategory {
			w.Resize(fyne.NewSize(1600, 600))
		}
		tl.SetLaneMode(mode)
		d := tl.Data()
		day := d.T[d.Len()/2]
		tl.SetViewport(chrono.Viewport{Start: day - d.Limits.MinSpan/2, End: day + d.Limits.MinSpan/2, Width: 1600})
		var bubble *hit
		for i := range tl.r.hits {
			if tl.r.hits[i].ref < 0 {
				bubble = &tl.r.hits[i]
				break
			}
		}
		if bubble == nil {
			t.Fatalf("mode %d: no bubble at the zoom limit; hits: %d", mode, len(tl.r.hits))
		}
		b, v := *bubble, tl.Viewport()
		lane := tl.Lanes()[b.lane]
		labelled := map[int32]bool{}
		for _, lb := range tl.r.placements[b.lane].Labels {
			labelled[lb.Ref] = true
		}
		at := &fyne.PointEvent{Position: fyne.NewPos((b.x0+b.x1)/2, (b.y0+b.y1)/2)}
		seen := map[int]bool{}
		for k := 0; k < 3; k++ {
			tl.Tapped(at)
			s := tl.Selected()
			if s < 0 || d.T[s] < b.t0 || d.T[s] >= b.t1 {
				t.Fatalf("mode %d tap %d selected %d, outside the bubble's %v..%v", mode, k, s, b.t0, b.t1)
			}
			if mode == LanesCategory && string(d.Idx.Category(s)) != lane.Key {
				t.Fatalf("tap %d selected a %s event in the %s lane", k, d.Idx.Category(s), lane.Key)
			}
			if labelled[int32(s)] || seen[s] {
				t.Fatalf("mode %d tap %d selected event %d, labelled or seen before", mode, k, s)
			}
			seen[s] = true
			if tl.Viewport() != v {
				t.Fatalf("mode %d tap %d moved the window", mode, k)
			}
		}
	}
}

func TestBubbleTapsDrillDownToTheZoomLimit(t *testing.T) {
	// Tapping the bubble under the pointer again and again reaches the
	// deepest zoom (and then selects an event) instead of stopping short.
	tl, w := newTimeline(t, 100000)
	w.Resize(fyne.NewSize(1600, 200))
	d := tl.Data()
	for k := 0; k < 40 && tl.Selected() < 0; k++ {
		var b *hit
		for i := range tl.r.hits {
			if h := &tl.r.hits[i]; h.ref < 0 && (b == nil || abs32(h.x0+h.x1-1600) < abs32(b.x0+b.x1-1600)) {
				b = h // the bubble nearest the middle
			}
		}
		if b == nil {
			t.Fatalf("step %d: no bubble left at a span of %v s", k, tl.Viewport().Span())
		}
		tl.Tapped(&fyne.PointEvent{Position: fyne.NewPos((b.x0+b.x1)/2, (b.y0+b.y1)/2)})
	}
	if tl.Selected() < 0 || tl.Viewport().Span() > d.Limits.MinSpan*1.01 {
		t.Fatalf("taps ended at a span of %v s (limit %v) with selection %d", tl.Viewport().Span(), d.Limits.MinSpan, tl.Selected())
	}
}

func TestTapSelectsAtOnceAndDoubleTapZooms(t *testing.T) {
	tl, _ := newTimeline(t, 500)
	// Fyne holds every single tap of a DoubleTappable widget for the
	// double-click delay: the timeline must not be one.
	if _, ok := any(tl).(fyne.DoubleTappable); ok {
		t.Fatal("the timeline implements fyne.DoubleTappable: every click would wait ~300 ms")
	}
	var h *hit
	for i := range tl.r.hits {
		if tl.r.hits[i].ref >= 0 {
			h = &tl.r.hits[i]
			break
		}
	}
	at := &fyne.PointEvent{Position: fyne.NewPos((h.x0+h.x1)/2, (h.y0+h.y1)/2)}
	want, span := int(h.ref), tl.Viewport().Span()
	tl.Tapped(at)
	if tl.Selected() != want {
		t.Fatalf("a tap selected %d, want %d at once", tl.Selected(), want)
	}
	tl.Tapped(at) // the second click of a double click
	if got := tl.Viewport().Span(); math.Abs(got-span/2) > 1 {
		t.Fatalf("double click: span %v, want %v", got, span/2)
	}
	if tl.Selected() != want {
		t.Fatal("the double click lost the selection")
	}
	// Two taps far apart in time are two selections, not a zoom.
	tl.lastTap = tl.lastTap.Add(-time.Second)
	span = tl.Viewport().Span()
	tl.Tapped(at)
	if tl.Viewport().Span() != span {
		t.Fatal("two slow taps zoomed")
	}
}

func TestPooledRectanglesKeepTheirRole(t *testing.T) {
	// Zooming in makes count bubbles (rounded), zooming out era bands
	// (square). A rectangle that served as a bubble must not draw a band
	// with rounded corners.
	tl, w := newTimeline(t, 20000)
	w.Resize(fyne.NewSize(1600, 200)) // one row of labels: bubbles for the rest
	// Deep inside the first era: one band, many bubbles after it.
	at := chrono.Seconds(time.Date(2018, 3, 1, 0, 0, 0, 0, time.UTC))
	tl.ShowRange(at, at+40*chrono.Day)
	if !slices.ContainsFunc(tl.r.hits, func(h hit) bool { return h.ref < 0 }) {
		t.Fatal("no bubbles deep inside the first era")
	}
	tl.FitAll() // both eras: a former bubble becomes a band
	for i := 0; i < 3; i++ {
		tl.Zoom(1.2)
		tl.Zoom(1 / 1.2)
	}
	bands, bubbles := 0, 0
	for _, o := range tl.r.Objects() {
		rc, ok := o.(*canvas.Rectangle)
		if !ok || !rc.Visible() {
			continue
		}
		switch {
		case rc.FillColor == tl.r.pal.band0 || rc.FillColor == tl.r.pal.band1:
			bands++
			if rc.CornerRadius != 0 {
				t.Fatalf("an era band has corner radius %v", rc.CornerRadius)
			}
		case rc.FillColor == tl.r.pal.bubble:
			bubbles++
			if rc.CornerRadius == 0 {
				t.Fatal("a count bubble has square corners")
			}
		}
	}
	if bands == 0 || bubbles == 0 {
		t.Fatalf("%d bands and %d bubbles: the test saw neither role", bands, bubbles)
	}
}

func TestLanesFitShortTimelines(t *testing.T) {
	// At the window's default timeline height (~210 px) lanes by person must
	// keep each label in its marker's lane, under the lane's title and above
	// the axis.
	for _, h := range []float32{190, 210, 320, 600} {
		tl, w := newTimeline(t, 3000)
		w.Resize(fyne.NewSize(1280, h))
		tl.SetLaneMode(LanesPerson)
		tl.FitAll()
		g := tl.r.geometry()
		if n := len(tl.Lanes()); n < 2 || g.laneH < minLaneH-0.5 {
			t.Fatalf("height %v: %d lanes of %v px (want at least %v)", h, n, g.laneH, minLaneH)
		}
		for li := range tl.Lanes() {
			top := g.lanesTop + float32(li)*g.laneH
			for _, lb := range tl.r.placements[li].Labels {
				y := top + g.head + float32(lb.Row)*rowH + rowH/2
				if y-rowH/2 < top+g.head-0.5 || y+rowH/2 > top+g.laneH-stripH+0.5 {
					t.Fatalf("height %v lane %d: label row %d at y %v outside the lane %v..%v", h, li, lb.Row, y, top, top+g.laneH)
				}
			}
		}
		if last := g.lanesTop + float32(len(tl.Lanes()))*g.laneH; last > g.lanesBottom+0.5 {
			t.Fatalf("height %v: lanes end at %v, below the axis at %v", h, last, g.lanesBottom)
		}
	}
}

func TestLabelsUseTheRoomTheyHave(t *testing.T) {
	test.NewTempApp(t)
	long := "Jury finds Musk's claims against OpenAI and Microsoft time-barred after a three-week trial in Oakland"
	ds := &data.Dataset{Meta: data.Meta{Version: "t", AsOf: data.MustDate("2026-07-01")}}
	for k, d := range []string{"2020-01-01", "2024-06-01"} {
		ds.Events = append(ds.Events, data.Event{ID: fmt.Sprintf("e%d", k), Date: data.MustDate(d), Importance: 3,
			Category: data.CatLegal, Status: data.StVerdict, Title: data.Text{EN: long, DE: long}})
	}
	tl := New(FromDataset(ds), i18n.Must(data.EN))
	w := test.NewTempWindow(t, tl)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1600, 400))
	full := false
	for _, o := range tl.r.Objects() {
		if tx, ok := o.(*canvas.Text); ok && tx.Visible() && tx.Text == long {
			full = true
		}
	}
	if !full {
		t.Fatal("a label with free room after it is cut")
	}
	// In a narrow window the first label runs into the second: cut with "…".
	w.Resize(fyne.NewSize(700, 400))
	cut := false
	for _, o := range tl.r.Objects() {
		if tx, ok := o.(*canvas.Text); ok && tx.Visible() && strings.HasSuffix(tx.Text, "…") {
			cut = true
		}
	}
	if !cut {
		t.Fatal("no label is cut with … where they crowd")
	}
	// The selected event shows its whole title where the timeline is wide
	// enough, else as much as fits, cut with "…", inside the timeline.
	tl.Select(0)
	st := tl.r.selText
	if x := st.Position().X; !st.Visible() || !strings.HasSuffix(st.Text, "…") || !strings.HasPrefix(long, strings.TrimSuffix(st.Text, "…")) ||
		x < 0 || x+st.Size().Width > 700 || len(st.Text) < len(long)/3 {
		t.Fatalf("selected label %q at %v, %v wide, in a 700 px timeline", st.Text, st.Position().X, st.Size().Width)
	}
	w.Resize(fyne.NewSize(1600, 400))
	if !st.Visible() || st.Text != long {
		t.Fatalf("selected label %q", st.Text)
	}
}

func TestGeometryScalesWithTextSize(t *testing.T) {
	m1, m2 := metricsFor(14), metricsFor(28)
	if m2.rowH != 2*m1.rowH || m2.axisH != 2*m1.axisH || m2.minLaneH != 2*m1.minLaneH || m2.tickSpace != 2*m1.tickSpace {
		t.Fatalf("200 %% text: %+v, 100 %%: %+v", m2, m1)
	}
	if small := metricsFor(12); small != m1 {
		t.Fatalf("smaller text must not shrink the geometry below the default: %+v", small)
	}
	if a, b := lanesFor(700, m1), lanesFor(700, m2); b >= a {
		t.Fatalf("at 200 %% text a 700 px timeline holds %d lanes, at 100 %% %d: lanes must get taller", b, a)
	}
}

// TestGesturesAtALimitChangeNothing: wheel steps past the zoom limit, or
// a drag past the end, neither redraw nor tell the followers.
func TestGesturesAtALimitChangeNothing(t *testing.T) {
	tl, _ := newTimeline(t, 500)
	calls := 0
	tl.OnViewportChange = func(chrono.Viewport) { calls++ }
	for i := 0; i < 200; i++ { // zoom in to the limit and beyond
		wheel(tl, fyne.NewPos(300, 50), 10)
	}
	atLimit := calls
	for i := 0; i < 50; i++ {
		wheel(tl, fyne.NewPos(300, 50), 10)
	}
	if calls != atLimit || atLimit == 0 || atLimit >= 200 {
		t.Fatalf("viewport changes: %d while zooming in, %d more past the limit", atLimit, calls-atLimit)
	}
	tl.FitAll()
	calls = 0
	tl.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(500, 0)})
	if calls != 0 {
		t.Fatalf("a drag past the start of the whole span changed the window %d times", calls)
	}
}

// TestLanesBuiltOnce: the window's start sets the remembered lane mode, then
// the first Resize tells the height; the lanes are built once, for that
// height, when the first frame needs them (each build walks every event).
// Later changes build them again once each.
func TestLanesBuiltOnce(t *testing.T) {
	test.NewTempApp(t)
	tl := New(synthData(2000), i18n.Must(data.EN))
	tl.SetLaneMode(LanesCategory)
	tl.SetLaneMode(LanesPerson)
	tl.SetFilter(nil)
	if tl.laneBuilds != 0 {
		t.Fatalf("%d lane builds before the first frame, want 0", tl.laneBuilds)
	}
	// As in the app: the window has its size when the content is set.
	w := test.NewTempWindow(t, container.NewStack())
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1600, 300))
	w.SetContent(tl)
	if tl.laneBuilds != 1 || tl.Size().Height != 300 {
		t.Fatalf("%d lane builds after the first Resize to %v, want 1", tl.laneBuilds, tl.Size())
	}
	if fit := lanesFor(300, tl.metrics()); len(tl.Lanes()) != fit || fit >= maxLanes {
		t.Fatalf("%d lanes, want %d for the height (< %d)", len(tl.Lanes()), fit, maxLanes)
	}
	w.Resize(fyne.NewSize(1600, 900))
	if tl.laneBuilds != 2 || len(tl.Lanes()) != lanesFor(900, tl.metrics()) {
		t.Fatalf("%d lane builds, %d lanes after a new height, want 2, %d", tl.laneBuilds, len(tl.Lanes()), lanesFor(900, tl.metrics()))
	}
	w.Resize(fyne.NewSize(1200, 900))
	tl.SetLaneMode(LanesCategory)
	if tl.laneBuilds != 3 || tl.Lanes()[0].Key != string(data.Categories[0]) {
		t.Fatalf("%d lane builds, first lane %q after a new width and mode, want 3, %q", tl.laneBuilds, tl.Lanes()[0].Key, data.Categories[0])
	}
	tl.SetFilter(func(i int) bool { return i%2 == 0 })
	n := 0
	for _, l := range tl.Lanes() {
		n += l.Lane.Len()
	}
	if tl.laneBuilds != 4 || n == 0 {
		t.Fatalf("%d lane builds, %d events in lanes after a filter", tl.laneBuilds, n)
	}
}
