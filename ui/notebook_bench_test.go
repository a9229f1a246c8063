package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"aitimeline/assets"
	"aitimeline/data"
	"aitimeline/data/userdb"
	"aitimeline/i18n"
)

// benchNotebook is a notebook of 10,000 own events and 10,000 notes
// (userdb.Synthesize) on the dataset's event IDs ds.
func benchNotebook(b *testing.B, ds []string) *userdb.Notebook {
	b.Helper()
	ctx := context.Background()
	nb, err := userdb.Open(ctx, filepath.Join(b.TempDir(), "nb.db"), userdb.Options{Author: "Bench", NoAutoBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { nb.Close() })
	if err := userdb.Synthesize(ctx, nb, 10000, ds); err != nil {
		b.Fatal(err)
	}
	return nb
}

// BenchmarkAttachNotebook is what a notebook of 10,000 notes and 10,000 own
// events adds to the window's start: reading badges, own events, tours and
// tags, merging the own events into the timeline's index and data, and
// redrawing (the database part is BenchmarkOpenAnnotations in
// data/userdb). Target: start-up slower by less than 200 ms.
func BenchmarkAttachNotebook(b *testing.B) {
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
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		w := test.NewWindow(nil)
		q := NewTestRunner()
		m := NewMain(a, w, st, i18n.Must(data.EN), Options{Version: "bench", Runner: q.Runner})
		q.Flush()
		b.StartTimer()
		p := m.AttachNotebook(nb)
		q.Flush()
		b.StopTimer()
		if p.S().Idx.Len() != idx.Len()+10000 {
			b.Fatalf("index has %d events", p.S().Idx.Len())
		}
		w.Close()
		b.StartTimer()
	}
}

// BenchmarkNoteSaveUI is what saving a note costs on the UI goroutine:
// queueing the write (which runs off it; BenchmarkSaveNote in data/userdb
// measures the write). Target: under 5 ms on the UI goroutine.
func BenchmarkNoteSaveUI(b *testing.B) {
	h := newBenchNB(b)
	ed := h.p.editor
	ed.Edit()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ed.entry.Text = fmt.Sprintf("note %d", i)
		ed.saveNow()
		b.StopTimer()
		h.q.Flush()
		b.StartTimer()
	}
}

type benchNB struct {
	p *NotebookPane
	q *TestRunner
}

func newBenchNB(b *testing.B) benchNB {
	st, err := data.OpenEmbedded(assets.Dataset, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	nb, err := userdb.Open(context.Background(), filepath.Join(b.TempDir(), "nb.db"), userdb.Options{NoAutoBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { nb.Close() })
	a := test.NewApp()
	b.Cleanup(a.Quit)
	w := test.NewWindow(nil)
	q := NewTestRunner()
	m := NewMain(a, w, st, i18n.Must(data.EN), Options{Version: "bench", Runner: q.Runner})
	p := m.AttachNotebook(nb)
	q.Flush()
	m.S.TL.SelectAndReveal(10)
	q.Flush()
	return benchNB{p: p, q: q}
}
