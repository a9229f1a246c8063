package ui

import (
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/data/userdb"
)

// pdfText is the text of a PDF (pdftotext, from poppler-utils) with runs
// of white space made single spaces; the test skips without the tool.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed: apt-get install poppler-utils")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

var spaces = regexp.MustCompile(`\s+`)

// hasURL reports whether a PDF's text holds url (printed URLs break
// across lines).
func hasURL(text, url string) bool {
	return strings.Contains(spaces.ReplaceAllString(text, ""), url)
}

func TestHandoutOfATourInGerman(t *testing.T) {
	var own userdb.OwnEvent
	h := newTourHarness(t, data.DE, func(nb *userdb.Notebook) {
		ctx := context.Background()
		var err error
		own, err = nb.AddOwnEvent(ctx, userdb.OwnEvent{Date: data.MustDate("2023-05-04"), Category: data.CatPublic,
			Title: data.Text{DE: "Unsere Klasse besucht das Museum"}, Sources: []data.Source{{URL: "https://example.org/museum-besuch"}}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = nb.CreateTour(ctx, userdb.Tour{Title: data.Text{DE: "Gründung und Bruch"}, Intro: data.Text{DE: "Drei Stationen und ein Ausflug."},
			Stops: []userdb.Stop{{EventID: "2015-12-11-openai-founded", Note: data.Text{DE: "Fragen Sie: Was wurde versprochen?"}},
				{EventID: own.ID}, {EventID: "2024-02-29-musk-sues-openai-state-court"}}})
		if err != nil {
			t.Fatal(err)
		}
	})
	dir := t.TempDir()
	h.S.Prefs.SetString(prefExportDir, dir)
	h.tp.Show()
	h.flush()
	var tour Tour
	for _, x := range h.tp.tours {
		if x.Own {
			tour = x
		}
	}
	h.tp.Open(tour.ID)
	h.tp.ed.handout.OnTapped() // the tour's Hand-out button: this tour chosen
	f := h.pp.last
	if f.what.Selected != "Einen Rundgang" || f.tourIDs[f.tour.SelectedIndex()] != tour.ID || f.lang.SelectedIndex() != 1 {
		t.Fatalf("hand-out dialog: %q, tour %d, language %d", f.what.Selected, f.tour.SelectedIndex(), f.lang.SelectedIndex())
	}
	f.next()
	h.saveAs(t, "stunde.pdf")
	path := filepath.Join(dir, "stunde.pdf")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no hand-out: %v (status %q)", err, h.S.Status.Text())
	}
	txt := pdfText(t, path)
	founded := h.ds.Events[0]
	for _, e := range h.ds.Events {
		if e.ID == "2015-12-11-openai-founded" {
			founded = e
		}
	}
	for _, want := range []string{"Gründung und Bruch", "Drei Stationen und ein Ausflug.",
		"Unsere Klasse besucht das Museum", strings.Join(strings.Fields(founded.Title.DE), " ")} {
		if !strings.Contains(txt, want) {
			t.Errorf("the hand-out lacks %q:\n%.2000s", want, txt)
		}
	}
	// The teacher's notes only when asked for (the hand-out goes to students).
	if f.notes.Checked || strings.Contains(txt, "Fragen Sie: Was wurde versprochen?") || strings.Contains(txt, "Für den Unterricht") {
		t.Error("the teacher's notes were printed on the student hand-out by default")
	}
	for _, url := range []string{founded.Sources[0].URL, "https://example.org/museum-besuch"} {
		if !hasURL(txt, url) {
			t.Errorf("the hand-out lacks the source %s", url)
		}
	}
	if strings.Contains(txt, founded.Title.EN) && founded.Title.EN != founded.Title.DE {
		t.Error("the German hand-out has the English title")
	}
	// In English: the dataset's English texts, and the teacher's German
	// words where there are no English ones.
	h.pp.ShowHandout(tour.ID)
	f = h.pp.last
	f.lang.SetSelectedIndex(0)
	f.notes.SetChecked(true) // "Include my notes for each stop"
	f.next()
	h.saveAs(t, "lesson.pdf")
	en := pdfText(t, filepath.Join(dir, "lesson.pdf"))
	for _, want := range []string{"Gründung und Bruch", "Fragen Sie: Was wurde versprochen?", strings.Join(strings.Fields(founded.Title.EN), " ")} {
		if !strings.Contains(en, want) {
			t.Errorf("the English hand-out lacks %q", want)
		}
	}
}

func TestHandoutOfTheFilteredRangeAndWorksheet(t *testing.T) {
	h := newTourHarness(t, data.DE)
	dir := t.TempDir()
	h.S.Prefs.SetString(prefExportDir, dir)
	h.pp.ShowHandout("")
	f := h.pp.last
	// A date nobody can read keeps the dialog open and says why.
	f.from.SetText("31.2.2024")
	f.next()
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "31.2.2024") {
		t.Fatalf("bad date: problem %q", f.problem.Text)
	}
	f.dlg.Hide()

	h.Filters.Set(Filter{People: map[string]bool{"elon-musk": true}, From: data.MustDate("2024-02"), To: data.MustDate("2024-08")})
	want := h.matchedIDs()
	if len(want) < 2 {
		t.Fatalf("the filter keeps %d events", len(want))
	}
	h.pp.ShowHandout("")
	f = h.pp.last
	if f.what.Selected != "Einen Zeitraum" || f.from.Text != "2.2024" || f.to.Text != "8.2024" || !f.filtered.Visible() || !f.filtered.Checked {
		t.Fatalf("defaults with a filter: %q %q–%q, only filtered %v", f.what.Selected, f.from.Text, f.to.Text, f.filtered.Checked)
	}
	f.next()
	h.saveAs(t, "bereich.pdf")
	txt := pdfText(t, filepath.Join(dir, "bereich.pdf"))
	if !strings.Contains(txt, "Ereignisse Februar 2024 bis August 2024") && !strings.Contains(txt, "Ereignisse Februar 2024 – August 2024") {
		t.Errorf("range title missing:\n%.600s", txt)
	}
	titles := map[string]data.Event{}
	for _, e := range h.ds.Events {
		titles[e.ID] = e
	}
	for _, id := range want {
		e := titles[id]
		if !strings.Contains(txt, strings.Join(strings.Fields(e.Title.DE), " ")) {
			t.Errorf("the hand-out lacks %s (%q)", id, e.Title.DE)
		}
		if len(e.Sources) > 0 && !hasURL(txt, e.Sources[0].URL) {
			t.Errorf("the hand-out lacks the source %s", e.Sources[0].URL)
		}
	}
	// Only the filter's events: one the filter drops is not there.
	for _, e := range h.ds.Events {
		if e.Date.Year == 2024 && e.Date.Month >= 3 && e.Date.Month <= 7 && !h.S.Match()(h.S.Idx.Find(e.ID)) && len([]rune(e.Title.DE)) > 30 {
			if strings.Contains(txt, strings.Join(strings.Fields(e.Title.DE), " ")) {
				t.Errorf("the hand-out has %s, which the filter drops", e.ID)
			}
			break
		}
	}

	// The same as a worksheet: the task, no dates next to the titles, a key.
	h.pp.ShowHandout("")
	f = h.pp.last
	f.worksheet.SetChecked(true)
	f.next()
	h.saveAs(t, "blatt.pdf")
	ws := pdfText(t, filepath.Join(dir, "blatt.pdf"))
	for _, w := range []string{"Arbeitsblatt", "Lösung", "Bringen Sie diese"} {
		if !strings.Contains(ws, w) {
			t.Errorf("worksheet lacks %q", w)
		}
	}
}

