// Package ui builds the app's window from panes: the timeline with its list
// twin, the detail pane, search, filters, the People and Sources tabs, menus.
// Each pane is a type of its own, built once, owning its state; Main wires
// them together through a Session. It never imports fyne.io/fyne/v2/app, so
// its tests run headless with fyne.io/fyne/v2/test.
package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/data/userdb"
	"aitimeline/i18n"
	"aitimeline/ui/chrono"
	"aitimeline/ui/timeline"
)

// Pane is a part of the window: it redraws its texts on a language switch.
// A pane may also be a TabPane (it adds a tab), a MenuPane (it adds menu
// items) and a Closer (it finishes its work when the window closes). New
// features add panes; Main only wires them.
type Pane interface{ Relabel() }

// TabPane adds a tab to the main window.
type TabPane interface {
	Pane
	Tab() *container.TabItem
}

// MenuPane adds items to a menu of the main window ("file", "view", "help").
type MenuPane interface {
	MenuItems(menu string) []*fyne.MenuItem
}

// Closer finishes a pane's work when the window closes (it must not block).
type Closer interface{ Close() }

// Options tune the main window.
type Options struct {
	Version string  // app version, for the About dialog
	Runner  *Runner // nil: the app's runner (fyne.Do); tests pass a TestRunner's
	// Trace, when set, receives one line per observable step (selection,
	// detail shown, window, list rows, tab, language, close): the real-window
	// tests (make e2e) read it to check timing and state from outside.
	Trace func(format string, args ...any)
	// Present, when set, starts presenting that tour as soon as the window
	// is built (the command line's "present").
	Present *PresentRequest
	// PointerHider hides (or shows again) the mouse pointer over a window
	// at once. Fyne asks a widget for its cursor only when the pointer
	// moves, so desktop.HiddenCursor alone cannot hide a pointer that
	// rests; the shell sets a driver-specific function. nil: the pointer
	// hides at its next move.
	PointerHider func(w fyne.Window, hide bool)
	// Notebook, when set, is attached while the window is built (as
	// AttachNotebook does later): its tab is made with the others, saving
	// the tab bar a refresh of every tab.
	Notebook *userdb.Notebook
	// NotebookPrefetch, when set, is Notebook's first load, started
	// while the dataset loaded (PrefetchNotebook); NotebookWait is how
	// long NewMain may wait for it to end, so that the first frame shows
	// the notebook (0: not at all; it then applies when done).
	NotebookPrefetch *NotebookPrefetch
	NotebookWait     time.Duration
}

// Main is the main window: it builds the panes and wires them together.
type Main struct {
	S        *Session
	opt      Options
	tabs     *container.AppTabs
	tabNames map[*container.TabItem]string
	building bool // in NewMain: tabs are refreshed once at its end
	panes    []Pane

	timelineTab *container.TabItem
	List        *ListTwin
	Search      *SearchBar
	Detail      *DetailPane
	Filters     *FilterPane
	People      *PeoplePane
	Sources     *SourcesPane
	Export      *Exporter
	Notebook    *NotebookPane // nil without a notebook
	Presenter   *Presenter
	overview    *timeline.Overview
	legend      *fyne.Container
	toolbar     *toolbar
	vsplit      *container.Split
	hsplit      *container.Split
	reader      fyne.Window
	closing     bool
	// OnClosed runs after the window closed (the shell quits the app).
	OnClosed func()
}

type toolbar struct {
	zoomIn, zoomOut, fitAll, filter, legend *widget.Button
}

