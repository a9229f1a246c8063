package userdb

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"aitimeline/data"
	"aitimeline/i18n"
)

var ctx = context.Background()

// clock is a test clock that moves 1 ms on every reading, so that
// successive writes have distinct, ordered times.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond)
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// openAt opens (and on cleanup closes) the notebook at path.
func openAt(t testing.TB, path string, opts Options) *Notebook {
	t.Helper()
	nb, err := Open(ctx, path, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { nb.Close() })
	return nb
}

// newNB is a fresh notebook of author "Ada" in a temporary folder, with a
// test clock and no automatic backup.
func newNB(t testing.TB) (*Notebook, *clock) {
	t.Helper()
	c := newClock()
	return openAt(t, filepath.Join(t.TempDir(), "notebook.db"), Options{Author: "Ada", NoAutoBackup: true, Now: c.Now}), c
}

// rawDB opens a file with plain SQLite, for setting up and inspecting files
// behind the package's back.
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func pragma(t testing.TB, db *sql.DB, name string) string {
	t.Helper()
	var v string
	if err := db.QueryRowContext(ctx, "PRAGMA "+name).Scan(&v); err != nil {
		t.Fatalf("PRAGMA %s: %v", name, err)
	}
	return v
}

func readFile(t testing.TB, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func src(url string) data.Source {
	return data.Source{Publisher: "Reuters", Title: "Report on " + url, Date: "2024-03-01", URL: url}
}

// ownEvent is a valid own event with the given title.
func ownEvent(title string) OwnEvent {
	return OwnEvent{Date: data.MustDate("2024-03-01"), Category: data.CatLegal, Title: data.Text{EN: title},
		Summary: data.Text{EN: "Summary of " + title}, People: []string{"elon-musk"}, Organizations: []string{"openai"},
		Sources: []data.Source{src("https://example.com/" + url.PathEscape(title))}}
}

func mustSave(t testing.TB, nb *Notebook, target Target, body string) Note {
	t.Helper()
	n, err := nb.SaveNote(ctx, target, body, Label{Title: data.Text{EN: "Title of " + target.ID}, Date: data.MustDate("2020-05-04")})
	if err != nil {
		t.Fatalf("SaveNote(%v): %v", target, err)
	}
	return n
}

func i18nEN() *i18n.Localizer { return i18n.Must(data.EN) }
func i18nDE() *i18n.Localizer { return i18n.Must(data.DE) }
