package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/data/interop"
	"aitimeline/data/userdb"
	"aitimeline/i18n"
)

// tourEditor is the right side of the Tours tab: the chosen tour with its
// stops. For an own tour on a writable notebook every part can be changed;
// tour (a copy made when it was opened) is then the working copy, and what
// is saved.
type tourEditor struct {
	tp       *TourPane
	tour     Tour // the tour shown; zero ID: none
	editable bool
	dirty    bool // changed since the last save was queued
	saving   int  // saves queued whose result has not come back
	filling  bool // the fields are being set from tour: not a change
	sel      int  // the selected stop, -1 for none

	root       *fyne.Container
	bodyScroll *container.Scroll // the editor, scrolled when the window is small
	editor     *fyne.Container   // bodyScroll over the action buttons
	none       *container.Scroll
	noneText   *widget.RichText // "choose a tour" when none is shown
	body       *fyne.Container

	// Read-only view of title and intro.
	heading   *widget.Label
	kindLine  *widget.RichText
	introView *widget.Label
	viewBox   *fyne.Container
	// Editable title and intro.
	titleEN, titleDE *widget.Entry
	introEN, introDE *widget.Entry
	caps             map[string]*widget.Label // captions by message ID
	// pairs are the two-column rows (title, intro, note) with their
	// English and German column; the window's language goes left.
	pairs   [][3]fyne.CanvasObject
	editBox *fyne.Container

	stopsHead                           *widget.Label
	stops                               *stopList
	up, down, remove, addSel, addSearch *widget.Button
	side                                *fyne.Container // the buttons beside the stops (own tours only)

	noteHead       *widget.Label
	noteEN, noteDE *widget.Entry
	noteView       *widget.Label
	noteEdit       *fyne.Container
	noteBox        *fyne.Container

	problem *widget.Label
	state   *widget.RichText

	present, handout, export, copyBtn, del *widget.Button
	exportMenu                             *fyne.Menu // as a tour file, for TimelineJS

	detail   *fyne.Container // the detail pane's tour section, if shown
	detailID string          // the event it is about
}

// stopList is the list of a tour's stops; with the focus it moves the
// selected stop with Alt+↑ and Alt+↓ and removes it with Delete.
type stopList struct {
	widget.List
	ed *tourEditor
	// cursor follows the List's keyboard cursor (the row Up, Down and Space
	// act on, drawn highlighted while the list has the focus), which the
	// List keeps to itself and moves only with those keys and its own row
	// taps; keepCursor moves it with the selection.
	cursor int
}

var (
	_ fyne.Shortcutable = (*stopList)(nil)
	_ fyne.Focusable    = (*stopList)(nil)
)

func newStopList(ed *tourEditor) *stopList {
	l := &stopList{ed: ed}
	l.Length = func() int { return len(ed.tour.Stops) }
	l.CreateItem = func() fyne.CanvasObject {
		n := widget.NewLabel("000.")
		n.Alignment = fyne.TextAlignTrailing
		date := widget.NewLabel("")
		title := widget.NewLabel("")
		title.Truncation = fyne.TextTruncateEllipsis
		return newStopRow(l, container.NewBorder(nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(44, n.MinSize().Height), n),
			container.NewGridWrap(fyne.NewSize(104, date.MinSize().Height), date)), nil, title))
	}
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		if id < len(ed.tour.Stops) {
			r := o.(*stopRow)
			r.id = id
			ed.fillStopRow(id, r.content)
		}
	}
	l.OnSelected = func(id widget.ListItemID) { ed.selectStop(id) }
	l.ExtendBaseWidget(l)
	return l
}

// stopRow is one row of the stop list. A click on it gives the list the
// keyboard and selects the stop, also when it is selected already (the
// teacher typed its note and wants to move or remove it now). Fyne's own
// row does the same only when the driver finds a canvas for the embedded
// *widget.List; the GL driver's canvas cache holds the *stopList, so there
// a click after typing left the keys with the text field.
type stopRow struct {
	widget.BaseWidget
	list    *stopList
	content *fyne.Container
	id      widget.ListItemID
}