func TestPosterDialogWritesSheets(t *testing.T) {
	h := newTourHarness(t, data.DE)
	dir := t.TempDir()
	h.S.Prefs.SetString(prefExportDir, dir)
	h.pp.ShowPoster()
	f := h.pp.last
	f.sheets.SetText("9x9")
	f.next()
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "9x9") {
		t.Fatalf("bad sheets: problem %q", f.problem.Text)
	}
	f.sheets.SetText("2")
	f.from.SetText("1990")
	f.to.SetText("1991")
	f.next()
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "keine Ereignisse") {
		t.Fatalf("empty range: problem %q", f.problem.Text)
	}
	f.from.SetText("2023")
	f.to.SetText("2024")
	f.paper.SetSelectedIndex(0) // A4
	f.lanes.SetSelectedIndex(1) // by category
	f.next()
	h.saveAs(t, "poster.pdf")
	path := filepath.Join(dir, "poster.pdf")
	txt := pdfText(t, path)
	for _, want := range []string{"Zeitleiste des KI-Konflikts", "Blatt 1 von 2", "Blatt 2 von 2", "2023", "Datenstand"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the poster lacks %q:\n%.800s", want, txt)
		}
	}
	// A German event label (labels are cut to fit, so a short title).
	found := false
	for _, e := range h.ds.Events {
		if e.Date.Year == 2023 && len([]rune(e.Title.DE)) < 40 && strings.Contains(txt, e.Title.DE) {
			found = true
			break
		}
	}
	if !found {
		t.Errorf("no German event title of 2023 on the poster:\n%.1500s", txt)
	}
	if out, err := exec.Command("pdfinfo", path).Output(); err == nil && !strings.Contains(string(out), "Pages:           2") {
		t.Errorf("pdfinfo:\n%s", out)
	}
}

