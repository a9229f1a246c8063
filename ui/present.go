package ui

import (
	"context"
	"fmt"
	"image/color"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"

	"aitimeline/data"
	"aitimeline/i18n"
	"aitimeline/ui/chrono"
)

// Presentation mode for teachers: one event per screen, full screen, legible
// from the back of the room, driven by a presentation clicker, with a
// timeline strip that pans from stop to stop, and a presenter window with
// the teacher's notes. View → Present (F5) presents the events the main
// window lists; View → Present tour presents a tour; so does the command
// line (aitimeline present).

// PresentRequest asks for a presentation as soon as the main window is
// built (the command line's "present"): a tour by ID, from stop Start
// (1-based; 0 is the tour's title screen). See Options.Present.
type PresentRequest struct {
	TourID string
	Start  int
}

// Presentation timing.
const (
	pointerIdle   = 2 * time.Second
	presentCached = 64 // event details kept for going back and forth
)

var scPresent = &desktop.CustomShortcut{KeyName: fyne.KeyF5}

// Presenter is the presentation pane of the main window: the View menu's
// items, the keys, and the presentation while one runs.
type Presenter struct {
	m     *Main
	s     *Session
	tm    *textMeasurer
	cache map[int]*data.Event
	show  *presentation   // the running presentation, or nil
	last  *deck           // the tour left last: F5 resumes it where it was left
	trans transitionMeter // how stops change

	// now and after are the clock and the timers (fakes in tests). after
	// runs f on the UI goroutine after d unless stop is called first.
	now   func() time.Time
	after func(d time.Duration, f func()) (stop func())
	view  *EventView // the numbering cache and decks refer to
}

// renumber follows a new numbering of the window's events (the user's own
// events changed): the cache is dropped and the decks find their events again.
func (p *Presenter) renumber() {
	v := p.s.View()
	if v == p.view {
		return
	}
	p.view = v
	clear(p.cache)
	if p.last != nil {
		p.last.renumber(v.Idx)
	}
	if p.show != nil {
		p.show.d.renumber(v.Idx)
		if p.show.d.Len() == 0 {
			p.Exit()
			return
		}
		p.render(false)
	}
}

var (
	_ MenuPane = (*Presenter)(nil)
	_ Closer   = (*Presenter)(nil)
)

// presentation is one running presentation: its deck, the full-screen
// window and, when open, the presenter window.
type presentation struct {
	d         *deck
	w         fyne.Window
	root      *presentRoot
	strip     *presentStrip
	keys      presentKeys
	blank     color.Color // the covering colour, or nil
	presenter *presenterView
	started   time.Time
	lang      data.Lang // the window's language when the presentation began
	lastMove  time.Time
	idleStop  func()
}

// NewPresenter builds the pane; register it with Main.AddPane after the
// window's keys are installed (it adds F5 to them).
func NewPresenter(m *Main) *Presenter {
	p := &Presenter{m: m, s: m.S, cache: map[int]*data.Event{}, now: time.Now,
		tm: newTextMeasurer(fyne.MeasureText)}
	p.after = func(d time.Duration, f func()) func() {
		t := time.AfterFunc(d, func() { fyne.Do(f) })
		return func() { t.Stop() }
	}
	if r := m.opt.Present; r != nil {
		// Started from the command line: only the presentation is shown.
		// The main window comes when the presentation is left (Exit); the
		// app then runs without showing it first (gui.go), because a main
		// window shown beside it came in front with the clicker's keys
		// under GLFW, whatever the order of Show and RequestFocus.
		fyne.Do(func() {
			p.PresentTour(r.TourID, r.Start)
			if p.show != nil {
				p.show.w.RequestFocus()
			} else {
				m.S.Win.Show()
			}
		})
	}
	m.S.OnFilter(p.renumber) // SetOwnEvents renumbers and then runs the filter callbacks
	p.view = m.S.View()
	return p
}

