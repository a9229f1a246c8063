package userdb

import "testing"

// TestBidiControlsAreDropped: an imported title with a right-to-left
// override would be listed reversed; the notebook stores it without the
// override (marks that only set a direction stay).
func TestBidiControlsAreDropped(t *testing.T) {
	for _, c := range []struct{ in, line, multi string }{
		{"Evil\u202eroot", "Evilroot", "Evilroot"},
		{"a\u2066b\u2069c", "abc", "abc"},
		{"x\u202ay\u202cz\n\u202dq", "xyz q", "xyz\nq"},
		{"\u200fمرحبا\u200e", "\u200fمرحبا\u200e", "\u200fمرحبا\u200e"},
	} {
		if got := line(c.in); got != c.line {
			t.Errorf("line(%q) = %q, want %q", c.in, got, c.line)
		}
		if got := multiline(c.in); got != c.multi {
			t.Errorf("multiline(%q) = %q, want %q", c.in, got, c.multi)
		}
	}
}