// NewMain builds the main window's content on store and installs it, the
// menu, the shortcuts and the close handling in win.
func NewMain(a fyne.App, win fyne.Window, store *data.Store, loc *i18n.Localizer, opt Options) *Main {
	if opt.Runner == nil {
		opt.Runner = NewAppRunner()
	}
	s := newSession(a, win, store, loc, opt.Runner)
	if opt.Trace != nil {
		s.trace = opt.Trace
	}
	m := &Main{S: s, opt: opt, tabNames: map[*container.TabItem]string{}, building: true}
	m.List = newListTwin(s)
	m.Search = newSearchBar(s, m.List)
	m.Detail = newDetailPane(s, false)
	m.Filters = newFilterPane(s)
	s.fitFilter = m.Filters.Set
	m.People = newPeoplePane(s)
	m.Sources = newSourcesPane(s)
	m.Export = newExporter(s)
	m.overview = timeline.NewOverview(s.TL)
	m.overview.SetFilter(nil)
	s.OnFilter(func() { m.overview.SetFilter(s.Match()) })
	s.OnSelect(m.Detail.show)
	s.OnActivate(func(i int) { m.OpenReader() })
	m.legend = container.NewStack()
	m.toolbar = &toolbar{
		zoomIn:  widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { s.TL.Zoom(timeline.ZoomStep) }),
		zoomOut: widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { s.TL.Zoom(1 / timeline.ZoomStep) }),
		fitAll:  widget.NewButtonWithIcon("", theme.ViewFullScreenIcon(), m.Filters.FitAll),
		filter:  widget.NewButtonWithIcon("", theme.ListIcon(), m.Filters.ShowDialog),
		legend:  widget.NewButtonWithIcon("", theme.InfoIcon(), func() { m.ShowLegend(!m.legend.Visible()) }),
	}
	m.panes = []Pane{m.Search, m.Filters, m.People, m.Sources}
	win.SetContent(m.layout())
	m.AddTab("people", m.People)
	m.AddTab("sources", m.Sources)
	s.showTab = m.ShowTab
	loc.OnChange(func(data.Lang) { m.relabel() })
	m.relabel()
	m.installKeys()
	win.SetCloseIntercept(m.RequestClose)
	win.Canvas().Focus(s.TL) // keys work at once, without a click
	m.installTrace()
	m.Presenter = NewPresenter(m)
	m.AddPane(m.Presenter) // after installKeys: it adds F5 to the window's keys
	m.addClassroom()
	if opt.Notebook != nil {
		m.attachNotebook(opt.Notebook, opt.NotebookPrefetch)
	}
	m.installWelcome()
	m.building = false
	m.tabs.Refresh()
	return m
}

// installTrace reports the window's observable steps to Options.Trace.
func (m *Main) installTrace() {
	s := m.S
	if m.opt.Trace == nil {
		return
	}
	s.OnSelect(func(i int) { s.tracef("select %d", i) })
	// traceLabel says where the first labelled event is, in window
	// coordinates, so a test can click it.
	traceLabel := func() {
		for _, h := range s.TL.LabelHits() {
			p := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.TL)
			s.tracef("label %d %.0f %.0f", h.Ref, p.X+h.X, p.Y+h.Y)
			break
		}
	}
	s.OnViewport(func() {
		v := s.TL.Viewport()
		lo, hi, rows := s.Window()
		n := hi - lo
		if rows != nil {
			n = len(rows)
		}
		s.tracef("viewport %.0f %.0f %.0f list %d window %d", v.Start, v.End, v.Width, m.List.Len(), n)
		// Where the first labelled event is once the new view is drawn:
		// the line at start can come before the window is shown (a warm
		// start builds the main view first), at positions the shown window
		// no longer has.
		s.Q.Later("trace-label", 300*time.Millisecond, traceLabel)
	})
	m.Detail.onShown = func(i int, query, wait, build time.Duration) {
		s.tracef("detail %d query %d wait %d build %d", i, query.Milliseconds(), wait.Milliseconds(), build.Milliseconds())
	}
	m.Detail.onFull = func(i int, query, wait, build time.Duration) {
		s.tracef("detail-full %d query %d wait %d build %d", i, query.Milliseconds(), wait.Milliseconds(), build.Milliseconds())
	}
	s.Loc.OnChange(func(l data.Lang) { s.tracef("lang %s", l) })
	prev := m.tabs.OnSelected
	m.tabs.OnSelected = func(it *container.TabItem) {
		prev(it)
		s.tracef("tab %s", m.SelectedTab())
	}
	fyne.Do(func() {
		traceLabel()
		s.tracef("ready %d", s.Idx.Len())
	})
}

// AddPane registers a pane (for relabelling, menus and closing). Only the
// new pane is labelled and the menus rebuilt: relabelling the whole window
// for each pane added at start cost a tenth of a second.
func (m *Main) AddPane(p Pane) {
	m.panes = append(m.panes, p)
	if m.tabs != nil {
		p.Relabel()
		m.RefreshMenu()
	}
}

// AddTab adds a pane's tab under a name ShowTab knows.
func (m *Main) AddTab(name string, p TabPane) {
	if !m.hasPane(p) {
		m.panes = append(m.panes, p)
		p.Relabel()
	}
	m.tabNames[p.Tab()] = name
	if m.building { // NewMain refreshes the tabs once at its end
		m.tabs.Items = append(m.tabs.Items, p.Tab())
		return
	}
	m.tabs.Append(p.Tab())
}

