package userdb

import (
	"context"
	"database/sql"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"aitimeline/data"
)

// HitKind says what a search hit is.
type HitKind string

// Kinds of search hits.
const (
	HitNote     HitKind = "note"
	HitOwnEvent HitKind = "own_event"
)

// Hit is one search result: a note or an own event.
type Hit struct {
	Kind   HitKind
	NoteID int64  // HitNote: the note's ID
	Target Target // HitNote: what the note is on; HitOwnEvent: the event
	Author string
	Title  data.Text // the note's Label title, or the own event's title
	Date   data.Date // the note's Label date, or the own event's date
	Score  float64   // bm25, lower is better

	text string   // the note's body or the own event's summary, for Excerpt
	toks []string // the folded query words
}

// Excerpt is a line of the hit's text around the first matching word. It is
// computed on demand (folding the text costs tens of microseconds), so a
// list pays only for the rows it shows.
func (h Hit) Excerpt() string { return excerpt(h.text, h.toks) }

// rankCap bounds how many matches of each kind are ranked (the earliest
// written), so that a query as broad as one letter stays within a
// keystroke's budget; a query with fewer matches is ranked exactly (as in
// data.Store.Search). bm25 costs about 3 µs a row.
const rankCap = 400

// Search finds live notes (by body) and own events (by title and summary)
// that match every word of q as a prefix, with the dataset's umlaut folding
// ("Gründung", "Grundung" and "Gruendung" match alike), best first. Any
// input is safe: it is reduced to plain words (data.MatchExpr) before it
// reaches FTS5; input with no word gives no hits and no error.
func (nb *Notebook) Search(ctx context.Context, q string, limit int) ([]Hit, error) {
	expr := data.MatchExpr(q)
	if expr == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 50
	}
	toks := data.QueryTokens(q)
	var hits []Hit
	// Rank inside the subquery, so that only the best rows are joined.
	err := each(ctx, nb.r, `SELECT n.id, n.kind, n.target, n.author, n.body, n.label_en, n.label_de, n.label_date, m.score FROM
	  (SELECT rowid, score FROM (SELECT rowid, bm25(notes_fts) AS score FROM notes_fts WHERE notes_fts MATCH ?1
	    LIMIT `+strconv.Itoa(rankCap)+`) ORDER BY score, rowid LIMIT ?2) m
	  JOIN notes n ON n.id = m.rowid ORDER BY m.score, n.id`, func(r *sql.Rows) error {
		h := Hit{Kind: HitNote}
		var body, date string
		err := r.Scan(&h.NoteID, &h.Target.Kind, &h.Target.ID, &h.Author, &body, &h.Title.EN, &h.Title.DE, &date, &h.Score)
		h.Date, _ = data.ParseDate(date)
		h.text, h.toks = body, toks
		hits = append(hits, h)
		return err
	}, expr, limit)
	if err != nil {
		return nil, err
	}
	err = each(ctx, nb.r, `SELECT e.id, e.author, e.title_en, e.title_de, e.summary_en, e.summary_de, e.date, m.score FROM
	  (SELECT rowid, score FROM (SELECT rowid, bm25(own_events_fts, 4.0, 1.0) AS score FROM own_events_fts
	    WHERE own_events_fts MATCH ?1 LIMIT `+strconv.Itoa(rankCap)+`) ORDER BY score, rowid LIMIT ?2) m
	  JOIN own_events e ON e.n = m.rowid ORDER BY m.score, e.n`, func(r *sql.Rows) error {
		h := Hit{Kind: HitOwnEvent}
		var sumEN, sumDE, date string
		err := r.Scan(&h.Target.ID, &h.Author, &h.Title.EN, &h.Title.DE, &sumEN, &sumDE, &date, &h.Score)
		h.Target.Kind = KindEvent
		h.Date, _ = data.ParseDate(date)
		h.text, h.toks = strings.TrimSpace(sumEN+"\n"+sumDE), toks
		hits = append(hits, h)
		return err
	}, expr, limit)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score < hits[j].Score })
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

// excerpt is about excerptWords words of text around the first word that
// matches one of the (folded) query tokens, on one line; the start of the
// text when none matches (an own event found by its title). The text is
// folded once, whole (folding is a Unicode normalisation, costly per call),
// and its words lined up with the original's; folding keeps white space, so
// they agree except in odd cases, where the excerpt starts at the beginning.
func excerpt(text string, toks []string) string {
	const excerptWords = 24
	words := strings.FieldsFunc(text, unicode.IsSpace)
	folded := strings.FieldsFunc(data.Fold(text), unicode.IsSpace)
	at := 0
	if len(folded) == len(words) {
		for i, w := range folded {
			w = strings.TrimLeftFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if matchesAny(w, toks) {
				at = i
				break
			}
		}
	}
	from := max(0, at-excerptWords/3)
	to := min(len(words), from+excerptWords)
	s := strings.Join(words[from:to], " ")
	if from > 0 {
		s = "… " + s
	}
	if to < len(words) {
		s += " …"
	}
	return s
}

func matchesAny(word string, toks []string) bool {
	for _, t := range toks {
		if strings.HasPrefix(word, t) {
			return true
		}
	}
	return false
}

// MatchingTargets is every target whose live notes (by body) or own event
// (by title and summary) match every word of q, unranked and uncapped: the
// Notebook tab filters by it. Input with no word gives none.
func (nb *Notebook) MatchingTargets(ctx context.Context, q string) (map[Target]bool, error) {
	expr := data.MatchExpr(q)
	out := map[Target]bool{}
	if expr == "" {
		return out, nil
	}
	err := each(ctx, nb.r, `SELECT n.kind, n.target FROM notes_fts f JOIN notes n ON n.id = f.rowid
	  WHERE notes_fts MATCH ?1 AND n.deleted IS NULL`, func(r *sql.Rows) error {
		var t Target
		err := r.Scan(&t.Kind, &t.ID)
		out[t] = true
		return err
	}, expr)
	if err != nil {
		return nil, err
	}
	err = each(ctx, nb.r, `SELECT e.id FROM own_events_fts f JOIN own_events e ON e.n = f.rowid
	  WHERE own_events_fts MATCH ?1 AND e.deleted IS NULL`, func(r *sql.Rows) error {
		t := Target{Kind: KindEvent}
		err := r.Scan(&t.ID)
		out[t] = true
		return err
	}, expr)
	if err != nil {
		return nil, err
	}
	return out, nil
}
