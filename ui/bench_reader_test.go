package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"aitimeline/data"
	"aitimeline/i18n"
)

// Reader benchmarks (issue 9): what the UI goroutine does when the user
// opens the Sources tab, a person's card, an event's details, or clicks an
// event on the timeline, on 100,000 synthetic events (benchStore; set
// AITIMELINE_BENCH_DIR to the folder .ci/bench fills, else the dataset is
// generated first). Each reports two figures:
//
//	ui-ms/op   time spent on the test's goroutine, which stands for the UI
//	           goroutine: the call itself plus every queued result applied
//	           (widget updates, refreshes, layouts of the test driver), and
//	           one pass that asks every visible object for its minimum size,
//	           as the GL driver does before it paints a changed window
//	           (EnsureMinSize): work a pane leaves for the next frame is
//	           counted too. The painting itself is not included.
//	done-ms/op from the action until the last queued result was applied
//	           (queries off the UI goroutine and the runner's debounce
//	           delays included): when the pane is complete.
//
// Targets: tab or card under 50 ms, detail under 20 ms, click under 50 ms
// (on the UI goroutine).

// uiFlush is TestRunner.Flush that also sums the time spent applying
// results, the UI goroutine's share of the work.
func uiFlush(q *TestRunner) time.Duration {
	var ui time.Duration
	for {
		q.count.Wait()
		select {
		case f := <-q.queue:
			t0 := time.Now()
			f()
			ui += time.Since(t0)
		default:
			return ui
		}
	}
}

// uiClock sums the two figures over a benchmark's iterations in window w.
type uiClock struct {
	ui, done time.Duration
	w        fyne.Window
}

// measure times act and the results it queues.
func (c *uiClock) measure(q *TestRunner, act func()) {
	t0 := time.Now()
	act()
	ui := time.Since(t0)
	ui += uiFlush(q)
	t1 := time.Now()
	minSizePass(c.w.Content())
	ui += time.Since(t1)
	c.ui += ui
	c.done += time.Since(t0)
}

// minSizePass asks every visible object under o for its minimum size, as
// the GL driver's EnsureMinSize does on the UI goroutine before a frame: a
// widget not laid out yet is measured there.
func minSizePass(o fyne.CanvasObject) {
	if o == nil || !o.Visible() {
		return
	}
	o.MinSize()
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			minSizePass(c)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			minSizePass(c)
		}
	}
}

func (c *uiClock) report(b *testing.B) {
	b.ReportMetric(float64(c.ui.Microseconds())/1000/float64(b.N), "ui-ms/op")
	b.ReportMetric(float64(c.done.Microseconds())/1000/float64(b.N), "done-ms/op")
}

// benchMain is the main window on n synthetic events at 1600×900, with its
// start-up queries done.
func benchMain(b *testing.B, st *data.Store) (*Main, fyne.Window, *TestRunner) {
	b.Helper()
	w := test.NewWindow(nil)
	q := NewTestRunner()
	m := NewMain(fyne.CurrentApp(), w, st, i18n.Must(data.EN), Options{Version: "bench", Runner: q.Runner})
	m.S.TL.SetNow(func() time.Time { return time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC) })
	w.Resize(fyne.NewSize(1600, 900))
	q.Flush()
	return m, w, q
}

// BenchmarkSourcesTab opens the Sources tab for the first time in a fresh
// window: the sources are read and sorted off the UI goroutine, the table
// is filled on it.
func BenchmarkSourcesTab(b *testing.B) {
	st := benchStore(b, 100000)
	a := test.NewApp()
	defer a.Quit()
	var c uiClock
	var rows int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		m, w, q := benchMain(b, st)
		c.w = w
		b.StartTimer()
		c.measure(q, func() { m.ShowTab("sources") })
		b.StopTimer()
		rows = len(m.Sources.Rows())
		if m.SelectedTab() != "sources" || rows == 0 {
			b.Fatalf("tab %q, %d rows", m.SelectedTab(), rows)
		}
		w.Close()
		b.StartTimer()
	}
	b.StopTimer()
	c.report(b)
	b.ReportMetric(float64(rows), "sources")
}