// HandleKey starts a presentation on F5 in the main window and reports
// whether it did.
func (p *Presenter) HandleKey(e *fyne.KeyEvent) bool {
	if e.Name != fyne.KeyF5 {
		return false
	}
	p.Present()
	return true
}

// Relabel shows the presentation (if one runs) in the new language, on the
// same stop.
func (p *Presenter) Relabel() {
	pr := p.show
	if pr == nil {
		return
	}
	pr.w.SetTitle(p.windowTitle(pr.d))
	pr.strip.Refresh()
	p.render(false)
}

// MenuItems adds View → Present (F5) and View → Present tour.
func (p *Presenter) MenuItems(menu string) []*fyne.MenuItem {
	if menu != "view" {
		return nil
	}
	loc := p.s.Loc
	present := fyne.NewMenuItem(loc.T("present.menu"), p.Present)
	present.Shortcut = scPresent
	tours := fyne.NewMenuItem(loc.T("present.menu_tour"), nil)
	var items []*fyne.MenuItem
	for _, t := range p.s.Tours() {
		id := t.ID
		items = append(items, fyne.NewMenuItem(loc.Text(t.Title), func() { p.PresentTour(id, 0) }))
	}
	if len(items) == 0 {
		tours.Disabled = true
	} else {
		tours.ChildMenu = fyne.NewMenu("", items...)
	}
	return []*fyne.MenuItem{fyne.NewMenuItemSeparator(), present, tours}
}

// KeyHelp lists the presentation's keys for Help → Keyboard shortcuts.
func (p *Presenter) KeyHelp() [][2]string {
	loc := p.s.Loc
	return [][2]string{
		{"F5", loc.T("present.keys.start")},
		{loc.T("present.keys.next_keys"), loc.T("present.keys.next")},
		{loc.T("present.keys.prev_keys"), loc.T("present.keys.prev")},
		{loc.T("keys.home_end"), loc.T("present.keys.first_last")},
		{loc.T("present.keys.number_keys"), loc.T("present.keys.number")},
		{loc.T("present.keys.black_keys"), loc.T("present.keys.black")},
		{loc.T("present.keys.white_keys"), loc.T("present.keys.white")},
		{"L", loc.T("present.keys.lang")},
		{"T", loc.T("present.keys.strip")},
		{"P", loc.T("present.keys.presenter")},
		{loc.T("keys.esc"), loc.T("present.keys.exit")},
	}
}

// Close ends a running presentation without touching the main window (it
// is closing).
func (p *Presenter) Close() {
	if p.show != nil {
		p.stop()
	}
}

// Active reports whether a presentation runs.
func (p *Presenter) Active() bool { return p.show != nil }

// Present presents what the main window lists (the visible events the
// filter keeps, or the search hits) in date order, from the selected
// event. A tour left with Esc is resumed instead when the main window
// still shows the stop it was left at, so a clicker's F5/Esc button
// toggles.
func (p *Presenter) Present() {
	if p.show != nil {
		p.show.w.RequestFocus()
		return
	}
	s := p.s
	sel := s.TL.Selected()
	if p.last != nil && sel >= 0 && p.last.Event() == sel {
		p.begin(p.last)
		return
	}
	rows := p.m.List.Rows()
	if len(rows) == 0 && !p.m.List.Hits() {
		rows = s.Matched()
		if rows == nil {
			rows = make([]int, s.Idx.Len())
			for i := range rows {
				rows[i] = i
			}
		}
	}
	if len(rows) == 0 {
		p.tell(s.Loc.T("present.no_events"))
		return
	}
	evs := append([]int(nil), rows...)
	sort.Ints(evs) // index order is date order
	p.begin(newListDeck(evs, sel, s.Idx))
}

