package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHandoutNotesFlag: the teacher's notes go on a hand-out only with --notes.
func TestHandoutNotesFlag(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("needs pdftotext")
	}
	env, _ := nbEnv(t)
	r := ok(t, env, "tour", "import", writeTourFile(t, evFounded))
	id := strings.Fields(r.stdout)[len(strings.Fields(r.stdout))-1]
	for _, notes := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "h.pdf")
		args := []string{"handout", "--tour", id, "--out", out}
		if notes {
			args = append(args, "--notes")
		}
		ok(t, env, args...)
		txt, err := exec.Command("pdftotext", "-enc", "UTF-8", out, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(txt), "Start here"); got != notes {
			t.Errorf("--notes %v: the note printed: %v", notes, got)
		}
	}
}
