package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"aitimeline/data"
	"aitimeline/data/synth"
	"aitimeline/i18n"
	"aitimeline/ui/chrono"
)

// benchStore opens a synthetic dataset of n events: from
// $AITIMELINE_BENCH_DIR/synth-<n>.db when present (.ci/bench writes them),
// else written to a temporary folder (slow for a million).
func benchStore(b *testing.B, n int) *data.Store {
	b.Helper()
	path := ""
	if dir := os.Getenv("AITIMELINE_BENCH_DIR"); dir != "" {
		path = filepath.Join(dir, fmt.Sprintf("synth-%d.db", n))
	}
	if _, err := os.Stat(path); path == "" || err != nil {
		if n > 100000 {
			b.Skipf("set AITIMELINE_BENCH_DIR to a folder with synth-%d.db (cmd/synthdata)", n)
		}
		path = filepath.Join(b.TempDir(), "synth.db")
		if err := data.WriteSQLite(synth.Generate(n, 1), path); err != nil {
			b.Fatal(err)
		}
	}
	st, err := data.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// BenchmarkWindowZoomStep is one zoom step of the whole main window as the
// app wires it: the timeline's frame plus everything that follows the
// window (overview, list twin, filter bar's fit state, status), at 1600×900.
// It measures what BenchmarkTimelineFrame leaves out.
func BenchmarkWindowZoomStep(b *testing.B) {
	for _, n := range []int{100000, 1000000} {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			st := benchStore(b, n)
			a := test.NewApp()
			defer a.Quit()
			w := test.NewWindow(nil)
			defer w.Close()
			q := NewTestRunner()
			m := NewMain(a, w, st, i18n.Must(data.EN), Options{Version: "bench", Runner: q.Runner})
			m.S.TL.SetNow(func() time.Time { return time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC) })
			w.Resize(fyne.NewSize(1600, 900))
			q.Flush()
			d := m.S.TD
			var steps []chrono.Viewport
			v := d.Limits.All(m.S.TL.Viewport().Width)
			at := d.T[d.Len()/2]
			for v.Span() > 1.5*chrono.Day {
				v = v.Zoom(v.X(at), 1.25, d.Limits)
				steps = append(steps, v)
			}
			for i := len(steps) - 1; i >= 0; i-- {
				steps = append(steps, steps[i])
			}
			for _, v := range steps {
				m.S.TL.SetViewport(v)
			}
			runtime.GC()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				m.S.TL.SetViewport(steps[i%len(steps)])
			}
		})
	}
}
