package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shownText is what a widget draws: the text of its canvas.Text objects
// (with their position), found through the renderers.
func shownText(o fyne.CanvasObject, at fyne.Position) (string, fyne.Position) {
	if t, ok := o.(*canvas.Text); ok {
		return t.Text, at.Add(t.Position())
	}
	if w, ok := o.(fyne.Widget); ok {
		for _, c := range test.WidgetRenderer(w).Objects() {
			if s, p := shownText(c, at.Add(c.Position())); s != "" {
				return s, p
			}
		}
	}
	return "", fyne.Position{}
}

// TestFitLabelCutsLikeFyne compares fitLabel with widget.Label with
// TextTruncateEllipsis, the widget it replaces: at every width, in both
// styles the panes use, at 100 % and 200 % text size, the same characters
// at the same place, and the same height.
func TestFitLabelCutsLikeFyne(t *testing.T) {
	a := test.NewTempApp(t)
	texts := []string{
		"Synthetic Wire", "Report 50619", "2015", "en", "1", "example.org", "",
		"OpenAI publishes Musk's emails about the for-profit structure",
		"Bundesministerium für Wirtschaft und Klimaschutz – Pressemitteilung",
		"Übergänge größer als erwartet: „Künstliche Intelligenz“ im Bundestag",
		"A  double  spaced   title ", "averyveryverylongwordwithoutanyspaceatalltofit",
		"Chief executive officer, OpenAI", "12 events", "Sam Altman",
	}
	for _, scale := range []float32{1, 2} {
		a.Settings().SetTheme(NewTheme(ThemeLight, scale))
		for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
			for _, s := range texts {
				for w := float32(20); w <= 480; w += 7 {
					l := widget.NewLabel(s)
					l.Truncation = fyne.TextTruncateEllipsis
					l.TextStyle = style
					f := newFitLabel(newTextFitter(), style, "")
					f.SetText(s)
					h := l.MinSize().Height
					if fh := f.MinSize().Height; fh != h {
						t.Fatalf("scale %v %+v %q: height %v, Label's %v", scale, style, s, fh, h)
					}
					l.Resize(fyne.NewSize(w, h))
					f.Resize(fyne.NewSize(w, h))
					want, wp := shownText(l, fyne.Position{})
					got, gp := shownText(f, fyne.Position{})
					if got != want || (want != "" && gp != wp) {
						t.Fatalf("scale %v %+v width %v: %q at %v, Label shows %q at %v", scale, style, w, got, gp, want, wp)
					}
				}
			}
		}
	}
}

// TestFitLabelFallsBackForMissingGlyphs: a character the theme's font does
// not have (here a CJK one) is measured with Fyne's fallback fonts; the
// cut still fits and ends in "…".
func TestFitLabelFallsBackForMissingGlyphs(t *testing.T) {
	test.NewTempApp(t)
	s := strings.Repeat("人工智能 ", 20)
	if _, ok := newTextFitter().fit(s, 100, theme.TextSize(), fyne.TextStyle{}, theme.Current().Font(fyne.TextStyle{})); ok {
		t.Fatal("fit claims to shape a CJK text with the theme's Latin font")
	}
	cut := fitMeasured(s, 100, theme.TextSize(), fyne.TextStyle{})
	if !strings.HasSuffix(cut, "…") || len([]rune(cut)) < 2 || fyne.MeasureText(cut, theme.TextSize(), fyne.TextStyle{}).Width > 100 {
		t.Fatalf("cut %q", cut)
	}
	if got := fitMeasured("short", 100, theme.TextSize(), fyne.TextStyle{}); got != "short" {
		t.Fatalf("a text that fits was cut: %q", got)
	}
}

// TestFitLabelRemembersCuts: the second cut of the same text at the same
// width comes from the cache, and the cache stays bounded.
func TestFitLabelRemembersCuts(t *testing.T) {
	test.NewTempApp(t)
	f := newTextFitter()
	reg := theme.Current().Font(fyne.TextStyle{})
	one, ok := f.fit("Bundesministerium für Wirtschaft", 80, 14, fyne.TextStyle{}, reg)
	if !ok || !strings.HasSuffix(one, "…") {
		t.Fatalf("cut %q %v", one, ok)
	}
	f.cuts[fitKey{"Bundesministerium für Wirtschaft", 80, 14, fyne.TextStyle{}, theme.Current().Font(fyne.TextStyle{}).Name()}] = "remembered"
	if two, _ := f.fit("Bundesministerium für Wirtschaft", 80, 14, fyne.TextStyle{}, reg); two != "remembered" {
		t.Fatalf("second cut %q: not from the cache", two)
	}
	for k := 0; k < fitCacheSize+10; k++ {
		f.fit("x", k, 14, fyne.TextStyle{}, reg)
	}
	if len(f.cuts) > fitCacheSize {
		t.Fatalf("%d cuts remembered, bound %d", len(f.cuts), fitCacheSize)
	}
}
