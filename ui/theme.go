package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// ThemeChoice is the user's theme setting.
type ThemeChoice string

// Theme choices; ThemeSystem follows the desktop's light or dark setting.
const (
	ThemeSystem ThemeChoice = "system"
	ThemeLight  ThemeChoice = "light"
	ThemeDark   ThemeChoice = "dark"
)

// fixedVariant is Fyne's default theme held at one variant, for the manual
// light/dark override and for headless renders.
type fixedVariant struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (f fixedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return f.Theme.Color(n, f.variant)
}

// NewTheme returns the theme for a choice.
func NewTheme(c ThemeChoice) fyne.Theme {
	switch c {
	case ThemeLight:
		return fixedVariant{theme.DefaultTheme(), theme.VariantLight}
	case ThemeDark:
		return fixedVariant{theme.DefaultTheme(), theme.VariantDark}
	}
	return theme.DefaultTheme()
}
