package ui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"aitimeline/assets"
	"aitimeline/data"
	"aitimeline/data/userdb"
	"aitimeline/i18n"
)

// Notebook benchmarks (issue 12) on the bundled dataset with a notebook of
// 10,000 notes and 10,000 own events (benchNotebook), reporting ui-ms/op and
// done-ms/op as the reader benchmarks do (bench_reader_test.go).

// noteQueries are keystrokes: every prefix of a few words typed one letter
// at a time, words the synthetic notes contain and words they do not.
func noteQueries() []string {
	var out []string
	for _, w := range []string{"gruendung openai", "Übernahme", "musk lawsuit", "straße"} {
		r := []rune(w)
		for i := 1; i <= len(r); i++ {
			out = append(out, string(r[:i]))
		}
	}
	return out
}

// BenchmarkNoteSearchKeystroke is one keystroke in the main search field:
// the dataset's full-text search and the notebook's (notes and own events,
// Search.Extra) off the UI goroutine, the hits applied on it. nb=none is the
// same window without a notebook, for the notes' share.
func BenchmarkNoteSearchKeystroke(b *testing.B) {
	for _, withNB := range []bool{false, true} {
		name := "nb=none"
		if withNB {
			name = "nb=10000"
		}
		b.Run(name, func(b *testing.B) {
			st, err := data.OpenEmbedded(assets.Dataset, b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			a := test.NewApp()
			defer a.Quit()
			w := test.NewWindow(nil)
			defer w.Close()
			q := NewTestRunner()
			m := NewMain(a, w, st, i18n.Must(data.EN), Options{Version: "bench", Runner: q.Runner})
			if withNB {
				idx := st.Index()
				ids := make([]string, idx.Len())
				for i := range ids {
					ids[i] = idx.ID(i)
				}
				m.AttachNotebook(benchNotebook(b, ids))
			}
			q.Flush()
			keys := noteQueries()
			var c uiClock
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				k := keys[i%len(keys)]
				c.measure(q, func() { m.Search.Entry().SetText(k) })
			}
			b.StopTimer()
			c.report(b)
		})
	}
}

// BenchmarkNotebookTabFilter is one keystroke in the Notebook tab's text
// filter: the notes matching the text are found and the rows built when
// the tab was shown are filtered, off the UI goroutine; the list is
// refreshed on it.
func BenchmarkNotebookTabFilter(b *testing.B) {
	st, err := data.OpenEmbedded(assets.Dataset, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	idx := st.Index()
	ids := make([]string, idx.Len())
	for i := range ids {
		ids[i] = idx.ID(i)
	}
	a := test.NewApp()
	defer a.Quit()
	w := test.NewWindow(nil)
	defer w.Close()
	q := NewTestRunner()
	m := NewMain(a, w, st, i18n.Must(data.EN), Options{Version: "bench", Runner: q.Runner})
	p := m.AttachNotebook(benchNotebook(b, ids))
	q.Flush()
	m.ShowTab("notebook")
	q.Flush()
	if len(p.tab.Rows()) < 10000 {
		b.Fatalf("notebook tab lists %d rows", len(p.tab.Rows()))
	}
	keys := noteQueries()
	// Without the debounce: the list follows notebookFilterAfter (150 ms)
	// after the last key plus this.
	defer func(d time.Duration) { notebookFilterAfter = d }(notebookFilterAfter)
	notebookFilterAfter = 0
	var c uiClock
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := keys[i%len(keys)]
		c.measure(q, func() { p.tab.text.SetText(k) })
	}
	b.StopTimer()
	c.report(b)
	b.ReportMetric(float64(len(keys)), "keys")
}

