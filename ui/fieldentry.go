package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// FieldEntry is a one-line text field that leaves the window's shortcuts
// (Ctrl+1 … Ctrl+5, Ctrl+F, Ctrl+P, Ctrl+Shift+N …) working while it has
// the focus. Fyne's desktop driver hands every shortcut to the focused
// widget, and widget.Entry drops the ones it has not registered itself; a
// FieldEntry passes those on to its window's canvas and keeps the editing
// shortcuts (copy, paste, undo, select all, Ctrl+←/→ …) for the text.
type FieldEntry struct {
	widget.Entry
}

// NewFieldEntry makes an empty one-line FieldEntry.
func NewFieldEntry() *FieldEntry {
	e := &FieldEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut edits the text with the shortcuts a text field uses and
// gives the others to the window.
func (e *FieldEntry) TypedShortcut(sc fyne.Shortcut) {
	if passShortcut(e, sc) {
		return
	}
	e.Entry.TypedShortcut(sc)
}

// passShortcut gives sc to the canvas o is on when sc is a key combination
// a text field has no use for, and reports whether it did. The standard
// editing shortcuts (fyne.ShortcutCopy and its kind) are never custom
// ones; combinations with the cursor and deleting keys (Ctrl+←, Alt+→,
// Ctrl+Backspace, Ctrl+Shift+End …) stay with the text, even where the
// field ignores them, because a user typing means the text by them.
func passShortcut(o fyne.CanvasObject, sc fyne.Shortcut) bool {
	cs, ok := sc.(*desktop.CustomShortcut)
	if !ok {
		return false
	}
	switch cs.KeyName {
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown, fyne.KeyHome, fyne.KeyEnd,
		fyne.KeyBackspace, fyne.KeyDelete:
		return false
	}
	app := fyne.CurrentApp()
	if app == nil {
		return false
	}
	c, ok := app.Driver().CanvasForObject(o).(fyne.Shortcutable)
	if !ok {
		return false
	}
	c.TypedShortcut(sc)
	return true
}
