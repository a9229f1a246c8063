package timeline

import (
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"aitimeline/data"
	"aitimeline/i18n"
	"aitimeline/ui/chrono"
)

// Goldens of a deterministic synthetic dataset, reviewed by eye: on a
// failure the new rendering lands in testdata/failed/; look at it, then copy
// it over the master if the change is intended.
func goldenTimeline(t *testing.T, lang data.Lang, dark bool) (*Timeline, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	variant := theme.VariantLight
	if dark {
		variant = theme.VariantDark
	}
	a.Settings().SetTheme(fixedVariant{theme.DefaultTheme(), variant})
	tl := New(synthData(300), i18n.Must(lang))
	tl.SetNow(func() time.Time { return time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC) })
	w := test.NewTempWindow(t, tl)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(900, 420))
	return tl, w
}

// fixedVariant holds the default theme at one variant (as ui.NewTheme does).
type fixedVariant struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (f fixedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return f.Theme.Color(n, f.variant)
}

func TestGoldenMarkup(t *testing.T) {
	tl, w := goldenTimeline(t, data.DE, false)
	test.AssertRendersToMarkup(t, "timeline_all_de.xml", w.Canvas())
	start := chrono.Seconds(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC))
	tl.ShowRange(start, start+31*chrono.Day)
	lo, hi := tl.Lanes()[0].Lane.Range(start, start+31*chrono.Day)
	tl.Select(int(tl.Lanes()[0].Lane.Ref[(lo+hi)/2]))
	test.AssertRendersToMarkup(t, "timeline_month_de.xml", w.Canvas())
}

func TestGoldenImages(t *testing.T) {
	for _, c := range []struct {
		name  string
		lang  data.Lang
		dark  bool
		lanes LaneMode
	}{{"timeline_all_en_light.png", data.EN, false, LanesSingle}, {"timeline_category_de_dark.png", data.DE, true, LanesCategory}} {
		tl, w := goldenTimeline(t, c.lang, c.dark)
		tl.SetLaneMode(c.lanes)
		test.AssertRendersToImage(t, c.name, w.Canvas())
	}
}
