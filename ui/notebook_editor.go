package ui

import (
	"context"
	"fmt"
	"fyne.io/fyne/v2/canvas"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/data/userdb"
	"aitimeline/i18n"
)

// autosaveAfter is how long after the last key a note is saved.
const autosaveAfter = time.Second

// noteEntry is the note's text field: it tells the editor when it loses the
// focus (save at once) and when Escape ends editing.
type noteEntry struct {
	widget.Entry
	onFocusLost func()
	onEscape    func()
	// onShortcut acts on the shortcuts that mean the note's target here
	// (star, new event); it reports whether it did. The other window
	// shortcuts go to the window (passShortcut).
	onShortcut func(fyne.Shortcut) bool
}

func (e *noteEntry) TypedShortcut(sc fyne.Shortcut) {
	if e.onShortcut != nil && e.onShortcut(sc) {
		return
	}
	if passShortcut(e, sc) {
		return
	}
	e.Entry.TypedShortcut(sc)
}

func newNoteEntry() *noteEntry {
	e := &noteEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(6)
	return e
}

func (e *noteEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onFocusLost != nil {
		e.onFocusLost()
	}
}

func (e *noteEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

// noteEditor is the user's note on one target (an event, a person, a
// source): the note rendered from Markdown, edited in place, saved at most
// autosaveAfter after the last key and at once when the field loses the
// focus, the selection changes or the window closes. Deleting moves the
// note to the trash (Undo brings it back). Notes by other authors (from a
// colleague's file) show below, read-only.
type noteEditor struct {
	p      *NotebookPane
	target userdb.Target
	label  userdb.Label

	box     *fyne.Container // the editor's place in the pane
	body    *fyne.Container // rendered note, or the entry
	entry   *noteEntry
	state   *widget.RichText // "Saved at …", "Saving…"
	others  *fyne.Container
	editing bool
	loaded  bool
	mine    userdb.Note // this author's note as last saved (ID 0: none)
	saved   string      // body as last saved or loaded
	hasNote bool        // the file has a live note of this author on the target
	setting bool        // the text is being set by the program, not typed
	kind    string      // the runner kind of this editor's autosave timer
}

func (p *NotebookPane) newNoteEditor(t userdb.Target, label userdb.Label) *noteEditor {
	ed := &noteEditor{p: p, target: t, label: label, body: container.NewStack(), others: container.NewVBox(),
		state: secondary("", false)}
	ed.kind = fmt.Sprintf("note-autosave-%p", ed)
	ed.entry = newNoteEntry()
	ed.entry.OnChanged = func(string) {
		if ed.setting {
			return
		}
		ed.setState(p.s.Loc.T("notebook.note_unsaved"))
		p.s.Q.Later(ed.kind, autosaveAfter, ed.saveNow)
	}
	ed.entry.onFocusLost = ed.saveNow
	ed.entry.onEscape = func() { ed.finish() }
	ed.entry.onShortcut = func(sc fyne.Shortcut) bool {
		switch sc.ShortcutName() {
		case scStar.ShortcutName():
			if t.Kind == userdb.KindEvent {
				p.setStar(t.ID, !p.ann[t.ID].Starred)
			}
			return true
		case scNewEvent.ShortcutName():
			p.ShowOwnEventEditor(userdb.OwnEvent{})
			return true
		}
		return false
	}
	ed.box = container.NewVBox(ed.body, ed.state, ed.others)
	ed.render()
	ed.load()
	return ed
}

// load reads the notes on the target. It queues behind any save (Save runs
// in order), so it never reads a note older than what was typed.
func (ed *noteEditor) load() {
	p, nb, t := ed.p, ed.p.nb, ed.target
	p.s.Q.Save(func(ctx context.Context) func() {
		notes, err := nb.NotesOn(ctx, t)
		return func() {
			if err != nil {
				p.fail(err)
				return
			}
			ed.loaded = true
			ed.mine = userdb.Note{}
			var others []userdb.Note
			for _, n := range notes {
				if n.Author == p.author {
					ed.mine = n
				} else {
					others = append(others, n)
				}
			}
			ed.hasNote = strings.TrimSpace(ed.mine.Body) != ""
			if !ed.editing {
				// Not being edited: show the file's text. (Text being
				// edited stays; the next save writes it.)
				ed.saved = ed.mine.Body
				ed.setText(ed.mine.Body)
				ed.setState("")
			}
			ed.showOthers(others)
			ed.render()
			if p.pendingEdit == t.ID && p.editor == ed {
				p.pendingEdit = ""
				ed.Edit()
			}
		}
	})
}

// render shows the note (or the hint to write one) with its buttons, or the
// entry while editing.
func (ed *noteEditor) render() {
	loc := ed.p.s.Loc
	var parts []fyne.CanvasObject
	ro := ed.p.nb.ReadOnly()
	if ed.editing {
		done := widget.NewButtonWithIcon(loc.T("notebook.note_done"), theme.ConfirmIcon(), ed.finish)
		// The hint wraps beside the button: in an HBox a truncating text
		// has no width of its own and showed only "…".
		parts = append(parts, ed.entry, container.NewBorder(nil, nil, done, nil, secondary(loc.T("notebook.note_markdown"), true)))
	} else {
		text := ed.saved
		if strings.TrimSpace(text) == "" {
			parts = append(parts, secondary(loc.T("notebook.note_none"), true))
		} else {
			parts = append(parts, safeMarkdown(text))
		}
		edit := widget.NewButtonWithIcon(loc.T("notebook.note_edit"), theme.DocumentCreateIcon(), ed.Edit)
		row := container.NewHBox(edit)
		if strings.TrimSpace(text) != "" {
			row.Add(widget.NewButtonWithIcon(loc.T("notebook.note_delete"), theme.DeleteIcon(), ed.delete))
		}
		if ro || !ed.loaded {
			edit.Disable()
		}
		parts = append(parts, row)
	}
	ed.body.Objects = []fyne.CanvasObject{container.NewVBox(parts...)}
	ed.body.Refresh()
}

// Edit opens the note for writing and puts the cursor in it.
func (ed *noteEditor) Edit() {
	if !ed.loaded || ed.p.nb.ReadOnly() {
		return
	}
	ed.editing = true
	ed.render()
	ed.p.s.tracef("note edit %s", ed.target.ID)
	// The cursor goes to the end: more words are added, not put in front.
	text := ed.entry.Text
	ed.entry.CursorRow = strings.Count(text, "\n")
	ed.entry.CursorColumn = len([]rune(text[strings.LastIndex(text, "\n")+1:]))
	ed.entry.Refresh()
	if c := fyne.CurrentApp().Driver().CanvasForObject(ed.entry); c != nil {
		c.Focus(ed.entry)
	} else {
		ed.p.s.Win.Canvas().Focus(ed.entry)
	}
	if ed == ed.p.editor {
		ed.p.m.Detail.ScrollTo(ed.box)
	}
}

// finish saves and shows the note rendered.
func (ed *noteEditor) finish() {
	ed.saveNow()
	ed.editing = false
	ed.render()
}

// setText puts text in the entry without it counting as typing.
func (ed *noteEditor) setText(text string) {
	ed.setting = true
	ed.entry.SetText(text)
	ed.setting = false
}

// saveNow writes the note if its text changed since the last save.
func (ed *noteEditor) saveNow() {
	p := ed.p
	p.s.Q.Cancel(ed.kind)
	body := ed.entry.Text
	if !ed.loaded || body == ed.saved || p.nb.ReadOnly() {
		return
	}
	ed.saved = body
	ed.setState(p.s.Loc.T("notebook.note_saving"))
	nb, t, label := p.nb, ed.target, ed.label
	var n userdb.Note
	p.save(func(ctx context.Context) (err error) {
		n, err = nb.SaveNote(ctx, t, body, label)
		return err
	}, func(err error) {
		if err != nil {
			ed.saved = "\x00" // unsaved: the next key or focus change tries again
			ed.setState(p.s.Loc.T("notebook.note_not_saved", "Error", userdb.Message(p.s.Loc, err)))
			return
		}
		ed.mine = n
		ed.setState(p.s.Loc.T("notebook.note_saved", "Time", time.Now().Format("15:04:05")))
		p.s.tracef("note saved %s %d", t.ID, len(body))
		// Whether there was a note is known here, in the order of the
		// saves, not when this one was queued.
		isNote := strings.TrimSpace(body) != ""
		wasNote := ed.hasNote
		ed.hasNote = isNote
		if t.Kind == userdb.KindEvent && isNote != wasNote {
			p.setAnn(t.ID, func(a *userdb.Annotation) {
				if isNote {
					a.Notes++
				} else if a.Notes > 0 {
					a.Notes--
				}
			})
		}
		p.tab.reload()
	})
}

// delete moves the note to the trash, with Undo: undo writes the text back
// (after any note written on the target since, so nothing is lost).
func (ed *noteEditor) delete() {
	p := ed.p
	old, label, t := ed.entry.Text, ed.label, ed.target
	if strings.TrimSpace(old) == "" {
		old = ed.saved
	}
	ed.setText("")
	ed.saveNow()
	ed.editing = false
	ed.render()
	// The hidden field must not keep the keys: Ctrl+Z (undo the deletion)
	// and the timeline's keys go to the window again.
	if p.editor == ed {
		p.s.focusTimeline()
	} else if c := p.s.Win.Canvas(); c != nil && c.Focused() == fyne.Focusable(ed.entry) {
		c.Unfocus() // a note in a dialog: the dialog stays, the window takes the keys
	}
	nb := p.nb
	p.offerUndo("notebook.note_deleted", func(ctx context.Context) error {
		text := old
		if cur, ok, err := nb.Note(ctx, t); err != nil {
			return err
		} else if ok && cur.Deleted.IsZero() && strings.TrimSpace(cur.Body) != "" {
			text = cur.Body + "\n\n" + old
		}
		_, err := nb.SaveNote(ctx, t, text, label)
		return err
	})
}

// reload reads the notes again (after an import, a restore, an undo or a
// new author name), keeping text being edited.
func (ed *noteEditor) reload() {
	ed.saveNow()
	ed.load()
}

func (ed *noteEditor) setState(s string) { setSecondary(ed.state, s) }

// showOthers lists the other authors' notes on the target.
func (ed *noteEditor) showOthers(notes []userdb.Note) {
	loc := ed.p.s.Loc
	ed.others.Objects = nil
	for _, n := range notes {
		by := loc.T("notebook.note_by", "Author", n.Author, "Date", loc.Date(dateOfTime(n.Modified)))
		if userdb.Unnamed(n.Author) { // not "Note by root"
			by = loc.T("notebook.note_by_unnamed", "Date", loc.Date(dateOfTime(n.Modified)))
		}
		ed.others.Add(secondary(by, false))
		ed.others.Add(safeMarkdown(n.Body))
	}
	ed.others.Refresh()
}

// ownEventLine says that an event is the user's own. It names who added it
// only when that is a colleague (an imported notebook): the user knows they
// added their own, and a name that is no person's ("root", from the OS
// account) read as if someone called Root had.
func ownEventLine(loc *i18n.Localizer, author, me string) string {
	if author == me || userdb.Unnamed(author) {
		return loc.T("notebook.own_is_mine")
	}
	return loc.T("notebook.own_is", "Author", author)
}

func dateOfTime(t time.Time) data.Date {
	t = t.Local()
	return data.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Precision: data.Day}
}

