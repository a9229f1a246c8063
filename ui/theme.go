package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ThemeChoice is the user's theme setting.
type ThemeChoice string

// Theme choices; ThemeSystem follows the desktop's light or dark setting.
const (
	ThemeSystem       ThemeChoice = "system"
	ThemeLight        ThemeChoice = "light"
	ThemeDark         ThemeChoice = "dark"
	ThemeHighContrast ThemeChoice = "contrast"
)

// ThemeChoices lists the choices in menu order.
var ThemeChoices = []ThemeChoice{ThemeSystem, ThemeLight, ThemeDark, ThemeHighContrast}

// ParseThemeChoice reads a theme name (command line, preferences).
func ParseThemeChoice(s string) (ThemeChoice, bool) {
	for _, c := range ThemeChoices {
		if string(c) == s {
			return c, true
		}
	}
	return ThemeSystem, false
}

// appTheme is Fyne's default theme with the colours every reader must be
// able to read raised to WCAG AA contrast (4.5:1) in both variants — the
// default's light placeholder (#888 on white, 3.5:1), primary blue and error
// red are below it — optionally held at one variant, optionally in high
// contrast, and with all sizes scaled for large text.
type appTheme struct {
	base    fyne.Theme
	variant fyne.ThemeVariant
	fixed   bool
	high    bool
	scale   float32
}

// NewTheme returns the theme for a choice, with sizes scaled by scale (1 = normal).
func NewTheme(c ThemeChoice, scale float32) fyne.Theme {
	t := &appTheme{base: theme.DefaultTheme(), scale: scale}
	switch c {
	case ThemeLight:
		t.variant, t.fixed = theme.VariantLight, true
	case ThemeDark:
		t.variant, t.fixed = theme.VariantDark, true
	case ThemeHighContrast:
		t.variant, t.fixed, t.high = theme.VariantDark, true, true
	}
	if t.scale <= 0 {
		t.scale = 1
	}
	return t
}

var (
	lightColors = map[fyne.ThemeColorName]color.Color{
		theme.ColorNamePlaceHolder:         color.NRGBA{0x66, 0x66, 0x66, 0xff},
		theme.ColorNamePrimary:             color.NRGBA{0x15, 0x65, 0xc0, 0xff},
		theme.ColorNameHyperlink:           color.NRGBA{0x15, 0x65, 0xc0, 0xff},
		theme.ColorNameForegroundOnPrimary: color.NRGBA{0xff, 0xff, 0xff, 0xff},
		theme.ColorNameError:               color.NRGBA{0xc6, 0x28, 0x28, 0xff},
		theme.ColorNameFocus:               color.NRGBA{0x15, 0x65, 0xc0, 0x70},
		theme.ColorNameSelection:           color.NRGBA{0x15, 0x65, 0xc0, 0x40},
		// Borders of fields and check boxes: 3:1 against the background, as
		// WCAG asks of the parts of a control (the default #e3e3e3 is 1.3:1).
		theme.ColorNameInputBorder: color.NRGBA{0x8a, 0x8a, 0x8a, 0xff},
	}
	darkColors = map[fyne.ThemeColorName]color.Color{
		theme.ColorNameDisabled:            color.NRGBA{0x80, 0x80, 0x82, 0xff},
		theme.ColorNamePrimary:             color.NRGBA{0x6c, 0xb8, 0xf6, 0xff},
		theme.ColorNameHyperlink:           color.NRGBA{0x6c, 0xb8, 0xf6, 0xff},
		theme.ColorNameForegroundOnPrimary: color.NRGBA{0x10, 0x10, 0x12, 0xff},
		theme.ColorNameError:               color.NRGBA{0xff, 0x73, 0x6b, 0xff},
		theme.ColorNameFocus:               color.NRGBA{0x6c, 0xb8, 0xf6, 0x80},
		theme.ColorNameSelection:           color.NRGBA{0x6c, 0xb8, 0xf6, 0x50},
		theme.ColorNameInputBorder:         color.NRGBA{0x80, 0x80, 0x84, 0xff},
	}
	// High contrast: white on black, yellow accents, clear borders.
	contrastColors = map[fyne.ThemeColorName]color.Color{
		theme.ColorNameBackground:          color.Black,
		theme.ColorNameInputBackground:     color.Black,
		theme.ColorNameMenuBackground:      color.Black,
		theme.ColorNameOverlayBackground:   color.Black,
		theme.ColorNameHeaderBackground:    color.Black,
		theme.ColorNameButton:              color.NRGBA{0x20, 0x20, 0x20, 0xff},
		theme.ColorNameForeground:          color.White,
		theme.ColorNamePlaceHolder:         color.NRGBA{0xe0, 0xe0, 0xe0, 0xff},
		theme.ColorNameDisabled:            color.NRGBA{0xb0, 0xb0, 0xb0, 0xff},
		theme.ColorNamePrimary:             color.NRGBA{0xff, 0xe0, 0x00, 0xff},
		theme.ColorNameHyperlink:           color.NRGBA{0xff, 0xe0, 0x00, 0xff},
		theme.ColorNameForegroundOnPrimary: color.Black,
		theme.ColorNameError:               color.NRGBA{0xff, 0x80, 0x80, 0xff},
		theme.ColorNameFocus:               color.NRGBA{0xff, 0xe0, 0x00, 0xff},
		theme.ColorNameSelection:           color.NRGBA{0xff, 0xe0, 0x00, 0x60},
		theme.ColorNameSeparator:           color.White,
		theme.ColorNameInputBorder:         color.White,
		theme.ColorNameHover:               color.NRGBA{0xff, 0xff, 0xff, 0x30},
	}
)

func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.fixed {
		v = t.variant
	}
	if t.high {
		if c, ok := contrastColors[n]; ok {
			return c
		}
	}
	m := lightColors
	if v == theme.VariantDark {
		m = darkColors
	}
	if c, ok := m[n]; ok {
		return c
	}
	return t.base.Color(n, v)
}

func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource     { return t.base.Font(s) }
func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

func (t *appTheme) Size(n fyne.ThemeSizeName) float32 {
	s := t.base.Size(n)
	if t.high && (n == theme.SizeNameInputBorder || n == theme.SizeNameSelectionRadius) {
		s = max(s, 2)
	}
	return s * t.scale
}

// secondary is text that reads as less prominent than the main text but is
// still meant to be read (status messages, publishers and dates, counts,
// hints): the theme's placeholder colour, which the theme keeps at AA
// contrast. Fyne's LowImportance labels use the disabled colour instead,
// which is not meant to be read.
func secondary(s string, wrap bool) *widget.RichText {
	seg := &widget.TextSegment{Text: s, Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, Inline: true}}
	rt := widget.NewRichText(seg)
	if wrap {
		rt.Wrapping = fyne.TextWrapWord
	} else {
		rt.Truncation = fyne.TextTruncateEllipsis
	}
	return rt
}

// setSecondary changes a secondary text's words.
func setSecondary(rt *widget.RichText, s string) {
	if seg, ok := rt.Segments[0].(*widget.TextSegment); ok && seg.Text != s {
		seg.Text = s
		rt.Refresh()
	}
}
