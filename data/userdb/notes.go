package userdb

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"aitimeline/data"
)

// Kind is what a note is about.
type Kind string

// Note targets.
const (
	KindEvent  Kind = "event"  // a dataset event or an own event
	KindPerson Kind = "person" // a person of the dataset
	KindSource Kind = "source" // a source, by data.SourceID(url)
)

// Target names what a note is about by the dataset's stable ID.
type Target struct {
	Kind Kind
	ID   string
}

// EventTarget is the target of a note on an event.
func EventTarget(id string) Target { return Target{KindEvent, id} }

// PersonTarget is the target of a note on a person.
func PersonTarget(id string) Target { return Target{KindPerson, id} }

// SourceTarget is the target of a note on a source (ID from data.SourceID).
func SourceTarget(id string) Target { return Target{KindSource, id} }

func (t Target) check() error {
	switch t.Kind {
	case KindEvent, KindPerson, KindSource:
	default:
		return invalid(FieldKind, ProblemBad, string(t.Kind))
	}
	return checkID(FieldID, t.ID)
}

// Label is how a note's target looked when the note was last saved: an
// event's title and date, a person's name (Title.EN) or a source's title
// and date. It lets a note outlive its event in a newer dataset.
type Label struct {
	Title data.Text
	Date  data.Date
}

func (l Label) clean() (Label, error) {
	l.Title.EN, l.Title.DE = line(l.Title.EN), line(l.Title.DE)
	if err := checkLen(FieldTitle, l.Title.EN, maxTitleRunes); err != nil {
		return l, err
	}
	if err := checkLen(FieldTitle, l.Title.DE, maxTitleRunes); err != nil {
		return l, err
	}
	d, err := canonDate(l.Date, FieldDate)
	l.Date = d
	return l, err
}

// canonDate is d in the form data.ParseDate gives (so that stored and
// compared dates agree); a zero or precision-less date is zero.
func canonDate(d data.Date, field string) (data.Date, error) {
	s := d.String()
	if s == "" {
		return data.Date{}, nil
	}
	p, err := data.ParseDate(s)
	if err != nil {
		return data.Date{}, invalid(field, ProblemBad, s)
	}
	return p, nil
}

// Note is one author's Markdown note on a target.
type Note struct {
	ID       int64
	Target   Target
	Author   string
	Body     string
	Label    Label
	Created  time.Time
	Modified time.Time
	Deleted  time.Time // when it went to the trash; zero while live
}

const noteCols = "id, kind, target, author, body, label_en, label_de, label_date, created, modified, deleted"

func scanNote(r interface{ Scan(...any) error }) (Note, error) {
	var n Note
	var date string
	var created, modified int64
	var deleted *int64
	err := r.Scan(&n.ID, &n.Target.Kind, &n.Target.ID, &n.Author, &n.Body, &n.Label.Title.EN, &n.Label.Title.DE,
		&date, &created, &modified, &deleted)
	n.Label.Date, _ = data.ParseDate(date)
	n.Created, n.Modified, n.Deleted = msTime(created), msTime(modified), nullMs(deleted)
	return n, err
}

// Author is the notebook's author: the name new notes are saved under.
func (nb *Notebook) Author(ctx context.Context) (string, error) {
	return metaAuthor(ctx, nb.r)
}

type queryer interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func metaAuthor(ctx context.Context, q queryer) (string, error) {
	var a string
	err := q.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'author'").Scan(&a)
	if errors.Is(err, sql.ErrNoRows) {
		return authorOr(""), nil
	}
	return a, err
}

