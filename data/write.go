package data

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"

	_ "github.com/mattn/go-sqlite3" // SQLite driver; build with -tags sqlite_fts5
)

// SourceID is the stable id of a source: derived from its URL.
func SourceID(url string) string {
	h := sha256.Sum256([]byte(strings.TrimSpace(url)))
	return hex.EncodeToString(h[:6])
}

// SortEvents orders events by start date, then end, then id: the order of the
// timeline and of the events table.
func SortEvents(evs []Event) {
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i], evs[j]
		if ta, tb := a.Date.Time(), b.Date.Time(); !ta.Equal(tb) {
			return ta.Before(tb)
		}
		return a.ID < b.ID
	})
}

// lastDay is the last day (inclusive day number) an event covers.
func lastDay(ev *Event) int64 {
	end := ev.Date
	if !ev.End.IsZero() {
		end = ev.End
	}
	return end.EndTime().Unix()/86400 - 1
}

// WriteSQLite writes ds to a new SQLite file at path (replacing any file there).
// The output depends only on ds: writing the same dataset twice gives
// byte-identical files.
func WriteSQLite(ds *Dataset, path string) error {
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite3", FileURI(abs, runtime.GOOS, "_journal_mode=OFF&_synchronous=OFF"))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := writeAll(db, ds); err != nil {
		os.Remove(path)
		return err
	}
	if _, err := db.Exec("VACUUM"); err != nil {
		return err
	}
	return db.Close()
}

func writeAll(db *sql.DB, ds *Dataset) error {
	if _, err := db.Exec(fmt.Sprintf("PRAGMA page_size=4096; PRAGMA application_id=%d; PRAGMA user_version=%d;", applicationID, SchemaVersion)); err != nil {
		return err
	}
	if _, err := db.Exec(schemaSQL); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w := &writer{tx: tx, stmts: map[string]*sql.Stmt{}}
	w.exec("INSERT INTO meta VALUES (?,?)", "version", ds.Meta.Version)
	w.exec("INSERT INTO meta VALUES (?,?)", "as_of", ds.Meta.AsOf.String())
	w.exec("INSERT INTO meta VALUES (?,?)", "schema_version", strconv.Itoa(SchemaVersion))
	for _, o := range ds.Organizations {
		w.exec("INSERT INTO organizations VALUES (?,?,?,?,?)", o.ID, o.Name, o.Kind, o.Summary.EN, o.Summary.DE)
	}
	people := map[string]string{}
	for _, p := range ds.People {
		people[p.ID] = p.Name
		w.exec("INSERT INTO people VALUES (?,?,?,?)", p.ID, p.Name, p.Summary.EN, p.Summary.DE)
		for i, r := range p.Roles {
			w.exec("INSERT INTO person_roles VALUES (?,?,?,?,?,?,?)", p.ID, i, r.Role.EN, r.Role.DE, r.Organization, r.From, r.To)
		}
	}
	for _, t := range ds.Threads {
		w.exec("INSERT INTO threads VALUES (?,?,?)", t.ID, t.Title.EN, t.Title.DE)
	}
	for _, e := range ds.Eras {
		w.exec("INSERT INTO eras VALUES (?,?,?,?,?,?,?)", e.ID, e.From.String(), e.To.String(), e.Title.EN, e.Title.DE, e.Summary.EN, e.Summary.DE)
	}
	evs := append([]Event(nil), ds.Events...)
	SortEvents(evs)
	seenSource := map[string]bool{}
	for i := range evs {
		ev := &evs[i]
		n := i + 1
		pids := make([]string, len(ev.People))
		for k, p := range ev.People {
			pids[k] = p.PersonID
		}
		w.exec("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", n, ev.ID, ev.Date.String(), string(ev.Date.Precision),
			ev.Date.DayNumber(), ev.End.String(), lastDay(ev), string(ev.Category), string(ev.Status), ev.Importance,
			ev.Title.EN, ev.Title.DE, ev.Summary.EN, ev.Summary.DE, ev.Note.EN, ev.Note.DE,
			strings.Join(pids, " "), strings.Join(ev.Organizations, " "), strings.Join(ev.Threads, " "))
		var names []string
		for k, p := range ev.People {
			w.exec("INSERT INTO event_people VALUES (?,?,?,?,?)", n, k, p.PersonID, p.Role.EN, p.Role.DE)
			names = append(names, people[p.PersonID])
		}
		for k, o := range ev.Organizations {
			w.exec("INSERT INTO event_organizations VALUES (?,?,?)", n, k, o)
		}
		for _, t := range ev.Threads {
			w.exec("INSERT OR IGNORE INTO event_threads VALUES (?,?)", n, t)
		}
		var srcText []string
		addSources := func(account int, ss []Source) {
			for k, s := range ss {
				id := SourceID(s.URL)
				if !seenSource[id] {
					seenSource[id] = true
					w.exec("INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,0)", id, s.Publisher, s.Title, s.Date, strings.TrimSpace(s.URL), s.ArchiveURL, s.Language, s.Kind)
				}
				w.exec("INSERT INTO event_sources VALUES (?,?,?,?)", n, account, k, id)
				srcText = append(srcText, s.Publisher, s.Title)
			}
		}
		addSources(0, ev.Sources)
		for k, a := range ev.Accounts {
			w.exec("INSERT INTO accounts VALUES (?,?,?,?,?)", n, k+1, a.Party, a.Text.EN, a.Text.DE)
			addSources(k+1, a.Sources)
		}
		who, src := Fold(strings.Join(names, " ")), Fold(strings.Join(srcText, " "))
		w.exec("INSERT INTO fts_en(rowid,title,summary,people,sources) VALUES (?,?,?,?,?)", n, Fold(ev.Title.EN), Fold(ev.Summary.EN), who, src)
		w.exec("INSERT INTO fts_de(rowid,title,summary,people,sources) VALUES (?,?,?,?,?)", n, Fold(ev.Title.DE), Fold(ev.Summary.DE), who, src)
	}
	for i, t := range ds.Tours {
		w.exec("INSERT INTO tours VALUES (?,?,?,?,?,?)", t.ID, i, t.Title.EN, t.Title.DE, t.Intro.EN, t.Intro.DE)
		for k, id := range t.Events {
			w.exec("INSERT INTO tour_events VALUES (?,?,?)", t.ID, k, id)
		}
	}
	w.exec(`UPDATE sources SET citations = (SELECT count(DISTINCT event_n) FROM event_sources es WHERE es.source_id = sources.id)`)
	for _, p := range indexParts(evs) {
		b := p[1].([]byte)
		if b == nil {
			b = []byte{} // an empty part, not NULL
		}
		w.exec("INSERT INTO index_parts VALUES (?,?)", p[0], b)
	}
	if w.err != nil {
		return w.err
	}
	for _, tbl := range []string{"fts_en", "fts_de"} {
		if _, err := tx.Exec("INSERT INTO " + tbl + "(" + tbl + ") VALUES ('optimize')"); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// writer runs prepared inserts and keeps the first error, so the long insert
// sequence above reads as data rather than as error handling.
type writer struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	err   error
}

func (w *writer) exec(q string, args ...any) {
	if w.err != nil {
		return
	}
	st, ok := w.stmts[q]
	if !ok {
		st, w.err = w.tx.Prepare(q)
		if w.err != nil {
			return
		}
		w.stmts[q] = st
	}
	if _, err := st.Exec(args...); err != nil {
		w.err = fmt.Errorf("%s: %w", strings.Fields(q)[2], err)
	}
}
