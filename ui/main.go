// Package ui builds the app's window: menus, the timeline with its list twin,
// the detail pane and search. It never imports fyne.io/fyne/v2/app, so its
// tests run headless with fyne.io/fyne/v2/test.
package ui

import (
	"fmt"
	"io"
	"sort"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/i18n"
	"aitimeline/ui/chrono"
	"aitimeline/ui/timeline"
)

// Preference keys.
const (
	PrefLang   = "lang"
	PrefTheme  = "theme"
	PrefLanes  = "lanes"
	PrefWidth  = "window.width"
	PrefHeight = "window.height"
	PrefSplitH = "layout.split_list_detail"
	PrefSplitV = "layout.split_timeline"
)

// Main is the main window's controller. Application state (selection, window,
// lanes, search text) lives in its widgets, which survive a language switch;
// only texts are rebuilt.
type Main struct {
	app     fyne.App
	win     fyne.Window
	loc     *i18n.Localizer
	store   *data.Store
	ctx     *data.Dataset // meta, people, organisations, eras (no events)
	idx     *data.Index
	version string
	people  map[string]*data.Person
	orgs    map[string]*data.Organization

	tl           *timeline.Timeline
	list         *widget.List
	rows         []int // list twin rows when filtered or searching (see rowCount)
	inWindow     bool  // rows are the window's events [winLo, winHi) of the index
	winLo, winHi int
	search       *widget.Entry
	hits         bool     // rows hold search hits rather than the window's events
	tokens       []string // the search's folded words, highlighted in the list
	detail       *fyne.Container
	legend       *fyne.Container
	status       *widget.Label
	zoomIn       *widget.Button
	zoomOut      *widget.Button
	fitAll       *widget.Button
	filters      *widget.Button
	syncing      bool // guards the list↔timeline selection echo

	overview    *timeline.Overview
	filter      Filter
	match       func(int) bool // compiled filter, nil keeps all
	filterBar   *fyne.Container
	tabs        *container.AppTabs
	timelineTab *container.TabItem
	peopleTab   *container.TabItem
	sourcesTab  *container.TabItem
	personShown string // the person whose card the People tab shows
	vsplit      *container.Split
	hsplit      *container.Split
	detailSeq   int            // selection generation, to drop stale detail reads
	searchSeq   int            // keystroke generation, to drop stale search results
	pending     sync.WaitGroup // background queries not yet applied
	inline      bool           // run queries synchronously (headless tests)
}

