package userdb

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzNotebook is a notebook with one of everything, in the fuzz run's
// temporary folder; every worker process makes its own.
func fuzzNotebook(f *testing.F) *Notebook {
	clk := newClock()
	nb, err := Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"), Options{Author: "Ada", NoAutoBackup: true, Now: clk.Now})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { nb.Close() })
	richNotebook(f, nb, clk)
	return nb
}

// checkImport is the property both fuzzers check: a refused import is a
// typed error with a one-line message and changes nothing; an accepted one,
// repeated, adds and updates nothing.
func checkImport(t *testing.T, nb *Notebook, run func() (ImportReport, error)) {
	before := exportJSON(t, nb)
	_, err := run()
	if err != nil {
		if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrNewerFormat) && !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrTooLarge) {
			t.Fatalf("untyped import error: %v", err)
		}
		if msg := Message(i18nEN(), err); strings.HasPrefix(msg, "notebook.") || strings.Contains(msg, "\n") {
			t.Fatalf("message %q", msg)
		}
		if exportJSON(t, nb) != before {
			t.Fatal("a refused import changed the notebook")
		}
		return
	}
	after := exportJSON(t, nb)
	rep, err := run()
	if err != nil || rep.Added != 0 || rep.Updated != 0 {
		t.Fatalf("the same import again: %+v %v", rep, err)
	}
	if exportJSON(t, nb) != after {
		t.Fatal("the same import again changed the notebook")
	}
}

func FuzzImportJSON(f *testing.F) {
	nb := fuzzNotebook(f)
	f.Add([]byte(exportJSON(f, nb)))
	f.Add([]byte(doc(`"notes":[` + validNote + `]`)))
	f.Add([]byte(doc(`"events":[{"id":"e-1","starred":true,"flag":"red","tags":["A","a"," b "]}]`)))
	f.Add([]byte(doc(`"own_events":[{"id":"own-1","date":"2024","category":"legal","title":{"en":"t"},"sources":[{"url":"https://a.example/"}],"author":"Zoe","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z"}]`)))
	f.Add([]byte(doc(`"tours":[{"id":"tour-1","title":{"en":"t"},"stops":[{"event":"e-1"}],"author":"Zoe","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z"}]`)))
	f.Add([]byte(`{"format":"aitimeline-notebook","version":2}`))
	f.Add([]byte(`{"format":"aitimeline-notebook","version":1,"notes":[{"target":"event","id":"e-1","author":"Ada","body":"x","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z"}]}`))
	f.Add([]byte("\xff\xfe{"))
	f.Fuzz(func(t *testing.T, b []byte) {
		checkImport(t, nb, func() (ImportReport, error) { return nb.ImportJSON(ctx, bytes.NewReader(b), ImportOptions{}) })
	})
}

func FuzzImportCSV(f *testing.F) {
	nb := fuzzNotebook(f)
	f.Add([]byte(goodCSV))
	f.Add([]byte("date,category,title_en,source_url\n2024,legal,T,https://a.example/\n"))
	f.Add([]byte("id,date,end_date,category,title_en,title_de,summary_en,summary_de,people,organizations,source_url,source_publisher,source_title,source_date\n" +
		"own-x,2024-01,2024-02,politics,T,\"D, \"\"quoted\"\"\",S,,elon-musk;sam-altman,openai,https://a.example/?q=1,P,Title,2024-01-05\n" +
		"own-x,,,,,,,,,,https://b.example/,,,\n"))
	f.Add([]byte("date;category;title_de;source_url\n2024;recht;Titel;https://a.example/\n"))
	f.Add([]byte("date,category,title_en,source_url\n2024,legal,T,javascript:alert(1)\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		checkImport(t, nb, func() (ImportReport, error) { return nb.ImportOwnEventsCSV(ctx, bytes.NewReader(b)) })
	})
}
