package data

import (
	"database/sql"
	"fmt"
)

// Load reads the whole dataset into memory: events in date order with their
// people, organisations, threads, sources and accounts, and every other table.
// It runs one query per table, so its cost grows with the dataset, not with
// the number of events times relations.
func (s *Store) Load() (*Dataset, error) {
	ds, err := s.LoadContext()
	if err != nil {
		return nil, err
	}
	if err := s.loadEvents(ds); err != nil {
		return nil, fmt.Errorf("reading dataset: %w", err)
	}
	return ds, nil
}

func firstErr(fns ...func() error) error {
	for _, f := range fns {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}

// each runs q and calls scan for every row.
func (s *Store) each(q string, scan func(*sql.Rows) error, args ...any) error {
	rows, err := s.db.Query(q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (s *Store) loadOrganizations(ds *Dataset) error {
	return s.each("SELECT id, name, kind, summary_en, summary_de FROM organizations ORDER BY name COLLATE NOCASE, id", func(r *sql.Rows) error {
		var o Organization
		err := r.Scan(&o.ID, &o.Name, &o.Kind, &o.Summary.EN, &o.Summary.DE)
		ds.Organizations = append(ds.Organizations, o)
		return err
	})
}

func (s *Store) loadPeople(ds *Dataset) error {
	idx := map[string]int{}
	err := s.each("SELECT id, name, summary_en, summary_de FROM people ORDER BY name COLLATE NOCASE, id", func(r *sql.Rows) error {
		var p Person
		err := r.Scan(&p.ID, &p.Name, &p.Summary.EN, &p.Summary.DE)
		idx[p.ID] = len(ds.People)
		ds.People = append(ds.People, p)
		return err
	})
	if err != nil {
		return err
	}
	return s.each("SELECT person_id, role_en, role_de, organization_id, from_date, to_date FROM person_roles ORDER BY person_id, ord", func(r *sql.Rows) error {
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

func (s *Store) loadThreadsErasTours(ds *Dataset) error {
	tourIdx := map[string]int{}
	return firstErr(
		func() error {
			return s.each("SELECT id, title_en, title_de FROM threads ORDER BY id", func(r *sql.Rows) error {
				var t Thread
				err := r.Scan(&t.ID, &t.Title.EN, &t.Title.DE)
				ds.Threads = append(ds.Threads, t)
				return err
			})
		},
		func() error {
			return s.each("SELECT id, from_date, to_date, title_en, title_de, summary_en, summary_de FROM eras ORDER BY from_date, id", func(r *sql.Rows) error {
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
			return s.each("SELECT id, title_en, title_de, intro_en, intro_de FROM tours ORDER BY ord", func(r *sql.Rows) error {
				var t Tour
				err := r.Scan(&t.ID, &t.Title.EN, &t.Title.DE, &t.Intro.EN, &t.Intro.DE)
				tourIdx[t.ID] = len(ds.Tours)
				ds.Tours = append(ds.Tours, t)
				return err
			})
		},
		func() error {
			return s.each("SELECT tour_id, event_id FROM tour_events ORDER BY tour_id, ord", func(r *sql.Rows) error {
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

func (s *Store) loadEvents(ds *Dataset) error {
	// events.n is 1-based and dense, so it indexes ds.Events directly.
	err := s.each(`SELECT id, date, end_date, category, status, importance,
	  title_en, title_de, summary_en, summary_de, note_en, note_de FROM events ORDER BY n`, func(r *sql.Rows) error {
		var e Event
		var date, end, cat, st string
		if err := r.Scan(&e.ID, &date, &end, &cat, &st, &e.Importance, &e.Title.EN, &e.Title.DE,
			&e.Summary.EN, &e.Summary.DE, &e.Note.EN, &e.Note.DE); err != nil {
			return err
		}
		e.Date, _ = ParseDate(date)
		if end != "" {
			e.End, _ = ParseDate(end)
		}
		e.Category, e.Status = Category(cat), Status(st)
		ds.Events = append(ds.Events, e)
		return nil
	})
	if err != nil {
		return err
	}
	ev := func(n int) (*Event, error) {
		if n < 1 || n > len(ds.Events) {
			return nil, fmt.Errorf("event number %d out of range", n)
		}
		return &ds.Events[n-1], nil
	}
	sources := map[string]Source{}
	return firstErr(
		func() error {
			return s.each("SELECT event_n, person_id, role_en, role_de FROM event_people ORDER BY event_n, ord", func(r *sql.Rows) error {
				var n int
				var p EventPerson
				if err := r.Scan(&n, &p.PersonID, &p.Role.EN, &p.Role.DE); err != nil {
					return err
				}
				e, err := ev(n)
				if err == nil {
					e.People = append(e.People, p)
				}
				return err
			})
		},
		func() error {
			return s.each("SELECT event_n, organization_id FROM event_organizations ORDER BY event_n, ord", func(r *sql.Rows) error {
				var n int
				var o string
				if err := r.Scan(&n, &o); err != nil {
					return err
				}
				e, err := ev(n)
				if err == nil {
					e.Organizations = append(e.Organizations, o)
				}
				return err
			})
		},
		func() error {
			return s.each("SELECT event_n, thread_id FROM event_threads ORDER BY event_n, thread_id", func(r *sql.Rows) error {
				var n int
				var t string
				if err := r.Scan(&n, &t); err != nil {
					return err
				}
				e, err := ev(n)
				if err == nil {
					e.Threads = append(e.Threads, t)
				}
				return err
			})
		},
		func() error {
			return s.each("SELECT event_n, ord, party_id, text_en, text_de FROM accounts ORDER BY event_n, ord", func(r *sql.Rows) error {
				var n, ord int
				var a Account
				if err := r.Scan(&n, &ord, &a.Party, &a.Text.EN, &a.Text.DE); err != nil {
					return err
				}
				e, err := ev(n)
				if err == nil {
					e.Accounts = append(e.Accounts, a)
				}
				return err
			})
		},
		func() error {
			return s.each(`SELECT s.id, publisher, title, date, url, archive_url, language, kind,
			  (SELECT count(DISTINCT event_n) FROM event_sources es WHERE es.source_id = s.id) FROM sources s`, func(r *sql.Rows) error {
				var x Source
				err := r.Scan(&x.ID, &x.Publisher, &x.Title, &x.Date, &x.URL, &x.ArchiveURL, &x.Language, &x.Kind, &x.Citations)
				sources[x.ID] = x
				return err
			})
		},
		func() error {
			return s.each("SELECT event_n, account, source_id FROM event_sources ORDER BY event_n, account, ord", func(r *sql.Rows) error {
				var n, acc int
				var id string
				if err := r.Scan(&n, &acc, &id); err != nil {
					return err
				}
				e, err := ev(n)
				if err != nil {
					return err
				}
				if acc == 0 {
					e.Sources = append(e.Sources, sources[id])
				} else if acc <= len(e.Accounts) {
					e.Accounts[acc-1].Sources = append(e.Accounts[acc-1].Sources, sources[id])
				}
				return nil
			})
		},
	)
}