func (m *Main) hasPane(p Pane) bool {
	for _, q := range m.panes {
		if q == p {
			return true
		}
	}
	return false
}

// ShowTab brings the named tab to the front.
func (m *Main) ShowTab(name string) {
	if name == "timeline" {
		m.tabs.Select(m.timelineTab)
		return
	}
	for it, n := range m.tabNames {
		if n == name {
			m.tabs.Select(it)
		}
	}
}

// Tabs exposes the tabs (tests).
func (m *Main) Tabs() *container.AppTabs { return m.tabs }

// SelectedTab is the name of the tab in front.
func (m *Main) SelectedTab() string {
	if m.tabs.Selected() == m.timelineTab {
		return "timeline"
	}
	return m.tabNames[m.tabs.Selected()]
}

func (m *Main) layout() fyne.CanvasObject {
	s := m.S
	tb := m.toolbar
	zoom := container.NewHBox(tb.zoomOut, tb.zoomIn, tb.fitAll, tb.filter, tb.legend)
	// The same buttons without their words, for a window too narrow for
	// them (German at 200 % text needs 1,100 px for the labelled row).
	compact := container.NewHBox()
	for _, b := range zoom.Objects {
		compact.Add(widget.NewButtonWithIcon("", b.(*widget.Button).Icon, b.(*widget.Button).OnTapped))
	}
	if !s.Prefs.Bool(prefLegend) {
		m.legend.Hide()
	}
	top := container.NewBorder(nil, container.NewVBox(m.overview, m.legend), nil, nil, s.TL)
	listPane := container.NewBorder(m.Search.People(), nil, nil, nil, m.List.Widget())
	m.Search.relayout = listPane.Refresh
	m.hsplit = container.NewHSplit(listPane, m.Detail.Widget())
	m.hsplit.Offset = s.Prefs.Split("list_detail", 0.42)
	m.vsplit = container.NewVSplit(top, m.hsplit)
	m.vsplit.Offset = s.Prefs.Split("timeline", 0.6)
	body := container.NewBorder(container.New(&toolbarRow{}, zoom, compact, m.Search.Entry()), nil, nil, nil,
		container.NewBorder(m.Filters.Bar(), nil, nil, nil, m.vsplit))
	m.timelineTab = container.NewTabItemWithIcon("", theme.HistoryIcon(), body)
	m.tabs = container.NewAppTabs(m.timelineTab)
	m.tabs.OnSelected = func(it *container.TabItem) {
		if it == m.Sources.Tab() {
			m.Sources.Load()
		}
		for _, p := range m.panes {
			if tp, ok := p.(interface {
				TabPane
				TabShown(bool)
			}); ok {
				tp.TabShown(tp.Tab() == it)
			}
		}
	}
	return container.NewBorder(nil, container.New(tightRow{}, s.Status.text), nil, nil, m.tabs)
}

// relabel re-renders every visible string in the current language, keeping
// the window, selection, lanes, filter and search.
func (m *Main) relabel() {
	s, loc := m.S, m.S.Loc
	if m.tabs == nil {
		return
	}
	s.Win.SetTitle(loc.T("app.name"))
	m.toolbar.zoomIn.SetText(loc.T("timeline.zoom_in"))
	m.toolbar.zoomOut.SetText(loc.T("timeline.zoom_out"))
	m.toolbar.fitAll.SetText(loc.T("timeline.fit_all"))
	m.toolbar.filter.SetText(loc.T("filter.button"))
	m.toolbar.legend.SetText(loc.T("legend.button"))
	m.timelineTab.Text = loc.T("tab.timeline")
	for _, p := range m.panes {
		p.Relabel()
	}
	m.tabs.Refresh()
	m.legend.Objects = []fyne.CanvasObject{timeline.NewLegend(loc)}
	m.legend.Refresh()
	s.Status.Set("", "")
	s.Win.SetMainMenu(m.menu())
	s.TL.Relabel()
	if !m.Search.active() {
		m.List.ShowWindow()
	}
	m.Detail.Refresh()
}

const prefLegend = "timeline.legend"

