package userdb

import (
	"context"
	"database/sql"
	"sort"
	"strings"

	"aitimeline/data"
)

// Flag is an event's colour flag; the set is fixed so that the UI can give
// each a colour and a localized name ("notebook.flag.red", …).
type Flag string

// The colour flags, in menu order; FlagNone clears.
const (
	FlagNone   Flag = ""
	FlagRed    Flag = "red"
	FlagOrange Flag = "orange"
	FlagYellow Flag = "yellow"
	FlagGreen  Flag = "green"
	FlagBlue   Flag = "blue"
	FlagPurple Flag = "purple"
)

// Flags lists the colour flags in menu order.
var Flags = []Flag{FlagRed, FlagOrange, FlagYellow, FlagGreen, FlagBlue, FlagPurple}

func (f Flag) valid() bool {
	if f == FlagNone {
		return true
	}
	for _, g := range Flags {
		if f == g {
			return true
		}
	}
	return false
}

// Annotation is what the timeline and list need to draw an event's badges
// and to filter: how many live notes it has (any author), whether it is
// starred, its flag and its tags (sorted case-insensitively).
type Annotation struct {
	Notes   int
	Starred bool
	Flag    Flag
	Tags    []string
}

// IsZero reports whether the event carries no annotation at all.
func (a Annotation) IsZero() bool {
	return a.Notes == 0 && !a.Starred && a.Flag == FlagNone && len(a.Tags) == 0
}

// Annotations returns the annotation of every annotated event, keyed by
// event ID (dataset and own events alike). Three indexed scans: it costs a
// few milliseconds for 10,000 notes.
func (nb *Notebook) Annotations(ctx context.Context) (map[string]Annotation, error) {
	out := map[string]Annotation{}
	err := each(ctx, nb.r, "SELECT target, count(*) FROM notes WHERE kind = 'event' AND deleted IS NULL GROUP BY target", func(r *sql.Rows) error {
		var id string
		var n int
		err := r.Scan(&id, &n)
		a := out[id]
		a.Notes = n
		out[id] = a
		return err
	})
	if err != nil {
		return nil, err
	}
	err = each(ctx, nb.r, "SELECT event, starred, flag FROM marks", func(r *sql.Rows) error {
		var id string
		var star bool
		var flag Flag
		err := r.Scan(&id, &star, &flag)
		a := out[id]
		a.Starred, a.Flag = star, flag
		out[id] = a
		return err
	})
	if err != nil {
		return nil, err
	}
	err = each(ctx, nb.r, "SELECT event, tag FROM tags ORDER BY event, key", func(r *sql.Rows) error {
		var id, tag string
		err := r.Scan(&id, &tag)
		a := out[id]
		a.Tags = append(a.Tags, tag)
		out[id] = a
		return err
	})
	return out, err
}

// Annotation is one event's annotation (zero when it has none).
func (nb *Notebook) Annotation(ctx context.Context, eventID string) (Annotation, error) {
	var a Annotation
	err := nb.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM notes WHERE kind = 'event' AND target = ?1 AND deleted IS NULL),
	  coalesce((SELECT starred FROM marks WHERE event = ?1), 0), coalesce((SELECT flag FROM marks WHERE event = ?1), '')`,
		eventID).Scan(&a.Notes, &a.Starred, &a.Flag)
	if err != nil {
		return a, err
	}
	a.Tags, err = nb.Tags(ctx, eventID)
	return a, err
}

// SetStar stars or unstars an event.
func (nb *Notebook) SetStar(ctx context.Context, eventID string, on bool) error {
	if err := checkID(FieldID, eventID); err != nil {
		return err
	}
	return nb.write(ctx, func(tx *wtx) error {
		return setMark(ctx, tx, eventID, "starred", on, nb.now())
	})
}

// SetFlag gives an event a colour flag; FlagNone removes it.
func (nb *Notebook) SetFlag(ctx context.Context, eventID string, f Flag) error {
	if err := checkID(FieldID, eventID); err != nil {
		return err
	}
	if !f.valid() {
		return invalid(FieldFlag, ProblemBad, string(f))
	}
	return nb.write(ctx, func(tx *wtx) error {
		return setMark(ctx, tx, eventID, "flag", string(f), nb.now())
	})
}

// setMark sets one column of an event's marks row and drops the row when
// neither star nor flag is left, so marks only holds marked events.
func setMark(ctx context.Context, tx *wtx, eventID, col string, v any, now int64) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO marks(event, `+col+`, modified) VALUES (?1, ?2, ?3)
	  ON CONFLICT(event) DO UPDATE SET `+col+` = ?2, modified = ?3`, eventID, v, now); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "DELETE FROM marks WHERE event = ? AND starred = 0 AND flag = ''", eventID)
	return err
}

