package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"aitimeline/data/userdb"
)

// Review rv19: the first load's notices and the delayed file check still
// happen when the first load comes from the prefetch and is applied inside
// NewMain (before the app runs).
func TestRV19PrefetchKeepsFirstLoadNotices(t *testing.T) {
	t.Run("damaged file moved aside", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "nb.db")
		if err := os.WriteFile(path, []byte(strings.Repeat("not a notebook ", 500)), 0o600); err != nil {
			t.Fatal(err)
		}
		nb, err := userdb.Open(context.Background(), path, userdb.Options{NoAutoBackup: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { nb.Close() })
		if nb.Info().MovedAside == "" {
			t.Fatal("the file was not moved aside")
		}
		st := openTestStore(t)
		pf := PrefetchNotebook(context.Background(), nb)
		pf.SetStore(st)
		m, _ := newMainNoFlush(t, st, Options{Notebook: nb, NotebookPrefetch: pf, NotebookWait: 10 * time.Second})
		if !m.Notebook.loaded {
			t.Fatal("not applied in NewMain")
		}
		top := m.S.Win.Canvas().Overlays().Top()
		if top == nil || !strings.Contains(objectStrings(top), filepath.Base(nb.Info().MovedAside)) {
			t.Fatalf("no notice of the moved file after NewMain: %v", top != nil)
		}
	})
	t.Run("file check waits", func(t *testing.T) {
		defer func(d time.Duration) { notebookCheckAfter = d }(notebookCheckAfter)
		notebookCheckAfter = time.Hour
		nb := prefetchNotebook(t)
		st := openTestStore(t)
		pf := PrefetchNotebook(context.Background(), nb)
		pf.SetStore(st)
		m, q := newMainNoFlush(t, st, Options{Notebook: nb, NotebookPrefetch: pf, NotebookWait: 10 * time.Second})
		q.mu.Lock()
		pending := q.timers["notebook-check"] != nil
		q.mu.Unlock()
		if !m.Notebook.loaded || !pending {
			t.Fatalf("loaded %v, check pending %v", m.Notebook.loaded, pending)
		}
	})
}
