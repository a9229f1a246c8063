package ui

// UX 19b: keys and small texts a new researcher stumbled over. Each test
// fails before its fix.

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/data/userdb"
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

// Esc closes the topmost dialog as its Cancel (or Close) button would,
// whether a field in it has the focus or nothing has; with nothing open it
// still clears the timeline's selection. The own-event form asks before Esc
// drops what was typed.
func TestUX19bEscClosesDialogs(t *testing.T) {
	h := newNBHarness(t, data.EN)
	if _, err := h.nb.Backup(context.Background()); err != nil {
		t.Fatal(err)
	}
	c := h.w.Canvas()
	esc := func() {
		if f := c.Focused(); f != nil {
			f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		} else {
			c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
		}
		h.flush()
	}
	open := func() bool { return c.Overlays().Top() != nil }
	h.selectEvent(t, h.ds.Events[10].ID)
	before := h.S.Filter()
	for _, d := range []struct {
		name string
		show func()
		typ  func() // types into the dialog's field, if it has one
	}{
		{"keyboard shortcuts", h.ShowKeys, nil},
		{"about", h.ShowAbout, nil},
		{"filter", h.Filters.ShowDialog, func() {
			c.Focus(h.Filters.dialogFrom)
			test.Type(h.Filters.dialogFrom, "2024")
		}},
		{"citations", h.p.ShowCiteDialog, nil},
		{"restore", h.p.ShowRestore, nil},
		{"author", h.p.ShowAuthor, nil},
		{"own event, untouched", func() { h.p.ShowOwnEventEditor(userdb.OwnEvent{}) }, nil},
	} {
		t.Run(d.name, func(t *testing.T) {
			d.show()
			h.flush()
			if !open() {
				t.Fatalf("the %s dialog did not open", d.name)
			}
			if d.typ != nil {
				d.typ()
			}
			esc()
			if open() {
				t.Fatalf("Esc left the %s dialog open:\n%s", d.name, objectStrings(c.Overlays().Top()))
			}
		})
	}
	if h.S.Filter().From != before.From {
		t.Errorf("Esc in the filter dialog applied the date typed: %v", h.S.Filter().From)
	}
	if h.S.TL.Selected() < 0 {
		t.Fatal("Esc in a dialog cleared the selection behind it")
	}

	// The own-event form with something typed: Esc asks; Esc again goes
	// back to the form with the text kept; Discard closes it unsaved.
	h.p.ShowOwnEventEditor(userdb.OwnEvent{})
	h.flush()
	f := h.lastForm(t)
	form := c.Overlays().Top()
	c.Focus(f.titleEN)
	test.Type(f.titleEN, "Zebra hearing")
	esc()
	if top := c.Overlays().Top(); top == nil || top == form || !strings.Contains(objectStrings(top), "Discard this event?") {
		t.Fatalf("Esc in a filled-in own-event form did not ask first; top overlay:\n%v", top)
	}
	c.Unfocus()
	esc()
	if c.Overlays().Top() != form || f.titleEN.Text != "Zebra hearing" {
		t.Fatalf("Esc on the question did not go back to the form with the title kept (%q)", f.titleEN.Text)
	}
	c.Focus(f.summaryEN)
	esc()
	ux19Shot(t, c.Capture(), "ux19b-own-event-esc.png")
	h.tapOverlayButton(t, "Discard")
	h.flush()
	if open() {
		t.Fatal("Discard left the own-event form open")
	}
	if evs, _ := h.nb.OwnEvents(context.Background()); len(evs) != 0 {
		t.Fatalf("Discard saved %d own events", len(evs))
	}

	// Without a dialog, Esc is the timeline's again.
	c.Unfocus()
	esc()
	if h.S.TL.Selected() >= 0 {
		t.Errorf("Esc with no dialog open left event %d selected", h.S.TL.Selected())
	}
}

// An empty date in the own-event form asks for a date instead of calling
// the empty text „no date“, in both languages.
func TestUX19bOwnEventEmptyDateAsksForOne(t *testing.T) {
	for _, c := range []struct {
		lang data.Lang
		want string
	}{
		{data.EN, "Please enter a date: 2024, 3.2024 or 5.3.2024."},
		{data.DE, "Bitte geben Sie ein Datum ein: 2024, 3.2024 oder 5.3.2024."},
	} {
		t.Run(string(c.lang), func(t *testing.T) {
			h := newNBHarness(t, c.lang)
			h.p.ShowOwnEventEditor(userdb.OwnEvent{})
			h.flush()
			f := h.lastForm(t)
			f.date.SetText("")
			f.titleEN.SetText("Zebra hearing")
			f.srcRows[0].url.SetText("https://example.org/zebra")
			f.submit()
			h.flush()
			ux19Shot(t, h.w.Canvas().Capture(), "ux19b-empty-date-"+string(c.lang)+".png")
			if !f.problem.Visible() || f.problem.Text != c.want {
				t.Errorf("empty date: the form says %q (shown %v), want %q", f.problem.Text, f.problem.Visible(), c.want)
			}
		})
	}
}

