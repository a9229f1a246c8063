package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data/userdb"
)

// TourPane is the Tours tab, the classroom's tour manager (View → Tours,
// Ctrl+T). On the left it lists the dataset's tours (read-only: present,
// print, export, or copy one to change it) and the teacher's own tours from
// the notebook; on the right it shows the chosen tour. An own tour is edited
// in place: titles and intro in English and German, stops added from the
// timeline's selection, from a search, or from the detail pane, moved with
// buttons or Alt+↑/Alt+↓, removed, and a note per stop. Every change is
// saved to the notebook (text a second after the last key, everything else
// at once; all through Runner.Save, so nothing typed is lost). Without a
// writable notebook the tab says why nothing can be edited.
//
// The pane keeps the notebook's list of tours current in memory after each
// write (so presenting or printing uses what is on screen) and follows the
// notebook when it reloads (an import, a restored backup, an undo).
type TourPane struct {
	s     *Session
	m     *Main
	print *PrintPane
	// Present, when set, presents a tour from its first screen (the
	// presentation mode's PresentTour); nil hides the Present button.
	Present func(tourID string)

	item  *container.TabItem
	shown bool
	stale bool // the notebook reloaded while the tab was hidden

	tours  []Tour // the list: the dataset's, then the teacher's own
	list   *widget.List
	newBtn *widget.Button
	impBtn *widget.Button
	why    *widget.Label // why editing is off (no notebook, read-only)

	ed *tourEditor

	// The dialogs opened last (tests drive them).
	lastNew   *newTourDialog
	findEntry *widget.Entry
	findList  *widget.List
}

var (
	scTours    = &desktop.CustomShortcut{KeyName: fyne.KeyT, Modifier: fyne.KeyModifierShortcutDefault}
	scStopUp   = &desktop.CustomShortcut{KeyName: fyne.KeyUp, Modifier: fyne.KeyModifierAlt}
	scStopDown = &desktop.CustomShortcut{KeyName: fyne.KeyDown, Modifier: fyne.KeyModifierAlt}
)

// addClassroom adds the classroom's parts to the window: the Tours tab
// (View → Tours, Ctrl+T) and the File menu's Hand-out, Poster and Export
// view as image. Call it once the window's tabs exist (in NewMain) and again
// after a notebook is attached (in AttachNotebook): the second call lets the
// teacher make and change own tours. Calling it again changes nothing.
func (m *Main) addClassroom() {
	tp := m.Tours()
	if tp == nil {
		pp := newPrintPane(m)
		tp = newTourPane(m, pp)
		m.AddPane(pp)
		m.AddTab("tours", tp)
		c := m.S.Win.Canvas()
		addWindowKey(c, scTours, func() { tp.Show() })
		c.AddShortcut(scStopUp, func(fyne.Shortcut) { tp.keyMove(-1) })
		c.AddShortcut(scStopDown, func(fyne.Shortcut) { tp.keyMove(1) })
		m.S.OnSelect(func(int) { tp.ed.selectionChanged() })
		// New own events renumber the window (the filter's listeners hear
		// of it): stops on them get their titles.
		m.S.OnFilter(tp.notebookChanged)
		m.Detail.AddSection(tp.ed.detailSection)
		tp.Present = func(id string) {
			if m.Presenter != nil {
				m.Presenter.PresentTour(id, 0)
			}
		}
	}
	tp.attach()
	m.RefreshMenu()
}

// Tours is the Tours tab's pane (nil until addClassroom has run).
func (m *Main) Tours() *TourPane {
	for _, p := range m.panes {
		if tp, ok := p.(*TourPane); ok {
			return tp
		}
	}
	return nil
}

// Printouts is the pane of the hand-out, poster and image dialogs (nil
// until addClassroom has run).
func (m *Main) Printouts() *PrintPane {
	for _, p := range m.panes {
		if pp, ok := p.(*PrintPane); ok {
			return pp
		}
	}
	return nil
}

