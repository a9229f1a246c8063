package main

import (
	"os"
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

// TestUsagePresentSaysWhatItShows: the usage's present entry says what is
// presented without --tour and where a search or filter is presented, and
// its description stays in the column of the others.
func TestUsagePresentSaysWhatItShows(t *testing.T) {
	for _, c := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"without --tour the first bundled tour", "View → Present", "F5"}},
		{"de", []string{"ohne --tour den ersten mitgelieferten", "Ansicht → Präsentieren", "F5"}},
	} {
		usage := ok(t, nil, "--help", "--lang", c.lang).stdout
		lines := strings.Split(usage, "\n")
		var block []string // the present entry: its line and the option lines under it
		for k, l := range lines {
			if strings.HasPrefix(l, "  aitimeline present") {
				block = append(block, l)
				for _, m := range lines[k+1:] {
					if !strings.HasPrefix(m, "             ") {
						break
					}
					block = append(block, m)
				}
			}
		}
		// Its description: the text from the column where the first
		// command's description starts.
		first := lines[1]
		descCol := len([]rune(first)) - len([]rune(strings.TrimLeft(first[strings.Index(first[2:], "  ")+2:], " ")))
		var desc []string
		for _, l := range block {
			if r := []rune(l); len(r) > descCol {
				desc = append(desc, string(r[descCol:]))
			}
		}
		text := strings.Join(strings.Fields(strings.Join(desc, " ")), " ")
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the present entry lacks %q:\n%s", c.lang, w, strings.Join(block, "\n"))
			}
		}
		// Descriptions start in one column (runes, for the umlauts).
		col := -1
		for _, l := range lines {
			r := []rune(l)
			lead := len(l) - len(strings.TrimLeft(l, " "))
			i := strings.Index(l[lead:], "  ") + lead
			if !strings.HasPrefix(l, "  aitimeline") && !strings.HasPrefix(l, "             [") || i < lead || strings.TrimSpace(l[i:]) == "" {
				continue
			}
			at := len([]rune(l[:i]))
			for at < len(r) && r[at] == ' ' {
				at++
			}
			if col < 0 {
				col = at
			}
			if at != col {
				t.Errorf("%s: description at column %d, not %d: %q", c.lang, at, col, l)
			}
		}
	}
}

func TestWorksheetRefusesNotes(t *testing.T) {
	out := filepath.Join(t.TempDir(), "w.pdf")
	failsWithOneLine(t, runCLI(t, nil, "handout", "--tour", "conflict-in-12-steps", "--worksheet", "--notes", "--out", out), "--notes")
	failsWithOneLine(t, runCLI(t, map[string]string{"LANG": "de_DE.UTF-8"}, "handout", "--tour", "conflict-in-12-steps", "--worksheet", "--notes", "--out", out), "Arbeitsblatt")
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a refused worksheet was written")
	}
}
