package userdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"aitimeline/data"
)

// OwnEventPrefix starts the ID of every own event, so that it can never
// collide with a dataset event's ID.
const OwnEventPrefix = "own-"

// OwnEvent is an event the researcher adds because the dataset lacks it.
// Like a dataset event it needs at least one source with an http(s) URL:
// an own event is a claim, and the app's rule is that every claim links to
// where it was published. One language is enough for title and summary.
type OwnEvent struct {
	ID             string // OwnEventPrefix + random; assigned by AddOwnEvent
	Date           data.Date
	End            data.Date // zero when the event has no end date
	Category       data.Category
	Title, Summary data.Text
	People         []string // person IDs
	Organizations  []string // organisation IDs
	Sources        []data.Source
	Author         string
	Created        time.Time
	Modified       time.Time
	Deleted        time.Time // when it went to the trash; zero while live
}

// Event is the own event in the dataset's shape, for the timeline, list and
// detail pane. Status and Importance stay zero: the UI decides how own
// events look.
func (e OwnEvent) Event() data.Event {
	ev := data.Event{ID: e.ID, Date: e.Date, End: e.End, Category: e.Category, Title: e.Title, Summary: e.Summary,
		Organizations: append([]string(nil), e.Organizations...), Sources: append([]data.Source(nil), e.Sources...)}
	for _, p := range e.People {
		ev.People = append(ev.People, data.EventPerson{PersonID: p})
	}
	return ev
}

// IsOwnEventID reports whether id names an own event rather than a dataset event.
func IsOwnEventID(id string) bool { return strings.HasPrefix(id, OwnEventPrefix) }

// clean validates e and returns it in stored form. Every problem is an
// *InvalidError naming the field.
func (e OwnEvent) clean() (OwnEvent, error) {
	var err error
	if e.Date.IsZero() {
		return e, invalid(FieldDate, ProblemMissing, "")
	}
	if e.Date, err = canonDate(e.Date, FieldDate); err != nil {
		return e, err
	}
	if e.End, err = canonDate(e.End, FieldEndDate); err != nil {
		return e, err
	}
	if !e.End.IsZero() && e.End.EndTime().Before(e.Date.EndTime()) {
		return e, invalid(FieldEndDate, ProblemBad, e.End.String())
	}
	if !validCategory(e.Category) {
		if e.Category == "" {
			return e, invalid(FieldCategory, ProblemMissing, "")
		}
		return e, invalid(FieldCategory, ProblemBad, string(e.Category))
	}
	e.Title.EN, e.Title.DE = line(e.Title.EN), line(e.Title.DE)
	if e.Title.IsZero() {
		return e, invalid(FieldTitle, ProblemMissing, "")
	}
	e.Summary.EN, e.Summary.DE = multiline(e.Summary.EN), multiline(e.Summary.DE)
	for _, c := range []struct {
		field, s string
		max      int
	}{{FieldTitle, e.Title.EN, maxTitleRunes}, {FieldTitle, e.Title.DE, maxTitleRunes},
		{FieldSummary, e.Summary.EN, maxTextRunes}, {FieldSummary, e.Summary.DE, maxTextRunes}} {
		if err := checkLen(c.field, c.s, c.max); err != nil {
			return e, err
		}
	}
	if e.People, err = cleanIDs(FieldPeople, e.People); err != nil {
		return e, err
	}
	if e.Organizations, err = cleanIDs(FieldOrganization, e.Organizations); err != nil {
		return e, err
	}
	if len(e.Sources) == 0 {
		return e, invalid(FieldSources, ProblemMissing, "")
	}
	if len(e.Sources) > maxListLen {
		return e, tooLong(FieldSources, maxListLen)
	}
	srcs := make([]data.Source, len(e.Sources))
	for i, s := range e.Sources {
		if srcs[i], err = cleanSource(s); err != nil {
			return e, err
		}
	}
	e.Sources = srcs
	e.Author = line(e.Author)
	return e, nil
}

func validCategory(c data.Category) bool {
	for _, k := range data.Categories {
		if c == k {
			return true
		}
	}
	return false
}