var _ fyne.Tappable = (*stopRow)(nil)

func newStopRow(l *stopList, content *fyne.Container) *stopRow {
	r := &stopRow{list: l, content: content}
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer shows the row's content.
func (r *stopRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

// Tapped selects the row's stop and focuses the list.
func (r *stopRow) Tapped(*fyne.PointEvent) {
	if c := r.list.ed.tp.s.Win.Canvas(); c != nil {
		c.Focus(r.list)
	}
	r.list.Select(r.id)
	r.list.keepCursor(r.id)
}

// step moves the List's keyboard cursor one row, as its own keys do.
func (l *stopList) step(name fyne.KeyName) bool {
	switch name {
	case fyne.KeyDown:
		if l.cursor >= l.Length()-1 {
			return false
		}
		l.cursor++
	case fyne.KeyUp:
		if l.cursor <= 0 {
			return false
		}
		l.cursor--
	default:
		return false
	}
	l.List.TypedKey(&fyne.KeyEvent{Name: name})
	return true
}

// keepCursor puts the List's keyboard cursor on row k (the stop selected),
// so the highlight and the keys go on from there.
func (l *stopList) keepCursor(k int) {
	for l.cursor != k {
		name := fyne.KeyDown
		if l.cursor > k {
			name = fyne.KeyUp
		}
		if !l.step(name) {
			return
		}
	}
}

// TypedShortcut moves the selected stop with Alt+↑ and Alt+↓.
func (l *stopList) TypedShortcut(s fyne.Shortcut) {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.Modifier != fyne.KeyModifierAlt {
		return
	}
	switch cs.KeyName {
	case fyne.KeyUp:
		l.ed.moveSelected(-1)
	case fyne.KeyDown:
		l.ed.moveSelected(1)
	}
}

// TypedKey removes the selected stop with Delete; other keys move through
// the list as in any list.
func (l *stopList) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyDelete:
		l.ed.removeSelected()
	case fyne.KeyUp, fyne.KeyDown:
		l.step(e.Name)
	default:
		l.List.TypedKey(e)
	}
}