// BenchmarkPeopleTab brings the People tab to the front (grid of people).
func BenchmarkPeopleTab(b *testing.B) {
	st := benchStore(b, 100000)
	a := test.NewApp()
	defer a.Quit()
	m, w, q := benchMain(b, st)
	defer w.Close()
	c := uiClock{w: w}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.measure(q, func() { m.ShowTab("people") })
		b.StopTimer()
		if m.SelectedTab() != "people" {
			b.Fatalf("tab %q", m.SelectedTab())
		}
		m.ShowTab("timeline")
		q.Flush()
		b.StartTimer()
	}
	b.StopTimer()
	c.report(b)
}

// BenchmarkPersonCard shows one person after another on the People tab, as
// a click in the grid does: the profile at once, their events (a scan of
// the index) off the UI goroutine.
func BenchmarkPersonCard(b *testing.B) {
	st := benchStore(b, 100000)
	a := test.NewApp()
	defer a.Quit()
	m, w, q := benchMain(b, st)
	defer w.Close()
	m.ShowTab("people")
	q.Flush()
	people := m.S.DS.People
	c := uiClock{w: w}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		id := people[i%len(people)].ID
		c.measure(q, func() { m.People.Show(id) })
		b.StopTimer()
		if m.People.Person() != id || len(m.People.events) == 0 {
			b.Fatalf("person %q, %d events", m.People.Person(), len(m.People.events))
		}
		b.StartTimer()
	}
	b.StopTimer()
	c.report(b)
}

// BenchmarkDetailPane shows events scattered over the dataset in the detail
// pane: the index's part at once, the summary, people, sources and related
// events after a read off the UI goroutine.
func BenchmarkDetailPane(b *testing.B) {
	st := benchStore(b, 100000)
	a := test.NewApp()
	defer a.Quit()
	m, w, q := benchMain(b, st)
	defer w.Close()
	n := m.S.Idx.Len()
	c := uiClock{w: w}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := (i*7919 + 13) % n
		c.measure(q, func() { m.Detail.show(k) })
		b.StopTimer()
		if m.Detail.Shown() != k {
			b.Fatalf("pane shows %d, want %d", m.Detail.Shown(), k)
		}
		b.StartTimer()
	}
	b.StopTimer()
	c.report(b)
}

// BenchmarkClickSelect clicks labelled events on the timeline, one after
// the other (the first and the last label in turns: never the same spot,
// so no click is a double click): hit test, selection,
// the timeline's redraw, and everything that follows the selection (detail
// pane, list twin, status).
func BenchmarkClickSelect(b *testing.B) {
	st := benchStore(b, 100000)
	a := test.NewApp()
	defer a.Quit()
	m, w, q := benchMain(b, st)
	defer w.Close()
	tl := m.S.TL
	// A window of about a month around the middle: dense, every label a
	// single event.
	d := tl.Data()
	mid := d.T[d.Len()/2]
	tl.ShowRange(mid-15*86400, mid+15*86400)
	q.Flush()
	c := uiClock{w: w}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		hits := tl.LabelHits()
		if len(hits) < 2 {
			b.Fatalf("%d labels in view", len(hits))
		}
		h := hits[0]
		if i%2 == 1 || h.Ref == tl.Selected() {
			h = hits[len(hits)-1]
		}
		if h.Ref == tl.Selected() {
			h = hits[len(hits)/2]
		}
		b.StartTimer()
		c.measure(q, func() { tl.Tapped(&fyne.PointEvent{Position: fyne.NewPos(h.X, h.Y)}) })
		b.StopTimer()
		if tl.Selected() != h.Ref || m.Detail.Shown() != h.Ref {
			b.Fatalf("clicked %d: selected %d, detail %d", h.Ref, tl.Selected(), m.Detail.Shown())
		}
		b.StartTimer()
	}
	b.StopTimer()
	c.report(b)
}
