package timeline

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// inBubble returns an event that has no label in the current frame but is
// counted in a bubble of its lane (and is crowded by its neighbours), or -1.
func inBubble(tl *Timeline) int {
	for li := range tl.lanes {
		for _, c := range tl.r.placements[li].Clusters {
			l := tl.lanes[li].Lane
			lo, hi := l.Range(c.T0, c.T1)
			for p := lo; p < hi; p++ {
				if i := int(l.Ref[p]); !tl.Labelled(i) && tl.crowded(i) {
					return i
				}
			}
		}
	}
	return -1
}

// labelBox is where event i's title is drawn in the last frame (the
// selected one's own text, else its slot's text).
func labelBox(tl *Timeline, i int) (x0, x1 float32, ok bool) {
	if i == tl.sel && tl.r.selText.Visible() {
		return tl.r.selText.Position().X, tl.r.selText.Position().X + tl.r.selText.Size().Width, true
	}
	for li := range tl.lanes {
		for k, lb := range tl.r.placements[li].Labels {
			if int(lb.Ref) == i {
				tx := tl.r.assign[li][k].text
				return tx.Position().X, tx.Position().X + tx.Size().Width, true
			}
		}
	}
	return 0, 0, false
}

// Issue 10 #3: an event selected from outside the window, or hidden in a
// count bubble, ends up inside the window with its label, zoomed in just
// enough to be told apart from its neighbours.
func TestSelectAndRevealShowsTheEventWithItsLabel(t *testing.T) {
	tl, _ := newTimeline(t, 5000)
	d := tl.Data()
	check := func(t *testing.T, i int) {
		t.Helper()
		v := tl.Viewport()
		if tl.Selected() != i {
			t.Fatalf("selected %d, want %d", tl.Selected(), i)
		}
		if et := d.T[i]; et < v.Start || et >= v.End {
			t.Fatalf("event at %v outside the window %v..%v", et, v.Start, v.End)
		}
		if !tl.Labelled(i) {
			t.Fatal("the selected event has no label")
		}
		x0, x1, ok := labelBox(tl, i)
		if !ok || x0 < 0 || x1 > v.Width || x1 <= x0 {
			t.Fatalf("label at %v..%v, window 0..%v", x0, x1, v.Width)
		}
		if tl.crowded(i) && v.Span() > revealSpan {
			t.Fatal("the event is still crowded by its neighbours")
		}
	}
	t.Run("off-screen", func(t *testing.T) {
		tl.FitAll()
		tl.ShowRange(d.T[0], d.T[0]+60*86400)
		i := d.Len() * 3 / 4
		if v := tl.Viewport(); d.T[i] < v.End {
			t.Fatal("setup: the event is already in the window")
		}
		tl.SelectAndReveal(i)
		check(t, i)
	})
	t.Run("in a bubble", func(t *testing.T) {
		tl.Select(-1)
		tl.FitAll()
		i := inBubble(tl)
		if i < 0 {
			t.Fatal("setup: no event hidden in a bubble at full width")
		}
		// Selected where it is, it gets its label at once (the layout pins it).
		tl.Select(i)
		if !tl.Labelled(i) {
			t.Fatal("the selected event stays hidden in its bubble")
		}
		tl.Select(-1)
		before := tl.Viewport().Span()
		tl.SelectAndReveal(i)
		check(t, i)
		v := tl.Viewport()
		if v.Span() >= before {
			t.Fatalf("did not zoom in: span %v -> %v", before, v.Span())
		}
		// Just enough: one zoom step less and the event was still crowded,
		// or the zoom stopped at about a month (events of one day stay together).
		if v.Span() <= revealSpan && v.Span() < revealSpan/1.6 {
			t.Fatalf("zoomed past a month: span %v days", v.Span()/86400)
		}
		if v.Span() > revealSpan {
			tl.SetViewport(v.Zoom(v.X(d.T[i]), 1/1.6, d.Limits))
			if !tl.crowded(i) {
				t.Fatalf("zoomed in further than needed: span %v days", v.Span()/86400)
			}
		}
	})
	t.Run("arrow keys", func(t *testing.T) {
		tl.SelectAndReveal(100)
		tl.ShowRange(d.T[3000], d.T[3100])
		tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
		check(t, 101)
	})
}