// safeMarkdown renders a note's Markdown. Links other than http(s) (a
// colleague's note could carry file: or javascript: ones) become plain
// text, and images are shown as their description: an offline app loads
// nothing from the web, and no file, by itself.
func safeMarkdown(md string) *widget.RichText {
	rt := widget.NewRichTextFromMarkdown(md)
	for k, seg := range rt.Segments {
		rt.Segments[k] = safeSegment(seg)
	}
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

func safeSegment(seg widget.RichTextSegment) widget.RichTextSegment {
	switch s := seg.(type) {
	case *widget.HyperlinkSegment:
		if s.URL == nil || data.CheckURL(s.URL.String()) != nil {
			return &widget.TextSegment{Text: s.Text, Style: widget.RichTextStyleInline}
		}
	case *widget.ImageSegment:
		txt := s.Title
		if s.Source != nil {
			txt = strings.TrimSpace(txt + " " + s.Source.String())
		}
		return &widget.TextSegment{Text: "[" + txt + "]", Style: widget.RichTextStyleInline}
	case *widget.ListSegment:
		for k, it := range s.Items {
			s.Items[k] = safeSegment(it)
		}
	case *widget.ParagraphSegment:
		for k, it := range s.Texts {
			s.Texts[k] = safeSegment(it)
		}
	}
	return seg
}

// --- the detail pane's notebook section ---

// detailSection is the notebook's part of the detail pane for event i:
// for an own event, a line saying so with Edit and Delete; then star, flag
// and tags; then the note.
func (p *NotebookPane) detailSection(i int, ev *data.Event) fyne.CanvasObject {
	loc := p.s.Loc
	id := ev.ID
	parts := []fyne.CanvasObject{heading(loc.T("notebook.section"))}
	if own, ok := p.ownBy[id]; ok {
		edit := widget.NewButtonWithIcon(loc.T("notebook.own_edit"), theme.DocumentCreateIcon(), func() { p.ShowOwnEventEditor(own) })
		del := widget.NewButtonWithIcon(loc.T("notebook.own_delete"), theme.DeleteIcon(), func() { p.deleteOwn(own) })
		if p.nb.ReadOnly() {
			edit.Disable()
			del.Disable()
		}
		parts = append(parts, secondary(ownEventLine(loc, own.Author, p.author), true), container.NewHBox(edit, del))
	}
	p.marks = container.NewVBox()
	p.marksFor = id
	p.fillMarks()
	parts = append(parts, p.marks)
	t := userdb.EventTarget(id)
	if p.editor == nil || p.editor.target != t {
		p.flushEditor()
		p.editor = p.newNoteEditor(t, userdb.Label{Title: ev.Title, Date: ev.Date})
	} else {
		p.editor.render() // the language changed
	}
	parts = append(parts, p.editor.box)
	return container.NewVBox(parts...)
}

// fillMarks builds the star, flag and tag controls of the event shown.
func (p *NotebookPane) fillMarks() {
	if p.marks == nil {
		return
	}
	s, loc, id := p.s, p.s.Loc, p.marksFor
	a := p.ann[id]
	ro := p.nb.ReadOnly()
	starIcon := theme.CheckButtonIcon()
	if a.Starred {
		starIcon = theme.CheckButtonCheckedIcon()
	}
	star := widget.NewButtonWithIcon(loc.T("notebook.star"), starIcon, func() { p.setStar(id, !p.ann[id].Starred) })
	names := []string{loc.T("notebook.flag_none")}
	for _, f := range userdb.Flags {
		names = append(names, userdb.FlagName(loc, f))
	}
	flag := widget.NewSelect(names, nil)
	cur := names[0]
	for k, f := range userdb.Flags {
		if a.Flag == f {
			cur = names[k+1]
		}
	}
	flag.SetSelected(cur)
	flag.OnChanged = func(v string) {
		f := userdb.FlagNone
		for k, n := range names[1:] {
			if n == v {
				f = userdb.Flags[k]
			}
		}
		if f != p.ann[id].Flag {
			p.setFlag(id, f)
		}
	}
	swatch := newFlagSwatch(a.Flag)
	row := container.NewHBox(star, widget.NewLabel(loc.T("notebook.flag")), swatch, flag)

	tags := container.NewHBox()
	for _, t := range a.Tags {
		t := t
		chip := widget.NewButtonWithIcon("#"+t, theme.CancelIcon(), func() { p.removeTag(id, t) })
		chip.IconPlacement = widget.ButtonIconTrailingText
		if ro {
			chip.Disable()
		}
		tags.Add(chip)
	}
	suggest := container.NewHBox()
	entry := NewFieldEntry()
	entry.SetPlaceHolder(loc.T("notebook.tag_add"))
	add := func(t string) {
		if strings.TrimSpace(t) == "" {
			return
		}
		p.addTag(id, t)
		p.fillMarks()
		if c := s.Win.Canvas(); c != nil {
			c.Focus(p.tagEntry)
		}
	}
	entry.OnSubmitted = add
	entry.OnChanged = func(v string) {
		suggest.Objects = nil
		if strings.TrimSpace(v) != "" {
			for _, t := range p.suggestTags(v, p.ann[id].Tags, 5) {
				t := t
				suggest.Add(widget.NewButton("#"+t, func() { add(t) }))
			}
		}
		suggest.Refresh()
	}
	p.tagEntry = entry
	chips := container.NewHScroll(tags)
	tagRow := container.NewBorder(nil, nil, widget.NewLabel(loc.T("notebook.tags")), nil, chips)
	entryRow := container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { add(entry.Text) }), entry)
	// The entry's own text scroller and the chips' sideways scroller took
	// the mouse wheel, so the detail pane stopped scrolling with the
	// pointer over them: the wheel scrolls the pane there (a sideways
	// wheel still scrolls the chips).
	pane := func(ev *fyne.ScrollEvent) { p.m.Detail.scroll.Scrolled(ev) }
	entryRow = container.NewStack(entryRow, newWheelPass(pane))
	tagRow = container.NewStack(tagRow, newWheelPass(func(ev *fyne.ScrollEvent) {
		if ev.Scrolled.DX != 0 && ev.Scrolled.DY == 0 {
			chips.Scrolled(ev)
			return
		}
		pane(ev)
	}))
	if ro {
		star.Disable()
		flag.Disable()
		entry.Disable()
	}
	p.marks.Objects = []fyne.CanvasObject{row, tagRow, entryRow, suggest}
	p.marks.Refresh()
}