// CleanTag is a tag's stored form: valid UTF-8, white space collapsed,
// trimmed. It returns an *InvalidError for an empty or over-long tag.
func CleanTag(tag string) (string, error) {
	tag = line(tag)
	if tag == "" {
		return "", invalid(FieldTag, ProblemMissing, "")
	}
	if err := checkLen(FieldTag, tag, maxTagRunes); err != nil {
		return "", err
	}
	return tag, nil
}

// tagKey makes tags unique per event regardless of case ("AI" and "ai").
func tagKey(tag string) string { return strings.ToLower(tag) }

// TagKey is what tags are told apart and ordered by on an event (the
// notebook lists an event's tags in this order).
func TagKey(tag string) string { return tagKey(tag) }

// AddTag tags an event and returns the tag as stored. A tag the event
// already has in another case is kept as it was (tags are unique per event
// regardless of case); the stored spelling is returned.
func (nb *Notebook) AddTag(ctx context.Context, eventID, tag string) (string, error) {
	if err := checkID(FieldID, eventID); err != nil {
		return "", err
	}
	tag, err := CleanTag(tag)
	if err != nil {
		return "", err
	}
	err = nb.write(ctx, func(tx *wtx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO tags(event, key, tag, created) VALUES (?, ?, ?, ?)
		  ON CONFLICT(event, key) DO UPDATE SET key = key RETURNING tag`, eventID, tagKey(tag), tag, nb.now()).Scan(&tag)
	})
	return tag, err
}

// RemoveTag removes a tag (in any case) from an event; removing a tag the
// event does not have is not an error.
func (nb *Notebook) RemoveTag(ctx context.Context, eventID, tag string) error {
	return nb.write(ctx, func(tx *wtx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM tags WHERE event = ? AND key = ?", eventID, tagKey(line(tag)))
		return err
	})
}

// Tags lists an event's tags, sorted case-insensitively.
func (nb *Notebook) Tags(ctx context.Context, eventID string) ([]string, error) {
	var out []string
	err := each(ctx, nb.r, "SELECT tag FROM tags WHERE event = ? ORDER BY key", func(r *sql.Rows) error {
		var t string
		err := r.Scan(&t)
		out = append(out, t)
		return err
	}, eventID)
	return out, err
}

// TagCount is a tag and how many events carry it.
type TagCount struct {
	Tag   string
	Count int
}

// AllTags lists every tag with its number of events, most used first, then
// alphabetically. Spellings that differ only in case count as one tag,
// shown in its alphabetically first spelling.
func (nb *Notebook) AllTags(ctx context.Context) ([]TagCount, error) {
	var out []TagCount
	err := each(ctx, nb.r, "SELECT min(tag), count(*) FROM tags GROUP BY key ORDER BY count(*) DESC, key", func(r *sql.Rows) error {
		var t TagCount
		err := r.Scan(&t.Tag, &t.Count)
		out = append(out, t)
		return err
	})
	return out, err
}

// SuggestTags is the autocomplete list for a tag being typed: tags whose
// words start with prefix (umlauts folded as in search, so "gru" finds
// "Gründung"), most used first; at most limit (0: all).
func (nb *Notebook) SuggestTags(ctx context.Context, prefix string, limit int) ([]TagCount, error) {
	all, err := nb.AllTags(ctx)
	if err != nil {
		return nil, err
	}
	p := data.Fold(line(prefix))
	var out []TagCount
	for _, t := range all {
		if p != "" && !wordPrefix(data.Fold(t.Tag), p) {
			continue
		}
		out = append(out, t)
	}
	sort.SliceStable(out, func(i, j int) bool { // whole-tag prefix matches before word matches
		return strings.HasPrefix(data.Fold(out[i].Tag), p) && !strings.HasPrefix(data.Fold(out[j].Tag), p)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func wordPrefix(s, p string) bool {
	if strings.HasPrefix(s, p) {
		return true
	}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '/' }) {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}
