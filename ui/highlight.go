package ui

import (
	"strings"
	"unicode"

	"aitimeline/data"
)

// Highlight splits text into runs and marks the words a search matched: a
// word matches when its folded form starts with one of the folded query
// tokens, the same rule the full-text index applies, so "Grundung" marks
// "Gründung".
func Highlight(text string, tokens []string) (runs []string, marked []bool) {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	var cur strings.Builder
	curWord := false
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		s := cur.String()
		m := false
		if curWord && len(tokens) > 0 {
			f := data.Fold(s)
			for _, t := range tokens {
				m = m || strings.HasPrefix(f, t)
			}
		}
		// Merge with the previous run when the marking is the same.
		if n := len(runs); n > 0 && marked[n-1] == m {
			runs[n-1] += s
		} else {
			runs, marked = append(runs, s), append(marked, m)
		}
		cur.Reset()
	}
	for _, r := range text {
		if w := isWord(r); w != curWord {
			flush()
			curWord = w
		}
		cur.WriteRune(r)
	}
	flush()
	return runs, marked
}