// EditSelectedNote opens the selected event's note for writing: at once,
// or as soon as the detail pane has built its notebook section (a key
// pressed right after selecting an event).
func (p *NotebookPane) EditSelectedNote() {
	id := p.selectedID()
	if id == "" {
		p.s.Status.Set("notebook", p.s.Loc.T("notebook.select_first"))
		return
	}
	p.s.ShowTab("timeline")
	if p.editor != nil && p.editor.target.ID == id && p.editor.loaded {
		p.editor.Edit()
		return
	}
	p.pendingEdit = id
}

// --- notes on people and sources ---

// personSection is a button on a person's profile that opens the note on them.
func (p *NotebookPane) personSection(id string) fyne.CanvasObject {
	per, ok := p.s.Person(id)
	if !ok {
		return nil
	}
	return p.noteButton(userdb.PersonTarget(id), userdb.Label{Title: data.Text{EN: per.Name, DE: per.Name}}, per.Name)
}

// sourceSection is a button beside a source that opens the note on it.
func (p *NotebookPane) sourceSection(src *data.Source) fyne.CanvasObject {
	d, _ := data.ParseDate(src.Date)
	return p.noteButton(userdb.SourceTarget(src.ID), userdb.Label{Title: data.Text{EN: src.Title, DE: src.Title}, Date: d}, src.Title)
}