// SetAuthor renames the notebook's author; the notes, own events and tours
// written under the old name move to the new one. A name another author in
// the notebook already has (say, an imported colleague's) gives ErrAuthorTaken.
func (nb *Notebook) SetAuthor(ctx context.Context, name string) error {
	name, err := cleanAuthor(name)
	if err != nil {
		return err
	}
	return nb.write(ctx, func(tx *wtx) error {
		old, err := metaAuthor(ctx, tx)
		if err != nil || old == name {
			return err
		}
		var taken bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM notes WHERE author = ?1)
		  OR EXISTS (SELECT 1 FROM own_events WHERE author = ?1) OR EXISTS (SELECT 1 FROM tours WHERE author = ?1)`,
			name).Scan(&taken); err != nil {
			return err
		}
		if taken {
			return ErrAuthorTaken
		}
		for _, table := range []string{"notes", "own_events", "tours"} {
			if _, err := tx.ExecContext(ctx, "UPDATE "+table+" SET author = ? WHERE author = ?", name, old); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, "INSERT OR REPLACE INTO meta(key, value) VALUES ('author', ?)", name)
		return err
	})
}

// SaveNote stores the author's note on t: a new note, or the existing one
// edited in place (one note per target per author). label is the target's
// current title and date. A body that is empty or only white space moves the
// note to the trash instead (undo with RestoreNote) and returns it with
// Deleted set; with no note there, it returns a zero Note. Saving an
// unchanged note writes nothing.
func (nb *Notebook) SaveNote(ctx context.Context, t Target, body string, label Label) (Note, error) {
	if err := t.check(); err != nil {
		return Note{}, err
	}
	body = multiline(body)
	if len(body) > MaxNoteBytes {
		return Note{}, tooLong(FieldBody, MaxNoteBytes)
	}
	label, err := label.clean()
	if err != nil {
		return Note{}, err
	}
	var out Note
	err = nb.write(ctx, func(tx *wtx) error {
		author, err := metaAuthor(ctx, tx)
		if err != nil {
			return err
		}
		old, err := scanNote(tx.QueryRowContext(ctx, "SELECT "+noteCols+" FROM notes WHERE kind = ? AND target = ? AND author = ?",
			t.Kind, t.ID, author))
		found := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if strings.TrimSpace(body) == "" {
			if !found || !old.Deleted.IsZero() {
				out = old
				return nil
			}
			if err := trashNote(ctx, tx, old.ID, nb.now()); err != nil {
				return err
			}
			out, err = scanNote(tx.QueryRowContext(ctx, "SELECT "+noteCols+" FROM notes WHERE id = ?", old.ID))
			return err
		}
		if found && old.Deleted.IsZero() && old.Body == body && old.Label == label {
			out = old
			return nil
		}
		n := Note{Target: t, Author: author, Body: body, Label: label}
		now := nb.now()
		n.Created, n.Modified = msTime(now), msTime(now)
		if found {
			n.ID = old.ID // a trashed note is overwritten: the editor showed none
			if old.Deleted.IsZero() {
				n.Created = old.Created
			}
		}
		n.ID, err = putNote(ctx, tx, n)
		out = n
		return err
	})
	return out, err
}

// putNote stores n as live: a new row when n.ID is 0, else over row n.ID
// (the same target and author). It keeps the full-text index in step and
// returns the row ID. (No RETURNING clause: through database/sql it costs
// six times a plain insert, which an import of 10,000 notes feels.)
func putNote(ctx context.Context, tx *wtx, n Note) (int64, error) {
	args := []any{n.Body, n.Label.Title.EN, n.Label.Title.DE, n.Label.Date.String(), n.Created.UnixMilli(), n.Modified.UnixMilli()}
	if n.ID == 0 {
		res, err := tx.exec(ctx, `INSERT INTO notes(body, label_en, label_de, label_date, created, modified, kind, target, author)
		  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, n.Target.Kind, n.Target.ID, n.Author)...)
		if err != nil {
			return 0, err
		}
		if n.ID, err = res.LastInsertId(); err != nil {
			return 0, err
		}
	} else {
		if _, err := tx.exec(ctx, `UPDATE notes SET body = ?, label_en = ?, label_de = ?, label_date = ?, created = ?,
		  modified = ?, deleted = NULL WHERE id = ?`, append(args, n.ID)...); err != nil {
			return 0, err
		}
		if _, err := tx.exec(ctx, "DELETE FROM notes_fts WHERE rowid = ?", n.ID); err != nil {
			return 0, err
		}
	}
	_, err := tx.exec(ctx, "INSERT INTO notes_fts(rowid, body) VALUES (?, ?)", n.ID, data.Fold(n.Body))
	return n.ID, err
}

