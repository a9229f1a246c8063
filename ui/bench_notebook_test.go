package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"aitimeline/assets"
	"aitimeline/data"
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
// filter: the rows (every note and own event) are rebuilt and filtered off
// the UI goroutine, the list refreshed on it.
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
	var c uiClock
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		w := test.NewWindow(nil)
		q := NewTestRunner()
		m := NewMain(a, w, st, i18n.Must(data.EN), Options{Version: "bench", Runner: q.Runner})
		q.Flush()
		b.StartTimer()
		var p *NotebookPane
		c.measure(q, func() { p = m.AttachNotebook(nb) })
		b.StopTimer()
		if p.S().Idx.Len() != idx.Len()+10000 {
			b.Fatalf("index has %d events", p.S().Idx.Len())
		}
		w.Close()
		b.StartTimer()
	}
	b.StopTimer()
	c.report(b)
}
