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

// TypedKey gives Esc to the window while a dialog is open (its key handler
// cancels the topmost dialog, Session.closeOnEsc); other keys edit the text.
func (e *FieldEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		if c := canvasOf(e); c != nil && c.Overlays().Top() != nil && c.OnTypedKey() != nil {
			c.OnTypedKey()(k)
			return
		}
	}
	e.Entry.TypedKey(k)
}

// canvasOf is the canvas o is drawn on, or nil.
func canvasOf(o fyne.CanvasObject) fyne.Canvas {
	app := fyne.CurrentApp()
	if app == nil {
		return nil
	}
	return app.Driver().CanvasForObject(o)
}

// escDialogs maps each open dialog's pop-up (the canvas overlay that
// dialog.Show adds) to what Esc does there. Fyne's dialogs do not react
// to Esc themselves, and the overlay does not lead back to its dialog.
// Used on the UI goroutine only.
type escDialogs map[fyne.CanvasObject]func()

// closeOnEsc makes Esc act as cancel on the dialog just shown in the
// window (call it right after the dialog's Show): onEsc runs when Esc is
// typed while that dialog is the topmost one.
func (s *Session) closeOnEsc(onEsc func()) {
	top := s.Win.Canvas().Overlays().Top()
	if top == nil {
		return
	}
	if s.esc == nil {
		s.esc = escDialogs{}
	}
	for o := range s.esc { // dialogs closed since: their pop-ups are hidden
		if !o.Visible() {
			delete(s.esc, o)
		}
	}
	s.esc[top] = onEsc
}

// escapeDialog runs the Esc action of the window's topmost overlay when
// it is a dialog given to closeOnEsc, and reports whether it did.
func (s *Session) escapeDialog() bool {
	top := s.Win.Canvas().Overlays().Top()
	if top == nil {
		return false
	}
	f := s.esc[top]
	if f == nil {
		return false
	}
	f()
	return true
}

// passShortcut gives sc to the canvas o is on when sc is a key combination
// a text field has no use for, and reports whether it did. The standard
// editing shortcuts (fyne.ShortcutCopy and its kind) are never custom
// ones; while a dialog is open nothing is passed (Ctrl+2 must not switch
// tabs behind it); combinations with the cursor and deleting keys (Ctrl+←, Alt+→,
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
	c := canvasOf(o)
	if c == nil || c.Overlays().Top() != nil {
		return false // a dialog is open: the window's keys are not for it
	}
	sh, ok := c.(fyne.Shortcutable)
	if !ok {
		return false
	}
	sh.TypedShortcut(sc)
	return true
}
