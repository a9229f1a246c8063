package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// OpenReader opens the reader view: a window of its own with the selected
// event's details in larger type and at full height, following the
// selection (arrow keys step through events there too). Enter on the
// timeline, Ctrl+R and View → Reader view open it; Esc closes it.
func (m *Main) OpenReader() {
	s := m.S
	if m.reader != nil {
		m.reader.RequestFocus()
		return
	}
	w := s.App.NewWindow(s.Loc.T("reader.title"))
	d := newDetailPane(s, true)
	w.SetContent(d.Widget())
	s.OnSelect(func(i int) {
		if m.reader == w {
			d.show(i)
		}
	})
	d.show(s.TL.Selected())
	w.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		switch e.Name {
		case fyne.KeyEscape:
			w.Close()
		case fyne.KeyLeft, fyne.KeyRight, fyne.KeyPageUp, fyne.KeyPageDown, fyne.KeyHome, fyne.KeyEnd:
			s.TL.TypedKey(e)
		}
	})
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { w.Close() })
	w.SetOnClosed(func() {
		if m.reader == w {
			m.reader = nil
		}
	})
	m.reader = w
	size := s.Win.Canvas().Size()
	w.Resize(fyne.NewSize(min(900, size.Width), max(size.Height, 600)))
	w.Show()
}

// Reader is the open reader window, or nil (tests).
func (m *Main) Reader() fyne.Window { return m.reader }
