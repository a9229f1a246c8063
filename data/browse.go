package data

import "database/sql"

// Sources lists every source with the number of events citing it, by
// publisher and date.
func (s *Store) Sources() ([]Source, error) {
	var out []Source
	err := s.each(`SELECT s.id, publisher, title, date, url, archive_url, language, kind, count(DISTINCT es.event_n)
	  FROM sources s JOIN event_sources es ON es.source_id = s.id GROUP BY s.id ORDER BY publisher COLLATE NOCASE, date, s.id`, func(r *sql.Rows) error {
		var x Source
		err := r.Scan(&x.ID, &x.Publisher, &x.Title, &x.Date, &x.URL, &x.ArchiveURL, &x.Language, &x.Kind, &x.Citations)
		out = append(out, x)
		return err
	})
	return out, err
}

// SourceEvents returns the indexes of the events citing source id, in date order.
func (s *Store) SourceEvents(id string) ([]int, error) {
	return s.ints(`SELECT DISTINCT event_n - 1 FROM event_sources WHERE source_id = ? ORDER BY event_n`, id)
}

// ints runs a query whose rows are single integers.
func (s *Store) ints(q string, args ...any) ([]int, error) {
	var out []int
	err := s.each(q, func(r *sql.Rows) error {
		var i int
		err := r.Scan(&i)
		out = append(out, i)
		return err
	}, args...)
	return out, err
}

// SourceCoverage counts events by how many distinct sources they cite
// (their own and their accounts'): exactly one, exactly two, three or more.
func (s *Store) SourceCoverage() (one, two, more int, err error) {
	err = s.db.QueryRow(`SELECT count(*) FILTER (WHERE c = 1), count(*) FILTER (WHERE c = 2), count(*) FILTER (WHERE c >= 3)
	  FROM (SELECT count(DISTINCT source_id) AS c FROM event_sources GROUP BY event_n)`).Scan(&one, &two, &more)
	return
}

// Related returns up to limit events that share a person or a thread with
// event i, those sharing most first, then the nearest in time.
func (s *Store) Related(i, limit int) ([]int, error) {
	n := i + 1
	return s.ints(`SELECT other - 1 FROM (
	    SELECT b.event_n AS other, count(*) AS shared FROM event_people a JOIN event_people b ON a.person_id = b.person_id
	      WHERE a.event_n = ?1 AND b.event_n != ?1 GROUP BY b.event_n
	    UNION ALL
	    SELECT b.event_n, 2 * count(*) FROM event_threads a JOIN event_threads b ON a.thread_id = b.thread_id
	      WHERE a.event_n = ?1 AND b.event_n != ?1 GROUP BY b.event_n)
	  GROUP BY other ORDER BY sum(shared) DESC, abs(other - ?1), other LIMIT ?2`, n, limit)
}

// PersonEvents returns the indexes of the events person id takes part in, in date order.
func (s *Store) PersonEvents(id string) ([]int, error) {
	return s.ints(`SELECT event_n - 1 FROM event_people WHERE person_id = ? ORDER BY event_n`, id)
}
