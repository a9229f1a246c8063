// Package timeline is the zoomable timeline widget. Its geometry lives in
// ui/chrono (pure, tested apart); this package turns a placement into pooled
// canvas objects and handles wheel, drag, tap, hover and keys.
package timeline

import (
	"sort"

	"aitimeline/data"
	"aitimeline/ui/chrono"
)

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
	LanesThread
)

// LaneModeNames are the lane modes' names on the command line and in
// preferences, by mode.
var LaneModeNames = []string{"single", "category", "person", "organization", "thread"}

// ParseLaneMode reads a lane mode's name.
func ParseLaneMode(s string) (LaneMode, bool) {
	for i, n := range LaneModeNames {
		if n == s {
			return LaneMode(i), true
		}
	}
	return LanesSingle, false
}

// LaneDef is one lane: a title and the index of its events.
type LaneDef struct {
	Key   string
	Title data.Text
	Lane  *chrono.Lane
}

// Data is the timeline's read-only view of a dataset: the compact event
// index plus start times, eras and limits. Build it once per dataset (off the
// UI goroutine for big ones); lanes are derived on demand.
type Data struct {
	Idx         *data.Index
	T           []float64 // event start times in seconds, index order (ascending)
	Eras        []Era
	AsOf        float64
	First, Last float64
	Limits      chrono.Limits
	names       map[string]string    // person and organisation names for lane titles
	threads     map[string]data.Text // thread titles
	threadEvs   [][]int32            // by thread number: its events in date order
}

// ThreadEvents returns the events of thread number th (see data.Index.Threads)
// in date order.
func (d *Data) ThreadEvents(th uint16) []int32 {
	if int(th) >= len(d.threadEvs) {
		return nil
	}
	return d.threadEvs[th]
}

// NewData builds timeline data from an event index and the dataset's context
// (meta, people, organisations, eras: Store.LoadContext).
func NewData(idx *data.Index, ctx *data.Dataset) *Data {
	d := &Data{Idx: idx, T: make([]float64, idx.Len()), names: map[string]string{}, threads: map[string]data.Text{}}
	for _, t := range ctx.Threads {
		d.threads[t.ID] = t.Title
	}
	for _, p := range ctx.People {
		d.names[p.ID] = p.Name
	}
	for _, o := range ctx.Organizations {
		d.names[o.ID] = o.Name
	}
	d.threadEvs = make([][]int32, idx.ThreadCount())
	for i := range d.T {
		d.T[i] = chrono.Seconds(idx.Date(i).Time())
		for _, th := range idx.Threads(i) {
			d.threadEvs[th] = append(d.threadEvs[th], int32(i))
		}
	}
	for _, e := range ctx.Eras {
		d.Eras = append(d.Eras, Era{T0: chrono.Seconds(e.From.Time()), T1: chrono.Seconds(e.To.EndTime()), Title: e.Title})
	}
	d.AsOf = chrono.Seconds(ctx.Meta.AsOf.EndTime())
	if n := len(d.T); n > 0 {
		d.First, d.Last = d.T[0], d.T[n-1]
	}
	if d.AsOf > d.Last {
		d.Last = d.AsOf
	}
	d.Limits = chrono.LimitsFor(d.First, d.Last)
	return d
}

// ExtendTo makes the limits reach time t (today) when it lies after the
// data, so the stretch after the dataset's "as of" date, which it does not
// cover, can be shown.
func (d *Data) ExtendTo(t float64) {
	last := d.Last
	if t > last && t-last < 20*365*chrono.Day {
		last = t
	}
	d.Limits = chrono.LimitsFor(d.First, last)
}

// FromDataset builds timeline data from a whole in-memory dataset (tests,
// synthetic data); it sorts the dataset's events into date order first.
func FromDataset(ds *data.Dataset) *Data {
	data.SortEvents(ds.Events)
	return NewData(data.NewIndex(ds), ds)
}

// Len is the number of events.
func (d *Data) Len() int { return len(d.T) }

// Lanes splits the events accepted by keep (nil keeps all) into lanes by mode.
// For person, organisation and thread lanes, an event appears in the lane of
// each of its people, organisations or threads. At most maxLanes lanes are
// made (the timeline fits it to its height): the busiest first (categories
// in legend order), and the rest go to an "others" lane.
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
		g.t = append(g.t, d.T[i])
		g.imp = append(g.imp, uint8(d.Idx.Importance(i)))
		g.ref = append(g.ref, int32(i))
	}
	const other = OtherLane
	named := func(id string) data.Text { return data.Text{EN: d.names[id], DE: d.names[id]} }
	for i := range d.T {
		if keep != nil && !keep(i) {
			continue
		}
		switch mode {
		case LanesCategory:
			add(string(d.Idx.Category(i)), data.Text{}, i)
		case LanesPerson, LanesOrganization, LanesThread:
			nums, idOf := d.Idx.People(i), d.Idx.PersonID
			title := named
			switch mode {
			case LanesOrganization:
				nums, idOf = d.Idx.Organizations(i), d.Idx.OrganizationID
			case LanesThread:
				nums, idOf, title = d.Idx.Threads(i), d.Idx.ThreadID, func(id string) data.Text { return d.threads[id] }
			}
			if len(nums) == 0 {
				add(other, data.Text{}, i)
			}
			for _, n := range nums {
				id := idOf(n)
				add(id, title(id), i)
			}
		default:
			add("all", data.Text{}, i)
		}
	}
	// Busiest first, "others" last; categories keep legend order.
	rank := map[string]int{}
	for i, c := range data.Categories {
		rank[string(c)] = i
	}
	byCount := func(keys []string) {
		sort.SliceStable(keys, func(a, b int) bool {
			ga, gb := groups[keys[a]], groups[keys[b]]
			if (ga.key == other) != (gb.key == other) {
				return gb.key == other
			}
			return len(ga.t) > len(gb.t)
		})
	}
	byLegend := func(keys []string) {
		sort.SliceStable(keys, func(a, b int) bool { return rank[keys[a]] < rank[keys[b]] })
	}
	byCount(order)
	if maxLanes > 0 && len(order) > maxLanes {
		// Fold the smaller lanes into "others", keeping time order, so each
		// lane keeps room for its labels however short the timeline.
		maxLanes = max(maxLanes, 2)
		kept := append([]string{}, order[:maxLanes-1]...)
		if kept[len(kept)-1] == other {
			kept = kept[:len(kept)-1]
		}
		inKept := make([]bool, len(d.T))
		for _, k := range kept {
			for _, r := range groups[k].ref {
				inKept[r] = true
			}
		}
		o := &acc{key: other}
		for i := range d.T {
			if (keep == nil || keep(i)) && !inKept[i] {
				o.t = append(o.t, d.T[i])
				o.imp = append(o.imp, uint8(d.Idx.Importance(i)))
				o.ref = append(o.ref, int32(i))
			}
		}
		groups[other] = o
		if mode == LanesCategory {
			byLegend(kept)
		}
		order = append(kept, other)
	} else if mode == LanesCategory {
		byLegend(order)
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