// PresentTour presents a tour from stop start (1-based; 0: its title
// screen).
func (p *Presenter) PresentTour(id string, start int) {
	s := p.s
	t, ok := s.TourByID(id)
	if !ok {
		p.tell(s.Loc.T("present.unknown_tour", "ID", id))
		return
	}
	d := newTourDeck(t, s.Idx)
	if d.Len() == 0 {
		p.tell(s.Loc.T("present.no_events"))
		return
	}
	if start > 0 {
		d.Jump(start)
	}
	if p.show != nil {
		p.stop()
	}
	p.begin(d)
}

func (p *Presenter) tell(msg string) {
	dialog.ShowInformation(p.s.Loc.T("present.menu"), msg, p.s.Win)
}

func (p *Presenter) windowTitle(d *deck) string {
	loc := p.s.Loc
	if d.hasTitle() {
		return loc.T("present.window_title", "Title", loc.Text(d.title))
	}
	return loc.T("present.window_title", "Title", loc.T("present.list_title"))
}

// begin opens the full-screen window on deck d.
func (p *Presenter) begin(d *deck) {
	s := p.s
	td := s.TD
	full := stripFull(td.First, td.Last, chrono.Seconds(p.now()))
	strip := newPresentStrip(s.Loc, full)
	ts := make([]float64, d.Len())
	cats := make([]data.Category, d.Len())
	sts := make([]data.Status, d.Len())
	for k, i := range d.events {
		ts[k], cats[k], sts[k] = td.T[i], s.Idx.Category(i), s.Idx.Status(i)
	}
	strip.setStops(ts, cats, sts)
	pr := &presentation{d: d, strip: strip, started: p.now(), lang: s.Loc.Lang()}
	pr.root = newPresentRoot(strip, p.tm)
	pr.root.onTap = func() { p.act(actNext, 0) }
	pr.root.onBack = func() { p.act(actPrev, 0) }
	pr.root.onMove = p.pointerMoved
	strip.onStart = func() {
		if p.trans.mode == transLight {
			pr.root.setBodyVisible(false)
		}
	}
	strip.onEnd = func(frames int, took time.Duration) {
		if pr.root.bodyOff {
			pr.root.setBodyVisible(true)
		}
		p.s.tracef("present frames %d in %d ms, transition %d", frames, took.Milliseconds(), p.trans.mode)
		p.trans.record(frames, took)
	}
	p.show = pr
	w := s.App.NewWindow(p.windowTitle(d))
	pr.w = w
	w.SetPadded(false)
	w.SetContent(pr.root)
	w.Canvas().SetOnTypedKey(p.typedKey)
	w.SetCloseIntercept(p.Exit)
	w.SetFullScreen(true)
	strip.moveTo(d.pos, false)
	p.render(false)
	w.Show()
	p.pointerMoved()
	s.tracef("present start %d", d.Len())
}

// typedKey is the key handler of both presentation windows.
func (p *Presenter) typedKey(e *fyne.KeyEvent) {
	pr := p.show
	if pr == nil {
		return
	}
	p.s.tracef("present key %s", e.Name)
	if pr.blank != nil { // any key returns from a black or white screen
		p.setBlank(nil)
		return
	}
	a, n := pr.keys.Key(e.Name)
	p.act(a, n)
}

// act carries out an action.
func (p *Presenter) act(a presentAction, n int) {
	pr := p.show
	if pr == nil {
		return
	}
	if pr.blank != nil && a != actNone { // a click returns from a black or white screen
		p.setBlank(nil)
		return
	}
	d := pr.d
	moved := false
	switch a {
	case actNext:
		if pr.root.morePages() { // the stop goes on on its next screen
			p.turnPage(pr.root.page + 1)
			return
		}
		moved = d.Next()
	case actPrev:
		if pr.root.page > 0 {
			p.turnPage(pr.root.page - 1)
			return
		}
		moved = d.Prev()
	case actFirst:
		moved = d.Home()
	case actLast:
		moved = d.End()
	case actJump:
		moved = d.Jump(n)
		p.showPrompt(-1)
	case actDigits:
		p.showPrompt(n)
	case actBlack:
		p.setBlank(color.Black)
	case actWhite:
		p.setBlank(color.White)
	case actLang:
		p.switchLang()
	case actStrip:
		pr.root.setStrip(!pr.root.showStrip)
		if pr.root.showStrip {
			pr.strip.moveTo(d.pos, false)
		}
	case actPresenter:
		p.openPresenter()
	case actExit:
		p.Exit()
	}
	if moved {
		pr.keys.Reset()
		p.showPrompt(-1)
		pr.root.page = 0 // a stop starts on its first screen, also when stepping back to it
		p.render(true)
		p.s.tracef("present stop %d %d", d.Number(), d.Event())
	}
}

