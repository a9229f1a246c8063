package timeline

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"aitimeline/data"
	"aitimeline/i18n"
	"aitimeline/ui/chrono"
)

// BenchmarkTimelineFrame measures one zoom step of a 1600×900 timeline: set a
// new window, then everything the widget does before the driver paints
// (finding visible events, clustering, lane packing, positioning pooled
// canvas objects, refresh). The window zooms in and out around the dataset's
// median event, so each size is measured where its events are rather than
// over empty stretches of time.
func BenchmarkTimelineFrame(b *testing.B) {
	for _, n := range []int{100, 10000, 100000, 1000000} {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			if n == 1000000 && testing.Short() {
				b.Skip("short")
			}
			d := synthData(n)
			a := test.NewApp()
			defer a.Quit()
			tl := New(d, i18n.Must(data.EN))
			tl.SetNow(func() time.Time { return time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC) })
			w := test.NewWindow(tl)
			defer w.Close()
			w.SetPadded(false)
			w.Resize(fyne.NewSize(1600, 900))
			steps := zoomSteps(d.Limits, d.T[d.Len()/2], 1600)
			for _, v := range steps { // warm the pools and label caches
				tl.SetViewport(v)
			}
			runtime.GC() // not the setup's garbage: collect it before timing
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				tl.SetViewport(steps[i%len(steps)])
			}
			b.StopTimer()
			b.ReportMetric(float64(len(tl.r.Objects())), "objects")
			// What the steps draw on average: cost follows this, not the
			// dataset's size.
			var labels, bubbles int
			for _, v := range steps {
				tl.SetViewport(v)
				for _, p := range tl.r.placements[:len(tl.lanes)] {
					labels += len(p.Labels)
					bubbles += len(p.Clusters)
				}
			}
			b.ReportMetric(float64(labels)/float64(len(steps)), "labels/step")
			b.ReportMetric(float64(bubbles)/float64(len(steps)), "bubbles/step")
		})
	}
}

// zoomSteps is a zoom from the whole span down to about a day around time
// at, and back out.
func zoomSteps(l chrono.Limits, at float64, width float32) []chrono.Viewport {
	v := l.All(width)
	var out []chrono.Viewport
	for v.Span() > 1.5*chrono.Day {
		v = v.Zoom(v.X(at), 1.25, l)
		out = append(out, v)
	}
	for i := len(out) - 1; i >= 0; i-- {
		out = append(out, out[i])
	}
	return out
}

// BenchmarkLaneLayout measures the pure part of a frame alone: chrono.Layout
// of every lane for the same zoom steps as BenchmarkTimelineFrame, with label
// widths already measured.
func BenchmarkLaneLayout(b *testing.B) {
	for _, n := range []int{100, 100000} {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			d := synthData(n)
			a := test.NewApp()
			defer a.Quit()
			tl := New(d, i18n.Must(data.EN))
			w := test.NewWindow(tl)
			defer w.Close()
			w.SetPadded(false)
			w.Resize(fyne.NewSize(1600, 900))
			steps := zoomSteps(d.Limits, d.T[d.Len()/2], 1600)
			for _, v := range steps {
				tl.SetViewport(v)
			}
			widths := tl.r.labels.width
			widthOf := func(ref int32) float32 { return widths[ref] }
			opt := chrono.DefaultLayout
			opt.Rows = 34
			p := make([]chrono.Placement, len(tl.lanes))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				v := steps[i%len(steps)]
				for li, l := range tl.lanes {
					chrono.Layout(l.Lane, v, opt, widthOf, &p[li])
				}
			}
		})
	}
}

// BenchmarkTimelinePaint is the software painter's time for one 1600×900
// frame of the timeline (for reference: the on-screen driver paints with
// OpenGL; this painter serves renders and tests).
func BenchmarkTimelinePaint(b *testing.B) {
	for _, n := range []int{100, 100000} {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			a := test.NewApp()
			defer a.Quit()
			tl := New(synthData(n), i18n.Must(data.EN))
			w := test.NewWindow(tl)
			defer w.Close()
			w.SetPadded(false)
			w.Resize(fyne.NewSize(1600, 900))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				w.Canvas().Capture()
			}
		})
	}
}

// BenchmarkApplyFilter applies a category filter to a 100,000-event timeline
// and redraws it: rebuilding the lanes plus one frame.
func BenchmarkApplyFilter(b *testing.B) {
	d := synthData(100000)
	a := test.NewApp()
	defer a.Quit()
	tl := New(d, i18n.Must(data.EN))
	w := test.NewWindow(tl)
	defer w.Close()
	w.Resize(fyne.NewSize(1600, 900))
	filters := []func(int) bool{
		func(i int) bool { return d.Idx.Category(i) == data.CatLegal },
		func(i int) bool { c := d.Idx.Category(i); return c == data.CatPolitics || c == data.CatPublic },
		nil,
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tl.SetFilter(filters[i%len(filters)])
	}
}
