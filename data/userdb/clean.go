package userdb

import (
	"crypto/rand"
	"encoding/hex"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits on what the notebook stores. They are far above real use and exist
// so that a pasted novel or a hostile import cannot bloat the file or the UI.
const (
	MaxNoteBytes   = 1 << 20 // a note's Markdown body
	maxTitleRunes  = 500
	maxTextRunes   = 20000 // summaries, intros, stop notes
	maxTagRunes    = 64
	maxAuthorRunes = 100
	maxIDBytes     = 200
	maxURLBytes    = 2048
	maxListLen     = 200 // people, organisations, sources of an own event
	maxStops       = 1000
	maxFieldRunes  = 500 // publisher, source title and other short strings
)

// idPattern is the dataset's ID form (data.validate uses the same): lower
// case words joined by hyphens. Source IDs (hex) match it too.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func checkID(field, id string) error {
	if id == "" {
		return invalid(field, ProblemMissing, "")
	}
	if len(id) > maxIDBytes || !idPattern.MatchString(id) {
		return invalid(field, ProblemBad, id)
	}
	return nil
}

// line cleans a one-line field: valid UTF-8, no control characters, runs of
// white space (newlines included) as one space, trimmed. Applying it twice
// changes nothing, which keeps export → import → export byte-identical.
func line(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r) || r == '\uFEFF' || isBidiControl(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isBidiControl reports the embedding, override and isolate controls
// (U+202A–U+202E, U+2066–U+2069): an imported "Evil\u202Eroot" would be
// shown reversed in lists and menus. Marks (LRM, RLM) stay.
func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// multiline cleans a multi-line field (a note, a summary): valid UTF-8,
// line ends as \n, no control characters but \n and \t, no trailing blanks
// at the end. Like line it is idempotent.
func multiline(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) || r == '\uFEFF' || isBidiControl(r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimRightFunc(s, unicode.IsSpace)
}

func checkLen(field, s string, max int) error {
	if utf8.RuneCountInString(s) > max {
		return tooLong(field, max)
	}
	return nil
}

// cleanAuthor is the stored form of an author name, or an error.
func cleanAuthor(name string) (string, error) {
	name = line(name)
	if name == "" {
		return "", invalid(FieldAuthor, ProblemMissing, "")
	}
	if err := checkLen(FieldAuthor, name, maxAuthorRunes); err != nil {
		return "", err
	}
	return name, nil
}

// newID is prefix + 12 random hex digits, in the dataset's ID form.
func newID(prefix string) string {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return prefix + hex.EncodeToString(b[:])
}

// Times are stored as Unix milliseconds and exported in this form, so that a
// round trip through JSON is exact.
const timeLayout = "2006-01-02T15:04:05.000Z"

func msTime(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

func fmtTime(ms int64) string { return msTime(ms).Format(timeLayout) }

func parseTime(s string) (int64, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return 0, invalid(FieldTime, ProblemBad, s)
	}
	return t.UnixMilli(), nil
}

func nullMs(ms *int64) time.Time {
	if ms == nil {
		return time.Time{}
	}
	return msTime(*ms)
}
