package printout

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"aitimeline/data"
	"aitimeline/i18n"
)

// Review 11: the answer key must name, for each place in time, the letter
// the worksheet gave that very event (TestWorksheet only checks that the key
// is not A, B, C … in order, which a key with wrong letters also passes).
func TestRV11WorksheetKeyLettersMatchTheEvents(t *testing.T) {
	hd := tourDoc(t, "conflict-in-12-steps", data.DE)
	loc := i18n.Must(data.DE)
	var buf bytes.Buffer
	if err := WriteHandout(&buf, hd, loc, HandoutOptions{Worksheet: true, Seed: 7, Created: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	layout := strings.Join(pdfText(t, writePDF(t, "ws.pdf", buf.Bytes()), "-layout"), "\n")
	k := strings.Index(layout, "Lösung")
	if k < 0 {
		t.Fatal("no key")
	}
	firstWords := func(s string) string {
		f := strings.Fields(s)
		return strings.Join(f[:min(3, len(f))], " ")
	}
	body := map[string]string{} // letter → first words of its title
	for _, m := range regexp.MustCompile(`(?m)^\s*([A-Z])\s{2,}(\S.*)$`).FindAllStringSubmatch(layout[:k], -1) {
		body[m[1]] = firstWords(m[2])
	}
	keyLines := regexp.MustCompile(`(?m)^\s*\d+\.\s+([A-Z])\s+\d+\.\s+\S+\s+\d{4}\s+(\S.*)$`).FindAllStringSubmatch(layout[k:], -1)
	if len(keyLines) != len(hd.Events) || len(body) != len(hd.Events) {
		t.Fatalf("parsed %d key lines and %d lettered events, want %d", len(keyLines), len(body), len(hd.Events))
	}
	for _, m := range keyLines {
		if got := firstWords(m[2]); body[m[1]] != got {
			t.Errorf("the key gives letter %s to %q, but the worksheet's %s is %q", m[1], got, m[1], body[m[1]])
		}
	}
}
