package ui

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// contrast is the WCAG 2 contrast ratio of two opaque colours; a translucent
// foreground is blended over the background first.
func contrast(fg, bg color.Color) float64 {
	lin := func(c uint32) float64 {
		v := float64(c) / 0xffff
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	blend := func(f, b color.Color) (r, g, bl uint32) {
		fr, fg, fb, fa := f.RGBA()
		br, bgg, bb, _ := b.RGBA()
		mix := func(x, y uint32) uint32 { return x + y*(0xffff-fa)/0xffff }
		return mix(fr, br), mix(fg, bgg), mix(fb, bb)
	}
	lum := func(r, g, b uint32) float64 { return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b) }
	br, bgg, bb, _ := bg.RGBA()
	fr, fgg, fb := blend(fg, bg)
	l1, l2 := lum(fr, fgg, fb), lum(br, bgg, bb)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

func TestContrastRatio(t *testing.T) {
	if r := contrast(color.Black, color.White); math.Abs(r-21) > 0.01 {
		t.Fatalf("black on white = %v", r)
	}
	if r := contrast(color.NRGBA{0x77, 0x77, 0x77, 0xff}, color.White); math.Abs(r-4.48) > 0.02 {
		t.Fatalf("#777 on white = %v", r)
	}
}

// TestThemeContrast checks every colour pair a reader must read, in every
// theme choice: text 4.5:1 (WCAG AA), control borders 3:1.
func TestThemeContrast(t *testing.T) {
	test.NewTempApp(t)
	type pair struct {
		fg, bg fyne.ThemeColorName
		min    float64
	}
	text := []pair{
		{theme.ColorNameForeground, theme.ColorNameBackground, 4.5},
		{theme.ColorNameForeground, theme.ColorNameInputBackground, 4.5},
		{theme.ColorNameForeground, theme.ColorNameMenuBackground, 4.5},
		{theme.ColorNameForeground, theme.ColorNameOverlayBackground, 4.5},
		{theme.ColorNameForeground, theme.ColorNameHeaderBackground, 4.5},
		{theme.ColorNameForeground, theme.ColorNameButton, 4.5},
		{theme.ColorNamePlaceHolder, theme.ColorNameBackground, 4.5}, // secondary text: status, publishers, counts, hints
		{theme.ColorNamePlaceHolder, theme.ColorNameInputBackground, 4.5},
		{theme.ColorNamePrimary, theme.ColorNameBackground, 4.5}, // selected labels, links, active tab
		{theme.ColorNameHyperlink, theme.ColorNameBackground, 4.5},
		{theme.ColorNameError, theme.ColorNameBackground, 4.5}, // the filter dialog's messages
		{theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary, 4.5},
		{theme.ColorNameInputBorder, theme.ColorNameBackground, 3},
		{theme.ColorNameInputBorder, theme.ColorNameInputBackground, 3},
	}
	for _, c := range ThemeChoices {
		for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			th := NewTheme(c, 1)
			var bad []string
			for _, p := range text {
				if r := contrast(th.Color(p.fg, v), th.Color(p.bg, v)); r < p.min {
					bad = append(bad, fmt.Sprintf("%s on %s: %.2f:1 (want %.1f:1)", p.fg, p.bg, r, p.min))
				}
			}
			if len(bad) > 0 {
				t.Errorf("theme %s, variant %d:\n  %s", c, v, strings.Join(bad, "\n  "))
			}
		}
	}
}

func TestHighlightedRowsEndWithEllipsis(t *testing.T) {
	test.NewTempApp(t)
	h := newHLText()
	const title = "Musk zieht seine Klage vor dem Staatsgericht gegen OpenAI zurück"
	h.SetText(title, []string{"klage"})
	w := test.NewTempWindow(t, h)
	w.SetPadded(false)
	for _, width := range []float32{120, 200, 300} {
		w.Resize(fyne.NewSize(width, 40))
		var shown []string
		var right float32
		bold := false
		for _, o := range test.TempWidgetRenderer(t, h).Objects() {
			if tx, ok := o.(*canvas.Text); ok && tx.Visible() {
				shown = append(shown, tx.Text)
				right = max(right, tx.Position().X+tx.Size().Width)
				bold = bold || tx.TextStyle.Bold && tx.Text == "Klage"
			}
		}
		if len(shown) == 0 || shown[len(shown)-1] != "…" {
			t.Fatalf("width %v: %q does not end with …", width, shown)
		}
		if right > width+0.5 {
			t.Fatalf("width %v: text reaches %v", width, right)
		}
		if width >= 200 && !bold {
			t.Fatalf("width %v: the match is not bold: %q", width, shown)
		}
	}
	w.Resize(fyne.NewSize(900, 40))
	var all string
	for _, o := range test.TempWidgetRenderer(t, h).Objects() {
		if tx, ok := o.(*canvas.Text); ok && tx.Visible() {
			all += tx.Text
		}
	}
	if all != title {
		t.Fatalf("wide row shows %q", all)
	}
}
