package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// manyEvents is sample() with n extra events (one shared source), enough
// for several EachEvent chunks.
func manyEvents(n int) *Dataset {
	d := sample()
	for i := 0; i < n; i++ {
		day := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%3000)
		d.Events = append(d.Events, Event{ID: fmt.Sprintf("e-%05d", i), Date: MustDate(day.Format("2006-01-02")),
			Category: CatBusiness, Status: StFact, Importance: 2, Title: tx("T", "T"), Summary: tx("S", "S"),
			Organizations: []string{"xai"}, Sources: []Source{{Publisher: "P", Title: "T", Date: "2016", URL: "https://example.com/x", Language: "en", Kind: "news"}}})
	}
	return d
}

// TestEachEventReaderStopsBeforeReturn: when fn fails, EachEvent returns
// while its reader goroutine still walks the remaining chunks calling sel
// (and may still query the store). sel is then called after EachEvent has
// returned, concurrently with whatever the caller does next (close the
// store, change what sel reads).
func TestEachEventReaderStopsBeforeReturn(t *testing.T) {
	st, err := Open(build(t, manyEvents(3*eventChunk)))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var returned atomic.Bool
	var late atomic.Int64
	stop := errors.New("stop")
	sel := func(i int) bool {
		if returned.Load() {
			late.Add(1)
		}
		if i == eventChunk { // the reader is slow to look at the next chunk
			time.Sleep(50 * time.Millisecond)
		}
		return i == 0
	}
	err = st.EachEvent(context.Background(), sel, func(int, *Event) error { return stop })
	returned.Store(true)
	if !errors.Is(err, stop) {
		t.Fatalf("EachEvent: %v", err)
	}
	time.Sleep(200 * time.Millisecond)
	if n := late.Load(); n > 0 {
		t.Fatalf("sel was called %d times after EachEvent returned", n)
	}
}

// TestSourceRuleSameAtOpenAndRead: a small dataset whose sources pass the
// check at open must also be readable: checkLinks (open, <= lazyLinkCheck
// events) and checkSource (every read since this session, at any size)
// must be one rule.
func TestSourceRuleSameAtOpenAndRead(t *testing.T) {
	for _, c := range []struct{ name, set string }{
		// 600 characters but 1,200 bytes: SQL length() counts characters.
		{"umlaut title", "title = '" + strings.Repeat("ü", 600) + "'"},
		// passes the GLOB narrowing, fails url.Parse.
		{"percent in URL", "url = 'https://example.com/100%-sure'"},
		{"no host", "url = 'https://user@'"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := build(t, sample())
			db, err := sql.Open("sqlite3", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec("UPDATE sources SET " + c.set + " WHERE id = (SELECT min(id) FROM sources)"); err != nil {
				t.Fatal(err)
			}
			db.Close()
			st, err := Open(path)
			if err != nil {
				t.Skipf("refused at open (consistent): %v", err)
			}
			defer st.Close()
			if _, err := st.Sources(context.Background()); err != nil {
				t.Errorf("opened, but the Sources tab fails: %v", err)
			}
			if err := st.EachEvent(context.Background(), nil, func(int, *Event) error { return nil }); err != nil {
				t.Errorf("opened, but reading the events fails: %v", err)
			}
		})
	}
}

// TestCorruptPageIsNotADatasetError: a copy with a damaged page inside the
// events table opens (the index and small tables are intact) but reading
// fails with SQLite's own error, not a *DatasetError: `aitimeline export
// --out` then reports it as "cannot write" the output file (cli.go keeps
// only *DatasetError as a dataset problem).
func TestCorruptPageIsNotADatasetError(t *testing.T) {
	path := build(t, manyEvents(3*eventChunk))
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	var page int
	if err := db.QueryRow("SELECT rootpage FROM sqlite_master WHERE name = 'events'").Scan(&page); err != nil {
		db.Close()
		t.Fatal(err)
	}
	db.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = 0xA5
	}
	f.WriteAt(junk, int64(page-1)*4096)
	f.Close()
	st, err := Open(path)
	if err != nil {
		t.Skipf("refused at open: %v", err)
	}
	defer st.Close()
	_, err = st.ExportJSON(context.Background(), io.Discard, nil)
	var de *DatasetError
	if err == nil || !errors.As(err, &de) {
		t.Fatalf("export of a copy with a damaged events page: %v (%T), want a *DatasetError", err, err)
	}
}

// TestBundledTitlesHaveNoCuratorNotes: DATASET.md says the app never shows
// the curators' markers, but three bundled titles end with notes that
// unmarkTitle does not know ("(original headline not shown in the copy)",
// "(lead sentence; headline not shown; page read)", "(headline not in the
// stored excerpt)"): readers, citations and hand-outs show them.
func TestBundledTitlesHaveNoCuratorNotes(t *testing.T) {
	st, err := Open("../assets/aitimeline.db")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srcs, err := st.Sources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		if i := strings.LastIndex(s.Title, "("); i >= 0 && strings.HasSuffix(s.Title, ")") &&
			(strings.Contains(s.Title[i:], "headline") || strings.Contains(s.Title[i:], "page read")) {
			t.Errorf("%s: %q", s.URL, s.Title)
		}
	}
}