// ShowLegend shows or hides the legend under the timeline (it takes room
// from the timeline; the detail pane explains the shape of the selected
// event too) and remembers the choice.
func (m *Main) ShowLegend(on bool) {
	if on {
		m.legend.Show()
	} else {
		m.legend.Hide()
	}
	m.S.Prefs.SetBool(prefLegend, on)
	m.S.Win.SetMainMenu(m.menu())
}

// SetLang switches the language and remembers it.
func (m *Main) SetLang(l data.Lang) {
	m.S.Prefs.SetLang(l)
	m.S.Loc.SetLang(l)
}

// SetTheme applies and remembers a theme choice.
func (m *Main) SetTheme(c ThemeChoice) {
	m.S.Prefs.SetTheme(c)
	m.S.App.Settings().SetTheme(NewTheme(c, m.S.Prefs.TextScale()))
	m.S.Win.SetMainMenu(m.menu())
}

// SetTextScale applies and remembers a text size (1 = 100 %).
func (m *Main) SetTextScale(v float32) {
	m.S.Prefs.SetTextScale(v)
	m.S.App.Settings().SetTheme(NewTheme(m.S.Prefs.Theme(), v))
	m.S.Win.SetMainMenu(m.menu())
	m.refreshTabs()
}

// refreshTabs lays every tab out again after a change of the text size:
// the driver applies a new theme to the tab in front only, and the hidden
// ones (people cards, the sources table) kept their old sizes until the
// next start.
func (m *Main) refreshTabs() {
	for _, it := range m.tabs.Items {
		it.Content.Refresh()
	}
}

// SetLanes applies and remembers a lane mode.
func (m *Main) SetLanes(mode timeline.LaneMode) {
	m.S.Prefs.SetLanes(mode)
	m.S.TL.SetLaneMode(mode)
	m.S.Win.SetMainMenu(m.menu())
}

// Shortcuts of the main window, shown in the menus and in Help → Keyboard shortcuts.
var (
	scSearch  = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	scQuit    = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	scZoomIn  = &desktop.CustomShortcut{KeyName: fyne.KeyEqual, Modifier: fyne.KeyModifierShortcutDefault}
	scZoomOut = &desktop.CustomShortcut{KeyName: fyne.KeyMinus, Modifier: fyne.KeyModifierShortcutDefault}
	scFitAll  = &desktop.CustomShortcut{KeyName: fyne.Key0, Modifier: fyne.KeyModifierShortcutDefault}
	scFilter  = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}
	scReader  = &desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault}
	scTab1    = &desktop.CustomShortcut{KeyName: fyne.Key1, Modifier: fyne.KeyModifierShortcutDefault}
	scTab2    = &desktop.CustomShortcut{KeyName: fyne.Key2, Modifier: fyne.KeyModifierShortcutDefault}
	scTab3    = &desktop.CustomShortcut{KeyName: fyne.Key3, Modifier: fyne.KeyModifierShortcutDefault}
	scTab4    = &desktop.CustomShortcut{KeyName: fyne.Key4, Modifier: fyne.KeyModifierShortcutDefault}
	scTab5    = &desktop.CustomShortcut{KeyName: fyne.Key5, Modifier: fyne.KeyModifierShortcutDefault}
	// ScHandout opens File → Hand-out (the print shortcut users expect).
	ScHandout = &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault}
)

// installKeys adds the window's shortcuts, and sends keys typed while no
// field has focus to the timeline, so arrows, + and − work without a click
// first.
// addWindowKey adds a window shortcut that acts only while no dialog is
// open: behind a dialog a tab switch, a second filter dialog or a star on
// the selected event would happen out of sight.
func addWindowKey(c fyne.Canvas, sc fyne.Shortcut, f func()) {
	c.AddShortcut(sc, func(fyne.Shortcut) {
		if c.Overlays().Top() == nil {
			f()
		}
	})
}

// guardMenuKeys makes the menu items with a shortcut (Quit excepted) act
// only while no dialog is open: the driver runs a menu item's shortcut
// before the dialog or its focused field sees the key.
func guardMenuKeys(c fyne.Canvas, items []*fyne.MenuItem) {
	for _, it := range items {
		if it == nil {
			continue
		}
		if it.ChildMenu != nil {
			guardMenuKeys(c, it.ChildMenu.Items)
		}
		if it.Shortcut == nil || it.IsQuit || it.Action == nil {
			continue
		}
		act := it.Action
		it.Action = func() {
			if c.Overlays().Top() == nil {
				act()
			}
		}
	}
}

