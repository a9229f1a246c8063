package printout

import (
	"bytes"
	"strings"
	"testing"

	"aitimeline/data"
	"aitimeline/i18n"
)

// TestHandoutTeacherNotesOnlyWhenAsked: a hand-out goes to students; the
// teacher's notes for each stop are printed only when asked for.
func TestHandoutTeacherNotesOnlyWhenAsked(t *testing.T) {
	hd := tourDoc(t, "conflict-in-12-steps", data.DE)
	note := "Fragen Sie nach der Kontrolle über das Labor."
	hd.Notes[hd.Events[1].ID] = note
	loc := i18n.Must(data.DE)
	for _, c := range []struct {
		notes, worksheet bool
	}{{false, false}, {true, false}, {false, true}} {
		var buf bytes.Buffer
		if err := WriteHandout(&buf, hd, loc, HandoutOptions{Paper: A4, TeacherNotes: c.notes, Worksheet: c.worksheet}); err != nil {
			t.Fatal(err)
		}
		all := oneLine(strings.Join(pdfText(t, writePDF(t, "notes.pdf", buf.Bytes())), "\n"))
		if got := strings.Contains(all, note) || strings.Contains(all, "Für den Unterricht"); got != c.notes {
			t.Errorf("notes %v, worksheet %v: the teacher's note printed: %v", c.notes, c.worksheet, got)
		}
	}
}
