package userdb

import (
	"context"
	"database/sql"
	"sort"
	"time"

	"aitimeline/data"
)

// TourPrefix starts the ID of every tour a teacher makes.
const TourPrefix = "tour-"

// Tour is a teacher's guided path through events: a title, an introduction
// and ordered stops. One language is enough everywhere.
type Tour struct {
	ID       string // TourPrefix + random; assigned by CreateTour
	Title    data.Text
	Intro    data.Text
	Stops    []Stop
	Author   string
	Created  time.Time
	Modified time.Time
	Deleted  time.Time // when it went to the trash; zero while live
}

// Stop is one event of a tour (a dataset event or an own event) with what
// the teacher wants to say there.
type Stop struct {
	EventID string
	Note    data.Text
}

func (t Tour) clean() (Tour, error) {
	t.Title.EN, t.Title.DE = line(t.Title.EN), line(t.Title.DE)
	if t.Title.IsZero() {
		return t, invalid(FieldTitle, ProblemMissing, "")
	}
	t.Intro.EN, t.Intro.DE = multiline(t.Intro.EN), multiline(t.Intro.DE)
	for _, c := range []struct {
		field, s string
		max      int
	}{{FieldTitle, t.Title.EN, maxTitleRunes}, {FieldTitle, t.Title.DE, maxTitleRunes},
		{FieldIntro, t.Intro.EN, maxTextRunes}, {FieldIntro, t.Intro.DE, maxTextRunes}} {
		if err := checkLen(c.field, c.s, c.max); err != nil {
			return t, err
		}
	}
	if len(t.Stops) > maxStops {
		return t, tooLong(FieldStops, maxStops)
	}
	stops := make([]Stop, len(t.Stops))
	for i, s := range t.Stops {
		if err := checkID(FieldStops, s.EventID); err != nil {
			return t, err
		}
		s.Note.EN, s.Note.DE = multiline(s.Note.EN), multiline(s.Note.DE)
		if err := checkLen(FieldNote, s.Note.EN, maxTextRunes); err != nil {
			return t, err
		}
		if err := checkLen(FieldNote, s.Note.DE, maxTextRunes); err != nil {
			return t, err
		}
		stops[i] = s
	}
	t.Stops = stops
	t.Author = line(t.Author)
	return t, nil
}

// putTour inserts or replaces t (already clean) with all its stops.
func putTour(ctx context.Context, tx *wtx, t Tour) error {
	var deleted *int64
	if !t.Deleted.IsZero() {
		d := t.Deleted.UnixMilli()
		deleted = &d
	}
	if _, err := tx.exec(ctx, `INSERT INTO tours(id, title_en, title_de, intro_en, intro_de, author, created, modified, deleted)
	  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
	  ON CONFLICT(id) DO UPDATE SET title_en = excluded.title_en, title_de = excluded.title_de,
	    intro_en = excluded.intro_en, intro_de = excluded.intro_de, author = excluded.author,
	    created = excluded.created, modified = excluded.modified, deleted = excluded.deleted`,
		t.ID, t.Title.EN, t.Title.DE, t.Intro.EN, t.Intro.DE, t.Author, t.Created.UnixMilli(), t.Modified.UnixMilli(), deleted); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "DELETE FROM tour_stops WHERE tour = ?", t.ID); err != nil {
		return err
	}
	for i, s := range t.Stops {
		if _, err := tx.exec(ctx, "INSERT INTO tour_stops(tour, ord, event, note_en, note_de) VALUES (?, ?, ?, ?, ?)",
			t.ID, i, s.EventID, s.Note.EN, s.Note.DE); err != nil {
			return err
		}
	}
	return nil
}

const tourCols = "id, title_en, title_de, intro_en, intro_de, author, created, modified, deleted"

func scanTour(r interface{ Scan(...any) error }) (Tour, error) {
	var t Tour
	var created, modified int64
	var deleted *int64
	err := r.Scan(&t.ID, &t.Title.EN, &t.Title.DE, &t.Intro.EN, &t.Intro.DE, &t.Author, &created, &modified, &deleted)
	t.Created, t.Modified, t.Deleted = msTime(created), msTime(modified), nullMs(deleted)
	return t, err
}

// tours reads tours with their stops; where is a condition on tours.
func tours(ctx context.Context, db rowsQueryer, where string, args ...any) ([]Tour, error) {
	var out []Tour
	idx := map[string]int{}
	err := each(ctx, db, "SELECT "+tourCols+" FROM tours t WHERE "+where+" ORDER BY created, id", func(r *sql.Rows) error {
		t, err := scanTour(r)
		idx[t.ID] = len(out)
		out = append(out, t)
		return err
	}, args...)
	if err != nil || len(out) == 0 {
		return out, err
	}
	err = each(ctx, db, "SELECT s.tour, s.event, s.note_en, s.note_de FROM tour_stops s JOIN tours t ON t.id = s.tour WHERE "+
		where+" ORDER BY s.tour, s.ord", func(r *sql.Rows) error {
		var id string
		var s Stop
		err := r.Scan(&id, &s.EventID, &s.Note.EN, &s.Note.DE)
		if i, ok := idx[id]; ok {
			out[i].Stops = append(out[i].Stops, s)
		}
		return err
	}, args...)
	return out, err
}