func (m *Main) installKeys() {
	s, c := m.S, m.S.Win.Canvas()
	addWindowKey(c, scSearch, func() { c.Focus(m.Search.Entry()) })
	c.AddShortcut(scQuit, func(fyne.Shortcut) { m.RequestClose() })
	addWindowKey(c, scZoomIn, func() { s.TL.Zoom(timeline.ZoomStep) })
	addWindowKey(c, scZoomOut, func() { s.TL.Zoom(1 / timeline.ZoomStep) })
	addWindowKey(c, scFitAll, func() { m.Filters.FitAll() })
	addWindowKey(c, scFilter, func() { m.Filters.ShowDialog() })
	addWindowKey(c, scReader, func() { m.OpenReader() })
	c.AddShortcut(ScHandout, func(fyne.Shortcut) {
		if pp := m.Printouts(); pp != nil && c.Overlays().Top() == nil {
			id := "" // the tour the Tours tab shows, if it is in front
			if tp := m.Tours(); tp != nil && m.SelectedTab() == "tours" {
				id = tp.OpenID()
			}
			pp.ShowHandout(id)
		}
	})
	for k, sc := range []*desktop.CustomShortcut{scTab1, scTab2, scTab3, scTab4, scTab5} {
		k := k
		addWindowKey(c, sc, func() {
			if k < len(m.tabs.Items) {
				m.tabs.SelectIndex(k)
			}
		})
	}
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if c.Overlays().Top() != nil {
			// A dialog is open: its keys are not the timeline's (Esc must
			// not clear the selection behind it); Esc cancels the dialog.
			if e.Name == fyne.KeyEscape {
				s.escapeDialog()
			}
			return
		}
		if !m.windowKey(e) && m.SelectedTab() == "timeline" {
			s.TL.TypedKey(e)
		}
	})
	// Keys the focused timeline does not use (F1, F5) are the window's.
	s.TL.OnUnhandledKey = func(e *fyne.KeyEvent) {
		if m.windowKey(e) {
			return
		}
		// ↑/↓ walk the event list under the timeline, as they did while
		// the list held the focus; ←/→ step along the timeline itself.
		switch e.Name {
		case fyne.KeyUp:
			m.List.Step(-1)
		case fyne.KeyDown:
			m.List.Step(1)
		}
	}
	c.SetOnTypedRune(func(r rune) {
		if c.Overlays().Top() == nil && m.SelectedTab() == "timeline" {
			s.TL.TypedRune(r)
		}
	})
}

// KeyHandler is a pane that acts on keys typed in the window while no text
// field has the focus (the presenter's F5).
type KeyHandler interface {
	HandleKey(e *fyne.KeyEvent) bool
}

// windowKey acts on a key of the whole window (F1, a pane's keys) and
// reports whether it did.
func (m *Main) windowKey(e *fyne.KeyEvent) bool {
	if e.Name == fyne.KeyF1 {
		m.ShowKeys()
		return true
	}
	for _, p := range m.panes {
		if k, ok := p.(KeyHandler); ok && k.HandleKey(e) {
			return true
		}
	}
	return false
}