// NewMain builds the main window's content and installs it and the menu in
// win. td is the timeline data (the compact event index), ctx the dataset's
// other tables; store serves event details, search and export.
func NewMain(a fyne.App, win fyne.Window, store *data.Store, td *timeline.Data, ctx *data.Dataset, loc *i18n.Localizer, version string) *Main {
	m := &Main{app: a, win: win, loc: loc, store: store, ctx: ctx, idx: td.Idx, version: version,
		people: map[string]*data.Person{}, orgs: map[string]*data.Organization{}}
	for i := range ctx.People {
		m.people[ctx.People[i].ID] = &ctx.People[i]
	}
	for i := range ctx.Organizations {
		m.orgs[ctx.Organizations[i].ID] = &ctx.Organizations[i]
	}
	m.tl = timeline.New(td, loc)
	m.tl.SetLaneMode(timeline.LaneMode(a.Preferences().IntWithFallback(PrefLanes, int(timeline.LanesSingle))))
	m.tl.OnSelect = m.onTimelineSelect
	m.tl.OnActivate = func(i int) { m.tabs.Select(m.timelineTab); m.showDetail(i) }
	m.tl.OnViewportChange = func(chrono.Viewport) {
		if !m.hits {
			m.refreshRows()
		}
	}
	m.list = widget.NewList(m.rowCount,
		func() fyne.CanvasObject {
			date := widget.NewLabel("00.00.0000")
			date.TextStyle.Monospace = true
			title := widget.NewRichText()
			title.Truncation = fyne.TextTruncateEllipsis
			dateBox := container.NewGridWrap(fyne.NewSize(108, date.MinSize().Height), date)
			return container.NewBorder(nil, nil, container.NewHBox(timeline.NewSwatch(data.CatGovernance, data.StFact, 12), dateBox), nil, title)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= m.rowCount() {
				return
			}
			i := m.rowAt(id)
			c := o.(*fyne.Container)
			left := c.Objects[1].(*fyne.Container)
			left.Objects[0].(*timeline.Swatch).SetStyle(m.idx.Category(i), m.idx.Status(i))
			left.Objects[1].(*fyne.Container).Objects[0].(*widget.Label).SetText(m.loc.ShortDate(m.idx.Date(i)))
			title := c.Objects[0].(*widget.RichText)
			title.Segments = highlightSegments(m.idx.Title(i, m.loc.Lang()), m.tokens)
			title.Refresh()
		})
	m.list.OnSelected = func(id widget.ListItemID) {
		if m.syncing || id >= m.rowCount() {
			return
		}
		m.syncing = true
		m.tl.SelectAndReveal(m.rowAt(id))
		m.syncing = false
	}
	m.search = widget.NewEntry()
	m.search.OnChanged = func(string) { m.runSearch() }
	m.search.OnSubmitted = func(string) {
		if m.rowCount() > 0 {
			m.tl.SelectAndReveal(m.rowAt(0))
			m.win.Canvas().Focus(m.tl)
		}
	}
	m.status = widget.NewLabel("")
	m.status.Importance = widget.LowImportance
	m.detail = container.NewStack()
	m.legend = container.NewStack()
	m.zoomIn = widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { m.tl.Zoom(timeline.ZoomStep) })
	m.zoomOut = widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { m.tl.Zoom(1 / timeline.ZoomStep) })
	m.fitAll = widget.NewButtonWithIcon("", theme.ViewFullScreenIcon(), m.tl.FitAll)
	m.filters = widget.NewButtonWithIcon("", theme.ListIcon(), m.ShowFilterDialog)
	m.overview = timeline.NewOverview(m.tl)
	m.filterBar = container.NewStack()
	m.filterBar.Hide()

	loc.OnChange(func(data.Lang) { m.relabel() })
	win.SetContent(m.layout())
	m.relabel()
	win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { win.Canvas().Focus(m.search) })
	return m
}

// Timeline exposes the timeline widget (tests, render).
func (m *Main) Timeline() *timeline.Timeline { return m.tl }

// List exposes the list twin (tests).
func (m *Main) List() *widget.List { return m.list }

// Rows returns the event indexes the list twin shows.
func (m *Main) Rows() []int {
	out := make([]int, m.rowCount())
	for r := range out {
		out[r] = m.rowAt(r)
	}
	return out
}

// The list twin's rows are either the events in the window [winLo, winHi)
// of the index (no filter, no search: nothing is copied, even for a million
// events) or the explicit list m.rows.
func (m *Main) rowCount() int {
	if m.inWindow {
		return m.winHi - m.winLo
	}
	return len(m.rows)
}

func (m *Main) rowAt(r int) int {
	if m.inWindow {
		return m.winLo + r
	}
	return m.rows[r]
}

// rowOf is the row showing event i, or -1.
func (m *Main) rowOf(i int) int {
	if m.inWindow {
		if i >= m.winLo && i < m.winHi {
			return i - m.winLo
		}
		return -1
	}
	for row, ev := range m.rows {
		if ev == i {
			return row
		}
	}
	return -1
}

// Search exposes the search entry (tests).
func (m *Main) Search() *widget.Entry { return m.search }

func (m *Main) layout() fyne.CanvasObject {
	toolbar := container.NewBorder(nil, nil, container.NewHBox(m.zoomOut, m.zoomIn, m.fitAll, m.filters), nil, m.search)
	top := container.NewBorder(nil, container.NewVBox(m.overview, m.legend), nil, nil, m.tl)
	m.hsplit = container.NewHSplit(m.list, m.detail)
	m.hsplit.Offset = m.app.Preferences().FloatWithFallback(PrefSplitH, 0.42)
	m.vsplit = container.NewVSplit(top, m.hsplit)
	m.vsplit.Offset = m.app.Preferences().FloatWithFallback(PrefSplitV, 0.58)
	m.timelineTab = container.NewTabItem("", container.NewBorder(m.filterBar, nil, nil, nil, m.vsplit))
	m.peopleTab = container.NewTabItem("", container.NewStack())
	m.sourcesTab = container.NewTabItem("", container.NewStack())
	m.tabs = container.NewAppTabs(m.timelineTab, m.peopleTab, m.sourcesTab)
	m.tabs.OnSelected = func(*container.TabItem) { m.fillTab() }
	return container.NewBorder(toolbar, m.status, nil, nil, m.tabs)
}