func trashNote(ctx context.Context, tx *wtx, id, now int64) error {
	res, err := tx.ExecContext(ctx, "UPDATE notes SET deleted = ? WHERE id = ? AND deleted IS NULL", now, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	_, err = tx.ExecContext(ctx, "DELETE FROM notes_fts WHERE rowid = ?", id)
	return err
}

// DeleteNote moves a live note (any author's) to the trash; RestoreNote
// brings it back until Purge removes it.
func (nb *Notebook) DeleteNote(ctx context.Context, id int64) error {
	return nb.write(ctx, func(tx *wtx) error { return trashNote(ctx, tx, id, nb.now()) })
}

// RestoreNote brings a note back from the trash.
func (nb *Notebook) RestoreNote(ctx context.Context, id int64) error {
	return nb.write(ctx, func(tx *wtx) error {
		var body string
		err := tx.QueryRowContext(ctx, "UPDATE notes SET deleted = NULL WHERE id = ? AND deleted IS NOT NULL RETURNING body", id).Scan(&body)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "INSERT INTO notes_fts(rowid, body) VALUES (?, ?)", id, data.Fold(body))
		return err
	})
}

// Purge removes for good the notes, own events and tours that went to the
// trash before the given time, and returns how many. Open purges what is
// older than Options.TrashDays.
func (nb *Notebook) Purge(ctx context.Context, before time.Time) (int, error) {
	total := 0
	err := nb.write(ctx, func(tx *wtx) error {
		total = 0
		for _, table := range []string{"notes", "own_events", "tours"} {
			res, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE deleted IS NOT NULL AND deleted < ?", before.UnixMilli())
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			total += int(n)
		}
		return nil
	})
	return total, err
}

// Note is the notebook author's live note on t, if any.
func (nb *Notebook) Note(ctx context.Context, t Target) (Note, bool, error) {
	author, err := nb.Author(ctx)
	if err != nil {
		return Note{}, false, err
	}
	n, err := scanNote(nb.r.QueryRowContext(ctx, "SELECT "+noteCols+" FROM notes WHERE kind = ? AND target = ? AND author = ? AND deleted IS NULL",
		t.Kind, t.ID, author))
	if errors.Is(err, sql.ErrNoRows) {
		return Note{}, false, nil
	}
	return n, err == nil, err
}

// NotesOn lists every author's live note on t: the notebook author's first,
// then the others by name.
func (nb *Notebook) NotesOn(ctx context.Context, t Target) ([]Note, error) {
	author, err := nb.Author(ctx)
	if err != nil {
		return nil, err
	}
	return nb.notes(ctx, "SELECT "+noteCols+` FROM notes WHERE kind = ? AND target = ? AND deleted IS NULL
	  ORDER BY author <> ?, author`, t.Kind, t.ID, author)
}

// NoteFilter selects notes for Notes. Zero fields select everything.
type NoteFilter struct {
	Kind   Kind   // only notes on this kind of target
	Author string // only this author's notes
	Limit  int    // at most this many (0: no limit)
}

// Notes lists live notes, most recently modified first.
func (nb *Notebook) Notes(ctx context.Context, f NoteFilter) ([]Note, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = -1
	}
	return nb.notes(ctx, "SELECT "+noteCols+` FROM notes WHERE deleted IS NULL AND (?1 = '' OR kind = ?1)
	  AND (?2 = '' OR author = ?2) ORDER BY modified DESC, id DESC LIMIT ?3`, string(f.Kind), f.Author, limit)
}

func (nb *Notebook) notes(ctx context.Context, q string, args ...any) ([]Note, error) {
	var out []Note
	err := each(ctx, nb.r, q, func(r *sql.Rows) error {
		n, err := scanNote(r)
		out = append(out, n)
		return err
	}, args...)
	return out, err
}

// Orphans lists live notes whose target is gone: known reports whether the
// dataset still has a target; own events of this notebook count as known.
// The UI shows them with their Label.
func (nb *Notebook) Orphans(ctx context.Context, known func(Target) bool) ([]Note, error) {
	own := map[string]bool{}
	err := each(ctx, nb.r, "SELECT id FROM own_events WHERE deleted IS NULL", func(r *sql.Rows) error {
		var id string
		err := r.Scan(&id)
		own[id] = true
		return err
	})
	if err != nil {
		return nil, err
	}
	all, err := nb.Notes(ctx, NoteFilter{})
	if err != nil {
		return nil, err
	}
	var out []Note
	for _, n := range all {
		if (n.Target.Kind == KindEvent && own[n.Target.ID]) || known(n.Target) {
			continue
		}
		out = append(out, n)
	}
	return out, nil
}

type rowsQueryer interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// each runs q and calls scan for every row.
func each(ctx context.Context, db rowsQueryer, q string, scan func(*sql.Rows) error, args ...any) error {
	rows, err := db.QueryContext(ctx, q, args...)
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