// BenchmarkAttachNotebookSplit is BenchmarkAttachNotebook with the two
// figures of the reader benchmarks: what attaching the notebook of 10,000
// notes and 10,000 own events costs the UI goroutine (ui-ms/op), and until
// its badges, own events and tours are all shown (done-ms/op).
//
//	path=append   AttachNotebook on a built window (the tab appended to
//	              shown tabs), as when the notebook opens late
//	path=newmain  NewMain with Options.Notebook (the app's warm start),
//	              less path=none: NewMain alone, in the same benchmark run
//	              (ui-ms/op and done-ms/op are NewMain's too there)
//	check=later   the integrity check and dataset comparison start
//	              notebookCheckAfter later (3 s in the app): not counted
//	check=now     they start right after the first load (the old shape)
func BenchmarkAttachNotebookSplit(b *testing.B) {
	st, err := data.OpenEmbedded(assets.Dataset, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	idx := st.Index()
	ids := make([]string, idx.Len())
	for i := range ids {
		ids[i] = idx.ID(i)
	}
	nb := benchNotebook(b, ids)
	a := test.NewApp()
	defer a.Quit()
	defer func(d time.Duration) { notebookCheckAfter = d }(notebookCheckAfter)
	for _, c := range []struct {
		path  string
		later bool
	}{{"append", true}, {"append", false}, {"newmain", true}, {"none", true}} {
		check := map[bool]string{true: "later", false: "now"}[c.later]
		b.Run("path="+c.path+"/check="+check, func(b *testing.B) {
			notebookCheckAfter = 0
			if c.later {
				notebookCheckAfter = time.Hour // cancelled below
			}
			var clk uiClock
			for i := 0; i < b.N; i++ {
				w := test.NewWindow(nil)
				q := NewTestRunner()
				var m *Main
				if c.path == "append" {
					m = NewMain(a, w, st, i18n.Must(data.EN), Options{Version: "bench", Runner: q.Runner})
					q.Flush()
				}
				loaded := func() bool { return m != nil && (c.path == "none" || m.Notebook.loaded) }
				act := func() {
					switch c.path {
					case "append":
						m.AttachNotebook(nb)
					case "newmain":
						m = NewMain(a, w, st, i18n.Must(data.EN), Options{Version: "bench", Runner: q.Runner, Notebook: nb})
					default:
						m = NewMain(a, w, st, i18n.Must(data.EN), Options{Version: "bench", Runner: q.Runner})
					}
				}
				if c.later {
					clk.measureUntil(q, act, loaded)
				} else {
					clk.measure(q, act)
				}
				if c.path != "none" && m.S.Idx.Len() != idx.Len()+10000 {
					b.Fatalf("index has %d events", m.S.Idx.Len())
				}
				q.Cancel("notebook-check")
				q.Flush()
				w.Close()
			}
			clk.report(b)
		})
	}
}

// measureUntil is measure for work that leaves the notebook's check
// waiting on a timer: it applies results until done holds, cancels the
// check and applies the rest (Flush would wait for the timer).
func (c *uiClock) measureUntil(q *TestRunner, act func(), done func() bool) {
	t0 := time.Now()
	act()
	ui := time.Since(t0)
	for !done() {
		f := <-q.queue
		t1 := time.Now()
		f()
		ui += time.Since(t1)
	}
	q.Cancel("notebook-check")
	ui += uiFlush(q)
	c.ui += ui
	c.done += time.Since(t0)
}

// BenchmarkAttachEmptyNotebook is an empty notebook attached to a window of
// 1,000,000 synthetic events (AITIMELINE_BENCH_DIR, as BenchmarkLoadToWindow):
// the first load reads nothing to show, and no longer renumbers the events
// (a full timeline.NewData and SetData at this size).
func BenchmarkAttachEmptyNotebook(b *testing.B) {
	st := benchStore(b, 1000000)
	defer st.Close()
	nb, err := userdb.Open(context.Background(), filepath.Join(b.TempDir(), "nb.db"), userdb.Options{NoAutoBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	defer nb.Close()
	a := test.NewApp()
	defer a.Quit()
	defer func(d time.Duration) { notebookCheckAfter = d }(notebookCheckAfter)
	notebookCheckAfter = time.Hour
	var clk uiClock
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		w := test.NewWindow(nil)
		q := NewTestRunner()
		m := NewMain(a, w, st, i18n.Must(data.EN), Options{Version: "bench", Runner: q.Runner})
		w.Resize(fyne.NewSize(1600, 900))
		q.Flush()
		b.StartTimer()
		clk.measureUntil(q, func() { m.AttachNotebook(nb) }, func() bool { return m.Notebook.loaded })
		b.StopTimer()
		q.Cancel("notebook-check")
		q.Flush()
		w.Close()
		b.StartTimer()
	}
	clk.report(b)
}
