package data

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"unicode"
)

// Hit is one search result.
type Hit struct {
	N     int // the event's index (0-based, date order), as in Index
	ID    string
	Date  Date
	Title Text
	Score float64 // bm25: lower is better
}

// Limits on what a query may contain: anything beyond is ignored, so a pasted
// novel costs no more than a sentence.
const (
	rankCap        = 1000
	maxQueryTokens = 12
	maxTokenRunes  = 48
)

// QueryTokens splits user input into folded search words. Everything that is
// not a letter or digit separates words, so quotes, operators, parentheses and
// column filters of the FTS syntax never reach the engine.
func QueryTokens(q string) []string {
	if len(q) > 4096 {
		q = q[:4096]
	}
	var toks []string
	for _, w := range strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		f := Fold(w)
		if r := []rune(f); len(r) > maxTokenRunes {
			f = string(r[:maxTokenRunes])
		}
		// Fold may split a word (e.g. a ligature); keep only letters and digits.
		f = strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, f)
		if f == "" {
			continue
		}
		toks = append(toks, f)
		if len(toks) == maxQueryTokens {
			break
		}
	}
	return toks
}

// MatchExpr turns user input into a safe FTS5 MATCH expression: every word a
// quoted prefix term, all required. It returns "" when nothing is searchable.
func MatchExpr(q string) string {
	toks := QueryTokens(q)
	for i, t := range toks {
		toks[i] = `"` + t + `"*`
	}
	return strings.Join(toks, " ")
}

// Search finds events whose title, summary, people or sources in lang match
// every word of q (as a prefix, umlauts folded), best first. Any input is safe;
// input with no searchable word gives no hits and no error.
func (s *Store) Search(ctx context.Context, q string, lang Lang, limit int) ([]Hit, error) {
	expr := MatchExpr(q)
	if expr == "" {
		return nil, nil
	}
	table := "fts_en"
	if lang == DE {
		table = "fts_de"
	}
	if limit <= 0 {
		limit = 50
	}
	var hits []Hit
	// Ranking is done over at most rankCap matches (the earliest): a query
	// as broad as one letter on a huge dataset stays within a keystroke's
	// budget, and any query with fewer matches is ranked exactly.
	err := s.each(ctx, `SELECT e.n, e.id, e.date, e.title_en, e.title_de, m.score FROM
	  (SELECT rowid, bm25(`+table+`, 10.0, 4.0, 3.0, 1.0) AS score FROM `+table+` WHERE `+table+` MATCH ? LIMIT `+strconv.Itoa(rankCap)+`) m
	  JOIN events e ON e.n = m.rowid
	  ORDER BY m.score, e.importance DESC, e.n LIMIT ?`, func(r *sql.Rows) error {
		var h Hit
		var date string
		if err := r.Scan(&h.N, &h.ID, &date, &h.Title.EN, &h.Title.DE, &h.Score); err != nil {
			return err
		}
		h.Date, _ = ParseDate(date)
		h.N--
		hits = append(hits, h)
		return nil
	}, expr, limit)
	return hits, err
}
