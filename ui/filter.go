package ui

import (
	"sort"

	"aitimeline/data"
)

// Filter selects events: AND across kinds (people, organisations, categories,
// claim statuses, date range), OR within a kind. The zero Filter keeps all.
// It holds IDs and vocabulary values, never text, so it survives a language switch.
type Filter struct {
	People        map[string]bool
	Organizations map[string]bool
	Categories    map[data.Category]bool
	Statuses      map[data.Status]bool
	From, To      data.Date // zero: open
	// From the user's notebook: events with a note, tag, star or flag;
	// starred ones; ones with any of these tags; the user's own events.
	Annotated, Starred, Own bool
	Tags                    map[string]bool
	// IDs keeps only these events (e.g. what a new dataset version
	// changed); Named says what they are, for the filter bar.
	IDs   map[string]bool
	Named string
}

// Marks answers the notebook's questions about an event (by ID) for the
// filter; nil means no notebook.
type Marks interface {
	Annotated(id string) bool
	Starred(id string) bool
	Tagged(id string, tags map[string]bool) bool
	TagNames() []string // every tag in use, sorted
}

// Active reports whether the filter excludes anything.
func (f *Filter) Active() bool {
	return len(f.People)+len(f.Organizations)+len(f.Categories)+len(f.Statuses)+len(f.Tags) > 0 || !f.From.IsZero() || !f.To.IsZero() ||
		f.Annotated || f.Starred || f.Own || f.IDs != nil
}

// Clone returns an independent copy.
func (f *Filter) Clone() Filter {
	c := Filter{From: f.From, To: f.To, Annotated: f.Annotated, Starred: f.Starred, Own: f.Own, Named: f.Named}
	c.Tags = cloneSet(f.Tags)
	if f.IDs != nil {
		c.IDs = map[string]bool{}
		for k, v := range f.IDs {
			c.IDs[k] = v
		}
	}
	c.People = cloneSet(f.People)
	c.Organizations = cloneSet(f.Organizations)
	c.Categories = cloneSet(f.Categories)
	c.Statuses = cloneSet(f.Statuses)
	return c
}

func cloneSet[K comparable](m map[K]bool) map[K]bool {
	if len(m) == 0 {
		return nil
	}
	out := make(map[K]bool, len(m))
	for k, v := range m {
		if v {
			out[k] = true
		}
	}
	return out
}

// Toggle adds or removes a key from a set, creating the set when needed.
func Toggle[K comparable](m *map[K]bool, k K, on bool) {
	if on {
		if *m == nil {
			*m = map[K]bool{}
		}
		(*m)[k] = true
		return
	}
	delete(*m, k)
}

// Matcher compiles the filter against an index: it resolves IDs to the
// index's numbers once, so testing an event costs a few comparisons. It
// returns nil when the filter keeps everything.
func (f *Filter) Matcher(idx *data.Index, marks ...Marks) func(i int) bool {
	if !f.Active() {
		return nil
	}
	var mk Marks
	if len(marks) > 0 {
		mk = marks[0]
	}
	needMarks := f.Annotated || f.Starred || len(f.Tags) > 0
	annotated, starred, own, tags, ids := f.Annotated, f.Starred, f.Own, f.Tags, f.IDs
	people := numbers(f.People, idx.PersonNumber)
	orgs := numbers(f.Organizations, idx.OrganizationNumber)
	var from, to float64
	hasFrom, hasTo := !f.From.IsZero(), !f.To.IsZero()
	if hasFrom {
		from = float64(f.From.Time().Unix())
	}
	if hasTo {
		to = float64(f.To.EndTime().Unix())
	}
	cats, sts := f.Categories, f.Statuses
	return func(i int) bool {
		if len(cats) > 0 && !cats[idx.Category(i)] {
			return false
		}
		if len(sts) > 0 && !sts[idx.Status(i)] {
			return false
		}
		if hasFrom || hasTo {
			t := float64(idx.Date(i).Time().Unix())
			if (hasFrom && t < from) || (hasTo && t >= to) {
				return false
			}
		}
		if people != nil && !anyIn(idx.People(i), people) {
			return false
		}
		if orgs != nil && !anyIn(idx.Organizations(i), orgs) {
			return false
		}
		if own && !idx.Own(i) {
			return false
		}
		if ids != nil || needMarks {
			id := idx.ID(i)
			if ids != nil && !ids[id] {
				return false
			}
			if needMarks && (mk == nil || annotated && !mk.Annotated(id) || starred && !mk.Starred(id) ||
				len(tags) > 0 && !mk.Tagged(id, tags)) {
				return false
			}
		}
		return true
	}
}

// numbers maps wanted IDs to the index's small numbers. A wanted ID the
// index does not know matches nothing (an empty, non-nil set).
func numbers(want map[string]bool, lookup func(string) (uint16, bool)) map[uint16]bool {
	if len(want) == 0 {
		return nil
	}
	out := map[uint16]bool{}
	for id := range want {
		if n, ok := lookup(id); ok {
			out[n] = true
		}
	}
	return out
}

func anyIn(have []uint16, want map[uint16]bool) bool {
	for _, h := range have {
		if want[h] {
			return true
		}
	}
	return false
}

// sortedKeys lists a set's keys in order, for stable display.
func sortedKeys[K ~string](m map[K]bool) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