// turnPage shows another screen of the same stop: the strip stays, the
// presenter window shows the same stop.
func (p *Presenter) turnPage(n int) {
	pr := p.show
	pr.keys.Reset()
	p.showPrompt(-1)
	pr.root.setPage(n)
	if pr.presenter != nil {
		pr.presenter.update()
	}
	p.s.tracef("present page %d %d", pr.d.Number(), n+1)
}

func (p *Presenter) showPrompt(n int) {
	pr := p.show
	if n < 0 {
		pr.root.setPrompt("")
		return
	}
	pr.root.setPrompt(p.s.Loc.T("present.jump", "N", n))
}

func (p *Presenter) setBlank(c color.Color) {
	pr := p.show
	pr.blank = c
	pr.root.setBlank(c)
	if pr.presenter != nil {
		pr.presenter.update()
	}
}

// switchLang switches German/English for the whole app, as the Language
// menu does; the main window relabels and calls Relabel, which redraws
// the same stop.
func (p *Presenter) switchLang() {
	l := data.DE
	if p.s.Loc.Lang() == data.DE {
		l = data.EN
	}
	p.s.Loc.SetLang(l) // for the slides; Exit restores the window's language
}

// Exit leaves the presentation; the main window shows the event it was
// left at.
func (p *Presenter) Exit() {
	pr := p.show
	if pr == nil {
		return
	}
	p.stop()
	p.last = nil // F5 resumes only the deck shown last (a list is made afresh)
	if pr.d.hasTitle() {
		p.last = pr.d
	}
	p.s.tracef("present exit %d", pr.d.Event())
	if i := pr.d.Event(); i >= 0 {
		p.s.Reveal(i)
	}
	// Nothing keeps the keyboard focus: keys go to the window's handler,
	// which passes them on to the timeline, and F5 (a clicker's F5/Esc
	// button) comes back here to resume.
	if pr.lang != "" && p.s.Loc.Lang() != pr.lang {
		p.s.Loc.SetLang(pr.lang) // L switched the slides only: the window keeps its language
	}
	p.s.Win.Show() // hidden while a presentation started from the command line ran
	p.s.Win.Canvas().Unfocus()
	p.s.Win.RequestFocus()
}

// stop closes the presentation's windows and timers.
func (p *Presenter) stop() {
	pr := p.show
	p.show = nil
	if pr.idleStop != nil {
		pr.idleStop()
	}
	pr.strip.stopAnim()
	p.s.Q.Cancel("present")
	p.s.Q.Cancel("present.next")
	if pr.presenter != nil {
		pr.presenter.close()
	}
	if p.m.opt.PointerHider != nil && pr.root.hidden {
		p.m.opt.PointerHider(pr.w, false)
	}
	pr.w.Close()
}

// render shows the current screen, moves the strip to it and reads the
// next stop's details ahead, so that the next step is instant.
func (p *Presenter) render(animate bool) {
	pr := p.show
	if pr == nil {
		return
	}
	p.renderSlide()
	if pr.root.showStrip {
		pr.strip.moveTo(pr.d.pos, animate && p.trans.mode != transJump)
	}
	if n := pr.d.eventAt(pr.d.pos + 1); n >= 0 && p.cache[n] == nil {
		p.read("present.next", n, nil)
	}
}