func newTourEditor(tp *TourPane) *tourEditor {
	ed := &tourEditor{tp: tp, sel: -1, caps: map[string]*widget.Label{}}
	caption := func(id string) *widget.Label {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		ed.caps[id] = l
		return l
	}
	line := func(onChange func(string)) *widget.Entry {
		e := widget.NewEntry()
		e.OnChanged = func(v string) {
			if !ed.filling {
				onChange(v)
				ed.changed(true)
			}
		}
		return e
	}
	multi := func(rows int, onChange func(string)) *widget.Entry {
		e := line(onChange)
		e.MultiLine = true
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(rows)
		return e
	}
	ed.titleEN = line(func(v string) { ed.tour.Title.EN = v })
	ed.titleDE = line(func(v string) { ed.tour.Title.DE = v })
	ed.introEN = multi(2, func(v string) { ed.tour.Intro.EN = v })
	ed.introDE = multi(2, func(v string) { ed.tour.Intro.DE = v })
	ed.noteEN = multi(2, func(v string) { ed.setNote(func(n *data.Text) { n.EN = v }) })
	ed.noteDE = multi(2, func(v string) { ed.setNote(func(n *data.Text) { n.DE = v }) })
	pair := func(capEN, capDE string, en, de fyne.CanvasObject) *fyne.Container {
		colEN, colDE := container.NewBorder(caption(capEN), nil, nil, nil, en), container.NewBorder(caption(capDE), nil, nil, nil, de)
		g := container.NewGridWithColumns(2, colEN, colDE)
		ed.pairs = append(ed.pairs, [3]fyne.CanvasObject{g, colEN, colDE})
		return g
	}
	ed.editBox = container.NewVBox(
		pair("classroomui.title_en", "classroomui.title_de", ed.titleEN, ed.titleDE),
		pair("classroomui.intro_en", "classroomui.intro_de", ed.introEN, ed.introDE))

	ed.heading = widget.NewLabel("")
	ed.heading.TextStyle.Bold = true
	ed.heading.Wrapping = fyne.TextWrapWord
	ed.kindLine = secondary("", true)
	ed.introView = wrapLabel("")
	ed.viewBox = container.NewVBox(ed.heading, ed.kindLine, ed.introView)

	ed.stopsHead = heading("")
	ed.stops = newStopList(ed)
	ed.up = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { ed.moveSelected(-1) })
	ed.down = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { ed.moveSelected(1) })
	ed.remove = widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), ed.removeSelected)
	ed.addSel = widget.NewButtonWithIcon("", theme.ContentAddIcon(), ed.addSelected)
	ed.addSearch = widget.NewButtonWithIcon("", theme.SearchIcon(), ed.showFind)
	for _, b := range []*widget.Button{ed.up, ed.down, ed.remove, ed.addSel, ed.addSearch} {
		b.Alignment = widget.ButtonAlignLeading
	}
	ed.side = container.NewVBox(ed.addSel, ed.addSearch, widget.NewSeparator(), ed.up, ed.down, ed.remove)

	ed.noteHead = heading("")
	ed.noteView = wrapLabel("")
	ed.noteEdit = pair("classroomui.note_en", "classroomui.note_de", ed.noteEN, ed.noteDE)
	ed.noteBox = container.NewVBox(ed.noteHead, ed.noteEdit, ed.noteView)

	ed.problem = widget.NewLabel("")
	ed.problem.Wrapping = fyne.TextWrapWord
	ed.problem.Importance = widget.DangerImportance
	ed.problem.Hide()
	ed.state = secondary("", false)

	ed.present = widget.NewButtonWithIcon("", theme.MediaPlayIcon(), func() {
		ed.saveNow()
		if tp.Present != nil && ed.tour.ID != "" {
			tp.Present(ed.tour.ID)
		}
	})
	ed.present.Importance = widget.HighImportance
	ed.handout = widget.NewButtonWithIcon("", theme.DocumentPrintIcon(), func() { ed.saveNow(); tp.print.ShowHandout(ed.tour.ID) })
	ed.exportMenu = fyne.NewMenu("",
		fyne.NewMenuItem("", func() { tp.ShowExport(ed.tour.ID, "aitour") }),
		fyne.NewMenuItem("", func() { tp.ShowExport(ed.tour.ID, "timelinejs") }))
	ed.export = widget.NewButtonWithIcon("", theme.MailForwardIcon(), nil)
	ed.export.OnTapped = func() {
		c := fyne.CurrentApp().Driver().CanvasForObject(ed.export)
		if c == nil {
			c = tp.s.Win.Canvas()
		}
		widget.ShowPopUpMenuAtRelativePosition(ed.exportMenu, c, fyne.NewPos(0, ed.export.Size().Height), ed.export)
	}
	ed.copyBtn = widget.NewButtonWithIcon("", theme.ContentCopyIcon(), func() { tp.CopyTour(ed.tour.ID) })
	ed.del = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { tp.DeleteTour(ed.tour.ID) })
	actions := container.NewHBox(ed.present, ed.handout, ed.export, layout.NewSpacer(), ed.copyBtn, ed.del)

	top := container.NewVBox(ed.viewBox, ed.editBox)
	bottom := container.NewVBox(ed.noteBox, ed.problem, ed.state)
	center := container.NewBorder(ed.stopsHead, nil, nil, ed.side, ed.stops)
	ed.body = container.NewBorder(top, bottom, nil, nil, center)
	// In a scroll: a wrapping text's minimum height before its first layout
	// is one word per line, which made the window taller than the screen.
	hint := secondary("", true)
	hint.Segments[0].(*widget.TextSegment).Style.Alignment = fyne.TextAlignCenter
	ed.none, ed.noneText = container.NewVScroll(container.NewPadded(hint)), hint
	// The editor scrolls when the window is smaller than it (large text on
	// a projector) instead of making the window larger than the screen.
	// The buttons stay under the scrolled part: at 1024×768 a wrapped note
	// heading pushed them out of view.
	ed.bodyScroll = container.NewScroll(ed.body)
	// At 200 % text the row is wider than a 1280 px window: it scrolls sideways.
	ed.editor = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), container.NewHScroll(actions)), nil, nil, ed.bodyScroll)
	ed.root = container.NewStack(ed.none, ed.editor)
	ed.fill()
	return ed
}

