package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"aitimeline/assets"
	"aitimeline/data"
	"aitimeline/data/userdb"
	"aitimeline/i18n"
)

// prefetchNotebook is a notebook with three own events, a note and a star
// on dataset events.
func prefetchNotebook(t *testing.T) *userdb.Notebook {
	t.Helper()
	ctx := context.Background()
	nb, err := userdb.Open(ctx, filepath.Join(t.TempDir(), "nb.db"), userdb.Options{Author: "Ada", NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nb.Close() })
	for k, date := range []string{"2016-03", "2020-07-01", "2024-05-06"} {
		e := testOwnEvent()
		e.Date = data.MustDate(date)
		e.Title.EN = "Own " + date
		e.Sources[0].URL += string(rune('a' + k))
		if _, err := nb.AddOwnEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := nb.SaveNote(ctx, userdb.EventTarget("2015-12-11-openai-founded"), "a note", userdb.Label{}); err != nil {
		t.Fatal(err)
	}
	if err := nb.SetStar(ctx, "2018-02-20-musk-leaves-openai-board", true); err != nil {
		t.Fatal(err)
	}
	return nb
}

// openTestStore opens the bundled dataset.
func openTestStore(t *testing.T) *data.Store {
	t.Helper()
	st, err := data.OpenEmbedded(assets.Dataset, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// newMainNoFlush builds a main window as the shell does before the app
// runs: nothing queued is applied yet.
func newMainNoFlush(t *testing.T, st *data.Store, opt Options) (*Main, *TestRunner) {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	q := NewTestRunner()
	opt.Version, opt.Runner = "test", q.Runner
	m := NewMain(a, w, st, i18n.Must(data.EN), opt)
	t.Cleanup(func() {
		if !m.closing {
			w.Close()
		}
	})
	w.Resize(fyne.NewSize(1280, 800))
	return m, q
}

func eventIDs(m *Main) string {
	var b strings.Builder
	for i := range m.S.Idx.Len() {
		b.WriteString(m.S.Idx.ID(i) + "\n")
	}
	return b.String()
}

// TestPrefetchedNotebookIsInTheFirstFrame: a notebook read while the
// dataset loaded (PrefetchNotebook) is applied inside NewMain when it is
// ready within NotebookWait: the first frame has the own events, badges
// and stars, numbered as a later AttachNotebook numbers them.
func TestPrefetchedNotebookIsInTheFirstFrame(t *testing.T) {
	st := openTestStore(t)
	nb := prefetchNotebook(t)
	pf := PrefetchNotebook(context.Background(), nb)
	pf.SetStore(st)
	m, q := newMainNoFlush(t, st, Options{Notebook: nb, NotebookPrefetch: pf, NotebookWait: 10 * time.Second})
	p := m.Notebook
	if !p.loaded {
		t.Fatal("the prefetched notebook was not applied in NewMain")
	}
	if m.S.Idx.Len() != st.Index().Len()+3 || !p.Annotated("2015-12-11-openai-founded") || !p.Starred("2018-02-20-musk-leaves-openai-board") {
		t.Fatalf("first frame: %d events (dataset %d), note badge %v, star %v", m.S.Idx.Len(), st.Index().Len(),
			p.Annotated("2015-12-11-openai-founded"), p.Starred("2018-02-20-musk-leaves-openai-board"))
	}
	if m.S.TD.Len() != m.S.Idx.Len() {
		t.Errorf("timeline data has %d events, the numbering %d", m.S.TD.Len(), m.S.Idx.Len())
	}
	q.Flush()

	later := newHarness(t, data.EN)
	later.AttachNotebook(nb)
	later.flush()
	if got, want := eventIDs(m), eventIDs(later.Main); got != want {
		t.Errorf("numbering differs from a later AttachNotebook:\n%s\nwant\n%s", got, want)
	}
}

// TestPrefetchOnAnotherDatasetIsNumberedAgain: what was read for a dataset
// that is not the window's (the shell fell back to the bundled one) is
// numbered again, off the UI goroutine, on the window's dataset.
func TestPrefetchOnAnotherDatasetIsNumberedAgain(t *testing.T) {
	st, other := openTestStore(t), openTestStore(t)
	nb := prefetchNotebook(t)
	pf := PrefetchNotebook(context.Background(), nb)
	pf.SetStore(other)
	m, q := newMainNoFlush(t, st, Options{Notebook: nb, NotebookPrefetch: pf, NotebookWait: 10 * time.Second})
	if m.Notebook.loaded {
		t.Fatal("applied the numbering of another dataset")
	}
	q.Flush()
	if !m.Notebook.loaded || m.S.Idx.Len() != st.Index().Len()+3 {
		t.Fatalf("after the queue: loaded %v, %d events", m.Notebook.loaded, m.S.Idx.Len())
	}
	for i := range m.S.Idx.Len() {
		if b := m.S.View().BasePos(i); b >= 0 && st.Index().ID(b) != m.S.Idx.ID(i) {
			t.Fatalf("event %d (%s) maps to the dataset's %s", i, m.S.Idx.ID(i), st.Index().ID(b))
		}
	}
}

// TestPrefetchNotReadyAppliesLaterAndKeepsNewMarks: a read that is not
// done when the window is built applies when it is, through the save
// queue; a star set meanwhile is not undone by the older read.
func TestPrefetchNotReadyAppliesLaterAndKeepsNewMarks(t *testing.T) {
	st := openTestStore(t)
	nb := prefetchNotebook(t)
	pf := PrefetchNotebook(context.Background(), nb) // no store yet: it waits
	m, q := newMainNoFlush(t, st, Options{Notebook: nb, NotebookPrefetch: pf, NotebookWait: 0})
	p := m.Notebook
	if p.loaded {
		t.Fatal("applied before the read was done")
	}
	id := "2015-12-11-openai-founded"
	p.setStar(id, true) // the user stars an event before the notebook is in
	pf.SetStore(st)
	q.Flush()
	if !p.loaded || m.S.Idx.Len() != st.Index().Len()+3 {
		t.Fatalf("after the read: loaded %v, %d events", p.loaded, m.S.Idx.Len())
	}
	if !p.Starred(id) {
		t.Error("the star set while the notebook was read is gone")
	}
	if a, _ := nb.Annotation(context.Background(), id); !a.Starred {
		t.Error("the star was not saved")
	}
}

// TestPrefetchFailureIsSaid: a notebook that cannot be read says so in the
// status line, and the window works without it.
func TestPrefetchFailureIsSaid(t *testing.T) {
	st := openTestStore(t)
	nb := prefetchNotebook(t)
	nb.Close()
	pf := PrefetchNotebook(context.Background(), nb)
	pf.SetStore(st)
	m, q := newMainNoFlush(t, st, Options{Notebook: nb, NotebookPrefetch: pf, NotebookWait: 10 * time.Second})
	q.Flush()
	if m.Notebook.loaded || m.S.Idx.Len() != st.Index().Len() {
		t.Fatalf("loaded %v, %d events", m.Notebook.loaded, m.S.Idx.Len())
	}
	if txt := m.S.Status.Text(); !strings.Contains(txt, "notebook") {
		t.Errorf("status line %q", txt)
	}
}

// TestPrefetchWithoutStoreStillLoads: a shell that never gives the
// prefetch a dataset does not hold the first load (and every save queued
// after it): the queued load gives it the window's.
func TestPrefetchWithoutStoreStillLoads(t *testing.T) {
	st := openTestStore(t)
	nb := prefetchNotebook(t)
	pf := PrefetchNotebook(context.Background(), nb)
	m, q := newMainNoFlush(t, st, Options{Notebook: nb, NotebookPrefetch: pf})
	start := time.Now()
	q.Flush()
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the first load took %v", d)
	}
	if !m.Notebook.loaded || m.S.Idx.Len() != st.Index().Len()+3 {
		t.Fatalf("loaded %v, %d events", m.Notebook.loaded, m.S.Idx.Len())
	}
}