// stopCounter is stop n of total's counter on screen page (from 0) of
// pages: "6 / 12" on a stop that fits one screen; with "part 1/3" on the
// first of several and "continued, part 2/3" on the others, so that the
// presenter sees how many screens the stop still has.
func stopCounter(loc *i18n.Localizer, n, total, page, pages int) string {
	switch {
	case pages <= 1:
		return loc.T("present.counter", "N", n, "Total", total)
	case page == 0:
		return loc.T("present.counter_parts", "N", n, "Total", total, "Page", 1, "Pages", pages)
	}
	return loc.T("present.counter_continued", "N", n, "Total", total, "Page", page+1, "Pages", pages)
}

// renderSlide shows the current screen and updates the presenter window.
// Details not at hand are read off the UI goroutine (the index's date,
// title and status show meanwhile); their arrival redraws the slide but
// leaves the strip's movement alone.
func (p *Presenter) renderSlide() {
	pr := p.show
	s, d := p.s, pr.d
	st := slideText{loc: s.Loc, person: s.PersonName, party: s.PartyName}
	var counter slideCounter
	if d.pos >= 0 {
		loc, n, total := s.Loc, d.Number(), d.Len()
		counter = func(page, pages int) string { return stopCounter(loc, n, total, page, pages) }
	}
	if i := d.Event(); i < 0 {
		pr.root.setContent(func(slideGeometry, float32) slideContent { return st.titleContent(d) }, counter)
	} else {
		ev := p.cache[i]
		pr.root.setContent(func(g slideGeometry, cw float32) slideContent { return st.stopContent(s.Idx, i, ev, g, cw) }, counter)
		if ev == nil {
			p.read("present", i, func() {
				if p.show == pr && d.Event() == i {
					p.renderSlide()
				}
			})
		}
	}
	if pr.presenter != nil {
		pr.presenter.update()
	}
}

// read reads event i's details off the UI goroutine into the cache, then
// calls done (if set) on the UI goroutine.
func (p *Presenter) read(kind string, i int, done func()) {
	view := p.s.View()
	p.s.Q.Run(kind, func(ctx context.Context) func() {
		ev, err := view.EventAt(ctx, i)
		if err != nil || ctx.Err() != nil {
			return nil // the index's part of the slide stays; the next step tries again
		}
		return func() {
			if p.s.View() != view {
				return // renumbered meanwhile: i is another event now
			}
			if len(p.cache) >= presentCached {
				clear(p.cache)
			}
			p.cache[i] = &ev
			if done != nil {
				done()
			}
		}
	})
}

// pointerMoved shows the pointer and hides it again after a rest.
func (p *Presenter) pointerMoved() {
	pr := p.show
	if pr == nil {
		return
	}
	pr.lastMove = p.now()
	if pr.root.hidden {
		pr.root.hidden = false
		if p.m.opt.PointerHider != nil {
			p.m.opt.PointerHider(pr.w, false)
		}
	}
	if pr.idleStop == nil {
		p.armIdle(pointerIdle)
	}
}

// armIdle checks after d whether the pointer has rested long enough; a
// single timer serves however often the pointer moves.
func (p *Presenter) armIdle(d time.Duration) {
	pr := p.show
	pr.idleStop = p.after(d, func() {
		if p.show != pr {
			return
		}
		pr.idleStop = nil
		rest := p.now().Sub(pr.lastMove)
		if rest < pointerIdle {
			p.armIdle(pointerIdle - rest)
			return
		}
		pr.root.hidden = true
		if p.m.opt.PointerHider != nil {
			p.m.opt.PointerHider(pr.w, true)
		}
	})
}

// elapsed formats the time since the presentation started.
func elapsed(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, sec := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, sec)
	}
	return fmt.Sprintf("%d:%02d", m, sec)
}

// pageNext reports whether Next shows a continuation of the current stop.
func (p *Presenter) pageNext() bool { return p.show != nil && p.show.root.morePages() }