func (ed *tourEditor) relabel() {
	loc := ed.tp.s.Loc
	for id, l := range ed.caps {
		l.SetText(loc.T(id))
	}
	for _, p := range ed.pairs {
		g, cols := p[0].(*fyne.Container), p[1:]
		if loc.Lang() == data.DE {
			cols = []fyne.CanvasObject{p[2], p[1]}
		}
		if g.Objects[0] != cols[0] {
			g.Objects = slices.Clone(cols)
			g.Refresh()
		}
	}
	ed.titleEN.SetPlaceHolder(loc.T("classroomui.title_hint"))
	ed.titleDE.SetPlaceHolder(loc.T("classroomui.title_hint"))
	ed.up.SetText(loc.T("classroomui.stop_up"))
	ed.down.SetText(loc.T("classroomui.stop_down"))
	ed.remove.SetText(loc.T("classroomui.stop_remove"))
	ed.addSel.SetText(loc.T("classroomui.stop_add_selected"))
	ed.addSearch.SetText(loc.T("classroomui.stop_add_search"))
	ed.present.SetText(loc.T("classroomui.present"))
	ed.handout.SetText(loc.T("classroomui.handout"))
	ed.export.SetText(loc.T("classroomui.export"))
	ed.exportMenu.Items[0].Label = loc.T("classroomui.export_aitour")
	ed.exportMenu.Items[1].Label = loc.T("classroomui.export_timelinejs")
	ed.del.SetText(loc.T("classroomui.delete"))
	setSecondary(ed.noneText, loc.T("classroomui.choose"))
	ed.fill()
}

// show puts tour t in the editor (a zero t shows none).
func (ed *tourEditor) show(t Tour) {
	t.Stops = slices.Clone(t.Stops)
	ed.tour = t
	ed.dirty = false
	ed.sel = -1
	if len(t.Stops) > 0 {
		ed.sel = 0
	}
	ed.setProblem("")
	ed.setState("")
	ed.fill()
	ed.stops.UnselectAll()
	if ed.sel >= 0 {
		ed.stops.Select(ed.sel)
		ed.stops.ScrollToTop()
	}
	ed.refreshDetail()
}

// fill sets every field and button from the tour shown.
func (ed *tourEditor) fill() {
	tp, loc := ed.tp, ed.tp.s.Loc
	t := ed.tour
	if t.ID == "" {
		ed.editor.Hide()
		ed.none.Show()
		return
	}
	ed.none.Hide()
	ed.editor.Show()
	ed.editable = t.Own && tp.Writable()
	ed.filling = true
	defer func() { ed.filling = false }()
	if ed.editable {
		ed.viewBox.Hide()
		ed.editBox.Show()
		setText(ed.titleEN, t.Title.EN)
		setText(ed.titleDE, t.Title.DE)
		setText(ed.introEN, t.Intro.EN)
		setText(ed.introDE, t.Intro.DE)
	} else {
		ed.editBox.Hide()
		ed.viewBox.Show()
		ed.heading.SetText(tourTitle(t, loc.Lang(), loc))
		kind := loc.T("classroomui.bundled_line")
		if tp.Writable() {
			kind += " " + loc.T("classroomui.bundled_copy")
		}
		if t.Own {
			kind = loc.T("classroomui.own_locked_line")
		}
		setSecondary(ed.kindLine, kind)
		ed.introView.SetText(TextIn(t.Intro, loc.Lang()))
		if ed.introView.Text == "" {
			ed.introView.Hide()
		} else {
			ed.introView.Show()
		}
	}
	ed.stopsHead.SetText(loc.N("classroomui.stops_heading", len(t.Stops)))
	ed.stops.Refresh()
	ed.fillNote()
	ed.fillButtons()
}