// cleanIDs checks a list of IDs and drops repeats, keeping the order.
func cleanIDs(field string, ids []string) ([]string, error) {
	if len(ids) > maxListLen {
		return nil, tooLong(field, maxListLen)
	}
	out := []string{}
	seen := map[string]bool{}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if err := checkID(field, id); err != nil {
			return nil, err
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out, nil
}

// cleanSource checks a source: an http(s) URL (data.CheckURL: the app opens
// these links, so file: or javascript: never get in), an optional archive
// URL of the same kind, an optional date, short one-line texts.
func cleanSource(s data.Source) (data.Source, error) {
	out := data.Source{Publisher: line(s.Publisher), Title: line(s.Title), URL: strings.TrimSpace(s.URL),
		ArchiveURL: strings.TrimSpace(s.ArchiveURL), Language: line(s.Language), Kind: line(s.Kind)}
	if out.URL == "" {
		return out, invalid(FieldSourceURL, ProblemMissing, "")
	}
	for _, u := range []string{out.URL, out.ArchiveURL} {
		if u == "" {
			continue
		}
		if len(u) > maxURLBytes {
			return out, tooLong(FieldSourceURL, maxURLBytes)
		}
		if data.CheckURL(u) != nil || strings.ContainsFunc(u, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
			return out, invalid(FieldSourceURL, ProblemBad, u)
		}
	}
	for _, f := range []string{out.Publisher, out.Title, out.Language, out.Kind} {
		if err := checkLen(FieldSources, f, maxFieldRunes); err != nil {
			return out, err
		}
	}
	if d := strings.TrimSpace(s.Date); d != "" {
		p, err := data.ParseDate(d)
		if err != nil {
			return out, invalid(FieldSourceDate, ProblemBad, d)
		}
		out.Date = p.String()
	}
	out.ID = data.SourceID(out.URL)
	return out, nil
}

// sourceJSON is a source as stored in own_events.sources and in exports.
type sourceJSON struct {
	Publisher  string `json:"publisher"`
	Title      string `json:"title"`
	Date       string `json:"date"`
	URL        string `json:"url"`
	ArchiveURL string `json:"archive_url"`
	Language   string `json:"language"`
	Kind       string `json:"kind"`
}

func toSourceJSON(ss []data.Source) []sourceJSON {
	out := make([]sourceJSON, len(ss))
	for i, s := range ss {
		out[i] = sourceJSON{s.Publisher, s.Title, s.Date, s.URL, s.ArchiveURL, s.Language, s.Kind}
	}
	return out
}

func fromSourceJSON(ss []sourceJSON) []data.Source {
	out := make([]data.Source, len(ss))
	for i, s := range ss {
		out[i] = data.Source{ID: data.SourceID(s.URL), Publisher: s.Publisher, Title: s.Title, Date: s.Date, URL: s.URL,
			ArchiveURL: s.ArchiveURL, Language: s.Language, Kind: s.Kind}
	}
	return out
}

// sourceList decodes a stored JSON list of sources. The column is always
// written by json.Marshal of []sourceJSON (putOwnEvent), with the fields in
// one order, so a list without escapes is split directly; anything else goes
// through encoding/json. Decoding every own event's sources with
// encoding/json was a third of reading 10,000 own events at start
// (BenchmarkOwnEvents).
func sourceList(s string) ([]data.Source, error) {
	if out, ok := plainSources(s); ok {
		return out, nil
	}
	var sj []sourceJSON
	if err := json.Unmarshal([]byte(s), &sj); err != nil {
		return nil, err
	}
	return fromSourceJSON(sj), nil
}

// sourceKeys are what json.Marshal writes before each field of a sourceJSON.
var sourceKeys = [...]string{`{"publisher":"`, `","title":"`, `","date":"`, `","url":"`, `","archive_url":"`, `","language":"`, `","kind":"`}

// plainSources splits a list in json.Marshal's exact shape whose strings
// hold no escapes (no backslash, no control character, valid UTF-8: then a
// string's bytes between its quotes are its value). ok is false for
// anything else, which the caller decodes in full.
func plainSources(s string) (out []data.Source, ok bool) {
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' || !utf8.ValidString(s) {
		return nil, false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\\' || c < 0x20 {
			return nil, false
		}
	}
	rest := s[1 : len(s)-1]
	out = make([]data.Source, 0, strings.Count(rest, sourceKeys[0]))
	for rest != "" {
		var f [len(sourceKeys)]string
		for k, key := range sourceKeys {
			if !strings.HasPrefix(rest, key) {
				return nil, false
			}
			rest = rest[len(key):]
			end := strings.IndexByte(rest, '"')
			if end < 0 {
				return nil, false
			}
			f[k], rest = rest[:end], rest[end:]
		}
		if !strings.HasPrefix(rest, `"}`) {
			return nil, false
		}
		rest = rest[2:]
		out = append(out, data.Source{ID: data.SourceID(f[3]), Publisher: f[0], Title: f[1], Date: f[2], URL: f[3],
			ArchiveURL: f[4], Language: f[5], Kind: f[6]})
		if rest != "" {
			if rest[0] != ',' || len(rest) == 1 {
				return nil, false
			}
			rest = rest[1:]
		}
	}
	return out, true
}

const ownCols = `n, id, date, end_date, category, title_en, title_de, summary_en, summary_de, people, organizations,
  sources, author, created, modified, deleted`

