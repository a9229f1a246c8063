package ui

import (
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
	App    fyne.App
	Win    fyne.Window
	Loc    *i18n.Localizer
	Store  *data.Store
	DS     *data.Dataset // meta, people, organisations, eras, threads, tours (no events)
	Idx    *data.Index
	TD     *timeline.Data
	TL     *timeline.Timeline
	Prefs  *Prefs
	Q      *Runner
	Status *Status
	// OwnTours supplies the teacher's own tours (set by the notebook).
	OwnTours TourSource

	people  map[string]*data.Person
	orgs    map[string]*data.Organization
	threads map[string]*data.Thread

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
	s := &Session{App: a, Win: win, Loc: loc, Store: store, DS: store.Context(), Idx: store.Index(),
		Prefs: NewPrefs(a.Preferences()), Q: q,
		people: map[string]*data.Person{}, orgs: map[string]*data.Organization{}, threads: map[string]*data.Thread{}}
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
	s.match = s.filter.Matcher(s.Idx)
	s.matched = nil
	if s.match != nil {
		s.matched = []int{}
		for i := 0; i < s.Idx.Len(); i++ {
			if s.match(i) {
				s.matched = append(s.matched, i)
			}
		}
	}
	s.TL.SetFilter(s.match)
	for _, f := range s.onFilter {
		f()
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
}

// EventTitle is event i's title in the current language.
func (s *Session) EventTitle(i int) string { return s.Idx.Title(i, s.Loc.Lang()) }