func newTourPane(m *Main, pp *PrintPane) *TourPane {
	tp := &TourPane{s: m.S, m: m, print: pp, why: widget.NewLabel("")}
	pp.tours = tp
	tp.why.Wrapping = fyne.TextWrapWord
	tp.why.Importance = widget.WarningImportance
	tp.why.Hide()
	tp.list = widget.NewList(func() int { return len(tp.tours) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("")
			title.TextStyle.Bold = true
			title.Truncation = fyne.TextTruncateEllipsis
			return container.New(layout.NewCustomPaddedVBoxLayout(-theme.Padding()*2), title, secondary("", false))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(tp.tours) {
				tp.fillRow(tp.tours[id], o.(*fyne.Container))
			}
		})
	tp.list.OnSelected = func(id widget.ListItemID) {
		if id < len(tp.tours) && tp.tours[id].ID != tp.ed.tour.ID {
			tp.Open(tp.tours[id].ID)
		}
	}
	tp.newBtn = widget.NewButtonWithIcon("", theme.ContentAddIcon(), tp.ShowNewTour)
	tp.impBtn = widget.NewButtonWithIcon("", theme.DownloadIcon(), tp.ShowImport)
	tp.ed = newTourEditor(tp)
	left := container.NewBorder(container.NewVBox(tp.newBtn, tp.impBtn, tp.why), nil, nil, nil, tp.list)
	split := container.NewHSplit(left, tp.ed.root)
	split.Offset = 0.28
	tp.item = container.NewTabItemWithIcon("", theme.MediaPlayIcon(), split)
	tp.sync()
	tp.Relabel()
	return tp
}

// attach follows the window's notebook: own tours become editable when it
// is writable.
func (tp *TourPane) attach() {
	tp.sync()
	tp.updateWhy()
	tp.ed.fill()
}

// nb is the notebook tours are saved in, or nil when there is none.
func (tp *TourPane) nb() *userdb.Notebook {
	if tp.m.Notebook == nil {
		return nil
	}
	return tp.m.Notebook.nb
}

// Writable reports whether the teacher can make and change own tours.
func (tp *TourPane) Writable() bool { nb := tp.nb(); return nb != nil && !nb.ReadOnly() }

// updateWhy says why tours cannot be made or changed, if they cannot.
func (tp *TourPane) updateWhy() {
	loc := tp.s.Loc
	nb := tp.nb()
	switch {
	case nb == nil:
		tp.why.SetText(loc.T("classroomui.no_notebook"))
		tp.why.Show()
	case nb.ReadOnly():
		msg := loc.T("classroomui.read_only")
		if err := nb.Info().ReadOnly; err != nil && !errors.Is(err, userdb.ErrReadOnly) {
			msg += " " + userdb.Message(loc, err) // why: a newer app's notebook, no write access …
		}
		tp.why.SetText(msg)
		tp.why.Show()
	default:
		tp.why.Hide()
	}
	if tp.Writable() {
		tp.newBtn.Enable()
		tp.impBtn.Enable()
	} else {
		tp.newBtn.Disable()
		tp.impBtn.Disable()
	}
}

func (tp *TourPane) fillRow(t Tour, c *fyne.Container) {
	loc := tp.s.Loc
	title := c.Objects[0].(*widget.Label)
	title.SetText(tourTitle(t, loc.Lang(), loc))
	kind := loc.T("classroomui.kind_bundled")
	if t.Own {
		kind = loc.T("classroomui.kind_own")
	}
	setSecondary(c.Objects[1].(*widget.RichText), kind+" · "+loc.N("classroomui.stops", len(t.Stops)))
}

// sync reads the list of tours from the session (the dataset's and the
// notebook's) and keeps the chosen one selected.
func (tp *TourPane) sync() {
	tp.tours = tp.s.Tours()
	tp.list.Refresh()
	tp.selectInList()
}

func (tp *TourPane) selectInList() {
	for k, t := range tp.tours {
		if t.ID == tp.ed.tour.ID {
			tp.list.Select(k)
			return
		}
	}
	tp.list.UnselectAll()
}

// notebookChanged follows a reload of the notebook: the list, and the tour
// shown unless the teacher is changing it (what is typed wins and is saved).
func (tp *TourPane) notebookChanged() {
	if !tp.shown {
		tp.stale = true
		return
	}
	tp.stale = false
	before := tp.ed.tour
	tp.sync()
	if tp.ed.dirty || tp.ed.saving > 0 {
		return
	}
	if t, ok := tp.find(before.ID); !ok || !sameTour(t, before) {
		tp.ed.show(t) // gone (zero: nothing shown) or changed
	}
}

func (tp *TourPane) find(id string) (Tour, bool) {
	for _, t := range tp.tours {
		if t.ID == id {
			return t, true
		}
	}
	return Tour{}, false
}

// OpenID is the ID of the tour the tab shows ("" if none).
func (tp *TourPane) OpenID() string { return tp.ed.tour.ID }

