package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// maxConns bounds the connections a store opens: queries from the UI (detail,
// search, tabs) run at most one per kind at a time, so a few suffice.
const maxConns = 4

// Store reads a dataset SQLite file. It opens the file read-only and never
// writes to it. Opening checks the whole file (schema, index, references,
// links) and keeps the compact event index and the small tables, which
// Index and Context return.
type Store struct {
	db   *sql.DB
	path string // "" for a dataset held in memory
	meta Meta
	idx  *Index
	ctx  *Dataset
}

// FileURI builds the SQLite URI of an absolute path with query parameters.
// goos decides the path syntax ("windows": C:\dir\file.db), so the Windows
// form is tested on every OS. SQLite wants file:/C:/dir/file.db there;
// url.URL would put the drive letter where the host goes.
func FileURI(abs, goos, query string) string {
	p := abs
	if goos == "windows" {
		p = strings.ReplaceAll(p, `\`, "/")
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/x -> /C:/x
		}
	}
	// Escape what would end the path part of the URI.
	u := (&url.URL{Path: p}).EscapedPath()
	u = strings.ReplaceAll(u, "?", "%3F")
	u = strings.ReplaceAll(u, "#", "%23")
	s := "file:" + u
	if strings.HasPrefix(u, "//") { // a UNC path keeps its authority
		s = "file:" + u
	}
	if query != "" {
		s += "?" + query
	}
	return s
}

// Open opens the dataset file at path read-only and checks it (see OpenContext).
func Open(path string) (*Store, error) { return OpenContext(context.Background(), path) }

// OpenContext opens the dataset file at path read-only and checks it. A
// missing file gives the OS error; a file that is not a dataset, was made for
// another app version, or holds damaged or hostile content gives a
// *DatasetError (errors.Is(err, ErrNoDataset) for files that are no dataset
// at all).
func OpenContext(ctx context.Context, path string) (*Store, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	head := make([]byte, 16)
	_, err = f.Read(head)
	f.Close()
	if err != nil || !bytes.Equal(head, []byte("SQLite format 3\x00")) {
		return nil, &DatasetError{Reason: ReasonNotDataset}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite3", FileURI(abs, runtime.GOOS, "mode=ro&immutable=1&_query_only=1"))
	if err != nil {
		return nil, err
	}
	return newStore(ctx, db, abs)
}

func newStore(ctx context.Context, db *sql.DB, path string) (*Store, error) {
	db.SetMaxOpenConns(maxConns)
	s := &Store{db: db, path: path}
	if err := s.verify(ctx, time.Now()); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// memorySeq names the in-memory driver registrations (one per content).
var memorySeq atomic.Int64

// OpenBytes opens a dataset held in memory (the bundled one, where no
// directory is writable): every connection gets its own copy of content.
func OpenBytes(ctx context.Context, content []byte) (*Store, error) {
	if !bytes.HasPrefix(content, []byte("SQLite format 3\x00")) {
		return nil, &DatasetError{Reason: ReasonNotDataset}
	}
	name := "sqlite3_memory_" + strconv.FormatInt(memorySeq.Add(1), 10)
	sql.Register(name, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		// Deserialize takes its own copy; the connection owns and frees it.
		if err := c.Deserialize(content, "main"); err != nil {
			return err
		}
		_, err := c.Exec("PRAGMA query_only=1", nil)
		return err
	}})
	db, err := sql.Open(name, "file::memory:")
	if err != nil {
		return nil, err
	}
	return newStore(ctx, db, "")
}

// OpenEmbedded opens the bundled dataset: it writes the bytes once to a
// content-addressed file (dataset-<hash>.db) in the first of dirs where that
// works and opens it read-only; an existing file with the right name is
// reused, a damaged one replaced. Where no directory is writable (a
// read-only home, a live system) it opens the bytes from memory.
func OpenEmbedded(content []byte, dirs ...string) (*Store, error) {
	ctx := context.Background()
	sum := sha256.Sum256(content)
	name := "dataset-" + hex.EncodeToString(sum[:8]) + ".db"
	var firstErr error
	for _, dir := range dirs {
		if dir == "" {
			continue
		}
		st, err := openCached(ctx, content, dir, name)
		if err == nil {
			return st, nil
		}
		var de *DatasetError
		if errors.As(err, &de) {
			return nil, err // the bundled bytes themselves are bad: a build defect
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	st, err := OpenBytes(ctx, content)
	if err != nil {
		return nil, errors.Join(firstErr, err)
	}
	return st, nil
}

func openCached(ctx context.Context, content []byte, dir, name string) (*Store, error) {
	path := filepath.Join(dir, name)
	if st, err := OpenContext(ctx, path); err == nil {
		return st, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(dir, "dataset-*.tmp")
	if err != nil {
		return nil, err
	}
	_, werr := tmp.Write(content)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return nil, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return nil, err
	}
	return OpenContext(ctx, path)
}

// verify checks the schema version, the metadata and the whole content:
// the index (IDs, dates in range, vocabularies, lengths, order), that every
// person, organisation and thread an event names exists, and that every
// source link is http(s). now bounds the dates (with the "as of" date).
func (s *Store) verify(ctx context.Context, now time.Time) error {
	var app, ver int
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil || app != applicationID {
		return &DatasetError{Reason: ReasonNotDataset}
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&ver); err != nil {
		return &DatasetError{Reason: ReasonNotDataset}
	}
	switch {
	case ver > SchemaVersion:
		return &DatasetError{Reason: ReasonNewerSchema, Have: ver, Max: SchemaVersion}
	case ver < SchemaVersion:
		return &DatasetError{Reason: ReasonOlderSchema, Have: ver, Max: SchemaVersion}
	}
	damaged := func(err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return &DatasetError{Reason: ReasonDamaged, Value: err.Error()}
	}
	err := s.each(ctx, "SELECT key, value FROM meta", func(r *sql.Rows) error {
		var k, v string
		if err := r.Scan(&k, &v); err != nil {
			return err
		}
		if len(v) > maxNameBytes {
			return fmt.Errorf("meta %s too long", k)
		}
		switch k {
		case "version":
			s.meta.Version = v
		case "as_of":
			d, err := ParseDate(v)
			if err != nil {
				return fmt.Errorf("meta as_of %q", v)
			}
			s.meta.AsOf = d
		}
		return nil
	})
	if err != nil {
		return damaged(err)
	}
	s.meta.SchemaVersion = ver
	if s.meta.Version == "" || s.meta.AsOf.IsZero() || s.meta.AsOf.Time().Before(Earliest.Time()) || s.meta.AsOf.Year > 2200 {
		return &DatasetError{Reason: ReasonDamaged, Value: "meta"}
	}
	// Events may lie up to a year past the later of "as of" and today.
	latest := s.meta.AsOf
	if t := MustDate(now.UTC().Format("2006-01-02")); t.Time().After(latest.Time()) {
		latest = t
	}
	latest.Year++
	// A *[]byte destination gets its own copy of each part (database/sql
	// clones it): sql.RawBytes would save that copy but is only valid until
	// the next row, a promise this code would have to break to keep it.
	parts := map[string][]byte{}
	err = s.each(ctx, "SELECT part, CAST(data AS BLOB) FROM index_parts", func(r *sql.Rows) error {
		var k string
		var b []byte
		err := r.Scan(&k, &b)
		parts[k] = b
		return err
	})
	if err != nil {
		return damaged(err)
	}
	idx, derr := decodeIndex(parts, latest)
	if derr != nil {
		return derr
	}
	c, err := s.loadContext(ctx)
	if err != nil {
		var de *DatasetError
		if errors.As(err, &de) {
			return err
		}
		return damaged(err)
	}
	if err := checkReferences(idx, c); err != nil {
		return err
	}
	// The scan of every source takes most of the open time of a very
	// large (synthetic) dataset; there each source row is checked when it
	// is read instead (checkSource), which refuses the same rows.
	if idx.Len() <= lazyLinkCheck {
		if err := s.checkLinks(ctx); err != nil {
			return err
		}
	}
	s.idx, s.ctx = idx, c
	return nil
}

// checkReferences refuses events naming people, organisations or threads
// the dataset does not have.
func checkReferences(x *Index, c *Dataset) error {
	have := map[string]bool{}
	for _, p := range c.People {
		have["p/"+p.ID] = true
	}
	for _, o := range c.Organizations {
		have["o/"+o.ID] = true
	}
	for _, t := range c.Threads {
		have["t/"+t.ID] = true
	}
	for _, l := range []struct {
		prefix string
		ids    []string
		nums   func(int) []uint16
	}{{"p/", x.persons, x.People}, {"o/", x.orgIDs, x.Organizations}, {"t/", x.thrIDs, x.Threads}} {
		for n, id := range l.ids {
			if have[l.prefix+id] {
				continue
			}
			for i := 0; i < x.Len(); i++ { // name the first event that uses it
				for _, v := range l.nums(i) {
					if int(v) == n {
						return &DatasetError{Reason: ReasonDangling, Event: x.ID(i), Value: id}
					}
				}
			}
			return &DatasetError{Reason: ReasonDangling, Value: id}
		}
	}
	return nil
}

// checkLinks refuses a source whose link is not http(s) with a host, or
// whose fields are beyond the limits. The SQL narrows a million sources to
// the suspicious ones; CheckURL decides.
func (s *Store) checkLinks(ctx context.Context) error {
	var bad *DatasetError
	err := s.each(ctx, `SELECT s.url, s.archive_url, length(CAST(s.publisher AS BLOB)) + length(CAST(s.title AS BLOB)) + length(CAST(s.date AS BLOB)) + length(CAST(s.language AS BLOB)) + length(CAST(s.kind AS BLOB)),
	  (SELECT e.id FROM event_sources es JOIN events e ON e.n = es.event_n WHERE es.source_id = s.id LIMIT 1)
	  FROM sources s
	  WHERE NOT (s.url GLOB 'http://[^/]*' OR s.url GLOB 'https://[^/]*')
	     OR NOT (s.archive_url = '' OR s.archive_url GLOB 'http://[^/]*' OR s.archive_url GLOB 'https://[^/]*')
	     OR length(CAST(s.url AS BLOB)) > ? OR length(CAST(s.archive_url AS BLOB)) > ?
	     OR length(CAST(s.publisher AS BLOB)) + length(CAST(s.title AS BLOB)) + length(CAST(s.date AS BLOB)) + length(CAST(s.language AS BLOB)) + length(CAST(s.kind AS BLOB)) > ?
	     OR s.url GLOB '*[' || char(9, 10, 13, 32) || ']*'
	  LIMIT 10`, func(r *sql.Rows) error {
		var u, a string
		var fields int
		var ev sql.NullString
		if err := r.Scan(&u, &a, &fields, &ev); err != nil {
			return err
		}
		if bad = sourceProblem(u, a, fields, ev.String); bad == nil {
			return nil
		}
		return errStop
	}, maxURLBytes, maxURLBytes, maxSourceFields)
	if bad != nil {
		return bad
	}
	if err != nil && !errors.Is(err, errStop) {
		return &DatasetError{Reason: ReasonDamaged, Value: err.Error()}
	}
	return nil
}

// lazyLinkCheck is the number of events above which source links are
// checked as their rows are read rather than all at open.
var lazyLinkCheck = 100000 // a variable for tests

// checkSource refuses a source row read from the file (event names the
// event citing it) whose link is not http(s) or whose fields are beyond
// the limits: the same rule as checkLinks, one row at a time.
func checkSource(x *Source, event string) error {
	if err := sourceProblem(x.URL, x.ArchiveURL, len(x.Publisher)+len(x.Title)+len(x.Date)+len(x.Language)+len(x.Kind), event); err != nil {
		return err
	}
	return nil
}

// sourceProblem is the one rule for a source row, at open (checkLinks, on
// the rows its SQL narrows to) and when read (checkSource): lengths in
// bytes, and CheckURL only for a link the narrowing would flag (not
// http(s)://host…, or with a blank), so that both refuse the same rows.
func sourceProblem(u, a string, fields int, event string) *DatasetError {
	flagged := func(v string) bool {
		for _, p := range []string{"http://", "https://"} {
			if len(v) > len(p) && strings.HasPrefix(v, p) && v[len(p)] != '/' {
				return false
			}
		}
		return true
	}
	switch {
	case len(u) > maxURLBytes || len(a) > maxURLBytes || fields > maxSourceFields:
		return &DatasetError{Reason: ReasonTooLong, Event: event, Value: "source"}
	case (flagged(u) || strings.ContainsAny(u, "\t\n\r ")) && (CheckURL(u) != nil || strings.ContainsAny(u, "\x00\t\n\r ")):
		return &DatasetError{Reason: ReasonBadURL, Event: event, Value: shorten(u)}
	case a != "" && flagged(a) && CheckURL(a) != nil:
		return &DatasetError{Reason: ReasonBadURL, Event: event, Value: shorten(a)}
	}
	return nil
}

// errStop ends an each loop early.
var errStop = errors.New("stop")

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path is the absolute path of the open dataset file ("" when in memory).
func (s *Store) Path() string { return s.path }

// Meta returns the dataset's metadata.
func (s *Store) Meta() Meta { return s.meta }

// Index returns the compact event index read and checked at open.
func (s *Store) Index() *Index { return s.idx }

// Context returns the dataset's small tables (meta, people, organisations,
// eras, threads, tours; no events), read and checked at open. Callers must
// not modify it.
func (s *Store) Context() *Dataset { return s.ctx }
