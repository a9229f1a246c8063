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
	var prev data.Date
	for i := range d.T {
		// Events are in date order and many share a day: time.Date once
		// per day, not per event (a million events at every start).
		if dt := idx.Date(i); i == 0 || dt != prev {
			d.T[i], prev = chrono.Seconds(dt.Time()), dt
		} else {
			d.T[i] = d.T[i-1]
		}
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
	// Groups are numbered, not looked up by key: the category's number,
	// the person's, organisation's or thread's number, one slot past them
	// for events with none, or 0 for the single lane. Events are counted
	// first so each lane's arrays are made once at their size (a million
	// events appended lane by lane spent most of this in growing slices).
	const other = OtherLane
	size := 1
	var nums func(i int) []uint16
	switch mode {
	case LanesCategory:
		size = len(data.Categories)
	case LanesPerson:
		size, nums = d.Idx.PersonCount()+1, d.Idx.People
	case LanesOrganization:
		size, nums = d.Idx.OrganizationCount()+1, d.Idx.Organizations
	case LanesThread:
		size, nums = d.Idx.ThreadCount()+1, d.Idx.Threads
	}
	none := size - 1 // the group of events with no person, organisation or thread
	each := func(fn func(g, i int)) {
		for i := range d.T {
			if keep != nil && !keep(i) {
				continue
			}
			switch {
			case mode == LanesCategory:
				fn(d.Idx.CategoryNum(i), i)
			case nums != nil:
				ns := nums(i)
				if len(ns) == 0 {
					fn(none, i)
				}
				for _, n := range ns {
					fn(int(n), i)
				}
			default:
				fn(0, i)
			}
		}
	}
	keyOf := func(g int) (string, data.Text) {
		switch {
		case mode == LanesCategory:
			return string(data.Categories[g]), data.Text{}
		case nums == nil:
			return "all", data.Text{}
		case g == none:
			return other, data.Text{}
		case mode == LanesPerson:
			id := d.Idx.PersonID(uint16(g))
			return id, data.Text{EN: d.names[id], DE: d.names[id]}
		case mode == LanesOrganization:
			id := d.Idx.OrganizationID(uint16(g))
			return id, data.Text{EN: d.names[id], DE: d.names[id]}
		default:
			id := d.Idx.ThreadID(uint16(g))
			return id, d.threads[id]
		}
	}
	type acc struct {
		key   string
		title data.Text
		t     []float64
		imp   []uint8
		ref   []int32
	}
	count := make([]int, size)
	each(func(g, _ int) { count[g]++ })
	groups := make([]*acc, size)
	var order []*acc // in order of first event, as the stable sorts below expect
	each(func(g, i int) {
		a := groups[g]
		if a == nil {
			a = &acc{t: make([]float64, 0, count[g]), imp: make([]uint8, 0, count[g]), ref: make([]int32, 0, count[g])}
			a.key, a.title = keyOf(g)
			groups[g] = a
			order = append(order, a)
		}
		a.t = append(a.t, d.T[i])
		a.imp = append(a.imp, uint8(d.Idx.Importance(i)))
		a.ref = append(a.ref, int32(i))
	})
	// Busiest first, "others" last; categories keep legend order.
	rank := map[string]int{}
	for i, c := range data.Categories {
		rank[string(c)] = i
	}
	byCount := func(gs []*acc) {
		sort.SliceStable(gs, func(a, b int) bool {
			ga, gb := gs[a], gs[b]
			if (ga.key == other) != (gb.key == other) {
				return gb.key == other
			}
			return len(ga.t) > len(gb.t)
		})
	}
	byLegend := func(gs []*acc) {
		sort.SliceStable(gs, func(a, b int) bool { return rank[gs[a].key] < rank[gs[b].key] })
	}
	byCount(order)
	if maxLanes > 0 && len(order) > maxLanes {
		// Fold the smaller lanes into "others", keeping time order, so each
		// lane keeps room for its labels however short the timeline.
		maxLanes = max(maxLanes, 2)
		kept := append([]*acc{}, order[:maxLanes-1]...)
		if kept[len(kept)-1].key == other {
			kept = kept[:len(kept)-1]
		}
		inKept := make([]bool, len(d.T))
		for _, k := range kept {
			for _, r := range k.ref {
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
		if mode == LanesCategory {
			byLegend(kept)
		}
		order = append(kept, o)
	} else if mode == LanesCategory {
		byLegend(order)
	}
	out := make([]LaneDef, 0, len(order))
	for _, g := range order {
		out = append(out, LaneDef{Key: g.key, Title: g.title, Lane: chrono.NewLane(g.t, g.imp, g.ref)})
	}
	return out
}

// OtherLane is the key of the lane that collects the remaining events.
const OtherLane = "\x00other"
