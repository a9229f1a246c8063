package ui

import (
	"strings"
	"testing"

	"aitimeline/data"
)

func TestHighlight(t *testing.T) {
	cases := []struct{ text, query, want string }{
		{"Musk verklagt OpenAI wegen der Gründung", "Grundung", "Musk verklagt OpenAI wegen der [Gründung]"},
		{"Musk verklagt OpenAI wegen der Gründung", "gruendung musk", "[Musk] verklagt OpenAI wegen der [Gründung]"},
		{"Die Klage und die Klageschrift", "klage", "Die [Klage] und die [Klageschrift]"},
		{"Nothing here", "zzz", "Nothing here"},
		{"", "x", ""},
		{"„Swindly Sam“ (2024)", "sam 2024", "„Swindly [Sam]“ ([2024])"},
	}
	for _, c := range cases {
		runs, marked := Highlight(c.text, data.QueryTokens(c.query))
		var b strings.Builder
		for i, r := range runs {
			if marked[i] {
				b.WriteString("[" + r + "]")
			} else {
				b.WriteString(r)
			}
		}
		if b.String() != c.want {
			t.Errorf("Highlight(%q, %q) = %q, want %q", c.text, c.query, b.String(), c.want)
		}
	}
}
