package ui

// UX 19b: keys and small texts a new researcher stumbled over. Each test
// fails before its fix.

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
)

// shortcutField is a text field that takes shortcuts as the desktop driver
// gives them to the focused widget.
type shortcutField interface {
	fyne.Focusable
	fyne.Shortcutable
	SetText(string)
}

// The window's shortcuts work while one of the app's text fields has the
// focus: the driver gives the shortcut to the field, and the field passes
// on what it does not use (Ctrl+1 … Ctrl+5 switch tabs, Ctrl+L opens the
// filter dialog); Ctrl+← still moves the cursor by a word and Ctrl+A still
// selects the field's text.
func TestUX19bWindowShortcutsWorkInTextFields(t *testing.T) {
	h := newNBHarness(t, data.EN)
	h.selectEvent(t, h.ds.Events[10].ID)
	h.p.editor.Edit()
	h.flush()
	fields := []struct {
		name string
		tab  string // the tab the field is on
		f    shortcutField
	}{
		{"timeline search", "timeline", h.Search.Entry()},
		{"tag field", "timeline", h.p.tagEntry},
		{"note editor", "timeline", h.p.editor.entry},
		{"notebook filter", "notebook", h.p.tab.text},
		{"people search", "people", h.People.search},
		{"sources filter", "sources", h.Sources.filter},
	}
	tabKey := func(k int) *desktop.CustomShortcut {
		return &desktop.CustomShortcut{KeyName: fyne.KeyName(string(rune('1' + k))), Modifier: fyne.KeyModifierShortcutDefault}
	}
	index := map[string]int{}
	for k := range h.Tabs().Items {
		h.Tabs().SelectIndex(k)
		index[h.SelectedTab()] = k
	}
	for _, c := range fields {
		t.Run(c.name, func(t *testing.T) {
			h.ShowTab(c.tab)
			h.flush()
			cv := h.w.Canvas()
			cv.Focus(c.f)
			if cv.Focused() != c.f {
				t.Fatalf("the %s does not take the focus", c.name)
			}
			// Editing keys stay in the field.
			c.f.SetText("alpha beta")
			e := entryOf(c.f)
			e.CursorColumn = len("alpha beta")
			c.f.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierShortcutDefault})
			if e.CursorColumn != len("alpha ") {
				t.Errorf("Ctrl+← in the %s put the cursor at %d, want %d", c.name, e.CursorColumn, len("alpha "))
			}
			c.f.TypedShortcut(&fyne.ShortcutSelectAll{})
			if e.SelectedText() != "alpha beta" {
				t.Errorf("Ctrl+A in the %s selected %q", c.name, e.SelectedText())
			}
			if h.SelectedTab() != c.tab {
				t.Fatalf("editing keys in the %s switched to the %s tab", c.name, h.SelectedTab())
			}
			// The window's keys go through.
			other := "sources"
			if c.tab == "sources" {
				other = "people"
			}
			c.f.TypedShortcut(tabKey(index[other]))
			if got := h.SelectedTab(); got != other {
				t.Errorf("Ctrl+%d in the %s: the %s tab is in front, want %s", index[other]+1, c.name, got, other)
			}
			c.f.SetText("")
			h.ShowTab(c.tab)
			cv.Focus(c.f)
			c.f.TypedShortcut(scFilter)
			if cv.Overlays().Top() == nil {
				t.Errorf("Ctrl+L in the %s opened no filter dialog", c.name)
			} else {
				cv.Overlays().Top().Hide()
				cv.Overlays().Remove(cv.Overlays().Top())
			}
			h.flush()
		})
	}
}

// entryOf is the text field inside f.
func entryOf(f shortcutField) *widget.Entry {
	switch v := f.(type) {
	case *FieldEntry:
		return &v.Entry
	case *noteEntry:
		return &v.Entry
	}
	panic("not an entry")
}
