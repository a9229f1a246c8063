package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
)

// SearchBar is the search field: hits replace the list twin's rows, are
// marked on the timeline and the overview (the rest dimmed), and matching
// people are offered first, above the hits. Every keystroke's query runs off
// the UI goroutine and cancels the one before; Enter acts on the hits of
// the text now in the field, waiting for them if they are still on their way.
type SearchBar struct {
	s      *Session
	lt     *ListTwin
	entry  *FieldEntry
	people *fyne.Container // matching people, shown above the list

	raw      []data.Hit // the last result, unfiltered
	rawView  *EventView // the numbering raw's N are in
	hitsFor  string     // the text raw belongs to
	submit   bool       // Enter was pressed before the hits arrived
	peopleOf []string   // IDs of the people matching the text

	relayout func() // lays out what holds the people row again

	// Extra adds hits from elsewhere (the notebook's notes and own events):
	// the IDs of events a query finds, called off the UI goroutine.
	Extra func(ctx context.Context, q string) []string
}

func newSearchBar(s *Session, lt *ListTwin) *SearchBar {
	b := &SearchBar{s: s, lt: lt, entry: NewFieldEntry(), people: container.NewHBox()}
	b.people.Hide()
	b.entry.OnChanged = func(string) { b.run() }
	b.entry.OnSubmitted = func(string) { b.onSubmit() }
	s.OnFilter(func() {
		if b.active() {
			b.apply() // the hits again, through the new filter
		}
	})
	return b
}

// Entry is the search field.
func (b *SearchBar) Entry() *FieldEntry { return b.entry }

// People is the row of matching people (above the list).
func (b *SearchBar) People() fyne.CanvasObject { return b.people }

func (b *SearchBar) active() bool { return len(data.QueryTokens(b.entry.Text)) > 0 }

// Relabel re-runs the search in the new language.
func (b *SearchBar) Relabel() {
	b.entry.SetPlaceHolder(b.s.Loc.T("search.placeholder"))
	if b.active() {
		b.hitsFor = ""
		b.run()
	}
}

// run starts the query for the text in the field; an empty or unsearchable
// text shows the window's events again.
func (b *SearchBar) run() {
	s := b.s
	q := b.entry.Text
	if !b.active() {
		s.Q.Cancel("search")
		b.raw, b.hitsFor, b.submit = nil, "", false
		b.showPeople(nil)
		s.TL.SetMarked(nil)
		b.lt.ShowWindow()
		if strings.TrimSpace(q) != "" {
			s.Status.Set("search", s.Loc.T("search.no_results"))
		} else {
			s.Status.Clear("search")
		}
		return
	}
	lang, st, extra := s.Loc.Lang(), s.Store, b.Extra
	people := b.matchPeople(q)
	s.Q.Run("search", func(ctx context.Context) func() {
		hits, err := st.Search(ctx, q, lang, 200)
		if err != nil {
			hits = nil
		}
		var more []string
		if extra != nil {
			more = extra(ctx, q)
		}
		if ctx.Err() != nil {
			return nil
		}
		return func() {
			seen := map[int]bool{}
			for k := range hits {
				hits[k].N = s.FromBase(hits[k].N) // the store's numbers → the window's
				seen[hits[k].N] = true
			}
			for _, id := range more {
				if i := s.Idx.Find(id); i >= 0 && !seen[i] {
					seen[i] = true
					hits = append(hits, data.Hit{N: i, ID: s.Idx.ID(i)})
				}
			}
			b.raw, b.hitsFor, b.rawView = hits, q, s.View()
			b.showPeople(people)
			b.apply()
			if b.submit && b.entry.Text == q {
				b.submit = false
				b.onSubmit()
			}
		}
	})
}

// apply shows the hits of the last result the current filter keeps. The
// filter is read now, not when the query started, so a filter applied
// while a search is on its way still counts.
func (b *SearchBar) apply() {
	s := b.s
	if v := s.View(); b.rawView != v {
		// The user's own events changed the numbering: find the hits again.
		kept := b.raw[:0]
		for _, h := range b.raw {
			if h.N = v.Idx.Find(h.ID); h.N >= 0 {
				kept = append(kept, h)
			}
		}
		b.raw, b.rawView = kept, v
	}
	match := s.Match()
	var rows []int
	for _, h := range b.raw {
		if match == nil || match(h.N) {
			rows = append(rows, h.N)
		}
	}
	set := make(map[int]bool, len(rows))
	for _, r := range rows {
		set[r] = true
	}
	s.TL.SetMarked(func(i int) bool { return set[i] })
	b.lt.ShowHits(rows, data.QueryTokens(b.hitsFor))
	if len(rows) == 0 && len(b.peopleOf) == 0 {
		s.Status.Set("search", s.Loc.T("search.no_results"))
	} else {
		s.Status.Set("search", s.Loc.N("search.hits", len(rows)))
	}
}

// onSubmit acts on Enter: a matching person's profile first, else the best
// hit of the text in the field — once its hits have arrived.
func (b *SearchBar) onSubmit() {
	s := b.s
	if !b.active() {
		return
	}
	if b.hitsFor != b.entry.Text {
		b.submit = true // the hits of this text are on their way
		return
	}
	if len(b.peopleOf) > 0 {
		s.ShowPerson(b.peopleOf[0])
		return
	}
	if b.lt.Len() > 0 {
		s.TL.SelectAndReveal(b.lt.At(0))
		s.Win.Canvas().Focus(s.TL)
	}
}

// matchPeople returns the IDs of people whose name matches every word of q
// (folded, as a prefix of a word of the name).
func (b *SearchBar) matchPeople(q string) []string {
	toks := data.QueryTokens(q)
	var out []string
	for _, p := range b.s.DS.People {
		words := strings.Fields(data.Fold(p.Name))
		all := true
		for _, t := range toks {
			found := false
			for _, w := range words {
				if strings.HasPrefix(w, t) {
					found = true
					break
				}
			}
			if !found {
				all = false
				break
			}
		}
		if all && len(toks) > 0 {
			out = append(out, p.ID)
		}
	}
	return out
}

// showPeople offers the matching people as buttons that open their profile.
func (b *SearchBar) showPeople(ids []string) {
	s := b.s
	b.peopleOf = ids
	b.people.Objects = nil
	for k, id := range ids {
		if k == 4 {
			break
		}
		id := id
		btn := widget.NewButtonWithIcon(s.PersonName(id), theme.AccountIcon(), func() { s.ShowPerson(id) })
		btn.Importance = widget.LowImportance
		b.people.Add(btn)
	}
	if len(b.people.Objects) == 0 {
		b.people.Hide()
	} else {
		b.people.Objects = append([]fyne.CanvasObject{widget.NewLabel(s.Loc.T("search.people"))}, b.people.Objects...)
		b.people.Show()
	}
	b.people.Refresh()
	if b.relayout != nil {
		b.relayout() // the row came or went: the list above which it sits moves
	}
}
