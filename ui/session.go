package ui

import (
	"context"
	"fmt"
	"sort"

	"fyne.io/fyne/v2"

	"aitimeline/data"
	"aitimeline/i18n"
	"aitimeline/ui/chrono"
	"aitimeline/ui/timeline"
)

// Session is what the panes of the main window share: the dataset, the
// language, the query runner, the timeline (which owns the selection and
// the visible window), the filter and the status line. Panes read it and
// subscribe to its changes; they never reach into each other.
type Session struct {
	esc   escDialogs // open dialogs' Esc actions (closeOnEsc)
	App   fyne.App
	Win   fyne.Window
	Loc   *i18n.Localizer
	Store *data.Store
	DS    *data.Dataset // meta, people, organisations, eras, threads, tours (no events)
	// Idx is the dataset's index merged with the user's own events (see
	// SetOwnEvents); event numbers everywhere in the window are Idx's.
	Idx    *data.Index
	TD     *timeline.Data
	TL     *timeline.Timeline
	Prefs  *Prefs
	Q      *Runner
	Status *Status
	// OwnTours supplies the teacher's own tours (set by the notebook).
	OwnTours TourSource
	// Marks answers the filter's notebook questions (set by the notebook).
	Marks Marks

	people  map[string]*data.Person
	orgs    map[string]*data.Organization
	threads map[string]*data.Thread

	base *data.Index // the dataset's own index (the store's numbering)
	view *EventView  // the current numbering (Idx is view.Idx)

	filter  Filter
	match   func(int) bool
	matched []int // events the filter keeps, in date order (nil: no filter)

	onFilter   []func()
	onSelect   []func(int)
	onViewport []func()
	onActivate []func(int)
	showTab    func(name string) // Main's tab switch
	showPerson func(id string)   // the People pane's card
	fitFilter  func(Filter)      // the filter pane's Set (applies and fits)
	trace      func(format string, args ...any)
	fit        *textFitter // the cuts of the window's fitLabels
}

func (s *Session) tracef(format string, args ...any) {
	if s.trace != nil {
		s.trace(format, args...)
	}
}

// setFilter applies a filter as the filter bar does: the view fits to what
// matches (see FilterPane).
func (s *Session) setFilter(f Filter) {
	if s.fitFilter != nil {
		s.fitFilter(f)
		return
	}
	s.SetFilter(f)
}

// ShowPerson opens the People tab on a person's profile.
func (s *Session) ShowPerson(id string) {
	if s.showPerson != nil {
		s.showPerson(id)
	}
}

// newSession opens a session on a store.
func newSession(a fyne.App, win fyne.Window, store *data.Store, loc *i18n.Localizer, q *Runner) *Session {
	s := &Session{App: a, Win: win, Loc: loc, Store: store, DS: store.Context(), Idx: store.Index(), base: store.Index(),
		Prefs: NewPrefs(a.Preferences()), Q: q, fit: newTextFitter(),
		people: map[string]*data.Person{}, orgs: map[string]*data.Organization{}, threads: map[string]*data.Thread{}}
	s.view = newEventView(store, s.base, nil)
	for i := range s.DS.People {
		s.people[s.DS.People[i].ID] = &s.DS.People[i]
	}
	for i := range s.DS.Organizations {
		s.orgs[s.DS.Organizations[i].ID] = &s.DS.Organizations[i]
	}
	for i := range s.DS.Threads {
		s.threads[s.DS.Threads[i].ID] = &s.DS.Threads[i]
	}
	s.TD = timeline.NewData(s.Idx, s.DS)
	s.TL = timeline.New(s.TD, loc)
	s.TL.SetLaneMode(s.Prefs.Lanes())
	s.TL.OnSelect = func(i int) {
		for _, f := range s.onSelect {
			f(i)
		}
	}
	s.TL.OnViewportChange = func(chrono.Viewport) {
		for _, f := range s.onViewport {
			f()
		}
	}
	s.TL.OnActivate = func(i int) {
		for _, f := range s.onActivate {
			f(i)
		}
	}
	s.Status = newStatus()
	return s
}

// SetOwnEvents shows the user's own events alongside the dataset's: the
// index, the timeline's data, the filter and the selection are rebuilt
// (the selection and the window are kept). PrepareOwnEvents and
// ApplyOwnEvents do the same in two steps, the costly one off the UI
// goroutine.
func (s *Session) SetOwnEvents(evs []data.Event) { s.ApplyOwnEvents(s.PrepareOwnEvents(evs)) }

