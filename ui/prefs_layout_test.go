package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestWindowLayoutIsOneChange: the window size and split positions saved
// at close are one change of the preferences (one write of the file), and
// read back as set.
func TestWindowLayoutIsOneChange(t *testing.T) {
	a := test.NewTempApp(t)
	changes := 0
	a.Preferences().AddChangeListener(func() { changes++ })
	p := NewPrefs(a.Preferences())
	p.SetWindowLayout(fyne.NewSize(1200, 700), map[string]float64{"list_detail": 0.4, "timeline": 0.55})
	if changes != 1 {
		t.Errorf("%d changes, want 1", changes)
	}
	if s := p.WindowSize(); s.Width != 1200 || s.Height != 700 {
		t.Errorf("window size %v", s)
	}
	if v := p.Split("list_detail", 0); v != 0.4 {
		t.Errorf("list_detail %v", v)
	}
	if v := p.Split("timeline", 0); v != 0.55 {
		t.Errorf("timeline %v", v)
	}
}