func scanOwn(r interface{ Scan(...any) error }) (OwnEvent, int64, error) {
	var e OwnEvent
	var n, created, modified int64
	var deleted *int64
	var date, end, people, orgs, srcs string
	if err := r.Scan(&n, &e.ID, &date, &end, &e.Category, &e.Title.EN, &e.Title.DE, &e.Summary.EN, &e.Summary.DE,
		&people, &orgs, &srcs, &e.Author, &created, &modified, &deleted); err != nil {
		return e, 0, err
	}
	e.Date, _ = data.ParseDate(date)
	e.End, _ = data.ParseDate(end)
	var errSrc error
	e.Sources, errSrc = sourceList(srcs)
	err := errors.Join(idList(people, &e.People), idList(orgs, &e.Organizations), errSrc)
	e.Created, e.Modified, e.Deleted = msTime(created), msTime(modified), nullMs(deleted)
	return e, n, err
}

// putOwnEvent stores e (already clean) as a new row when n is 0, else over
// row n (the same ID), and keeps the full-text index in step.
func putOwnEvent(ctx context.Context, tx *wtx, e OwnEvent, n int64) error {
	people, _ := json.Marshal(e.People)
	orgs, _ := json.Marshal(e.Organizations)
	srcs, _ := json.Marshal(toSourceJSON(e.Sources))
	var deleted *int64
	if !e.Deleted.IsZero() {
		d := e.Deleted.UnixMilli()
		deleted = &d
	}
	args := []any{e.Date.String(), e.End.String(), e.Date.DayNumber(), e.Category, e.Title.EN, e.Title.DE,
		e.Summary.EN, e.Summary.DE, string(people), string(orgs), string(srcs), e.Author,
		e.Created.UnixMilli(), e.Modified.UnixMilli(), deleted}
	if n == 0 {
		res, err := tx.exec(ctx, `INSERT INTO own_events(date, end_date, start_day, category, title_en, title_de,
		    summary_en, summary_de, people, organizations, sources, author, created, modified, deleted, id)
		  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, e.ID)...)
		if err != nil {
			return err
		}
		if n, err = res.LastInsertId(); err != nil {
			return err
		}
	} else {
		if _, err := tx.exec(ctx, `UPDATE own_events SET date = ?, end_date = ?, start_day = ?, category = ?,
		    title_en = ?, title_de = ?, summary_en = ?, summary_de = ?, people = ?, organizations = ?, sources = ?,
		    author = ?, created = ?, modified = ?, deleted = ? WHERE n = ?`, append(args, n)...); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, "DELETE FROM own_events_fts WHERE rowid = ?", n); err != nil {
			return err
		}
	}
	if deleted != nil {
		return nil
	}
	return indexOwn(ctx, tx, n, e)
}

func indexOwn(ctx context.Context, tx *wtx, n int64, e OwnEvent) error {
	_, err := tx.exec(ctx, "INSERT INTO own_events_fts(rowid, title, summary) VALUES (?, ?, ?)", n,
		data.Fold(e.Title.EN+"\n"+e.Title.DE), data.Fold(e.Summary.EN+"\n"+e.Summary.DE))
	return err
}

func getOwn(ctx context.Context, q queryer, id string) (OwnEvent, int64, bool, error) {
	e, n, err := scanOwn(q.QueryRowContext(ctx, "SELECT "+ownCols+" FROM own_events WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, 0, false, nil
	}
	return e, n, err == nil, err
}

// AddOwnEvent validates e and stores it as a new own event under the
// notebook's author; it returns the event as stored, with its ID. e.ID may
// be preset (own-…, for imports with stable IDs) unless that ID is taken.
func (nb *Notebook) AddOwnEvent(ctx context.Context, e OwnEvent) (OwnEvent, error) {
	e, err := e.clean()
	if err != nil {
		return e, err
	}
	if e.ID == "" {
		e.ID = newID(OwnEventPrefix)
	} else if !IsOwnEventID(e.ID) || checkID(FieldID, e.ID) != nil {
		return e, invalid(FieldID, ProblemBad, e.ID)
	}
	err = nb.write(ctx, func(tx *wtx) error {
		if _, _, found, err := getOwn(ctx, tx, e.ID); err != nil || found {
			if found {
				return invalid(FieldID, ProblemBad, e.ID)
			}
			return err
		}
		if e.Author, err = metaAuthor(ctx, tx); err != nil {
			return err
		}
		now := msTime(nb.now())
		e.Created, e.Modified, e.Deleted = now, now, time.Time{}
		return putOwnEvent(ctx, tx, e, 0)
	})
	return e, err
}

// UpdateOwnEvent replaces a live own event's fields with e's (by e.ID),
// keeping its author and creation time. ErrNotFound if there is none.
func (nb *Notebook) UpdateOwnEvent(ctx context.Context, e OwnEvent) (OwnEvent, error) {
	e, err := e.clean()
	if err != nil {
		return e, err
	}
	err = nb.write(ctx, func(tx *wtx) error {
		old, n, found, err := getOwn(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		if !found || !old.Deleted.IsZero() {
			return ErrNotFound
		}
		e.Author, e.Created, e.Deleted = old.Author, old.Created, time.Time{}
		e.Modified = msTime(nb.now())
		return putOwnEvent(ctx, tx, e, n)
	})
	return e, err
}

// DeleteOwnEvent moves an own event to the trash (RestoreOwnEvent undoes it).
// Notes on it stay; while it is in the trash they show as orphaned.
func (nb *Notebook) DeleteOwnEvent(ctx context.Context, id string) error {
	return nb.write(ctx, func(tx *wtx) error {
		var n int64
		err := tx.QueryRowContext(ctx, "UPDATE own_events SET deleted = ? WHERE id = ? AND deleted IS NULL RETURNING n",
			nb.now(), id).Scan(&n)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM own_events_fts WHERE rowid = ?", n)
		return err
	})
}

// RestoreOwnEvent brings an own event back from the trash.
func (nb *Notebook) RestoreOwnEvent(ctx context.Context, id string) error {
	return nb.write(ctx, func(tx *wtx) error {
		e, n, found, err := getOwn(ctx, tx, id)
		if err != nil {
			return err
		}
		if !found || e.Deleted.IsZero() {
			return ErrNotFound
		}
		if _, err := tx.ExecContext(ctx, "UPDATE own_events SET deleted = NULL WHERE n = ?", n); err != nil {
			return err
		}
		return indexOwn(ctx, tx, n, e)
	})
}

// OwnEvent returns a live own event by ID.
func (nb *Notebook) OwnEvent(ctx context.Context, id string) (OwnEvent, bool, error) {
	e, _, found, err := getOwn(ctx, nb.r, id)
	if found && !e.Deleted.IsZero() {
		return OwnEvent{}, false, nil
	}
	return e, found, err
}

// OwnEvents lists the live own events in date order.
func (nb *Notebook) OwnEvents(ctx context.Context) ([]OwnEvent, error) {
	// Read in table order and sorted here: walking the start_day index
	// visits the table's pages in random order, which costs twice as much
	// for 10,000 events.
	out, ok, err := nb.liveOwnEventsPacked(ctx)
	if err != nil {
		return nil, err
	}
	if !ok {
		out, err = nb.ownEvents(ctx, "SELECT "+ownCols+" FROM own_events WHERE deleted IS NULL")
	}
	type key struct {
		start         int64
		date, end, id string
	}
	keys := make([]key, len(out))
	order := make([]int, len(out))
	for k, e := range out {
		keys[k] = key{e.Date.Time().Unix(), e.Date.String(), e.End.String(), e.ID}
		order[k] = k
	}
	sort.Slice(order, func(a, b int) bool {
		x, y := keys[order[a]], keys[order[b]]
		if x.start != y.start {
			return x.start < y.start
		}
		if x.date != y.date {
			return x.date < y.date
		}
		if x.end != y.end {
			return x.end < y.end
		}
		return x.id < y.id
	})
	sorted := make([]OwnEvent, len(out))
	for k, o := range order {
		sorted[k] = out[o]
	}
	return sorted, err
}

// idList decodes a stored JSON list of IDs. IDs are stored clean (lower-case
// words joined by hyphens, nothing to escape), so the common case is split
// directly; anything else goes through encoding/json.
func idList(s string, out *[]string) error {
	if s == "[]" || s == "null" {
		*out = nil
		return nil
	}
	if len(s) < 4 || s[0] != '[' || s[len(s)-1] != ']' || strings.ContainsAny(s, "\\ ") {
		return json.Unmarshal([]byte(s), out)
	}
	parts := strings.Split(s[1:len(s)-1], ",")
	ids := make([]string, 0, len(parts))
	for _, p := range parts {
		if len(p) < 2 || p[0] != '"' || p[len(p)-1] != '"' || strings.IndexByte(p[1:len(p)-1], '"') >= 0 {
			return json.Unmarshal([]byte(s), out)
		}
		ids = append(ids, p[1:len(p)-1])
	}
	*out = ids
	return nil
}

func (nb *Notebook) ownEvents(ctx context.Context, q string, args ...any) ([]OwnEvent, error) {
	var out []OwnEvent
	err := each(ctx, nb.r, q, func(r *sql.Rows) error {
		e, _, err := scanOwn(r)
		out = append(out, e)
		return err
	}, args...)
	return out, err
}
