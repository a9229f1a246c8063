package assets

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"aitimeline/data"
	"aitimeline/data/loader"
)

func loadSource(t *testing.T) *data.Dataset {
	t.Helper()
	ds, err := loader.Load(os.DirFS("dataset"), ".")
	if err != nil {
		t.Fatal(err)
	}
	if err := ds.Validate(time.Now()); err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestEmbeddedDatabaseMatchesSource fails when assets/aitimeline.db was not
// rebuilt after an edit of assets/dataset (run `make dataset`).
func TestEmbeddedDatabaseMatchesSource(t *testing.T) {
	ds := loadSource(t)
	path := filepath.Join(t.TempDir(), "built.db")
	if err := data.WriteSQLite(ds, path); err != nil {
		t.Fatal(err)
	}
	built, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(built, Dataset) {
		t.Fatal("assets/aitimeline.db differs from assets/dataset: run `make dataset` and commit both")
	}
	// And building again gives the same bytes.
	if err := data.WriteSQLite(ds, path); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(path)
	if !bytes.Equal(built, again) {
		t.Fatal("the builder is not deterministic")
	}
}

// TestDatasetEditorialTargets checks the dataset against the targets of its
// issue: size, sourcing, people with roles, eras and tours.
func TestDatasetEditorialTargets(t *testing.T) {
	ds := loadSource(t)
	if n := len(ds.Events); n < 150 {
		t.Errorf("%d events, want at least 150", n)
	}
	if n := len(ds.People); n < 30 {
		t.Errorf("%d people, want at least 30", n)
	}
	if n := len(ds.Organizations); n < 20 {
		t.Errorf("%d organisations, want at least 20", n)
	}
	multi := 0
	for _, e := range ds.Events {
		urls := map[string]bool{}
		for _, s := range e.Sources {
			urls[s.URL] = true
		}
		for _, a := range e.Accounts {
			for _, s := range a.Sources {
				urls[s.URL] = true
			}
		}
		if len(urls) >= 2 {
			multi++
		}
		if e.Status == data.StDisputed && len(e.Accounts) < 2 {
			t.Errorf("disputed event %s has %d accounts, want each side's", e.ID, len(e.Accounts))
		}
	}
	if share := float64(multi) / float64(len(ds.Events)); share < 0.6 {
		t.Errorf("%.0f %% of events have two or more sources, want at least 60 %%", share*100)
	}
	if len(ds.Eras) < 4 {
		t.Errorf("%d eras", len(ds.Eras))
	}
	if len(ds.Tours) < 2 {
		t.Errorf("%d tours, want at least 2", len(ds.Tours))
	}
	for _, tour := range ds.Tours {
		if n := len(tour.Events); n < 8 || n > 15 {
			t.Errorf("tour %s has %d events, want 8 to 15", tour.ID, n)
		}
	}
	used := map[string]bool{}
	for _, e := range ds.Events {
		for _, p := range e.People {
			used[p.PersonID] = true
		}
	}
	for _, p := range ds.People {
		if !used[p.ID] {
			t.Errorf("person %s takes part in no event", p.ID)
		}
	}
}

// TestPublishedIDsAreKept: every event ID ever published is in the dataset
// or withdrawn with a reason (users' notes refer to them), and the ledger
// lists every event of the dataset (`make dataset` adds new ones).
func TestPublishedIDsAreKept(t *testing.T) {
	ds := loadSource(t)
	text, err := os.ReadFile(filepath.Join("dataset", "ids.txt"))
	if err != nil {
		t.Fatal(err)
	}
	ledger, err := data.ParsePublishedIDs(string(text))
	if err != nil {
		t.Fatal(err)
	}
	problems, unlisted := ledger.Problems(ds)
	for _, p := range problems {
		t.Error(p)
	}
	if len(unlisted) > 0 {
		t.Errorf("%d events are not in assets/dataset/ids.txt (run `make dataset`): %v", len(unlisted), unlisted)
	}
}
