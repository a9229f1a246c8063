package printout

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"aitimeline/data"
	"aitimeline/i18n"
	"aitimeline/ui/chrono"
	"aitimeline/ui/timeline"
)

func posterData(t testing.TB) (*timeline.Data, data.Meta) {
	ds := dataset(t)
	return timeline.FromDataset(ds), ds.Meta
}

// renderPage renders page n of a PDF with pdftoppm.
func renderPage(t *testing.T, path string, n, dpi int) image.Image {
	t.Helper()
	needTool(t, "pdftoppm")
	out := filepath.Join(t.TempDir(), "page")
	if err := exec.Command("pdftoppm", "-r", strconv.Itoa(dpi), "-f", strconv.Itoa(n), "-l", strconv.Itoa(n),
		"-png", "-singlefile", path, out).Run(); err != nil {
		t.Fatalf("pdftoppm: %v", err)
	}
	f, err := os.Open(out + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// inked counts the dark pixels of img in r.
func inked(img image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if (cr+cg+cb)/3 < 0x8000 {
				n++
			}
		}
	}
	return n
}

func TestPosterA3FourSheets(t *testing.T) {
	td, meta := posterData(t)
	loc := i18n.Must(data.DE)
	opt := PosterOptions{Paper: A3, Across: 4, Lanes: timeline.LanesCategory, Meta: meta, Created: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	var buf bytes.Buffer
	if err := WritePoster(&buf, td, loc, opt); err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, "poster-a3x4-de.pdf", buf.Bytes())
	n, w, h := pdfInfo(t, path)
	if n != 4 || int(w) != 1190 || int(h) != 841 {
		t.Fatalf("%d pages of %.0f x %.0f, want 4 A3 landscape", n, w, h)
	}
	pages := pdfText(t, path)
	all := oneLine(strings.Join(pages, "\n"))
	for _, s := range []string{"Zeitleiste des KI-Konflikts", loc.T("classroom.as_of", "Date", loc.Date(meta.AsOf)), "Datensatz " + meta.Version, "Legende",
		"Produkte", "Umstritten", "Blatt 1 von 4", "Blatt 4 von 4", "An den Marken abschneiden", "Klebefläche rechts: Blatt 2 darauflegen"} {
		if !strings.Contains(all, oneLine(s)) {
			t.Errorf("poster text lacks %q", s)
		}
	}
	// Every sheet names the lanes (category lanes: "Recht" is one).
	for i, pg := range pages {
		if !strings.Contains(pg, "Recht") {
			t.Errorf("sheet %d does not name the lanes", i+1)
		}
	}
	for _, y := range []string{"2016", "2020", "2024", "2026"} {
		if !strings.Contains(all, y) {
			t.Errorf("year %s not on the axis", y)
		}
	}
	// The labels the layout placed are on the poster: most events of a
	// four-sheet poster get one, and each label's text is in the PDF.
	p, err := newPoster(td, loc, opt)
	if err != nil {
		t.Fatal(err)
	}
	// (A label across the cut between two sheets is on both, each part
	// clipped; it cannot be read whole from either page's text.)
	labelled, across := 0, 0
	cw := 420*mm - 2*psMargin
	for li := range p.lanes {
		for _, part := range p.place[li] {
			for _, lb := range part.pl.Labels {
				labelled++
				a, b := part.off+float64(lb.X)-psMarker, part.off+float64(lb.X)+psMarker+float64(lb.W)
				if lb.Left {
					a, b = part.off+float64(lb.X)-psMarker-float64(lb.W), part.off+float64(lb.X)+psMarker
				}
				whole := false
				for i := 0; i < opt.Across; i++ {
					x0 := float64(i) * (cw - psGlue)
					whole = whole || (a >= x0 && b <= x0+cw)
				}
				if !whole {
					across++
					continue
				}
				if s := strings.TrimSuffix(p.labels[lb.Ref], "…"); !strings.Contains(all, oneLine(s)) {
					t.Errorf("label %q not in the PDF's text", s)
				}
			}
			checkRows(t, part.pl.Labels, psMarker)
		}
	}
	if labelled < td.Len()*3/4 || across > 2 {
		t.Errorf("%d of %d events labelled on four A3 sheets, %d of them across a cut", labelled, td.Len(), across)
	}
	t.Logf("%d of %d events labelled, %d across a cut", labelled, td.Len(), across)
	// Crop marks: strokes in the margin beside each corner of the printed
	// area, on every sheet.
	const dpi = 72
	for pg := 1; pg <= n; pg++ {
		img := renderPage(t, path, pg, dpi)
		b := img.Bounds()
		margin := psMargin
		m := int(margin)
		for _, c := range []image.Point{{m, m}, {b.Dx() - m, m}, {m, b.Dy() - m}, {b.Dx() - m, b.Dy() - m}} {
			dx, dy := -1, -1
			if c.X > b.Dx()/2 {
				dx = 1
			}
			if c.Y > b.Dy()/2 {
				dy = 1
			}
			hArm := image.Rect(c.X+dx*5, c.Y-1, c.X+dx*11, c.Y+1).Canon()
			vArm := image.Rect(c.X-1, c.Y+dy*5, c.X+1, c.Y+dy*11).Canon()
			if inked(img, hArm) < 3 || inked(img, vArm) < 3 {
				t.Errorf("sheet %d: no crop mark at the corner %v", pg, c)
			}
		}
	}
}

