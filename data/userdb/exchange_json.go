package userdb

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"time"

	"aitimeline/data"
)

// The JSON export's format marker and version (see the package comment).
// The version changes only for changes an older app cannot read; fields may
// be added without a change, and an older app ignores them.
const (
	JSONFormat  = "aitimeline-notebook"
	JSONVersion = 1
)

type jsonDoc struct {
	Format    string         `json:"format"`
	Version   int            `json:"version"`
	Author    string         `json:"author"`
	Notes     []jsonNote     `json:"notes"`
	Events    []jsonMarks    `json:"events"`
	OwnEvents []jsonOwnEvent `json:"own_events"`
	Tours     []jsonTour     `json:"tours"`
}

type jsonNote struct {
	Target   string    `json:"target"`
	ID       string    `json:"id"`
	Author   string    `json:"author"`
	Title    data.Text `json:"title"`
	Date     string    `json:"date"`
	Created  string    `json:"created"`
	Modified string    `json:"modified"`
	Body     string    `json:"body"`
}

type jsonMarks struct {
	ID      string   `json:"id"`
	Starred bool     `json:"starred"`
	Flag    string   `json:"flag"`
	Tags    []string `json:"tags"`
}

type jsonOwnEvent struct {
	ID            string       `json:"id"`
	Date          string       `json:"date"`
	EndDate       string       `json:"end_date"`
	Category      string       `json:"category"`
	Title         data.Text    `json:"title"`
	Summary       data.Text    `json:"summary"`
	People        []string     `json:"people"`
	Organizations []string     `json:"organizations"`
	Sources       []sourceJSON `json:"sources"`
	Author        string       `json:"author"`
	Created       string       `json:"created"`
	Modified      string       `json:"modified"`
}

type jsonTour struct {
	ID       string     `json:"id"`
	Title    data.Text  `json:"title"`
	Intro    data.Text  `json:"intro"`
	Stops    []jsonStop `json:"stops"`
	Author   string     `json:"author"`
	Created  string     `json:"created"`
	Modified string     `json:"modified"`
}

type jsonStop struct {
	Event string    `json:"event"`
	Note  data.Text `json:"note"`
}

func ownToJSON(e OwnEvent) jsonOwnEvent {
	return jsonOwnEvent{ID: e.ID, Date: e.Date.String(), EndDate: e.End.String(), Category: string(e.Category),
		Title: e.Title, Summary: e.Summary, People: nonNil(e.People), Organizations: nonNil(e.Organizations),
		Sources: toSourceJSON(e.Sources), Author: e.Author,
		Created: fmtTime(e.Created.UnixMilli()), Modified: fmtTime(e.Modified.UnixMilli())}
}