// The Notebook tab's tag choice lists the tags as a dictionary in the UI
// language would: case and umlauts do not set a tag apart.
func TestUX19bTagChoiceIsSorted(t *testing.T) {
	tags := []string{"Klage-Argument", "zeuge", "Gründung", "Interview", "Änderung", "gruppe", "Abschluss"}
	want := []string{"Abschluss", "Änderung", "Gründung", "gruppe", "Interview", "Klage-Argument", "zeuge"}
	for _, lang := range []data.Lang{data.EN, data.DE} {
		t.Run(string(lang), func(t *testing.T) {
			h := newNBHarness(t, lang, func(nb *userdb.Notebook) {
				ctx := context.Background()
				for k, tag := range tags { // the first tag on the most events, as in the walkthrough
					for _, ev := range []string{"2015-12-11-openai-founded", "2024-02-29-musk-sues-openai-sf-superior-court", "2018-02-21-musk-leaves-openai-board"}[:1+(k%3)] {
						if _, err := nb.AddTag(ctx, ev, tag); err != nil {
							t.Fatal(err)
						}
					}
				}
			})
			h.ShowTab("notebook")
			h.flush()
			got := h.p.tab.tag.Options[1:]
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("tag choice: %q\nwant %q", got, want)
			}
			if g := h.p.TagNames(); strings.Join(g, "|") != strings.Join(want, "|") {
				t.Errorf("TagNames: %q", g)
			}
			h.p.tab.tag.Tapped(&fyne.PointEvent{})
			ux19Shot(t, h.w.Canvas().Capture(), "ux19b-tag-choice-"+string(lang)+".png")
		})
	}
}

// Every line of Help → Keyboard shortcuts is a sentence-case action, in
// both languages, and the star's menu item says it sets and removes.
func TestUX19bKeyHelpLinesAreSentences(t *testing.T) {
	for _, c := range []struct {
		lang data.Lang
		star string
	}{{data.EN, "unstar"}, {data.DE, "setzen/entfernen"}} {
		t.Run(string(c.lang), func(t *testing.T) {
			h := newNBHarness(t, c.lang)
			if tp := h.Tours(); tp == nil {
				t.Fatal("no Tours tab")
			}
			rows := h.KeyHelp()
			if len(rows) < 30 {
				t.Fatalf("only %d rows: the panes' keys are missing", len(rows))
			}
			for _, r := range rows {
				first := []rune(r[1])[0]
				if !unicode.IsUpper(first) {
					t.Errorf("%s: %q does not start as a sentence", r[0], r[1])
				}
			}
			var star string
			for _, it := range h.menu().Items {
				for _, mi := range it.Items {
					if mi.Shortcut != nil && mi.Shortcut.ShortcutName() == scStar.ShortcutName() {
						star = mi.Label
					}
				}
			}
			if !strings.Contains(star, c.star) {
				t.Errorf("the star's menu item is %q: it should say it sets and removes the star (%q)", star, c.star)
			}
			h.ShowKeys()
			h.flush()
			ux19Shot(t, h.w.Canvas().Capture(), "ux19b-keys-"+string(c.lang)+".png")
		})
	}
}

// File → Restore from backup says per backup how many notes, own events
// and tours it holds, so backups with the same notes tell apart.
func TestUX19bRestoreListsOwnEventsAndTours(t *testing.T) {
	for _, c := range []struct {
		lang       data.Lang
		old, fresh string
	}{
		{data.EN, "· 1 note", "· 1 note, 2 own events, 1 tour"},
		{data.DE, "· 1 Notiz", "· 1 Notiz, 2 eigene Ereignisse, 1 Rundgang"},
	} {
		t.Run(string(c.lang), func(t *testing.T) {
			ctx := context.Background()
			h := newNBHarness(t, c.lang)
			if _, err := h.nb.SaveNote(ctx, userdb.EventTarget(h.ds.Events[3].ID), "a note", userdb.Label{}); err != nil {
				t.Fatal(err)
			}
			if _, err := h.nb.Backup(ctx); err != nil {
				t.Fatal(err)
			}
			for _, title := range []string{"Zebra hearing", "Yak hearing"} {
				if _, err := h.nb.AddOwnEvent(ctx, userdb.OwnEvent{Date: data.MustDate("2024-03-05"), Category: data.CatLegal,
					Title: data.Text{EN: title}, Sources: []data.Source{{URL: "https://example.org/z"}}}); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := h.nb.CreateTour(ctx, userdb.Tour{Title: data.Text{EN: "Lesson 1"}}); err != nil {
				t.Fatal(err)
			}
			if _, err := h.nb.Backup(ctx); err != nil {
				t.Fatal(err)
			}
			h.p.ShowRestore()
			h.flush()
			top := h.w.Canvas().Overlays().Top()
			if top == nil {
				t.Fatal("no restore dialog")
			}
			ux19Shot(t, h.w.Canvas().Capture(), "ux19b-restore-"+string(c.lang)+".png")
			restoreLabelsFit(t, top)
			var labels []string
			walkObjects(top, func(o fyne.CanvasObject) {
				if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, " · ") {
					labels = append(labels, l.Text)
				}
			})
			if len(labels) != 2 || !strings.HasSuffix(labels[0], c.fresh) || !strings.HasSuffix(labels[1], c.old) {
				t.Errorf("the backups read\n%s\nwant the newest to end in %q, the older in %q", strings.Join(labels, "\n"), c.fresh, c.old)
			}
		})
	}
}

// restoreLabelsFit reports a restore list label wider than its row.
func restoreLabelsFit(t *testing.T, top fyne.CanvasObject) {
	t.Helper()
	walkObjects(top, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, " · ") {
			m := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width + 2*theme.InnerPadding()
			if m > l.Size().Width {
				t.Errorf("%q needs %v px, its row is %v px", l.Text, m, l.Size().Width)
			}
		}
	})
}