// fillTab builds the People or Sources tab when it is shown (and again after
// a language switch), so start-up pays only for the timeline.
func (m *Main) fillTab() {
	switch m.tabs.Selected() {
	case m.peopleTab:
		m.peopleTab.Content = m.peopleView()
	case m.sourcesTab:
		m.sourcesTab.Content = m.sourcesView()
	default:
		return
	}
	m.tabs.Refresh()
}

// SaveLayout remembers the split positions (called when the window closes).
func (m *Main) SaveLayout() {
	m.app.Preferences().SetFloat(PrefSplitH, m.hsplit.Offset)
	m.app.Preferences().SetFloat(PrefSplitV, m.vsplit.Offset)
}

// relabel re-renders every visible string in the current language, keeping
// the window, selection, lanes and search.
func (m *Main) relabel() {
	loc := m.loc
	m.win.SetTitle(loc.T("app.name"))
	m.search.SetPlaceHolder(loc.T("search.placeholder"))
	m.zoomIn.SetText(loc.T("timeline.zoom_in"))
	m.zoomOut.SetText(loc.T("timeline.zoom_out"))
	m.fitAll.SetText(loc.T("timeline.fit_all"))
	m.filters.SetText(loc.T("filter.button"))
	m.timelineTab.Text = loc.T("tab.timeline")
	m.peopleTab.Text = loc.T("tab.people")
	m.sourcesTab.Text = loc.T("tab.sources")
	m.refreshFilterBar()
	m.fillTab()
	m.tabs.Refresh()
	m.legend.Objects = []fyne.CanvasObject{timeline.NewLegend(loc)}
	m.legend.Refresh()
	m.status.SetText("")
	m.win.SetMainMenu(m.menu())
	m.tl.Relabel()
	if m.hits {
		m.runSearch() // hits come from the index of the new language
	} else {
		m.refreshRows()
	}
	m.showDetail(m.tl.Selected())
}

// showDetail reads event i's details off the UI goroutine and shows them;
// a result that arrives after a newer selection is dropped.
func (m *Main) showDetail(i int) {
	m.detailSeq++
	seq := m.detailSeq
	if i < 0 || i >= m.idx.Len() {
		m.setDetail(m.detailView(-1, nil, nil, nil))
		return
	}
	m.background(func() func() {
		ev, err := m.store.EventAt(i)
		rel, _ := m.store.Related(i, 6)
		return func() {
			if seq == m.detailSeq {
				m.setDetail(m.detailView(i, &ev, rel, err))
			}
		}
	})
}

func (m *Main) setDetail(o fyne.CanvasObject) {
	m.detail.Objects = []fyne.CanvasObject{o}
	m.detail.Refresh()
}

// background runs work off the UI goroutine and applies the function it
// returns on the UI goroutine (fyne.Do). Wait blocks until all have applied.
func (m *Main) background(work func() (apply func())) {
	if m.inline {
		work()()
		return
	}
	m.pending.Add(1)
	go func() {
		defer m.pending.Done()
		apply := work()
		fyne.DoAndWait(apply)
	}()
}

// Wait blocks until background queries have been applied (tests, shutdown).
func (m *Main) Wait() { m.pending.Wait() }

// RunQueriesInline makes queries run on the calling goroutine. Fyne's test
// driver applies fyne.Do at once on the calling goroutine instead of
// queueing it for the UI goroutine, so headless tests use this mode.
func (m *Main) RunQueriesInline() { m.inline = true }