// OwnView is a numbering with the user's own events and the timeline's
// data for it, made off the UI goroutine.
type OwnView struct {
	view *EventView
	td   *timeline.Data
}

// PrepareOwnEvents merges evs into the dataset's events: the index and the
// timeline's data. It reads only what never changes, so it may run on any
// goroutine.
func (s *Session) PrepareOwnEvents(evs []data.Event) *OwnView {
	return prepareOwn(s.Store, evs)
}

// ApplyOwnEvents shows a prepared numbering (UI goroutine).
func (s *Session) ApplyOwnEvents(ov *OwnView) {
	selID := ""
	if i := s.TL.Selected(); i >= 0 {
		selID = s.Idx.ID(i)
	}
	s.view = ov.view
	s.Idx = ov.view.Idx
	s.TD = ov.td
	s.compileFilter()
	s.TL.SetData(s.TD, s.Idx.Find(selID), s.match)
	for _, f := range s.onFilter {
		f()
	}
}

// EventView is one numbering of the window's events: the dataset's and the
// user's own, merged in date order. It never changes (SetOwnEvents makes a
// new one), so work off the UI goroutine takes the current one (View) on
// the UI goroutine and reads through it, whatever the window does meanwhile.
type EventView struct {
	Idx      *data.Index
	store    *data.Store
	basePos  []int32               // Idx position → store position (-1: own event); nil: the same
	fromBase []int32               // store position → Idx position; nil: the same
	own      map[string]data.Event // the user's own events by ID
}

func newEventView(st *data.Store, base *data.Index, evs []data.Event) *EventView {
	v := &EventView{Idx: base, store: st, own: make(map[string]data.Event, len(evs))}
	for _, e := range evs {
		v.own[e.ID] = e
	}
	if len(evs) > 0 {
		v.Idx, v.basePos = data.MergeIndex(base, evs)
		v.fromBase = make([]int32, base.Len())
		for i, b := range v.basePos {
			if b >= 0 {
				v.fromBase[b] = int32(i)
			}
		}
	}
	return v
}

// View is the current numbering (call on the UI goroutine).
func (s *Session) View() *EventView { return s.view }

// BasePos is event i's position in the dataset's store, or -1 for the
// user's own event.
func (v *EventView) BasePos(i int) int {
	if v.basePos == nil {
		return i
	}
	return int(v.basePos[i])
}

// FromBase is this numbering's number of the dataset's event n (store order).
func (v *EventView) FromBase(n int) int {
	if v.fromBase == nil {
		return n
	}
	return int(v.fromBase[n])
}

// EventAt reads event i with all its details: from the dataset, or the
// user's own event.
func (v *EventView) EventAt(ctx context.Context, i int) (data.Event, error) {
	if b := v.BasePos(i); b >= 0 {
		return v.store.EventAt(ctx, b)
	}
	if e, ok := v.own[v.Idx.ID(i)]; ok {
		return e, nil
	}
	return data.Event{}, fmt.Errorf("event %d not found", i)
}

// Related is up to limit events related to event i (shared people or
// threads; none for the user's own events).
func (v *EventView) Related(ctx context.Context, i, limit int) ([]int, error) {
	b := v.BasePos(i)
	if b < 0 {
		return nil, nil
	}
	rel, err := v.store.Related(ctx, b, limit)
	for k, r := range rel {
		rel[k] = v.FromBase(r)
	}
	return rel, err
}

// BasePos, FromBase, EventAt and Related read the current view (UI goroutine only).
func (s *Session) BasePos(i int) int  { return s.view.BasePos(i) }
func (s *Session) FromBase(n int) int { return s.view.FromBase(n) }
func (s *Session) EventAt(ctx context.Context, i int) (data.Event, error) {
	return s.view.EventAt(ctx, i)
}
func (s *Session) Related(ctx context.Context, i, limit int) ([]int, error) {
	return s.view.Related(ctx, i, limit)
}

// OwnEvent is the user's own event id, if it is one shown.
func (s *Session) OwnEvent(id string) (data.Event, bool) { e, ok := s.view.own[id]; return e, ok }

// OnSelect registers f to run after every selection change (-1: none).
func (s *Session) OnSelect(f func(i int)) { s.onSelect = append(s.onSelect, f) }

