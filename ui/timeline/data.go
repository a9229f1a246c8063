// Package timeline is the zoomable timeline widget. Its geometry lives in
// ui/chrono (pure, tested apart); this package turns a placement into pooled
// canvas objects and handles wheel, drag, tap, hover and keys.
package timeline

import (
	"sort"

	"aitimeline/data"
	"aitimeline/ui/chrono"
)

// Event is what the timeline needs of an event, in time order.
type Event struct {
	ID     string
	T      float64 // start, seconds
	Date   data.Date
	End    data.Date
	Imp    uint8
	Cat    data.Category
	Status data.Status
	Title  data.Text
	People []string
	Orgs   []string
}

// Era is a labelled background band.
type Era struct {
	T0, T1 float64
	Title  data.Text
}

// LaneMode chooses how events are split into lanes.
type LaneMode int

// Lane modes.
const (
	LanesSingle LaneMode = iota
	LanesCategory
	LanesPerson
	LanesOrganization
)

// LaneDef is one lane: a title and the index of its events.
type LaneDef struct {
	Key   string
	Title data.Text
	Lane  *chrono.Lane
}

// Data is the timeline's read-only view of a dataset. Build it once per
// dataset (off the UI goroutine for big ones); lanes are derived on demand.
type Data struct {
	Events      []Event
	Eras        []Era
	AsOf        float64
	First, Last float64
	Limits      chrono.Limits
	people      map[string]string
	orgs        map[string]string
}

// NewData converts a dataset (events already in date order, as Store.Load
// returns them) into timeline data.
func NewData(ds *data.Dataset) *Data {
	d := &Data{Events: make([]Event, 0, len(ds.Events)), people: map[string]string{}, orgs: map[string]string{}}
	for _, p := range ds.People {
		d.people[p.ID] = p.Name
	}
	for _, o := range ds.Organizations {
		d.orgs[o.ID] = o.Name
	}
	for _, e := range ds.Events {
		ev := Event{ID: e.ID, T: chrono.Seconds(e.Date.Time()), Date: e.Date, End: e.End, Imp: uint8(e.Importance),
			Cat: e.Category, Status: e.Status, Title: e.Title, Orgs: e.Organizations}
		for _, p := range e.People {
			ev.People = append(ev.People, p.PersonID)
		}
		d.Events = append(d.Events, ev)
	}
	sort.SliceStable(d.Events, func(i, j int) bool { return d.Events[i].T < d.Events[j].T })
	for _, e := range ds.Eras {
		d.Eras = append(d.Eras, Era{T0: chrono.Seconds(e.From.Time()), T1: chrono.Seconds(e.To.EndTime()), Title: e.Title})
	}
	d.AsOf = chrono.Seconds(ds.Meta.AsOf.EndTime())
	if n := len(d.Events); n > 0 {
		d.First, d.Last = d.Events[0].T, d.Events[n-1].T
	}
	if d.AsOf > d.Last {
		d.Last = d.AsOf
	}
	d.Limits = chrono.LimitsFor(d.First, d.Last)
	return d
}

// Index returns the position of the event with id, or -1.
func (d *Data) Index(id string) int {
	for i := range d.Events {
		if d.Events[i].ID == id {
			return i
		}
	}
	return -1
}

// Lanes splits the events accepted by keep (nil keeps all) into lanes by mode.
// For person and organisation lanes, an event appears in the lane of each of
// its people or organisations; at most maxLanes lanes are made, the busiest
// first, and the rest go to an "others" lane.
func (d *Data) Lanes(mode LaneMode, maxLanes int, keep func(i int) bool) []LaneDef {
	type acc struct {
		key   string
		title data.Text
		t     []float64
		imp   []uint8
		ref   []int32
	}
	groups := map[string]*acc{}
	var order []string
	add := func(key string, title data.Text, i int) {
		g, ok := groups[key]
		if !ok {
			g = &acc{key: key, title: title}
			groups[key] = g
			order = append(order, key)
		}
		g.t = append(g.t, d.Events[i].T)
		g.imp = append(g.imp, d.Events[i].Imp)
		g.ref = append(g.ref, int32(i))
	}
	const other = OtherLane
	for i := range d.Events {
		if keep != nil && !keep(i) {
			continue
		}
		e := &d.Events[i]
		switch mode {
		case LanesCategory:
			add(string(e.Cat), data.Text{}, i)
		case LanesPerson:
			if len(e.People) == 0 {
				add(other, data.Text{}, i)
			}
			for _, p := range e.People {
				add(p, data.Text{EN: d.people[p], DE: d.people[p]}, i)
			}
		case LanesOrganization:
			if len(e.Orgs) == 0 {
				add(other, data.Text{}, i)
			}
			for _, o := range e.Orgs {
				add(o, data.Text{EN: d.orgs[o], DE: d.orgs[o]}, i)
			}
		default:
			add("all", data.Text{}, i)
		}
	}
	switch mode {
	case LanesCategory: // legend order
		rank := map[string]int{}
		for i, c := range data.Categories {
			rank[string(c)] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return rank[order[a]] < rank[order[b]] })
	case LanesPerson, LanesOrganization: // busiest first, others last
		sort.SliceStable(order, func(a, b int) bool {
			ga, gb := groups[order[a]], groups[order[b]]
			if (ga.key == other) != (gb.key == other) {
				return gb.key == other
			}
			return len(ga.t) > len(gb.t)
		})
		if maxLanes > 0 && len(order) > maxLanes {
			// Fold the smaller lanes into "others", keeping time order.
			keepKeys := order[:maxLanes-1]
			inKept := map[int32]bool{}
			for _, k := range keepKeys {
				for _, r := range groups[k].ref {
					inKept[r] = true
				}
			}
			o := &acc{key: other}
			for i := range d.Events {
				if (keep == nil || keep(i)) && !inKept[int32(i)] {
					o.t = append(o.t, d.Events[i].T)
					o.imp = append(o.imp, d.Events[i].Imp)
					o.ref = append(o.ref, int32(i))
				}
			}
			groups[other] = o
			order = append(append([]string{}, keepKeys...), other)
		}
	}
	out := make([]LaneDef, 0, len(order))
	for _, k := range order {
		g := groups[k]
		out = append(out, LaneDef{Key: k, Title: g.title, Lane: chrono.NewLane(g.t, g.imp, g.ref)})
	}
	return out
}

// OtherLane is the key of the lane that collects the remaining events.
const OtherLane = "\x00other"