func (m *Main) onTimelineSelect(i int) {
	m.showDetail(i)
	if m.syncing {
		return
	}
	m.syncing = true
	defer func() { m.syncing = false }()
	if row := m.rowOf(i); row >= 0 {
		m.list.Select(row)
		m.list.ScrollTo(row)
		return
	}
	m.list.UnselectAll()
}

// refreshRows lists the events inside the timeline's window.
func (m *Main) refreshRows() {
	v := m.tl.Viewport()
	ts := m.tl.Data().T
	lo, hi := sort.SearchFloat64s(ts, v.Start), sort.SearchFloat64s(ts, v.End)
	m.inWindow, m.winLo, m.winHi = m.match == nil, lo, hi
	m.rows = m.rows[:0]
	if m.match != nil {
		for i := lo; i < hi; i++ {
			if m.match(i) {
				m.rows = append(m.rows, i)
			}
		}
	}
	m.hits = false
	m.list.Refresh()
	m.syncSelection()
}

func (m *Main) syncSelection() {
	m.syncing = true
	defer func() { m.syncing = false }()
	if row := m.rowOf(m.tl.Selected()); row >= 0 {
		m.list.Select(row)
		return
	}
	m.list.UnselectAll()
}

// runSearch shows the hits for the search text in the list twin; an empty
// text shows the window's events again.
func (m *Main) runSearch() {
	q := m.search.Text
	m.tokens = data.QueryTokens(q)
	if len(m.tokens) == 0 {
		m.searchSeq++ // drop any search still under way
		m.refreshRows()
		if q != "" {
			m.status.SetText(m.loc.T("search.no_results"))
		}
		return
	}
	m.searchSeq++
	seq, lang, match := m.searchSeq, m.loc.Lang(), m.match
	m.background(func() func() {
		hits, err := m.store.Search(q, lang, 200)
		var rows []int
		if err == nil {
			for _, h := range hits {
				if match == nil || match(h.N) {
					rows = append(rows, h.N)
				}
			}
		}
		return func() {
			if seq != m.searchSeq {
				return // a newer keystroke's result is on its way
			}
			m.rows, m.inWindow = rows, false
			m.hits = true
			if len(m.rows) == 0 {
				m.status.SetText(m.loc.T("search.no_results"))
			} else {
				m.status.SetText(m.loc.N("events.count", len(m.rows)))
			}
			m.list.Refresh()
			m.syncSelection()
		}
	})
}

