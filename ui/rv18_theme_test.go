package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestRV18FitLabelFollowsTextScale: a shown fitLabel takes a new text size
// and colours like a widget.Label beside it.
func TestRV18FitLabelFollowsTextScale(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme(ThemeLight, 1))
	f := newFitLabel(newTextFitter(), fyne.TextStyle{}, "")
	f.SetText("Bundesministerium für Wirtschaft und Klimaschutz")
	l := widget.NewLabel("Bundesministerium für Wirtschaft und Klimaschutz")
	l.Truncation = fyne.TextTruncateEllipsis
	w := test.NewWindow(container.NewGridWithColumns(2, f, l))
	defer w.Close()
	w.Resize(fyne.NewSize(400, 100))
	a.Settings().SetTheme(NewTheme(ThemeDark, 2))
	w.Resize(fyne.NewSize(401, 100))
	ft := test.WidgetRenderer(f).Objects()[0].(*canvas.Text)
	want, _ := shownText(l, fyne.Position{})
	if ft.TextSize != theme.TextSize() {
		t.Errorf("text size %v, theme %v", ft.TextSize, theme.TextSize())
	}
	if ft.Text != want {
		t.Errorf("shows %q, Label %q", ft.Text, want)
	}
	if ft.Color != theme.Color(theme.ColorNameForeground) {
		t.Errorf("colour %v, theme %v", ft.Color, theme.Color(theme.ColorNameForeground))
	}
}
