package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	sqlite3 "github.com/mattn/go-sqlite3"
)

func firstErr(fns ...func() error) error {
	for _, f := range fns {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}

// each runs q and calls scan for every row; it stops when ctx is cancelled.
func (s *Store) each(ctx context.Context, q string, scan func(*sql.Rows) error, args ...any) error {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return ctx.Err()
}

// loadContext reads everything but the events: people, organisations, eras,
// threads and tours (small tables the UI keeps in memory), refusing texts
// beyond the limits.
func (s *Store) loadContext(ctx context.Context) (*Dataset, error) {
	ds := &Dataset{Meta: s.meta}
	err := firstErr(
		func() error { return s.loadOrganizations(ctx, ds) },
		func() error { return s.loadPeople(ctx, ds) },
		func() error { return s.loadThreadsErasTours(ctx, ds) },
	)
	if err != nil {
		return nil, err
	}
	long := func(ts ...Text) bool {
		for _, t := range ts {
			if len(t.EN) > maxTextBytes || len(t.DE) > maxTextBytes {
				return true
			}
		}
		return false
	}
	for _, p := range ds.People {
		if len(p.Name) > maxNameBytes || long(p.Summary) {
			return nil, &DatasetError{Reason: ReasonTooLong, Value: p.ID}
		}
	}
	for _, o := range ds.Organizations {
		if len(o.Name) > maxNameBytes || long(o.Summary) {
			return nil, &DatasetError{Reason: ReasonTooLong, Value: o.ID}
		}
	}
	for _, e := range ds.Eras {
		if long(e.Title, e.Summary) || e.From.IsZero() || e.To.IsZero() {
			return nil, &DatasetError{Reason: ReasonDamaged, Value: e.ID}
		}
	}
	for _, t := range ds.Threads {
		if long(t.Title) {
			return nil, &DatasetError{Reason: ReasonTooLong, Value: t.ID}
		}
	}
	for _, t := range ds.Tours {
		if long(t.Title, t.Intro) {
			return nil, &DatasetError{Reason: ReasonTooLong, Value: t.ID}
		}
	}
	return ds, nil
}

func (s *Store) loadOrganizations(ctx context.Context, ds *Dataset) error {
	return s.each(ctx, "SELECT id, name, kind, summary_en, summary_de FROM organizations ORDER BY name COLLATE NOCASE, id", func(r *sql.Rows) error {
		var o Organization
		err := r.Scan(&o.ID, &o.Name, &o.Kind, &o.Summary.EN, &o.Summary.DE)
		ds.Organizations = append(ds.Organizations, o)
		return err
	})
}

func (s *Store) loadPeople(ctx context.Context, ds *Dataset) error {
	idx := map[string]int{}
	err := s.each(ctx, "SELECT id, name, summary_en, summary_de FROM people ORDER BY name COLLATE NOCASE, id", func(r *sql.Rows) error {
		var p Person
		err := r.Scan(&p.ID, &p.Name, &p.Summary.EN, &p.Summary.DE)
		idx[p.ID] = len(ds.People)
		ds.People = append(ds.People, p)
		return err
	})
	if err != nil {
		return err
	}
	return s.each(ctx, "SELECT person_id, role_en, role_de, organization_id, from_date, to_date FROM person_roles ORDER BY person_id, ord", func(r *sql.Rows) error {
		var id string
		var ro Role
		if err := r.Scan(&id, &ro.Role.EN, &ro.Role.DE, &ro.Organization, &ro.From, &ro.To); err != nil {
			return err
		}
		if i, ok := idx[id]; ok {
			ds.People[i].Roles = append(ds.People[i].Roles, ro)
		}
		return nil
	})
}

func (s *Store) loadThreadsErasTours(ctx context.Context, ds *Dataset) error {
	tourIdx := map[string]int{}
	return firstErr(
		func() error {
			return s.each(ctx, "SELECT id, title_en, title_de FROM threads ORDER BY id", func(r *sql.Rows) error {
				var t Thread
				err := r.Scan(&t.ID, &t.Title.EN, &t.Title.DE)
				ds.Threads = append(ds.Threads, t)
				return err
			})
		},
		func() error {
			return s.each(ctx, "SELECT id, from_date, to_date, title_en, title_de, summary_en, summary_de FROM eras ORDER BY from_date, id", func(r *sql.Rows) error {
				var e Era
				var from, to string
				if err := r.Scan(&e.ID, &from, &to, &e.Title.EN, &e.Title.DE, &e.Summary.EN, &e.Summary.DE); err != nil {
					return err
				}
				e.From, _ = ParseDate(from)
				e.To, _ = ParseDate(to)
				ds.Eras = append(ds.Eras, e)
				return nil
			})
		},
		func() error {
			return s.each(ctx, "SELECT id, title_en, title_de, intro_en, intro_de FROM tours ORDER BY ord", func(r *sql.Rows) error {
				var t Tour
				err := r.Scan(&t.ID, &t.Title.EN, &t.Title.DE, &t.Intro.EN, &t.Intro.DE)
				tourIdx[t.ID] = len(ds.Tours)
				ds.Tours = append(ds.Tours, t)
				return err
			})
		},
		func() error {
			return s.each(ctx, "SELECT tour_id, event_id FROM tour_events ORDER BY tour_id, ord", func(r *sql.Rows) error {
				var tid, eid string
				if err := r.Scan(&tid, &eid); err != nil {
					return err
				}
				if i, ok := tourIdx[tid]; ok {
					ds.Tours[i].Events = append(ds.Tours[i].Events, eid)
				}
				return nil
			})
		},
	)
}

// eventChunk is how many events EachEvent reads per round of queries: big
// enough that the queries' overhead vanishes, small enough that memory stays
// flat however big the dataset.
const eventChunk = 2048

// EachEvent calls fn with every event (0-based index i, date order) for
// which sel returns true (nil selects all), with all its details. It reads
// the events in chunks, a few range queries per chunk, so an export of a
// million events holds only a chunk in memory. fn must not keep ev.
func (s *Store) EachEvent(ctx context.Context, sel func(i int) bool, fn func(i int, ev *Event) error) error {
	// The next chunk is read from SQLite on a goroutine while fn handles
	// this one (an export encodes while the database reads: on two cores
	// about a third less time). Two buffers go back and forth.
	// The reader stops and is waited for before EachEvent returns, so sel
	// and the store are never used after it (defers run cancel, then Wait).
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	type chunk struct {
		lo  int
		evs []Event
		err error
	}
	n := s.idx.Len()
	full := make(chan chunk, 1)
	free := make(chan []Event, 2)
	free <- make([]Event, eventChunk)
	free <- make([]Event, eventChunk)
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(full)
		for lo := 0; lo < n && ctx.Err() == nil; lo += eventChunk {
			hi := min(lo+eventChunk, n)
			if sel != nil {
				hit := false
				for i := lo; i < hi && !hit; i++ {
					hit = sel(i)
				}
				if !hit {
					continue
				}
			}
			var buf []Event
			select {
			case buf = <-free:
			case <-ctx.Done():
				return
			}
			evs := buf[:hi-lo]
			err := s.readEvents(ctx, lo, evs)
			select {
			case full <- chunk{lo, evs, err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	for c := range full {
		if c.err != nil {
			return c.err
		}
		for k := range c.evs {
			if sel != nil && !sel(c.lo+k) {
				continue
			}
			if err := fn(c.lo+k, &c.evs[k]); err != nil {
				return err
			}
		}
		free <- c.evs[:cap(c.evs)]
	}
	return ctx.Err()
}

// readEvents reads events lo..lo+len(out)-1 (0-based) into out.
func (s *Store) readEvents(ctx context.Context, lo int, out []Event) error {
	n0, n1 := lo+1, lo+len(out) // events.n is 1-based and dense
	for k := range out {
		out[k] = Event{}
	}
	at := func(n int) (*Event, error) {
		if n < n0 || n > n1 {
			return nil, &DatasetError{Reason: ReasonDamaged, Value: fmt.Sprintf("event number %d out of range", n)}
		}
		return &out[n-n0], nil
	}
	seen := 0
	err := firstErr(
		func() error {
			// Scan's targets escape to the heap: declared once per chunk,
			// not once per row.
			var n int
			var e Event
			var date, end, cat, st string
			return s.each(ctx, `SELECT n, id, date, end_date, category, status, importance,
			  title_en, title_de, summary_en, summary_de, note_en, note_de FROM events WHERE n BETWEEN ? AND ?`, func(r *sql.Rows) error {
				e = Event{}
				if err := r.Scan(&n, &e.ID, &date, &end, &cat, &st, &e.Importance, &e.Title.EN, &e.Title.DE,
					&e.Summary.EN, &e.Summary.DE, &e.Note.EN, &e.Note.DE); err != nil {
					return err
				}
				p, err := at(n)
				if err != nil {
					return err
				}
				// The rows must agree with the index checked at open: a
				// copy whose rows were edited behind the index is refused
				// here, when they are read (export, details).
				i := n - 1
				if e.ID != s.idx.ID(i) {
					return &DatasetError{Reason: ReasonDamaged, Event: s.idx.ID(i), Value: "event row " + shorten(e.ID)}
				}
				if len(e.Title.EN) > maxTitleBytes || len(e.Title.DE) > maxTitleBytes {
					return &DatasetError{Reason: ReasonTooLong, Event: e.ID, Value: "title"}
				}
				if len(e.Summary.EN) > maxTextBytes || len(e.Summary.DE) > maxTextBytes || len(e.Note.EN) > maxTextBytes || len(e.Note.DE) > maxTextBytes {
					return &DatasetError{Reason: ReasonTooLong, Event: e.ID, Value: "summary"}
				}
				var derr error
				if e.Date, derr = ParseDate(date); derr != nil {
					return &DatasetError{Reason: ReasonBadDate, Event: e.ID, Value: shorten(date)}
				}
				if e.Date != s.idx.Date(i) {
					return &DatasetError{Reason: ReasonDamaged, Event: e.ID, Value: "date " + shorten(date)}
				}
				if end != "" {
					if e.End, derr = ParseDate(end); derr != nil {
						return &DatasetError{Reason: ReasonBadDate, Event: e.ID, Value: shorten(end)}
					}
				}
				e.Category, e.Status = Category(cat), Status(st)
				if !validCategory(e.Category) {
					return &DatasetError{Reason: ReasonUnknownCategory, Event: e.ID, Value: shorten(cat)}
				}
				if !validStatus(e.Status) {
					return &DatasetError{Reason: ReasonUnknownStatus, Event: e.ID, Value: shorten(st)}
				}
				*p = e
				seen++
				return nil
			}, n0, n1)
		},
		func() error {
			var n int
			var p EventPerson
			return s.each(ctx, "SELECT event_n, person_id, role_en, role_de FROM event_people WHERE event_n BETWEEN ? AND ? ORDER BY event_n, ord", func(r *sql.Rows) error {
				if err := r.Scan(&n, &p.PersonID, &p.Role.EN, &p.Role.DE); err != nil {
					return err
				}
				if n >= n0 && n <= n1 && !s.indexNames(n-1, p.PersonID, s.idx.People, s.idx.PersonID) {
					return &DatasetError{Reason: ReasonDangling, Event: s.idx.ID(n - 1), Value: shorten(p.PersonID)}
				}
				e, err := at(n)
				if err == nil {
					e.People = append(e.People, p)
				}
				return err
			}, n0, n1)
		},
		func() error {
			var n int
			var o string
			return s.each(ctx, "SELECT event_n, organization_id FROM event_organizations WHERE event_n BETWEEN ? AND ? ORDER BY event_n, ord", func(r *sql.Rows) error {
				if err := r.Scan(&n, &o); err != nil {
					return err
				}
				if n >= n0 && n <= n1 && !s.indexNames(n-1, o, s.idx.Organizations, s.idx.OrganizationID) {
					return &DatasetError{Reason: ReasonDangling, Event: s.idx.ID(n - 1), Value: shorten(o)}
				}
				e, err := at(n)
				if err == nil {
					e.Organizations = append(e.Organizations, o)
				}
				return err
			}, n0, n1)
		},
		func() error {
			var n int
			var t string
			return s.each(ctx, "SELECT event_n, thread_id FROM event_threads WHERE event_n BETWEEN ? AND ? ORDER BY event_n, thread_id", func(r *sql.Rows) error {
				if err := r.Scan(&n, &t); err != nil {
					return err
				}
				e, err := at(n)
				if err == nil {
					e.Threads = append(e.Threads, t)
				}
				return err
			}, n0, n1)
		},
		func() error {
			var n int
			var a Account
			return s.each(ctx, "SELECT event_n, party_id, text_en, text_de FROM accounts WHERE event_n BETWEEN ? AND ? ORDER BY event_n, ord", func(r *sql.Rows) error {
				a = Account{}
				if err := r.Scan(&n, &a.Party, &a.Text.EN, &a.Text.DE); err != nil {
					return err
				}
				e, err := at(n)
				if err == nil {
					e.Accounts = append(e.Accounts, a)
				}
				return err
			}, n0, n1)
		},
		func() error {
			var n, acc int
			var x Source
			return s.each(ctx, `SELECT es.event_n, es.account, s.id, publisher, title, date, url, archive_url, language, kind, citations
			  FROM event_sources es JOIN sources s ON s.id = es.source_id WHERE es.event_n BETWEEN ? AND ?
			  ORDER BY es.event_n, es.account, es.ord`, func(r *sql.Rows) error {
				x = Source{}
				if err := r.Scan(&n, &acc, &x.ID, &x.Publisher, &x.Title, &x.Date, &x.URL, &x.ArchiveURL, &x.Language, &x.Kind, &x.Citations); err != nil {
					return err
				}
				e, err := at(n)
				if err != nil {
					return err
				}
				if err := checkSource(&x, s.idx.ID(n-1)); err != nil {
					return err
				}
				x.unmarkTitle()
				if acc == 0 {
					e.Sources = append(e.Sources, x)
				} else if acc <= len(e.Accounts) {
					e.Accounts[acc-1].Sources = append(e.Accounts[acc-1].Sources, x)
				}
				return nil
			}, n0, n1)
		},
	)
	if err == nil && seen != len(out) {
		err = &DatasetError{Reason: ReasonDamaged, Value: "events missing"}
	}
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB) {
		// A damaged page behind an intact index: the dataset's problem, not
		// the output file's (the CLI and the window say "damaged").
		err = &DatasetError{Reason: ReasonDamaged, Value: se.Error()}
	}
	return err
}

// indexNames reports whether the index lists id among event i's people or
// organisations (nums gives the event's numbers, name a number's ID).
func (s *Store) indexNames(i int, id string, nums func(int) []uint16, name func(uint16) string) bool {
	for _, v := range nums(i) {
		if name(v) == id {
			return true
		}
	}
	return false
}

// EventAt reads event i (0-based, date order) with all its details.
func (s *Store) EventAt(ctx context.Context, i int) (Event, error) {
	if i < 0 || i >= s.idx.Len() {
		return Event{}, fmt.Errorf("event %d out of range", i)
	}
	out := make([]Event, 1)
	err := s.readEvents(ctx, i, out)
	return out[0], err
}

// Load reads the whole dataset into memory (tools and tests; the app
// streams with EachEvent instead).
func (s *Store) Load(ctx context.Context) (*Dataset, error) {
	ds := *s.ctx
	ds.Events = make([]Event, 0, s.idx.Len())
	err := s.EachEvent(ctx, nil, func(_ int, ev *Event) error {
		ds.Events = append(ds.Events, *ev)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading dataset: %w", err)
	}
	return &ds, nil
}

// CountSources returns the number of distinct sources.
func (s *Store) CountSources(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sources").Scan(&n)
	return n, err
}