func TestImageExportScalesTheViewWithoutTouchingIt(t *testing.T) {
	h := newTourHarness(t, data.EN)
	dir := t.TempDir()
	h.S.Prefs.SetString(prefExportDir, dir)
	h.S.SetFilter(Filter{Categories: map[data.Category]bool{data.CatLegal: true}})
	i := h.S.Matched()[0]
	h.S.TL.SelectAndReveal(i)
	h.flush()
	if w, hgt := h.pp.imageSize(); w != 1280 || hgt != 800 {
		t.Fatalf("image size %dx%d for a 1280x800 window", w, hgt)
	}
	// A small window: the software painter takes long for big pictures
	// under the race detector.
	h.w.Resize(fyne.NewSize(420, 320))
	h.flush()
	vp, lanes := h.S.TL.Viewport(), h.S.TL.LaneMode()
	w, hgt := h.pp.imageSize()
	for k := 1; k <= 3; k++ {
		h.pp.ShowImage()
		f := h.pp.last
		f.scale.SetSelected(f.scale.Options[k-1])
		f.next()
		name := "view" + strconv.Itoa(k) + ".png"
		h.saveAs(t, name)
		fh, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%d×: %v (status %q)", k, err, h.S.Status.Text())
		}
		cfg, err := png.DecodeConfig(fh)
		fh.Close()
		if err != nil || cfg.Width != w*k || cfg.Height != hgt*k {
			t.Errorf("%d×: %dx%d (%v), want %dx%d", k, cfg.Width, cfg.Height, err, w*k, hgt*k)
		}
	}
	if h.S.TL.Viewport() != vp || h.S.TL.LaneMode() != lanes || h.S.TL.Selected() != i || h.S.Match() == nil {
		t.Error("exporting the image changed the window's view")
	}
}

// saveName is the file name the "where to save" dialog in front proposes;
// the dialog is closed.
func (h *harness) saveName(t *testing.T) string {
	t.Helper()
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no save dialog")
	}
	var name string
	walkObjects(top, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			name = e.Text
		}
	})
	h.w.Canvas().Overlays().Remove(top)
	return name
}

// TestPrintDefaultFileNames: the save dialogs propose names in the
// window's language, with the tour's title or the years printed.
func TestPrintDefaultFileNames(t *testing.T) {
	for _, c := range []struct {
		lang                                data.Lang
		handout, worksheet, rangeWS, poster string
	}{
		{data.DE, "handout-der-konflikt-in-12-schritten.pdf", "arbeitsblatt-der-konflikt-in-12-schritten.pdf", "arbeitsblatt-2024.pdf", "poster-2023-2024.pdf"},
		{data.EN, "handout-the-conflict-in-12-steps.pdf", "worksheet-the-conflict-in-12-steps.pdf", "worksheet-2024.pdf", "poster-2023-2024.pdf"},
	} {
		h := newTourHarness(t, c.lang)
		h.pp.ShowHandout("conflict-in-12-steps")
		h.pp.last.next()
		if got := h.saveName(t); got != c.handout {
			t.Errorf("%s: hand-out of a tour saved as %q, want %q", c.lang, got, c.handout)
		}
		h.pp.ShowHandout("conflict-in-12-steps")
		h.pp.last.worksheet.SetChecked(true)
		h.pp.last.next()
		if got := h.saveName(t); got != c.worksheet {
			t.Errorf("%s: worksheet of a tour saved as %q, want %q", c.lang, got, c.worksheet)
		}
		h.pp.ShowHandout("")
		f := h.pp.last
		f.what.SetSelected(f.what.Options[len(f.what.Options)-1]) // a date range
		f.from.SetText("2024-02")
		f.to.SetText("2024-08")
		f.worksheet.SetChecked(true)
		f.next()
		if got := h.saveName(t); got != c.rangeWS {
			t.Errorf("%s: worksheet of a range saved as %q, want %q (problem %q)", c.lang, got, c.rangeWS, f.problem.Text)
		}
		h.pp.ShowPoster()
		f = h.pp.last
		f.from.SetText("2023")
		f.to.SetText("2024")
		f.next()
		if got := h.saveName(t); got != c.poster {
			t.Errorf("%s: poster saved as %q, want %q", c.lang, got, c.poster)
		}
	}
}
