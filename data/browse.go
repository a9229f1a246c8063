package data

import (
	"context"
	"database/sql"
)

// Sources lists every source with the number of events citing it, by
// publisher and date.
func (s *Store) Sources(ctx context.Context) ([]Source, error) {
	var out []Source
	err := s.each(ctx, `SELECT id, publisher, title, date, url, archive_url, language, kind, citations
	  FROM sources ORDER BY publisher COLLATE NOCASE, date, id`, func(r *sql.Rows) error {
		var x Source
		if err := r.Scan(&x.ID, &x.Publisher, &x.Title, &x.Date, &x.URL, &x.ArchiveURL, &x.Language, &x.Kind, &x.Citations); err != nil {
			return err
		}
		if err := checkSource(&x, ""); err != nil {
			return err
		}
		x.unmarkTitle()
		out = append(out, x)
		return nil
	})
	return out, err
}

// SourceEvents returns the indexes of the events citing source id, in date order.
func (s *Store) SourceEvents(ctx context.Context, id string) ([]int, error) {
	return s.ints(ctx, `SELECT DISTINCT event_n - 1 FROM event_sources WHERE source_id = ? ORDER BY event_n`, id)
}

// ints runs a query whose rows are single integers.
func (s *Store) ints(ctx context.Context, q string, args ...any) ([]int, error) {
	var out []int
	err := s.each(ctx, q, func(r *sql.Rows) error {
		var i int
		err := r.Scan(&i)
		out = append(out, i)
		return err
	}, args...)
	return out, err
}

// SourceCoverage counts events by how many distinct sources they cite
// (their own and their accounts'): exactly one, exactly two, three or more.
func (s *Store) SourceCoverage(ctx context.Context) (one, two, more int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE c = 1), count(*) FILTER (WHERE c = 2), count(*) FILTER (WHERE c >= 3)
	  FROM (SELECT count(DISTINCT source_id) AS c FROM event_sources GROUP BY event_n)`).Scan(&one, &two, &more)
	return
}

// relatedWindow bounds Related's candidates to the events this many places
// before and after in date order, so its cost does not grow with the
// dataset (a person in 40 % of a million events would otherwise mean
// 400,000 rows per selection). The bundled dataset fits in the window whole.
const relatedWindow = 1000

// Related returns up to limit events that share a person or a thread with
// event i, those sharing most first (a shared thread counts twice), then the
// nearest in time, among the relatedWindow nearest events on either side.
func (s *Store) Related(ctx context.Context, i, limit int) ([]int, error) {
	n := i + 1
	return s.ints(ctx, `SELECT other - 1 FROM (
	    SELECT b.event_n AS other, count(*) AS shared FROM event_people a
	      JOIN event_people b ON b.person_id = a.person_id AND b.event_n BETWEEN ?1 - ?3 AND ?1 + ?3
	      WHERE a.event_n = ?1 AND b.event_n != ?1 GROUP BY b.event_n
	    UNION ALL
	    SELECT b.event_n, 2 * count(*) FROM event_threads a
	      JOIN event_threads b ON b.thread_id = a.thread_id AND b.event_n BETWEEN ?1 - ?3 AND ?1 + ?3
	      WHERE a.event_n = ?1 AND b.event_n != ?1 GROUP BY b.event_n)
	  GROUP BY other ORDER BY sum(shared) DESC, abs(other - ?1), other LIMIT ?2`, n, limit, relatedWindow)
}

// PersonEvents returns the indexes of the events person id takes part in, in date order.
func (s *Store) PersonEvents(ctx context.Context, id string) ([]int, error) {
	return s.ints(ctx, `SELECT event_n - 1 FROM event_people WHERE person_id = ? ORDER BY event_n`, id)
}
