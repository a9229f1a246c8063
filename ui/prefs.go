package ui

import (
	"fyne.io/fyne/v2"

	"aitimeline/data"
	"aitimeline/i18n"
	"aitimeline/ui/timeline"
)

// Preference keys (stable: they are stored on the user's machine).
const (
	PrefLang      = "lang"
	PrefTheme     = "theme"
	PrefLanes     = "timeline.lanes"
	PrefWidth     = "window.width"
	PrefHeight    = "window.height"
	PrefTextScale = "text.scale"
	PrefWelcome   = "welcome.dismissed"
)

// Prefs is a typed view of the app's preferences: every stored setting has
// one getter and one setter here, with its default.
type Prefs struct{ p fyne.Preferences }

// NewPrefs wraps an app's preferences.
func NewPrefs(p fyne.Preferences) *Prefs { return &Prefs{p: p} }

// Lang is the saved language, if any.
func (p *Prefs) Lang() (data.Lang, bool) { return i18n.ParseLang(p.p.String(PrefLang)) }

// SetLang saves the language.
func (p *Prefs) SetLang(l data.Lang) { p.p.SetString(PrefLang, string(l)) }

// Theme is the saved theme choice (system by default).
func (p *Prefs) Theme() ThemeChoice {
	c := ThemeChoice(p.p.StringWithFallback(PrefTheme, string(ThemeSystem)))
	if _, ok := ParseThemeChoice(string(c)); !ok {
		return ThemeSystem
	}
	return c
}

// SetTheme saves the theme choice.
func (p *Prefs) SetTheme(c ThemeChoice) { p.p.SetString(PrefTheme, string(c)) }

// Lanes is the saved lane mode (one lane by default).
func (p *Prefs) Lanes() timeline.LaneMode {
	m, _ := timeline.ParseLaneMode(p.p.StringWithFallback(PrefLanes, "single"))
	return m
}

// SetLanes saves the lane mode.
func (p *Prefs) SetLanes(m timeline.LaneMode) { p.p.SetString(PrefLanes, timeline.LaneModeNames[m]) }

// WindowSize is the saved window size (1280×800 by default).
func (p *Prefs) WindowSize() fyne.Size {
	return fyne.NewSize(float32(p.p.FloatWithFallback(PrefWidth, 1280)), float32(p.p.FloatWithFallback(PrefHeight, 800)))
}

// SetWindowLayout saves the window size and the split positions (by name)
// with one change, so one write of the preferences file. Fyne writes the
// file on every change and reloads it when it changes on disk; four writes
// in a row at close sometimes let a reload read a file half written and
// save that back, losing the height and the splits (seen under load in
// make e2e).
func (p *Prefs) SetWindowLayout(s fyne.Size, splits map[string]float64) {
	vals := map[string]float64{}
	if s.Width >= 200 && s.Height >= 200 {
		vals[PrefWidth], vals[PrefHeight] = float64(s.Width), float64(s.Height)
	}
	for name, v := range splits {
		vals["layout."+name] = v
	}
	if w, ok := p.p.(interface{ WriteValues(func(map[string]any)) }); ok {
		w.WriteValues(func(m map[string]any) {
			for k, v := range vals {
				m[k] = v
			}
		})
		return
	}
	for k, v := range vals {
		p.p.SetFloat(k, v)
	}
}

// Split is the saved offset of a split container, or def.
func (p *Prefs) Split(name string, def float64) float64 {
	v := p.p.FloatWithFallback("layout."+name, def)
	if v <= 0.05 || v >= 0.95 {
		return def
	}
	return v
}

// TextScale is the saved text size factor (1 by default, 0.9 to 2).
func (p *Prefs) TextScale() float32 {
	v := float32(p.p.FloatWithFallback(PrefTextScale, 1))
	return min(max(v, 0.9), 2)
}

// SetTextScale saves the text size factor.
func (p *Prefs) SetTextScale(v float32) { p.p.SetFloat(PrefTextScale, float64(v)) }

// String is a stored text setting of a pane, or def.
func (p *Prefs) String(key, def string) string { return p.p.StringWithFallback(key, def) }

// SetString stores a text setting.
func (p *Prefs) SetString(key, v string) { p.p.SetString(key, v) }

// Bool and SetBool store flags of the panes (e.g. a dismissed welcome).
func (p *Prefs) Bool(key string) bool { return p.p.Bool(key) }

// SetBool stores a flag.
func (p *Prefs) SetBool(key string, v bool) { p.p.SetBool(key, v) }