func (m *Main) menu() *fyne.MainMenu {
	s, loc := m.S, m.S.Loc
	item := func(id string, f func()) *fyne.MenuItem { return fyne.NewMenuItem(loc.T(id), f) }
	withKey := func(it *fyne.MenuItem, sc fyne.Shortcut) *fyne.MenuItem { it.Shortcut = sc; return it }
	checked := func(it *fyne.MenuItem, on bool) *fyne.MenuItem { it.Checked = on; return it }
	quit := withKey(item("menu.file.quit", m.RequestClose), scQuit)
	quit.IsQuit = true
	fileItems := []*fyne.MenuItem{
		item("menu.file.export_json", func() { m.Export.ShowDialog("json") }),
		item("menu.file.export_csv", func() { m.Export.ShowDialog("csv") }),
	}
	fileItems = append(fileItems, m.paneItems("file")...)
	// The hand-out item comes from the print pane; it shows its shortcut
	// here so the menu tells what Ctrl+P does.
	for _, it := range fileItems {
		if it.Label == loc.T("classroomui.menu_handout") && it.Shortcut == nil {
			it.Shortcut = ScHandout
		}
	}
	fileItems = append(fileItems, fyne.NewMenuItemSeparator(), quit)
	file := fyne.NewMenu(loc.T("menu.file"), fileItems...)

	day := chrono.Day
	lanes := item("menu.view.lanes", nil)
	mode := s.TL.LaneMode()
	var laneItems []*fyne.MenuItem
	for k, id := range []string{"menu.view.lanes_single", "menu.view.lanes_category", "menu.view.lanes_person", "menu.view.lanes_organization", "menu.view.lanes_thread"} {
		lm := timeline.LaneMode(k)
		laneItems = append(laneItems, checked(item(id, func() { m.SetLanes(lm) }), mode == lm))
	}
	lanes.ChildMenu = fyne.NewMenu("", laneItems...)
	th := s.Prefs.Theme()
	themes := item("menu.view.theme", nil)
	var themeItems []*fyne.MenuItem
	for _, c := range ThemeChoices {
		c := c
		themeItems = append(themeItems, checked(item("menu.view.theme_"+string(c), func() { m.SetTheme(c) }), th == c))
	}
	themes.ChildMenu = fyne.NewMenu("", themeItems...)
	sizes := item("menu.view.text_size", nil)
	var sizeItems []*fyne.MenuItem
	cur := s.Prefs.TextScale()
	for _, v := range []float32{0.9, 1, 1.25, 1.5, 1.75, 2} {
		v := v
		it := fyne.NewMenuItem(fmt.Sprintf("%d %%", int(v*100+0.5)), func() { m.SetTextScale(v) })
		sizeItems = append(sizeItems, checked(it, cur > v-0.01 && cur < v+0.01))
	}
	sizes.ChildMenu = fyne.NewMenu("", sizeItems...)
	spans := item("menu.view.span", nil)
	spans.ChildMenu = fyne.NewMenu("",
		item("menu.view.preset_year", func() { s.TL.ShowSpan(365 * day) }),
		item("menu.view.preset_quarter", func() { s.TL.ShowSpan(91 * day) }),
		item("menu.view.preset_month", func() { s.TL.ShowSpan(30 * day) }),
		item("menu.view.preset_week", func() { s.TL.ShowSpan(7 * day) }))
	// The settings' submenus come first and the spans are a submenu: a
	// menu taller than the window scrolls and clips its submenus, so the
	// text sizes opening from the foot of a long View menu could not be
	// reached (TestViewMenuFitsAt200Percent).
	viewItems := []*fyne.MenuItem{
		sizes, themes, lanes,
		fyne.NewMenuItemSeparator(),
		withKey(item("menu.view.zoom_in", func() { s.TL.Zoom(timeline.ZoomStep) }), scZoomIn),
		withKey(item("menu.view.zoom_out", func() { s.TL.Zoom(1 / timeline.ZoomStep) }), scZoomOut),
		withKey(item("menu.view.fit_all", m.Filters.FitAll), scFitAll),
		spans,
		fyne.NewMenuItemSeparator(),
		withKey(item("menu.view.filter", m.Filters.ShowDialog), scFilter),
		withKey(item("menu.view.search", func() { s.Win.Canvas().Focus(m.Search.Entry()) }), scSearch),
		withKey(item("menu.view.reader", m.OpenReader), scReader),
		checked(item("menu.view.legend", func() { m.ShowLegend(!m.legend.Visible()) }), m.legend.Visible()),
	}
	viewItems = append(viewItems, m.paneItems("view")...)
	view := fyne.NewMenu(loc.T("menu.view"), viewItems...)
	lang := fyne.NewMenu(loc.T("menu.language"),
		checked(item("menu.language.en", func() { m.SetLang(data.EN) }), loc.Lang() == data.EN),
		checked(item("menu.language.de", func() { m.SetLang(data.DE) }), loc.Lang() == data.DE))
	helpItems := []*fyne.MenuItem{withKey(item("menu.help.keys", m.ShowKeys), &desktop.CustomShortcut{KeyName: fyne.KeyF1})}
	helpItems = append(helpItems, m.paneItems("help")...)
	helpItems = append(helpItems, fyne.NewMenuItemSeparator(), item("menu.help.about", m.ShowAbout))
	help := fyne.NewMenu(loc.T("menu.help"), helpItems...)
	main := fyne.NewMainMenu(file, view, lang, help)
	for _, mm := range main.Items {
		guardMenuKeys(m.S.Win.Canvas(), mm.Items)
	}
	return main
}