// checkRows fails when two labels of a row overlap.
func checkRows(t *testing.T, labels []chrono.Label, marker float32) {
	t.Helper()
	type span struct{ a, b float32 }
	rows := map[int][]span{}
	for _, lb := range labels {
		a, b := lb.X-marker/2, lb.X+marker/2+2.5+lb.W
		if lb.Left {
			a, b = lb.X-marker/2-2.5-lb.W, lb.X+marker/2
		}
		for _, s := range rows[lb.Row] {
			if a < s.b && s.a < b {
				t.Errorf("labels overlap in row %d: [%.1f %.1f] and [%.1f %.1f]", lb.Row, a, b, s.a, s.b)
			}
		}
		rows[lb.Row] = append(rows[lb.Row], span{a, b})
	}
}

func TestPosterSingleSheetEnglish(t *testing.T) {
	td, meta := posterData(t)
	var buf bytes.Buffer
	err := WritePoster(&buf, td, i18n.Must(data.EN), PosterOptions{Paper: A4, Lanes: timeline.LanesPerson, Meta: meta,
		From: data.MustDate("2024-02"), To: data.MustDate("2024-12")})
	if err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, "poster-a4-en.pdf", buf.Bytes())
	n, w, h := pdfInfo(t, path)
	if n != 1 || int(w) != 841 || int(h) != 595 {
		t.Fatalf("%d pages of %.0f x %.0f, want one A4 landscape", n, w, h)
	}
	all := oneLine(strings.Join(pdfText(t, path), "\n"))
	for _, s := range []string{"AI Conflict Timeline", "February 2024 to December 2024", "Elon Musk", "Sam Altman", "Legend"} {
		if !strings.Contains(all, s) {
			t.Errorf("poster text lacks %q", s)
		}
	}
	for _, s := range []string{"Sheet 1", "Cut along", "2019", "2025"} {
		if strings.Contains(all, s) {
			t.Errorf("a one-sheet poster of 2024 has %q", s)
		}
	}
	// No crop marks on a single sheet.
	img := renderPage(t, path, 1, 72)
	if inked(img, image.Rect(0, 0, 30, 30)) > 0 {
		t.Error("marks in the corner of a one-sheet poster")
	}
}

func TestPosterErrors(t *testing.T) {
	td, _ := posterData(t)
	loc := i18n.Must(data.DE)
	cases := []struct {
		opt PosterOptions
		id  string
	}{
		{PosterOptions{Paper: Letter}, "classroom.err.paper"},
		{PosterOptions{Paper: "B5"}, "classroom.err.paper"},
		{PosterOptions{Across: MaxSheets + 1}, "classroom.err.sheets"},
		{PosterOptions{From: data.MustDate("2031"), To: data.MustDate("2032")}, "classroom.err.no_events"},
		{PosterOptions{From: data.MustDate("2025"), To: data.MustDate("2024")}, "classroom.err.no_events"},
	}
	for _, c := range cases {
		var buf bytes.Buffer
		err := WritePoster(&buf, td, loc, c.opt)
		if e, ok := err.(*Error); !ok || e.ID != c.id || buf.Len() != 0 {
			t.Errorf("%+v: %v, %d bytes", c.opt, err, buf.Len())
		}
	}
}

// TestPosterTwoByTwo: a poster tiled both ways has glue strips right and
// below, and no label row crosses the horizontal cut.
func TestPosterTwoByTwo(t *testing.T) {
	td, meta := posterData(t)
	loc := i18n.Must(data.DE)
	opt := PosterOptions{Paper: A4, Across: 2, Down: 2, Lanes: timeline.LanesOrganization, MaxLanes: 5, Meta: meta}
	var buf bytes.Buffer
	if err := WritePoster(&buf, td, loc, opt); err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, "poster-a4-2x2-de.pdf", buf.Bytes())
	if n, w, h := pdfInfo(t, path); n != 4 || int(w) != 841 || int(h) != 595 {
		t.Fatalf("%d pages of %.0f x %.0f", n, w, h)
	}
	pages := pdfText(t, path)
	for i, want := range [][]string{
		{"Blatt 1 von 4 (Reihe 1, Spalte 1)", "Klebefläche rechts: Blatt 2", "Klebefläche unten: Blatt 3"},
		{"Blatt 2 von 4 (Reihe 1, Spalte 2)", "Klebefläche unten: Blatt 4"},
		{"Blatt 3 von 4 (Reihe 2, Spalte 1)", "Klebefläche rechts: Blatt 4"},
		{"Blatt 4 von 4 (Reihe 2, Spalte 2)"},
	} {
		for _, s := range want {
			if !strings.Contains(oneLine(pages[i]), s) {
				t.Errorf("sheet %d lacks %q", i+1, s)
			}
		}
	}
	if strings.Contains(oneLine(pages[3]), "Klebefläche") {
		t.Error("the last sheet has a glue strip")
	}
	p, err := newPoster(td, loc, opt)
	if err != nil {
		t.Fatal(err)
	}
	cut := p.ch - psGlue
	for li, ys := range p.rowYs {
		for _, y := range ys {
			if y-p.rowH/2 < cut && cut < y+p.rowH/2 {
				t.Errorf("lane %d: a row at %.1f crosses the cut at %.1f", li, y, cut)
			}
		}
	}
}