// Open shows tour id in the editor (saving the tour shown before).
func (tp *TourPane) Open(id string) {
	tp.ed.saveNow()
	t, _ := tp.find(id)
	tp.ed.show(t)
	tp.selectInList()
}

// Show brings the Tours tab to the front (View → Tours, Ctrl+T).
func (tp *TourPane) Show() {
	tp.s.ShowTab("tours")
	tp.s.Win.Canvas().Focus(tp.ed.stops)
}

// Relabel redraws the tab in the current language.
func (tp *TourPane) Relabel() {
	loc := tp.s.Loc
	tp.item.Text = loc.T("classroomui.tab")
	tp.newBtn.SetText(loc.T("classroomui.new"))
	tp.impBtn.SetText(loc.T("classroomui.import"))
	tp.updateWhy()
	tp.list.Refresh()
	tp.ed.relabel()
}

// Tab is the Tours tab.
func (tp *TourPane) Tab() *container.TabItem { return tp.item }

// TabShown tells the pane whether its tab is in front; leaving it saves.
func (tp *TourPane) TabShown(on bool) {
	tp.shown = on
	if !on {
		tp.ed.saveNow()
		return
	}
	if tp.stale {
		tp.notebookChanged()
	}
	if tp.ed.tour.ID != "" {
		tp.ed.fillButtons() // Present may have been wired since
	}
}

// Close saves what is being typed (the shell waits for the writes).
func (tp *TourPane) Close() { tp.ed.saveNow() }

// MenuItems adds View → Tours. The menus are rebuilt after every reload
// of the notebook (they list its tours under View → Present tour), which
// is when tours may have changed under the tab (an import, a restored
// backup, an undone deletion): the tab follows then too.
func (tp *TourPane) MenuItems(menu string) []*fyne.MenuItem {
	if menu != "view" {
		return nil
	}
	if tourSignature(tp.s.Tours()) != tourSignature(tp.tours) {
		fyne.Do(tp.notebookChanged) // after the menu is built
	}
	it := fyne.NewMenuItem(tp.s.Loc.T("classroomui.menu_tours"), tp.Show)
	it.Shortcut = scTours
	return []*fyne.MenuItem{it}
}

// tourSignature sums up a list of tours: IDs, titles, intros and stops.
func tourSignature(ts []Tour) string {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(t.ID + "\x00" + t.Title.EN + "\x00" + t.Title.DE + "\x00" + t.Intro.EN + "\x00" + t.Intro.DE)
		for _, st := range t.Stops {
			b.WriteString("\x01" + st.EventID + "\x00" + st.Note.EN + "\x00" + st.Note.DE)
		}
		b.WriteString("\x02")
	}
	return b.String()
}

// KeyHelp lists the tour manager's keys for Help → Keyboard shortcuts.
func (tp *TourPane) KeyHelp() [][2]string {
	loc := tp.s.Loc
	mod := loc.T("keys.ctrl")
	return [][2]string{
		{mod + "+T", loc.T("classroomui.keys.tours")},
		{"Alt+↑ Alt+↓", loc.T("classroomui.keys.move")},
		{loc.T("classroomui.keys.delete_key"), loc.T("classroomui.keys.delete")},
	}
}

// keyMove moves the selected stop of the tour shown (Alt+↑, Alt+↓) while
// the Tours tab is in front.
func (tp *TourPane) keyMove(dir int) {
	if tp.m.SelectedTab() == "tours" {
		tp.ed.moveSelected(dir)
	}
}

// putOwn puts an own tour, as just saved, into the notebook's list in
// memory, so that the session's tours (presenting, printing, the menus)
// are what the teacher sees without reading the whole notebook again.
func (tp *TourPane) putOwn(t userdb.Tour) {
	p := tp.m.Notebook
	if p == nil {
		return
	}
	next := make([]userdb.Tour, 0, len(p.tours)+1)
	found := false
	for _, x := range p.tours {
		if x.ID == t.ID {
			t.Author, t.Created = x.Author, x.Created
			x, found = t, true
		}
		next = append(next, x)
	}
	if !found {
		next = append(next, t)
	}
	p.tours = next
	tp.sync()
}

// dropOwn takes an own tour out of the notebook's list in memory (deleted).
func (tp *TourPane) dropOwn(id string) {
	p := tp.m.Notebook
	if p == nil {
		return
	}
	next := make([]userdb.Tour, 0, len(p.tours))
	for _, x := range p.tours {
		if x.ID != id {
			next = append(next, x)
		}
	}
	p.tours = next
	tp.sync()
}
