package timeline

import (
	"fmt"
	"reflect"
	"sort"
	"testing"

	"aitimeline/data"
	"aitimeline/ui/chrono"
)

// TestLanesMatchReference checks the numbered, counted-first lane split
// against the plain one it replaced (lanesReference, kept here): same lanes,
// order, titles and events, for every mode, with and without a filter, with
// and without folding into "others".
func TestLanesMatchReference(t *testing.T) {
	d := synthData(3000)
	keeps := map[string]func(int) bool{
		"all":     nil,
		"odd":     func(i int) bool { return i%2 == 1 },
		"few":     func(i int) bool { return i%97 == 0 },
		"nothing": func(int) bool { return false },
	}
	for _, mode := range []LaneMode{LanesSingle, LanesCategory, LanesPerson, LanesOrganization, LanesThread} {
		for kn, keep := range keeps {
			for _, max := range []int{0, 2, 3, 10, 1000} {
				t.Run(fmt.Sprintf("mode %d keep %s max %d", mode, kn, max), func(t *testing.T) {
					got, want := d.Lanes(mode, max, keep), lanesReference(d, mode, max, keep)
					if len(got) != len(want) {
						t.Fatalf("%d lanes, want %d", len(got), len(want))
					}
					for i := range want {
						if !reflect.DeepEqual(got[i], want[i]) {
							t.Fatalf("lane %d: %q %v with %d events, want %q %v with %d", i,
								got[i].Key, got[i].Title, got[i].Lane.Len(), want[i].Key, want[i].Title, want[i].Lane.Len())
						}
					}
				})
			}
		}
	}
}

// TestLanesOfEventsWithoutPeople: events naming no person go to the
// "others" lane in person lanes, with the other events' lanes beside it.
func TestLanesOfEventsWithoutPeople(t *testing.T) {
	ds := &data.Dataset{
		People: []data.Person{{ID: "ada", Name: "Ada"}, {ID: "bob", Name: "Bob"}},
		Events: []data.Event{
			{ID: "e1", Date: data.MustDate("2020-01-01"), People: []data.EventPerson{{PersonID: "bob"}}},
			{ID: "e2", Date: data.MustDate("2020-02-01")},
			{ID: "e3", Date: data.MustDate("2020-03-01"), People: []data.EventPerson{{PersonID: "ada"}, {PersonID: "bob"}}},
		},
	}
	for i := range ds.Events {
		ds.Events[i].Importance, ds.Events[i].Category, ds.Events[i].Status = 3, data.Categories[0], data.Statuses[0]
		ds.Events[i].Title = data.Text{EN: ds.Events[i].ID, DE: ds.Events[i].ID}
	}
	d := FromDataset(ds)
	var got []string
	for _, l := range d.Lanes(LanesPerson, 0, nil) {
		refs := append([]int32(nil), l.Lane.Ref...)
		sort.Slice(refs, func(a, b int) bool { return refs[a] < refs[b] })
		got = append(got, fmt.Sprintf("%s(%s)%v", l.Key, l.Title.EN, refs))
	}
	want := []string{"bob(Bob)[0 2]", "ada(Ada)[2]", OtherLane + "()[1]"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("lanes %q, want %q", got, want)
	}
}

// lanesReference is Data.Lanes as it was before the groups were numbered
// and counted first: a map of lanes by key, filled by appending.
func lanesReference(d *Data, mode LaneMode, maxLanes int, keep func(i int) bool) []LaneDef {
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

// BenchmarkLanes splits 100,000 events by category, as the window's start
// does, against the plain split it replaced.
func BenchmarkLanes(b *testing.B) {
	d := synthData(100000)
	b.Run("numbered", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			d.Lanes(LanesCategory, 7, nil)
		}
	})
	b.Run("reference", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			lanesReference(d, LanesCategory, 7, nil)
		}
	})
}

// TestDataTimes: each event's time is its date's, whether the day is new or
// the previous event's (NewData converts each day once).
func TestDataTimes(t *testing.T) {
	d := synthData(3000)
	same := 0
	for i := range d.T {
		if want := chrono.Seconds(d.Idx.Date(i).Time()); d.T[i] != want {
			t.Fatalf("event %d at %v, want %v (%v)", i, d.T[i], want, d.Idx.Date(i))
		}
		if i > 0 && d.Idx.Date(i) == d.Idx.Date(i-1) {
			same++
		}
	}
	if same == 0 || same == len(d.T)-1 {
		t.Fatalf("%d of %d events share the previous one's day: both cases needed", same, len(d.T))
	}
}