func tourToJSON(t Tour) jsonTour {
	j := jsonTour{ID: t.ID, Title: t.Title, Intro: t.Intro, Stops: []jsonStop{}, Author: t.Author,
		Created: fmtTime(t.Created.UnixMilli()), Modified: fmtTime(t.Modified.UnixMilli())}
	for _, s := range t.Stops {
		j.Stops = append(j.Stops, jsonStop{s.EventID, s.Note})
	}
	return j
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// ExportJSON writes everything live in the notebook (notes of every author,
// stars, flags, tags, own events, tours, the author) as one JSON document in
// a fixed order, so that equal notebooks give equal bytes. The trash, the
// dataset snapshot and backups are not exported.
func (nb *Notebook) ExportJSON(ctx context.Context, w io.Writer) error {
	doc := jsonDoc{Format: JSONFormat, Version: JSONVersion, Notes: []jsonNote{}, Events: []jsonMarks{},
		OwnEvents: []jsonOwnEvent{}, Tours: []jsonTour{}}
	err := nb.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		if doc.Author, err = metaAuthor(ctx, tx); err != nil {
			return err
		}
		err = each(ctx, tx, "SELECT "+noteCols+" FROM notes WHERE deleted IS NULL ORDER BY kind, target, author", func(r *sql.Rows) error {
			n, err := scanNote(r)
			doc.Notes = append(doc.Notes, jsonNote{Target: string(n.Target.Kind), ID: n.Target.ID, Author: n.Author,
				Title: n.Label.Title, Date: n.Label.Date.String(), Created: fmtTime(n.Created.UnixMilli()),
				Modified: fmtTime(n.Modified.UnixMilli()), Body: n.Body})
			return err
		})
		if err != nil {
			return err
		}
		if doc.Events, err = exportMarks(ctx, tx); err != nil {
			return err
		}
		err = each(ctx, tx, "SELECT "+ownCols+" FROM own_events WHERE deleted IS NULL ORDER BY id", func(r *sql.Rows) error {
			e, _, err := scanOwn(r)
			doc.OwnEvents = append(doc.OwnEvents, ownToJSON(e))
			return err
		})
		if err != nil {
			return err
		}
		ts, err := tours(ctx, tx, "t.deleted IS NULL")
		sort.Slice(ts, func(i, j int) bool { return ts[i].ID < ts[j].ID })
		for _, t := range ts {
			doc.Tours = append(doc.Tours, tourToJSON(t))
		}
		return err
	})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func exportMarks(ctx context.Context, tx *sql.Tx) ([]jsonMarks, error) {
	byID := map[string]*jsonMarks{}
	get := func(id string) *jsonMarks {
		m := byID[id]
		if m == nil {
			m = &jsonMarks{ID: id, Tags: []string{}}
			byID[id] = m
		}
		return m
	}
	err := each(ctx, tx, "SELECT event, starred, flag FROM marks", func(r *sql.Rows) error {
		var id string
		var star bool
		var flag string
		err := r.Scan(&id, &star, &flag)
		m := get(id)
		m.Starred, m.Flag = star, flag
		return err
	})
	if err != nil {
		return nil, err
	}
	err = each(ctx, tx, "SELECT event, tag FROM tags ORDER BY event, key", func(r *sql.Rows) error {
		var id, tag string
		err := r.Scan(&id, &tag)
		m := get(id)
		m.Tags = append(m.Tags, tag)
		return err
	})
	out := make([]jsonMarks, 0, len(byID))
	for _, m := range byID {
		out = append(out, *m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, err
}

// importTxStarted, when set, is called as an import's transaction begins:
// the crash test aims its kills at the transaction rather than at parsing.
var importTxStarted func()

// ImportOptions adjust ImportJSON.
type ImportOptions struct {
	// AdoptAuthor makes the file's author this notebook's author when the
	// notebook has nothing of its own author yet: moving one's notebook to
	// a new computer, where export → import → export is then byte-identical.
	AdoptAuthor bool
}

// imported is a parsed, fully validated import: applying it can fail only
// for reasons outside the file (a full disk).
type imported struct {
	author string
	notes  []Note
	marks  []markSet
	own    []OwnEvent
	tours  []Tour
}

type markSet struct {
	id      string
	starred bool
	flag    Flag
	tags    []string
}

// ImportJSON merges a notebook export (a colleague's, or one's own from
// another computer) into this notebook, all or nothing:
//   - notes come in under their author. A note of this notebook's author is
//     never overwritten (a different version in the file counts as a
//     conflict); another author's note is replaced by a newer version.
//   - stars and tags are added; a flag is taken where the event has none.
//   - own events and tours are added by ID, and replaced by a newer version
//     only when they are not this notebook author's.
//   - what is in the trash stays there.
//
// Importing the same file twice changes nothing the second time. The file
// is read whole (at most MaxImportBytes) and every item is checked before
// anything is written; any problem gives an *ImportError (or a
// *TooLargeError) and leaves the notebook unchanged.
func (nb *Notebook) ImportJSON(ctx context.Context, r io.Reader, opts ImportOptions) (ImportReport, error) {
	b, err := readLimited(r, MaxImportBytes)
	if err != nil {
		return ImportReport{}, err
	}
	in, err := parseJSON(b)
	if err != nil {
		return ImportReport{}, err
	}
	if nb.w == nil {
		return ImportReport{}, ErrReadOnly
	}
	var rep ImportReport
	err = nb.write(ctx, func(tx *wtx) error {
		if importTxStarted != nil {
			importTxStarted()
		}
		rep = ImportReport{}
		me, err := metaAuthor(ctx, tx)
		if err != nil {
			return err
		}
		if opts.AdoptAuthor && in.author != "" && in.author != me {
			var mine bool
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM notes WHERE author = ?1)
			  OR EXISTS (SELECT 1 FROM own_events WHERE author = ?1) OR EXISTS (SELECT 1 FROM tours WHERE author = ?1)`,
				me).Scan(&mine); err != nil {
				return err
			}
			if !mine {
				if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO meta(key, value) VALUES ('author', ?)", in.author); err != nil {
					return err
				}
				me = in.author
			}
		}
		return in.apply(ctx, tx, me, nb.now(), &rep)
	})
	return rep, err
}

func (in *imported) apply(ctx context.Context, tx *wtx, me string, now int64, rep *ImportReport) error {
	have, err := existingNotes(ctx, tx, in.notes)
	if err != nil {
		return err
	}
	for _, n := range in.notes {
		if err := mergeNote(ctx, tx, n, have[noteKey(n.Target, n.Author)], me, rep); err != nil {
			return err
		}
	}
	for _, m := range in.marks {
		if err := mergeMarks(ctx, tx, m, now, rep); err != nil {
			return err
		}
	}
	for _, e := range in.own {
		if err := mergeOwn(ctx, tx, e, me, rep); err != nil {
			return err
		}
	}
	for _, t := range in.tours {
		if err := mergeTour(ctx, tx, t, me, rep); err != nil {
			return err
		}
	}
	return nil
}

func noteKey(t Target, author string) string { return string(t.Kind) + "\x00" + t.ID + "\x00" + author }

// existingNotes reads, in one query per author, the notebook's notes by the
// authors an import brings: one lookup per note would cost more than the
// import's inserts.
func existingNotes(ctx context.Context, tx *wtx, notes []Note) (map[string]*Note, error) {
	out := map[string]*Note{}
	authors := map[string]bool{}
	for _, n := range notes {
		authors[n.Author] = true
	}
	for a := range authors {
		err := each(ctx, tx, "SELECT "+noteCols+" FROM notes WHERE author = ?", func(r *sql.Rows) error {
			n, err := scanNote(r)
			out[noteKey(n.Target, n.Author)] = &n
			return err
		}, a)
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// mergeNote applies one imported note; old is the notebook's note of the
// same target and author, if any.
func mergeNote(ctx context.Context, tx *wtx, n Note, old *Note, me string, rep *ImportReport) error {
	switch {
	case old == nil:
		rep.Added++
	case old.Body == n.Body || !old.Deleted.IsZero():
		rep.Unchanged++
		return nil
	case old.Author == me:
		rep.Conflicts++
		return nil
	case n.Modified.After(old.Modified):
		rep.Updated++
		n.ID = old.ID
	default:
		rep.Unchanged++
		return nil
	}
	_, err := putNote(ctx, tx, n)
	return err
}

func mergeMarks(ctx context.Context, tx *wtx, m markSet, now int64, rep *ImportReport) error {
	var star bool
	var flag Flag
	err := tx.row(ctx, "SELECT starred, flag FROM marks WHERE event = ?", m.id).Scan(&star, &flag)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	had := make(map[string]bool)
	err = each(ctx, tx, "SELECT key FROM tags WHERE event = ?", func(r *sql.Rows) error {
		var k string
		err := r.Scan(&k)
		had[k] = true
		return err
	}, m.id)
	if err != nil {
		return err
	}
	empty := !star && flag == FlagNone && len(had) == 0
	changed := false
	if m.starred && !star {
		if err := setMark(ctx, tx, m.id, "starred", true, now); err != nil {
			return err
		}
		changed = true
	}
	if m.flag != FlagNone && flag == FlagNone {
		if err := setMark(ctx, tx, m.id, "flag", string(m.flag), now); err != nil {
			return err
		}
		changed = true
	}
	for _, t := range m.tags {
		if had[tagKey(t)] {
			continue
		}
		if _, err := tx.exec(ctx, "INSERT INTO tags(event, key, tag, created) VALUES (?, ?, ?, ?)", m.id, tagKey(t), t, now); err != nil {
			return err
		}
		changed = true
	}
	switch {
	case !changed:
		rep.Unchanged++
	case empty:
		rep.Added++
	default:
		rep.Updated++
	}
	return nil
}

// sameContent compares two items' JSON forms without author and times.
func sameContent(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func mergeOwn(ctx context.Context, tx *wtx, e OwnEvent, me string, rep *ImportReport) error {
	old, n, found, err := getOwn(ctx, tx, e.ID)
	if err != nil {
		return err
	}
	if found {
		a, b := ownToJSON(old), ownToJSON(e)
		a.Author, a.Created, a.Modified, b.Author, b.Created, b.Modified = "", "", "", "", "", ""
		switch {
		case sameContent(a, b) || !old.Deleted.IsZero():
			rep.Unchanged++
			return nil
		case old.Author == me:
			rep.Conflicts++
			return nil
		case !e.Modified.After(old.Modified):
			rep.Unchanged++
			return nil
		}
		rep.Updated++
	} else {
		rep.Added++
	}
	return putOwnEvent(ctx, tx, e, n)
}

func mergeTour(ctx context.Context, tx *wtx, t Tour, me string, rep *ImportReport) error {
	old, found, err := getTour(ctx, tx, t.ID)
	if err != nil {
		return err
	}
	if found {
		a, b := tourToJSON(old), tourToJSON(t)
		a.Author, a.Created, a.Modified, b.Author, b.Created, b.Modified = "", "", "", "", "", ""
		switch {
		case sameContent(a, b) || !old.Deleted.IsZero():
			rep.Unchanged++
			return nil
		case old.Author == me:
			rep.Conflicts++
			return nil
		case !t.Modified.After(old.Modified):
			rep.Unchanged++
			return nil
		}
		rep.Updated++
	} else {
		rep.Added++
	}
	return putTour(ctx, tx, t)
}

// parseJSON decodes and checks a whole export. Errors are *ImportError.
func parseJSON(b []byte) (*imported, error) {
	var doc jsonDoc
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&doc); err != nil {
		return nil, &ImportError{Line: jsonLine(b, err, dec), Err: fmt.Errorf("%w: %v", ErrMalformed, err)}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &ImportError{Line: lineAt(b, dec.InputOffset()), Err: fmt.Errorf("%w: data after the document", ErrMalformed)}
	}
	switch {
	case doc.Format != JSONFormat || doc.Version < 1:
		return nil, &ImportError{Err: fmt.Errorf("%w: format %q version %d", ErrMalformed, doc.Format, doc.Version)}
	case doc.Version > JSONVersion:
		return nil, &ImportError{Err: ErrNewerFormat}
	}
	in := &imported{}
	if doc.Author != "" {
		a, err := cleanAuthor(doc.Author)
		if err != nil {
			return nil, &ImportError{Where: "author", Err: err}
		}
		in.author = a
	}
	seen := map[string]bool{}
	for i, j := range doc.Notes {
		n, err := j.note()
		key := j.Target + "\x00" + j.ID + "\x00" + n.Author
		if err == nil && seen[key] {
			err = invalid(FieldID, ProblemBad, j.ID) // twice in one file: which one?
		}
		if err != nil {
			return nil, &ImportError{Where: fmt.Sprintf("notes[%d]", i), Err: err}
		}
		seen[key] = true
		in.notes = append(in.notes, n)
	}
	var err error
	if in.marks, err = convertUnique("events", doc.Events, jsonMarks.marks, func(m markSet) string { return m.id }); err != nil {
		return nil, err
	}
	if in.own, err = convertUnique("own_events", doc.OwnEvents, jsonOwnEvent.ownEvent, func(e OwnEvent) string { return e.ID }); err != nil {
		return nil, err
	}
	if in.tours, err = convertUnique("tours", doc.Tours, jsonTour.tour, func(t Tour) string { return t.ID }); err != nil {
		return nil, err
	}
	return in, nil
}

func (j jsonNote) note() (Note, error) {
	n := Note{Target: Target{Kind(j.Target), j.ID}, Body: multiline(j.Body)}
	var err error
	if err = n.Target.check(); err != nil {
		return n, err
	}
	if n.Author, err = cleanAuthor(j.Author); err != nil {
		return n, err
	}
	if len(n.Body) > MaxNoteBytes {
		return n, tooLong(FieldBody, MaxNoteBytes)
	}
	if n.Body == "" {
		return n, invalid(FieldBody, ProblemMissing, "")
	}
	label := Label{Title: j.Title}
	if j.Date != "" {
		if label.Date, err = data.ParseDate(j.Date); err != nil {
			return n, invalid(FieldDate, ProblemBad, j.Date)
		}
	}
	if n.Label, err = label.clean(); err != nil {
		return n, err
	}
	n.Created, n.Modified, err = times(j.Created, j.Modified)
	return n, err
}

func (j jsonMarks) marks() (markSet, error) {
	m := markSet{id: j.ID, starred: j.Starred, flag: Flag(j.Flag)}
	if err := checkID(FieldID, j.ID); err != nil {
		return m, err
	}
	if !m.flag.valid() {
		return m, invalid(FieldFlag, ProblemBad, j.Flag)
	}
	if len(j.Tags) > maxListLen {
		return m, tooLong(FieldTag, maxListLen)
	}
	keys := map[string]bool{}
	for _, t := range j.Tags {
		t, err := CleanTag(t)
		if err != nil {
			return m, err
		}
		if !keys[tagKey(t)] {
			keys[tagKey(t)] = true
			m.tags = append(m.tags, t)
		}
	}
	return m, nil
}

func (j jsonOwnEvent) ownEvent() (OwnEvent, error) {
	e := OwnEvent{ID: j.ID, Category: data.Category(j.Category), Title: j.Title, Summary: j.Summary,
		People: j.People, Organizations: j.Organizations, Sources: fromSourceJSON(j.Sources)}
	if !IsOwnEventID(j.ID) || checkID(FieldID, j.ID) != nil {
		return e, invalid(FieldID, ProblemBad, j.ID)
	}
	var err error
	if e.Date, err = data.ParseDate(j.Date); err != nil {
		return e, invalid(FieldDate, ProblemBad, j.Date)
	}
	if j.EndDate != "" {
		if e.End, err = data.ParseDate(j.EndDate); err != nil {
			return e, invalid(FieldEndDate, ProblemBad, j.EndDate)
		}
	}
	if e, err = e.clean(); err != nil {
		return e, err
	}
	if e.Author, err = cleanAuthor(j.Author); err != nil {
		return e, err
	}
	e.Created, e.Modified, err = times(j.Created, j.Modified)
	return e, err
}

func (j jsonTour) tour() (Tour, error) {
	t := Tour{ID: j.ID, Title: j.Title, Intro: j.Intro}
	if len(j.ID) <= len(TourPrefix) || j.ID[:len(TourPrefix)] != TourPrefix || checkID(FieldID, j.ID) != nil {
		return t, invalid(FieldID, ProblemBad, j.ID)
	}
	if len(j.Stops) > maxStops {
		return t, tooLong(FieldStops, maxStops)
	}
	for _, s := range j.Stops {
		t.Stops = append(t.Stops, Stop{EventID: s.Event, Note: s.Note})
	}
	var err error
	if t, err = t.clean(); err != nil {
		return t, err
	}
	if t.Author, err = cleanAuthor(j.Author); err != nil {
		return t, err
	}
	t.Created, t.Modified, err = times(j.Created, j.Modified)
	return t, err
}

func times(created, modified string) (c, m time.Time, err error) {
	cm, err := parseTime(created)
	if err != nil {
		return c, m, err
	}
	mm, err := parseTime(modified)
	if err != nil {
		return c, m, err
	}
	return msTime(cm), msTime(mm), nil
}

// jsonLine finds the line of a decoding error, for the message.
func jsonLine(b []byte, err error, dec *json.Decoder) int {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return lineAt(b, se.Offset)
	case errors.As(err, &te):
		return lineAt(b, te.Offset)
	}
	return lineAt(b, dec.InputOffset())
}

func lineAt(b []byte, off int64) int {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	if off < 0 {
		off = 0
	}
	return bytes.Count(b[:off], []byte("\n")) + 1
}

// convertUnique converts a file's list (section names it for errors) and
// refuses an ID met twice: which of the two would be meant?
func convertUnique[J, T any](section string, list []J, conv func(J) (T, error), id func(T) string) ([]T, error) {
	out := make([]T, 0, len(list))
	seen := map[string]bool{}
	for i, j := range list {
		v, err := conv(j)
		if err == nil && seen[id(v)] {
			err = invalid(FieldID, ProblemBad, id(v))
		}
		if err != nil {
			return nil, &ImportError{Where: fmt.Sprintf("%s[%d]", section, i), Err: err}
		}
		seen[id(v)] = true
		out = append(out, v)
	}
	return out, nil
}