func getTour(ctx context.Context, db rowsQueryer, id string) (Tour, bool, error) {
	ts, err := tours(ctx, db, "t.id = ?", id)
	if err != nil || len(ts) == 0 {
		return Tour{}, false, err
	}
	return ts[0], true, nil
}

// CreateTour stores t as a new tour under the notebook's author and returns
// it with its ID.
func (nb *Notebook) CreateTour(ctx context.Context, t Tour) (Tour, error) {
	t, err := t.clean()
	if err != nil {
		return t, err
	}
	t.ID = newID(TourPrefix)
	err = nb.write(ctx, func(tx *wtx) error {
		if t.Author, err = metaAuthor(ctx, tx); err != nil {
			return err
		}
		now := msTime(nb.now())
		t.Created, t.Modified, t.Deleted = now, now, time.Time{}
		return putTour(ctx, tx, t)
	})
	return t, err
}

// SaveTour replaces a live tour's title, intro and stops with t's (by
// t.ID): adding, removing and reordering stops are all a SaveTour.
func (nb *Notebook) SaveTour(ctx context.Context, t Tour) (Tour, error) {
	t, err := t.clean()
	if err != nil {
		return t, err
	}
	err = nb.write(ctx, func(tx *wtx) error {
		old, found, err := getTour(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		if !found || !old.Deleted.IsZero() {
			return ErrNotFound
		}
		t.Author, t.Created, t.Deleted = old.Author, old.Created, time.Time{}
		t.Modified = msTime(nb.now())
		return putTour(ctx, tx, t)
	})
	return t, err
}

// editTour applies change to a live tour in one transaction.
func (nb *Notebook) editTour(ctx context.Context, id string, change func(*Tour) error) error {
	return nb.write(ctx, func(tx *wtx) error {
		t, found, err := getTour(ctx, tx, id)
		if err != nil {
			return err
		}
		if !found || !t.Deleted.IsZero() {
			return ErrNotFound
		}
		if err := change(&t); err != nil {
			return err
		}
		if t, err = t.clean(); err != nil {
			return err
		}
		t.Modified = msTime(nb.now())
		return putTour(ctx, tx, t)
	})
}

// RenameTour gives a tour a new title.
func (nb *Notebook) RenameTour(ctx context.Context, id string, title data.Text) error {
	return nb.editTour(ctx, id, func(t *Tour) error {
		t.Title = title
		return nil
	})
}

// MoveStop moves the stop at index from to index to (both 0-based), the
// others shifting to make room.
func (nb *Notebook) MoveStop(ctx context.Context, id string, from, to int) error {
	return nb.editTour(ctx, id, func(t *Tour) error {
		n := len(t.Stops)
		if from < 0 || from >= n || to < 0 || to >= n {
			return invalid(FieldStops, ProblemBad, "")
		}
		s := t.Stops[from]
		t.Stops = append(t.Stops[:from], t.Stops[from+1:]...)
		t.Stops = append(t.Stops[:to], append([]Stop{s}, t.Stops[to:]...)...)
		return nil
	})
}

// DeleteTour moves a tour to the trash (RestoreTour undoes it).
func (nb *Notebook) DeleteTour(ctx context.Context, id string) error {
	return nb.setTourDeleted(ctx, id, true)
}

// RestoreTour brings a tour back from the trash.
func (nb *Notebook) RestoreTour(ctx context.Context, id string) error {
	return nb.setTourDeleted(ctx, id, false)
}

func (nb *Notebook) setTourDeleted(ctx context.Context, id string, del bool) error {
	return nb.write(ctx, func(tx *wtx) error {
		q := "UPDATE tours SET deleted = ? WHERE id = ? AND deleted IS NULL"
		var arg any = nb.now()
		if !del {
			q, arg = "UPDATE tours SET deleted = ? WHERE id = ? AND deleted IS NOT NULL", nil
		}
		res, err := tx.ExecContext(ctx, q, arg, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}

// Tour returns a live tour by ID.
func (nb *Notebook) Tour(ctx context.Context, id string) (Tour, bool, error) {
	t, found, err := getTour(ctx, nb.r, id)
	if found && !t.Deleted.IsZero() {
		return Tour{}, false, nil
	}
	return t, found, err
}

// Tours lists the live tours, oldest first.
func (nb *Notebook) Tours(ctx context.Context) ([]Tour, error) {
	return tours(ctx, nb.r, "t.deleted IS NULL")
}

// Trash is what can still be restored.
type Trash struct {
	Notes     []Note
	OwnEvents []OwnEvent
	Tours     []Tour
}

// Trash lists the deleted notes, own events and tours, most recently
// deleted first.
func (nb *Notebook) Trash(ctx context.Context) (Trash, error) {
	var tr Trash
	var err error
	if tr.Notes, err = nb.notes(ctx, "SELECT "+noteCols+" FROM notes WHERE deleted IS NOT NULL ORDER BY deleted DESC, id"); err != nil {
		return tr, err
	}
	if tr.OwnEvents, err = nb.ownEvents(ctx, "SELECT "+ownCols+" FROM own_events WHERE deleted IS NOT NULL ORDER BY deleted DESC, id"); err != nil {
		return tr, err
	}
	tr.Tours, err = tours(ctx, nb.r, "t.deleted IS NOT NULL")
	if err == nil {
		sortByDeleted(tr.Tours)
	}
	return tr, err
}

func sortByDeleted(ts []Tour) {
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].Deleted.After(ts[j].Deleted) })
}