// OnViewport registers f to run after every change of the visible window.
func (s *Session) OnViewport(f func()) { s.onViewport = append(s.onViewport, f) }

// OnFilter registers f to run after every filter change.
func (s *Session) OnFilter(f func()) { s.onFilter = append(s.onFilter, f) }

// OnActivate registers f to run when the reader opens the selected event
// (Enter on the timeline or the list).
func (s *Session) OnActivate(f func(i int)) { s.onActivate = append(s.onActivate, f) }

// Activate opens event i as Enter would.
func (s *Session) Activate(i int) {
	for _, f := range s.onActivate {
		f(i)
	}
}

// ShowTab brings a tab of the main window to the front ("timeline", "people", "sources", …).
func (s *Session) ShowTab(name string) {
	if s.showTab != nil {
		s.showTab(name)
	}
}

// PersonName is a person's name, or the ID for an unknown one.
func (s *Session) PersonName(id string) string {
	if p, ok := s.people[id]; ok {
		return p.Name
	}
	return id
}

// Person returns a person of the dataset.
func (s *Session) Person(id string) (*data.Person, bool) { p, ok := s.people[id]; return p, ok }

// OrgName is an organisation's name, or the ID for an unknown one.
func (s *Session) OrgName(id string) string {
	if o, ok := s.orgs[id]; ok {
		return o.Name
	}
	return id
}

// PartyName is the name of a person or organisation.
func (s *Session) PartyName(id string) string {
	if p, ok := s.people[id]; ok {
		return p.Name
	}
	return s.OrgName(id)
}

// ThreadTitle is a story thread's title in the current language.
func (s *Session) ThreadTitle(id string) string {
	if t, ok := s.threads[id]; ok {
		return s.Loc.Text(t.Title)
	}
	return id
}

// Filter returns the current filter.
func (s *Session) Filter() Filter { return s.filter.Clone() }

// Match is the compiled filter (nil: everything matches).
func (s *Session) Match() func(int) bool { return s.match }

// Matched lists the events the filter keeps in date order (nil when no
// filter is set). It is computed once per filter, so following the window
// while panning costs two binary searches, not a scan.
func (s *Session) Matched() []int { return s.matched }

// SetFilter applies a filter to the timeline and everything that follows it.
func (s *Session) SetFilter(f Filter) {
	s.filter = f.Clone()
	s.compileFilter()
	s.TL.SetFilter(s.match)
	for _, f := range s.onFilter {
		f()
	}
}

// compileFilter compiles the filter against the current index.
func (s *Session) compileFilter() {
	s.match = s.filter.Matcher(s.Idx, s.Marks)
	s.matched = nil
	if s.match != nil {
		s.matched = []int{}
		for i := 0; i < s.Idx.Len(); i++ {
			if s.match(i) {
				s.matched = append(s.matched, i)
			}
		}
	}
}

// Window returns the events in the timeline's visible window that the
// filter keeps: either the index range [lo, hi) (no filter: nothing is
// copied, even for a million events) or rows, the kept events in it.
func (s *Session) Window() (lo, hi int, rows []int) {
	v := s.TL.Viewport()
	ts := s.TD.T
	lo, hi = sort.SearchFloat64s(ts, v.Start), sort.SearchFloat64s(ts, v.End)
	if s.matched == nil {
		return lo, hi, nil
	}
	a := sort.SearchInts(s.matched, lo)
	b := sort.SearchInts(s.matched, hi)
	return lo, hi, s.matched[a:b]
}

// Reveal shows event i: the timeline tab in front, the event selected, in
// view and labelled. An event the filter hides clears the filter first, so
// the reader sees what they asked for.
func (s *Session) Reveal(i int) {
	if i < 0 || i >= s.Idx.Len() {
		return
	}
	s.ShowTab("timeline")
	if s.match != nil && !s.match(i) {
		s.SetFilter(Filter{})
	}
	s.TL.SelectAndReveal(i)
	s.focusTimeline() // the list clicked to get here must not keep the keys
}

// focusTimeline gives the timeline the keyboard focus, so its keys work
// after a click on a list (the event list, a source's citing events).
func (s *Session) focusTimeline() {
	if s.Win != nil && s.Win.Canvas() != nil {
		s.Win.Canvas().Focus(s.TL)
	}
}

// EventTitle is event i's title in the current language.
func (s *Session) EventTitle(i int) string { return s.Idx.Title(i, s.Loc.Lang()) }