func setText(e *widget.Entry, s string) {
	if e.Text != s {
		e.SetText(s)
	}
}

// fillButtons enables what can be done with the tour and stop shown.
func (ed *tourEditor) fillButtons() {
	tp, t := ed.tp, ed.tour
	enable := func(b *widget.Button, on bool) {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	sel := ed.sel >= 0 && ed.sel < len(t.Stops)
	enable(ed.up, ed.editable && sel && ed.sel > 0)
	enable(ed.down, ed.editable && sel && ed.sel < len(t.Stops)-1)
	enable(ed.remove, ed.editable && sel)
	i := tp.s.TL.Selected()
	enable(ed.addSel, ed.editable && i >= 0 && ed.stopIndex(tp.s.Idx.ID(i)) < 0)
	enable(ed.addSearch, ed.editable)
	if tp.Present == nil {
		ed.present.Hide()
	} else {
		ed.present.Show()
	}
	has := len(t.Stops) > 0
	enable(ed.present, has)
	enable(ed.handout, has)
	enable(ed.export, has)
	if ed.editable {
		ed.side.Show()
	} else {
		ed.side.Hide()
	}
	enable(ed.copyBtn, tp.Writable())
	loc := tp.s.Loc
	if t.Own {
		ed.copyBtn.SetText(loc.T("classroomui.duplicate"))
		ed.del.Show()
		enable(ed.del, ed.editable)
	} else {
		ed.copyBtn.SetText(loc.T("classroomui.copy"))
		ed.del.Hide()
	}
}

// fillStopRow shows stop k: its number, the event's date and title (or
// that the dataset no longer has it), and a pen if it has a note.
func (ed *tourEditor) fillStopRow(k int, c *fyne.Container) {
	s, loc := ed.tp.s, ed.tp.s.Loc
	st := ed.tour.Stops[k]
	left := c.Objects[1].(*fyne.Container)
	num := left.Objects[0].(*fyne.Container).Objects[0].(*widget.Label)
	date := left.Objects[1].(*fyne.Container).Objects[0].(*widget.Label)
	title := c.Objects[0].(*widget.Label)
	num.SetText(strconv.Itoa(k+1) + ".")
	text := ""
	if i := s.Idx.Find(st.EventID); i >= 0 {
		date.SetText(loc.ShortDate(s.Idx.Date(i)))
		text = s.EventTitle(i)
		if s.Idx.Own(i) {
			text += " · " + loc.T("classroomui.own_event")
		}
	} else {
		date.SetText("")
		text = loc.T("classroomui.stop_missing", "ID", st.EventID)
	}
	if !st.Note.IsZero() {
		text = "✎ " + text
	}
	title.SetText(text)
}

// selectStop shows stop k's note and what can be done with it (what was
// typed in the note before is in the working copy and saved with it).
func (ed *tourEditor) selectStop(k int) {
	ed.sel = k
	ed.stops.keepCursor(k)
	ed.fillNote()
	ed.fillButtons()
}

// fillNote shows the selected stop's note: in two fields to edit, or as
// text.
func (ed *tourEditor) fillNote() {
	loc := ed.tp.s.Loc
	t := ed.tour
	if ed.sel < 0 || ed.sel >= len(t.Stops) || !t.Own {
		ed.noteBox.Hide() // the dataset's tours have no teacher's notes
		return
	}
	ed.noteBox.Show()
	st := t.Stops[ed.sel]
	title := st.EventID
	if i := ed.tp.s.Idx.Find(st.EventID); i >= 0 {
		title = ed.tp.s.EventTitle(i)
	}
	ed.noteHead.SetText(loc.T("classroomui.note_heading", "N", ed.sel+1, "Title", title))
	was := ed.filling
	ed.filling = true
	setText(ed.noteEN, st.Note.EN)
	setText(ed.noteDE, st.Note.DE)
	ed.filling = was
	if ed.editable {
		ed.noteView.Hide()
		ed.noteEdit.Show()
		return
	}
	ed.noteEdit.Hide()
	note := TextIn(st.Note, loc.Lang())
	if note == "" {
		note = loc.T("classroomui.note_none")
	}
	ed.noteView.SetText(note)
	ed.noteView.Show()
}

// setNote changes the selected stop's note.
func (ed *tourEditor) setNote(change func(n *data.Text)) {
	if ed.sel < 0 || ed.sel >= len(ed.tour.Stops) {
		return
	}
	before := ed.tour.Stops[ed.sel].Note.IsZero()
	change(&ed.tour.Stops[ed.sel].Note)
	if before != ed.tour.Stops[ed.sel].Note.IsZero() {
		ed.stops.RefreshItem(ed.sel) // the pen appears or goes
	}
}

// changed records a change of the tour: text is saved a second after the
// last key (like notes), everything else at once.
func (ed *tourEditor) changed(text bool) {
	if !ed.editable {
		return
	}
	ed.dirty = true
	ed.setState(ed.tp.s.Loc.T("classroomui.unsaved"))
	if text {
		ed.tp.s.Q.Later("tour-autosave", autosaveAfter, ed.saveNow)
		return
	}
	ed.saveNow()
}

// saveNow saves the tour shown if it changed. A tour needs a title: while
// both titles are blank the line under the stops says so and the tour is
// saved under the title it had, so nothing else typed meanwhile is lost on
// quit or when another tour is opened.
func (ed *tourEditor) saveNow() {
	tp, loc := ed.tp, ed.tp.s.Loc
	tp.s.Q.Cancel("tour-autosave")
	nb := tp.nb()
	if !ed.dirty || !ed.editable || nb == nil {
		return
	}
	ed.dirty = false
	t := notebookTour(ed.tour)
	before, _ := tp.find(t.ID)
	untitled := blankTitle(t.Title)
	if untitled {
		if blankTitle(before.Title) {
			ed.dirty = true // nothing to save it under yet
			ed.setProblem(loc.T("classroomui.title_missing"))
			return
		}
		t.Title = before.Title
	}
	ed.saving++
	ed.setState(loc.T("classroomui.saving"))
	tp.putOwn(t)
	retitled := before.Title != t.Title
	tp.s.Q.Save(func(ctx context.Context) func() {
		_, err := nb.SaveTour(ctx, t)
		return func() {
			ed.saving--
			if retitled {
				tp.m.RefreshMenu() // menus list tours by title
			}
			if ed.tour.ID != t.ID {
				if err != nil {
					tp.s.Status.Set("tours", loc.T("classroomui.save_failed", "Error", userdb.Message(loc, err)))
				}
				return
			}
			if err != nil {
				ed.dirty = true // the next change, quit or switch tries again
				ed.setState("")
				ed.setProblem(loc.T("classroomui.save_failed", "Error", userdb.Message(loc, err)))
				return
			}
			if ed.saving == 0 && !ed.dirty {
				if blankTitle(ed.tour.Title) {
					ed.setProblem(loc.T("classroomui.title_missing"))
				} else {
					ed.setProblem("")
				}
				ed.setState(loc.T("classroomui.saved", "Time", time.Now().Format("15:04")))
			}
		}
	})
}

// blankTitle reports a title with no text in either language.
func blankTitle(t data.Text) bool {
	return strings.TrimSpace(t.EN) == "" && strings.TrimSpace(t.DE) == ""
}

// notebookTour is an own tour as the notebook stores it.
func notebookTour(t Tour) userdb.Tour {
	nt := userdb.Tour{ID: t.ID, Title: t.Title, Intro: t.Intro, Stops: make([]userdb.Stop, len(t.Stops))}
	for k, s := range t.Stops {
		nt.Stops[k] = userdb.Stop(s)
	}
	return nt
}

func (ed *tourEditor) setProblem(msg string) {
	ed.problem.SetText(msg)
	if msg == "" {
		ed.problem.Hide()
	} else {
		ed.problem.Show()
	}
}

func (ed *tourEditor) setState(msg string) { setSecondary(ed.state, msg) }

// stopIndex is the position of event id among the stops, or -1.
func (ed *tourEditor) stopIndex(id string) int {
	for k, s := range ed.tour.Stops {
		if s.EventID == id {
			return k
		}
	}
	return -1
}

// moveSelected moves the selected stop one place up (dir -1) or down (+1).
func (ed *tourEditor) moveSelected(dir int) {
	k, n := ed.sel, len(ed.tour.Stops)
	if !ed.editable || k < 0 || k >= n || k+dir < 0 || k+dir >= n {
		return
	}
	st := ed.tour.Stops
	st[k], st[k+dir] = st[k+dir], st[k]
	ed.sel = k + dir
	ed.stops.Refresh()
	ed.stops.Select(ed.sel)
	ed.fillNote()
	ed.fillButtons()
	ed.changed(false)
}

// removeSelected takes the selected stop out of the tour; its neighbour
// becomes the selected one.
func (ed *tourEditor) removeSelected() {
	k := ed.sel
	if !ed.editable || k < 0 || k >= len(ed.tour.Stops) {
		return
	}
	ed.tour.Stops = slices.Delete(ed.tour.Stops, k, k+1)
	ed.sel = min(k, len(ed.tour.Stops)-1)
	ed.afterStops()
}

// addSelected adds the event selected on the timeline as a stop.
func (ed *tourEditor) addSelected() {
	if i := ed.tp.s.TL.Selected(); i >= 0 {
		ed.addEvent(ed.tp.s.Idx.ID(i))
	}
}

// addEvent adds event id as a stop after the selected one (at the end when
// none is selected). An event already in the tour is selected instead: a
// tour visits each event once (the tour file format insists).
func (ed *tourEditor) addEvent(id string) {
	loc := ed.tp.s.Loc
	if !ed.editable || id == "" {
		return
	}
	if k := ed.stopIndex(id); k >= 0 {
		ed.tp.s.Status.Set("tours", loc.T("classroomui.already_stop", "N", k+1))
		ed.stops.Select(k)
		return
	}
	if len(ed.tour.Stops) >= interop.TourMaxStops {
		ed.setProblem(loc.T("classroomui.too_many_stops", "Max", interop.TourMaxStops))
		return
	}
	at := len(ed.tour.Stops)
	if ed.sel >= 0 && ed.sel < at {
		at = ed.sel + 1
	}
	ed.tour.Stops = slices.Insert(ed.tour.Stops, at, Stop{EventID: id})
	ed.sel = at
	ed.afterStops()
}

// afterStops redraws the stops after one was added or removed and saves.
func (ed *tourEditor) afterStops() {
	loc := ed.tp.s.Loc
	ed.stopsHead.SetText(loc.N("classroomui.stops_heading", len(ed.tour.Stops)))
	ed.stops.Refresh()
	ed.stops.UnselectAll()
	if ed.sel >= 0 {
		ed.stops.Select(ed.sel)
	}
	ed.fillNote()
	ed.fillButtons()
	ed.changed(false)
	ed.refreshDetail()
}

// selectionChanged follows the timeline's selection (Add selected event,
// the detail pane's section).
func (ed *tourEditor) selectionChanged() {
	if ed.tour.ID != "" {
		ed.fillButtons()
	}
}

// detailSection is the tour's part of the detail pane while an own tour is
// open for editing: add the event shown as a stop, or see which stop it is.
func (ed *tourEditor) detailSection(i int, ev *data.Event) fyne.CanvasObject {
	if !ed.editable || ed.tour.ID == "" {
		ed.detail = nil
		return nil
	}
	ed.detail, ed.detailID = container.NewVBox(), ev.ID
	ed.fillDetail()
	return ed.detail
}

func (ed *tourEditor) fillDetail() {
	if ed.detail == nil {
		return
	}
	loc := ed.tp.s.Loc
	title := tourTitle(ed.tour, loc.Lang(), loc)
	var body fyne.CanvasObject
	if k := ed.stopIndex(ed.detailID); k >= 0 {
		body = secondary(loc.T("classroomui.detail_in_tour", "N", k+1, "Title", title), true)
	} else {
		id := ed.detailID
		b := widget.NewButtonWithIcon(loc.T("classroomui.detail_add", "Title", title), theme.ContentAddIcon(), func() { ed.addEvent(id) })
		b.Alignment = widget.ButtonAlignLeading
		body = b
	}
	ed.detail.Objects = []fyne.CanvasObject{heading(loc.T("classroomui.detail_heading")), body}
	ed.detail.Refresh()
}

// refreshDetail updates the detail pane's tour section: shown or gone when
// the tour shown changes, the stop number when the stops change.
func (ed *tourEditor) refreshDetail() {
	d := ed.tp.m.Detail
	showing := ed.detail != nil
	if showing != (ed.editable && ed.tour.ID != "") {
		if d.Shown() >= 0 {
			d.Refresh()
		}
		return
	}
	ed.fillDetail()
}

// showFind lets the teacher find an event by words of its title and add
// it as a stop (own events included).
func (ed *tourEditor) showFind() {
	s, loc := ed.tp.s, ed.tp.s.Loc
	if !ed.editable {
		return
	}
	var rows []int
	entry := widget.NewEntry()
	entry.SetPlaceHolder(loc.T("classroomui.find_hint"))
	var d *dialog.CustomDialog
	list := widget.NewList(func() int { return len(rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(rows) {
				i := rows[id]
				o.(*widget.Label).SetText(loc.ShortDate(s.Idx.Date(i)) + "  " + s.EventTitle(i))
			}
		})
	list.OnSelected = func(id widget.ListItemID) {
		if id < len(rows) {
			ed.addEvent(s.Idx.ID(rows[id]))
		}
		d.Hide()
	}
	idx, lang := s.Idx, loc.Lang()
	entry.OnChanged = func(q string) {
		toks := data.QueryTokens(q)
		s.Q.Run("tour-find", func(ctx context.Context) func() {
			found := findByTitle(ctx, idx, lang, toks, 200)
			return func() {
				if s.Idx != idx {
					return
				}
				rows = found
				list.Refresh()
			}
		})
	}
	d = dialog.NewCustom(loc.T("classroomui.find_title"), loc.T("filter.cancel"), container.NewBorder(entry, nil, nil, nil, list), s.Win)
	size := s.Win.Canvas().Size()
	d.Resize(fyne.NewSize(min(640, size.Width-40), min(480, size.Height-40)))
	d.Show()
	ed.tp.findEntry, ed.tp.findList = entry, list
	s.Win.Canvas().Focus(entry)
}

// findByTitle lists up to limit events whose title (in lang) has every
// token at a word start, in date order; no tokens finds none.
func findByTitle(ctx context.Context, idx *data.Index, lang data.Lang, toks []string, limit int) []int {
	var out []int
	if len(toks) == 0 {
		return nil
	}
	for i := 0; i < idx.Len() && len(out) < limit; i++ {
		if i%4096 == 0 && ctx.Err() != nil {
			return nil
		}
		words := " " + data.Fold(idx.Title(i, lang))
		all := true
		for _, t := range toks {
			if !strings.Contains(words, " "+t) && !strings.Contains(words, "-"+t) {
				all = false
				break
			}
		}
		if all {
			out = append(out, i)
		}
	}
	return out
}

// tourTitle is a tour's title in lang (or the other language; untitled
// when it has none).
func tourTitle(t Tour, lang data.Lang, loc *i18n.Localizer) string {
	if s := strings.TrimSpace(TextIn(t.Title, lang)); s != "" {
		return s
	}
	return loc.T("classroomui.untitled")
}

// sameTour reports whether two tours are the same in everything shown.
func sameTour(a, b Tour) bool {
	return a.ID == b.ID && a.Title == b.Title && a.Intro == b.Intro && a.Own == b.Own && slices.Equal(a.Stops, b.Stops)
}