// Issue 10 #3: search hits are marked and the rest dimmed, on the timeline
// (labels and markers) and in the overview (bars of hits).
func TestMarkedHitsAndDimmedRest(t *testing.T) {
	tl, w := newTimeline(t, 500)
	ov := NewOverview(tl)
	w.SetContent(container.NewBorder(nil, ov, nil, nil, tl))
	w.Resize(fyne.NewSize(1600, 900))
	tl.FitAll()
	hit := func(i int) bool { return i%3 == 0 }
	tl.SetMarked(hit)
	var hits, dims int
	for li := range tl.lanes {
		for k, lb := range tl.r.placements[li].Labels {
			sl := tl.r.assign[li][k]
			want := tl.r.pal.fg
			if !hit(int(lb.Ref)) {
				want = tl.r.pal.fgDim
				dims++
			} else {
				hits++
			}
			if sl.text.Color != want || sl.dim == hit(int(lb.Ref)) {
				t.Fatalf("event %d (hit %v): colour %v, dim %v", lb.Ref, hit(int(lb.Ref)), sl.text.Color, sl.dim)
			}
		}
	}
	if hits == 0 || dims == 0 {
		t.Fatalf("setup: %d hit labels, %d dimmed", hits, dims)
	}
	// The overview counts the hits in bars of their own.
	or := test.WidgetRenderer(ov).(*overviewRenderer)
	or.paint(int(ov.Size().Width), int(ov.Size().Height))
	n := 0
	for _, c := range or.hits {
		n += c
	}
	want := 0
	for i := range tl.Data().T {
		if hit(i) {
			want++
		}
	}
	if n != want {
		t.Fatalf("overview marks %d hits, want %d", n, want)
	}
	// No search: nothing dimmed.
	tl.SetMarked(nil)
	for li := range tl.lanes {
		for k := range tl.r.placements[li].Labels {
			if sl := tl.r.assign[li][k]; sl.dim || sl.text.Color != tl.r.pal.fg {
				t.Fatal("a label stays dimmed after the search was cleared")
			}
		}
	}
}

// Issue 10 #13: lanes by story put each thread in its own lane, and the
// selected event's thread is drawn as dots on a line.
func TestStoryLanesAndLine(t *testing.T) {
	tl, _ := newTimeline(t, 500)
	d := tl.Data()
	tl.SetLaneMode(LanesThread)
	if len(tl.Lanes()) < 2 {
		t.Fatalf("%d lanes by story", len(tl.Lanes()))
	}
	for _, l := range tl.Lanes() {
		for _, ref := range l.Lane.Ref {
			in := false
			for _, th := range d.Idx.Threads(int(ref)) {
				in = in || d.Idx.ThreadID(th) == l.Key
			}
			if !in {
				t.Fatalf("event %d is in lane %q but not in that story", ref, l.Key)
			}
		}
	}
	tl.FitAll()
	sel := 250
	tl.Select(sel)
	th := d.Idx.Threads(sel)[0]
	evs := d.ThreadEvents(th)
	v := tl.Viewport()
	inView := 0
	for _, e := range evs {
		if t0 := d.T[e]; t0 >= v.Start && t0 < v.End {
			inView++
		}
	}
	if !tl.r.storyLine.Visible() || tl.r.storyDots.used != inView {
		t.Fatalf("story line shown %v with %d dots, want %d", tl.r.storyLine.Visible(), tl.r.storyDots.used, inView)
	}
	// The line spans the story's first to last event in the window.
	first, last := v.X(d.T[evs[0]]), v.X(d.T[evs[len(evs)-1]])
	if l := tl.r.storyLine; l.Position1.X > first+1 || l.Position2.X < last-1 {
		t.Fatalf("story line %v..%v, events %v..%v", l.Position1.X, l.Position2.X, first, last)
	}
	tl.Select(-1)
	if tl.r.storyLine.Visible() || tl.r.storyDots.used != 0 {
		t.Fatal("story line stays without a selection")
	}
}