func (m *Main) paneItems(menu string) []*fyne.MenuItem {
	var out []*fyne.MenuItem
	for _, p := range m.panes {
		if mp, ok := p.(MenuPane); ok {
			out = append(out, mp.MenuItems(menu)...)
		}
	}
	return out
}

// RefreshMenu rebuilds the menu (a pane's items changed).
func (m *Main) RefreshMenu() { m.S.Win.SetMainMenu(m.menu()) }

// AboutText is the body of the About dialog.
func (m *Main) AboutText() string {
	s := m.S
	loc := s.Loc
	return loc.T("about.text", "AppVersion", m.opt.Version, "DatasetVersion", s.DS.Meta.Version,
		"AsOf", loc.Date(s.DS.Meta.AsOf), "Events", s.Idx.Len(), "People", len(s.DS.People)) + "\n\n" + loc.T("about.disclaimer")
}

// ShowAbout shows app version, dataset version and the "facts as of" date.
func (m *Main) ShowAbout() {
	body := widget.NewLabel(m.AboutText())
	body.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(m.S.Loc.T("about.title"), m.S.Loc.T("about.close"), container.NewGridWrap(fyne.NewSize(480, 220), body), m.S.Win)
	d.Show()
	m.S.closeOnEsc(d.Hide)
}

// RequestClose is what the window's close button and File → Quit do: if an
// export is still running it asks first; then it closes (see Close).
func (m *Main) RequestClose() {
	if m.closing {
		return
	}
	if m.Export.Busy() {
		loc := m.S.Loc
		dialog.ShowConfirm(loc.T("quit.export_title"), loc.T("quit.export_running"), func(ok bool) {
			if ok {
				m.Close()
			}
		}, m.S.Win)
		return
	}
	m.Close()
}

// Close saves the window size and split positions, cancels every query
// (without waiting for any), lets the panes finish, and closes the window.
func (m *Main) Close() {
	if m.closing {
		return
	}
	m.closing = true
	s := m.S
	s.Prefs.SetWindowLayout(s.Win.Canvas().Size(), map[string]float64{"list_detail": m.hsplit.Offset, "timeline": m.vsplit.Offset})
	for _, p := range m.panes {
		if c, ok := p.(Closer); ok {
			c.Close()
		}
	}
	s.Q.Shutdown()
	s.tracef("closed")
	if m.reader != nil {
		m.reader.Close()
	}
	s.Win.Close()
	if m.OnClosed != nil {
		m.OnClosed()
	}
}

// toolbarRow lays out the timeline's toolbar: the labelled buttons, or the
// same buttons as icons when the labelled ones would leave the search
// field less than toolbarSearchMin, then the search field. Its minimum
// width is the icons' and the field's, so large text never makes the
// window wider than the screen.
type toolbarRow struct{}

// toolbarSearchMin is the least width of the search field beside the
// labelled buttons.
const toolbarSearchMin = 360

func (toolbarRow) parts(objs []fyne.CanvasObject) (full, compact, entry fyne.CanvasObject) {
	return objs[0], objs[1], objs[2]
}

func (r toolbarRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	full, compact, entry := r.parts(objs)
	show, hide := full, compact
	if size.Width-full.MinSize().Width < max(toolbarSearchMin, entry.MinSize().Width) {
		show, hide = compact, full
	}
	hide.Hide()
	show.Show()
	w := show.MinSize().Width
	show.Move(fyne.NewPos(0, 0))
	show.Resize(fyne.NewSize(w, size.Height))
	pad := theme.Padding()
	entry.Move(fyne.NewPos(w+pad, 0))
	entry.Resize(fyne.NewSize(size.Width-w-pad, size.Height))
}

func (r toolbarRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	full, compact, entry := r.parts(objs)
	c, e := compact.MinSize(), entry.MinSize()
	return fyne.NewSize(c.Width+theme.Padding()+e.Width, max(c.Height, e.Height, full.MinSize().Height))
}

// tightRow holds one line of text with half the theme's inner padding
// above and below it: the status line, which at 200 % text took 78 px of
// a 740 px window.
type tightRow struct{}

func (tightRow) trim() float32 { return theme.InnerPadding() / 2 }

func (r tightRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, -r.trim()))
		o.Resize(fyne.NewSize(size.Width, size.Height+2*r.trim()))
	}
}

func (r tightRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return fyne.NewSize(m.Width, max(0, m.Height-2*r.trim()))
}