func (p *NotebookPane) noteButton(t userdb.Target, label userdb.Label, name string) fyne.CanvasObject {
	return widget.NewButtonWithIcon(p.s.Loc.T("notebook.note_on"), theme.DocumentCreateIcon(), func() { p.showNoteDialog(t, label, name) })
}

// showNoteDialog edits a note on a person or source in a dialog; closing it saves.
func (p *NotebookPane) showNoteDialog(t userdb.Target, label userdb.Label, name string) {
	loc := p.s.Loc
	ed := p.newNoteEditor(t, label)
	p.dialogEditor = ed
	d := dialog.NewCustom(loc.T("notebook.note_title", "Name", name), loc.T("about.close"),
		container.NewGridWrap(fyne.NewSize(min(560, p.s.Win.Canvas().Size().Width-60), 360), container.NewVScroll(ed.box)), p.s.Win)
	d.SetOnClosed(func() {
		ed.saveNow()
		if p.dialogEditor == ed {
			p.dialogEditor = nil
		}
	})
	d.Show()
}

// flagSwatch is the small coloured square of an event's flag.
func newFlagSwatch(f userdb.Flag) fyne.CanvasObject {
	return container.NewCenter(newColorBox(FlagColor(f), 14))
}

// FlagColor is the colour of a flag (transparent for none).
func FlagColor(f userdb.Flag) color.NRGBA {
	switch f {
	case userdb.FlagRed:
		return color.NRGBA{0xd3, 0x2f, 0x2f, 0xff}
	case userdb.FlagOrange:
		return color.NRGBA{0xef, 0x6c, 0x00, 0xff}
	case userdb.FlagYellow:
		return color.NRGBA{0xf9, 0xa8, 0x25, 0xff}
	case userdb.FlagGreen:
		return color.NRGBA{0x2e, 0x7d, 0x32, 0xff}
	case userdb.FlagBlue:
		return color.NRGBA{0x15, 0x65, 0xc0, 0xff}
	case userdb.FlagPurple:
		return color.NRGBA{0x6a, 0x1b, 0x9a, 0xff}
	}
	return color.NRGBA{}
}

func newColorBox(c color.NRGBA, size float32) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	r.CornerRadius = 3
	r.SetMinSize(fyne.NewSize(size, size))
	return r
}

// wheelPass lies over widgets that would take the mouse wheel (an entry's
// text scroller) and hands the wheel to another scroller. It is only
// fyne.Scrollable: taps, hover and the cursor still reach the widgets
// under it. The driver gives the wheel to the last scrollable under the
// pointer in drawing order, which is this one.
type wheelPass struct {
	widget.BaseWidget
	to func(*fyne.ScrollEvent)
}

func newWheelPass(to func(*fyne.ScrollEvent)) *wheelPass {
	w := &wheelPass{to: to}
	w.ExtendBaseWidget(w)
	return w
}

// Scrolled hands the wheel on.
func (w *wheelPass) Scrolled(ev *fyne.ScrollEvent) { w.to(ev) }

// CreateRenderer draws nothing.
func (w *wheelPass) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}
