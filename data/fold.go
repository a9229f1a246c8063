package data

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// digraphs folds the German transliterations ae/oe/ue onto the plain vowel, so
// that "Gründung", "Grundung" and "Gruendung" all become "grundung".
var digraphs = strings.NewReplacer("ae", "a", "oe", "o", "ue", "u", "ß", "ss")

// Fold maps text to the form the full-text index holds: lower case, diacritics
// removed, ß as ss and ae/oe/ue as a/o/u. Index and queries are folded alike,
// so umlauts match both ways. Folding is for matching only, never for display.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii { // no diacritics to remove: skip the Unicode transforms
		return digraphs.Replace(strings.ToLower(s))
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return digraphs.Replace(strings.ToLower(out))
}