// step selects the previous or next event from the detail pane's buttons.
func (m *Main) step(dir int) {
	if dir < 0 {
		m.tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	} else {
		m.tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
}

// SetLang switches the language and remembers it.
func (m *Main) SetLang(lang data.Lang) {
	m.app.Preferences().SetString(PrefLang, string(lang))
	m.loc.SetLang(lang)
}

// SetTheme applies and remembers a theme choice.
func (m *Main) SetTheme(c ThemeChoice) {
	m.app.Preferences().SetString(PrefTheme, string(c))
	m.app.Settings().SetTheme(NewTheme(c))
	m.win.SetMainMenu(m.menu())
}

func (m *Main) setLanes(mode timeline.LaneMode) {
	m.app.Preferences().SetInt(PrefLanes, int(mode))
	m.tl.SetLaneMode(mode)
	m.win.SetMainMenu(m.menu())
}

func (m *Main) menu() *fyne.MainMenu {
	loc := m.loc
	item := func(id string, f func()) *fyne.MenuItem { return fyne.NewMenuItem(loc.T(id), f) }
	checked := func(it *fyne.MenuItem, on bool) *fyne.MenuItem { it.Checked = on; return it }
	quit := item("menu.file.quit", func() { m.app.Quit() })
	quit.IsQuit = true
	file := fyne.NewMenu(loc.T("menu.file"),
		item("menu.file.export_json", func() { m.exportDialog("json") }),
		item("menu.file.export_csv", func() { m.exportDialog("csv") }),
		fyne.NewMenuItemSeparator(), quit)
	day := chrono.Day
	lanes := item("menu.view.lanes", nil)
	mode := m.tl.LaneMode()
	lanes.ChildMenu = fyne.NewMenu("",
		checked(item("menu.view.lanes_single", func() { m.setLanes(timeline.LanesSingle) }), mode == timeline.LanesSingle),
		checked(item("menu.view.lanes_category", func() { m.setLanes(timeline.LanesCategory) }), mode == timeline.LanesCategory),
		checked(item("menu.view.lanes_person", func() { m.setLanes(timeline.LanesPerson) }), mode == timeline.LanesPerson),
		checked(item("menu.view.lanes_organization", func() { m.setLanes(timeline.LanesOrganization) }), mode == timeline.LanesOrganization))
	th := ThemeChoice(m.app.Preferences().StringWithFallback(PrefTheme, string(ThemeSystem)))
	themes := item("menu.view.theme", nil)
	themes.ChildMenu = fyne.NewMenu("",
		checked(item("menu.view.theme_system", func() { m.SetTheme(ThemeSystem) }), th == ThemeSystem),
		checked(item("menu.view.theme_light", func() { m.SetTheme(ThemeLight) }), th == ThemeLight),
		checked(item("menu.view.theme_dark", func() { m.SetTheme(ThemeDark) }), th == ThemeDark))
	view := fyne.NewMenu(loc.T("menu.view"),
		item("menu.view.zoom_in", func() { m.tl.Zoom(timeline.ZoomStep) }),
		item("menu.view.zoom_out", func() { m.tl.Zoom(1 / timeline.ZoomStep) }),
		item("menu.view.fit_all", m.tl.FitAll),
		fyne.NewMenuItemSeparator(),
		item("menu.view.preset_year", func() { m.tl.ShowSpan(365 * day) }),
		item("menu.view.preset_quarter", func() { m.tl.ShowSpan(91 * day) }),
		item("menu.view.preset_month", func() { m.tl.ShowSpan(30 * day) }),
		item("menu.view.preset_week", func() { m.tl.ShowSpan(7 * day) }),
		fyne.NewMenuItemSeparator(), lanes, themes)
	lang := fyne.NewMenu(loc.T("menu.language"),
		checked(item("menu.language.en", func() { m.SetLang(data.EN) }), loc.Lang() == data.EN),
		checked(item("menu.language.de", func() { m.SetLang(data.DE) }), loc.Lang() == data.DE))
	help := fyne.NewMenu(loc.T("menu.help"), item("menu.help.about", m.ShowAbout))
	return fyne.NewMainMenu(file, view, lang, help)
}

// AboutText is the body of the About dialog.
func (m *Main) AboutText() string {
	_, sources, _ := m.store.CountEvents()
	return m.loc.T("about.body", "AppVersion", m.version, "DatasetVersion", m.ctx.Meta.Version,
		"AsOf", m.loc.Date(m.ctx.Meta.AsOf), "Events", m.idx.Len(), "People", len(m.ctx.People),
		"Sources", sources) + "\n\n" + m.loc.T("about.disclaimer")
}

// ShowAbout shows app version, dataset version and the "facts as of" date.
func (m *Main) ShowAbout() {
	body := widget.NewLabel(m.AboutText())
	body.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(m.loc.T("about.title"), m.loc.T("about.close"), container.NewGridWrap(fyne.NewSize(460, 200), body), m.win)
	d.Show()
}

func (m *Main) exportDialog(format string) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		// Reading and writing a big dataset takes a while: off the UI goroutine.
		m.background(func() func() {
			err := m.export(w, format)
			return func() {
				if err != nil {
					dialog.ShowError(fmt.Errorf("%s", m.loc.T("export.failed", "Error", err)), m.win)
					return
				}
				m.status.SetText(m.loc.N("export.done", m.idx.Len(), "File", w.URI().Name()))
			}
		})
	}, m.win)
	d.SetFileName("aitimeline." + format)
	d.SetFilter(storage.NewExtensionFileFilter([]string{"." + format}))
	d.Show()
}

func (m *Main) export(w io.WriteCloser, format string) error {
	ds, err := m.store.Load()
	if err == nil {
		if format == "csv" {
			err = data.WriteCSV(ds, w)
		} else {
			err = data.WriteJSON(ds, w)
		}
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}
