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
	"aitimeline/i18n"
)

// BenchmarkLoadToWindow is what the app does between opening a dataset and
// its first interactive frame, step by step, on the test driver (the GL
// window's creation and paint are not in it; .ci/startup measures those):
//
//	open-ms   data.Open: the compact event index and the small tables
//	main-ms   NewMain: timeline data, panes, the main view's first layout
//	          at 1600×900
//	after-ms  the start-up queries' results applied (people counts, list)
//	live-MB   what the open window adds to the heap (after a collection)
//
// Set AITIMELINE_BENCH_DIR to the folder with synth-<n>.db (.ci/bench).
func BenchmarkLoadToWindow(b *testing.B) {
	for _, n := range []int{100000, 1000000} {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			path := filepath.Join(benchDir(b, n), fmt.Sprintf("synth-%d.db", n))
			a := test.NewApp()
			defer a.Quit()
			var open, mk, after time.Duration
			var live uint64
			var ms runtime.MemStats
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				runtime.GC()
				runtime.ReadMemStats(&ms)
				base := ms.HeapAlloc
				b.StartTimer()
				t0 := time.Now()
				st, err := data.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				// As in the app, the window has its size before the main
				// view is set in it (else the test driver lays it out at
				// its own default size first).
				w := test.NewWindow(nil)
				w.Resize(fyne.NewSize(1600, 900))
				q := NewTestRunner()
				m := NewMain(a, w, st, i18n.Must(data.EN), Options{Version: "bench", Runner: q.Runner})
				w.Resize(fyne.NewSize(1600, 900))
				t2 := time.Now()
				uiFlush(q)
				t3 := time.Now()
				open, mk, after = open+t1.Sub(t0), mk+t2.Sub(t1), after+t3.Sub(t2)
				b.StopTimer()
				runtime.GC()
				runtime.ReadMemStats(&ms)
				live += ms.HeapAlloc - min(base, ms.HeapAlloc)
				if m.S.Idx.Len() != n {
					b.Fatalf("%d events", m.S.Idx.Len())
				}
				w.Close()
				st.Close()
				b.StartTimer()
			}
			per := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(b.N) }
			b.ReportMetric(per(open), "open-ms")
			b.ReportMetric(per(mk), "main-ms")
			b.ReportMetric(per(after), "after-ms")
			b.ReportMetric(float64(live)/float64(b.N)/(1<<20), "live-MB")
		})
	}
}

// benchDir is the folder holding synth-<n>.db, or the benchmark is skipped.
func benchDir(b *testing.B, n int) string {
	b.Helper()
	dir := os.Getenv("AITIMELINE_BENCH_DIR")
	if _, err := os.Stat(filepath.Join(dir, fmt.Sprintf("synth-%d.db", n))); dir == "" || err != nil {
		b.Skipf("set AITIMELINE_BENCH_DIR to a folder with synth-%d.db (cmd/synthdata)", n)
	}
	return dir
}
