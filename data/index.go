package data

import (
	"bytes"
	"slices"
	"strings"
)

// Index is a compact, read-only table of every event with just what the
// timeline and the event list need: dates, category, status, importance, ID,
// titles in both languages, people and organisations. It costs about 150
// bytes per event (titles in byte arenas, people and organisations as small
// integers), so a million events fit in memory; full details are read per
// event with Store.EventAt. Event i is the event with events.n = i+1, in date
// order.
type Index struct {
	ids     arena
	titles  [2]arena // EN, DE
	date    []packedDate
	end     []packedDate
	imp     []uint8
	cat     []uint8
	status  []uint8
	people  csr // event -> person numbers
	orgs    csr // event -> organisation numbers
	threads csr // event -> thread numbers
	persons []string
	orgIDs  []string
	thrIDs  []string
	own     []bool  // the user's own events (nil: none; see MergeIndex)
	byID    []int32 // event numbers sorted by ID, built by BuildLookup
}

// Own reports whether event i is one of the user's own events rather than
// the dataset's (see MergeIndex).
func (x *Index) Own(i int) bool { return x.own != nil && x.own[i] }

// MergeIndex returns an index of base's events and extra ones (the user's
// own events, any order) in date order, and for each event of the result its
// position in base, or -1 for an extra one. base is not changed. Extra
// events with an unknown category or status take the first of each
// vocabulary (the caller gives own events a category).
func MergeIndex(base *Index, extra []Event) (*Index, []int32) {
	ex := append([]Event(nil), extra...)
	SortEvents(ex)
	n := base.Len() + len(ex)
	x := &Index{
		persons: append([]string(nil), base.persons...), orgIDs: append([]string(nil), base.orgIDs...),
		thrIDs: append([]string(nil), base.thrIDs...), own: make([]bool, 0, n),
	}
	x.date, x.end = make([]packedDate, 0, n), make([]packedDate, 0, n)
	x.imp, x.cat, x.status = make([]uint8, 0, n), make([]uint8, 0, n), make([]uint8, 0, n)
	pos := make([]int32, 0, n)
	nums := func(list *[]string, ids []string) []uint16 {
		var out []uint16
		for _, id := range ids {
			k, ok := find(*list, id)
			if !ok {
				k = uint16(len(*list))
				*list = append(*list, id)
			}
			out = append(out, k)
		}
		return out
	}
	addBase := func(i int) {
		x.ids.add(base.ID(i))
		x.titles[0].add(base.titles[0].get(i))
		x.titles[1].add(base.titles[1].get(i))
		x.date, x.end = append(x.date, base.date[i]), append(x.end, base.end[i])
		x.imp, x.cat, x.status = append(x.imp, base.imp[i]), append(x.cat, base.cat[i]), append(x.status, base.status[i])
		x.people.add(base.people.get(i))
		x.orgs.add(base.orgs.get(i))
		x.threads.add(base.threads.get(i))
		x.own = append(x.own, false)
		pos = append(pos, int32(i))
	}
	addExtra := func(e *Event) {
		x.ids.add(e.ID)
		x.titles[0].add(e.Title.In(EN)) // an own event may have one language only
		x.titles[1].add(e.Title.In(DE))
		x.date, x.end = append(x.date, pack(e.Date)), append(x.end, pack(e.End))
		x.imp = append(x.imp, uint8(min(max(e.Importance, 1), 5)))
		x.cat, x.status = append(x.cat, vocabIndex(Categories, e.Category)), append(x.status, vocabIndex(Statuses, e.Status))
		var ps []string
		for _, p := range e.People {
			ps = append(ps, p.PersonID)
		}
		x.people.add(nums(&x.persons, ps))
		x.orgs.add(nums(&x.orgIDs, e.Organizations))
		x.threads.add(nums(&x.thrIDs, e.Threads))
		x.own = append(x.own, true)
		pos = append(pos, -1)
	}
	i, k := 0, 0
	for i < base.Len() || k < len(ex) {
		if k == len(ex) || (i < base.Len() && !ex[k].Date.Time().Before(base.Date(i).Time())) {
			addBase(i)
			i++
		} else {
			addExtra(&ex[k])
			k++
		}
	}
	x.BuildLookup()
	return x, pos
}

// packedDate is a Date in 4 bytes: year, month, day, precision.
type packedDate struct {
	year       uint16
	month, day uint8
}

const precShift = 6 // precision in the top two bits of day

func pack(d Date) packedDate {
	p := map[Precision]uint8{"": 0, Year: 1, Month: 2, Day: 3}[d.Precision]
	return packedDate{year: uint16(d.Year), month: uint8(d.Month), day: uint8(d.Day) | p<<precShift}
}

func (p packedDate) unpack() Date {
	prec := [...]Precision{"", Year, Month, Day}[p.day>>precShift]
	if prec == "" {
		return Date{}
	}
	return Date{Year: int(p.year), Month: int(p.month), Day: int(p.day &^ (3 << precShift)), Precision: prec}
}

// arena stores many strings in one byte slice.
type arena struct {
	buf []byte
	off []uint32 // string i is buf[off[i]:off[i+1]]
}

func (a *arena) add(s string) {
	if len(a.off) == 0 {
		a.off = append(a.off, 0)
	}
	a.buf = append(a.buf, s...)
	a.off = append(a.off, uint32(len(a.buf)))
}

func (a *arena) addBytes(b []byte) {
	if len(a.off) == 0 {
		a.off = append(a.off, 0)
	}
	a.buf = append(a.buf, b...)
	a.off = append(a.off, uint32(len(a.buf)))
}

func (a *arena) reserve(n, bytes int) {
	a.buf = make([]byte, 0, bytes)
	a.off = make([]uint32, 0, n+1)
}

func (a *arena) get(i int) string { return string(a.buf[a.off[i]:a.off[i+1]]) }

// csr lists small integers per event (compressed sparse rows).
type csr struct {
	start []uint32
	vals  []uint16
}

func (c *csr) add(vals []uint16) {
	if len(c.start) == 0 {
		c.start = append(c.start, 0)
	}
	c.vals = append(c.vals, vals...)
	c.start = append(c.start, uint32(len(c.vals)))
}

func (c *csr) reserve(n, vals int) {
	c.start = make([]uint32, 0, n+1)
	c.vals = make([]uint16, 0, vals)
}

func (c *csr) get(i int) []uint16 { return c.vals[c.start[i]:c.start[i+1]] }

func vocabIndex[T comparable](vocab []T, v T) uint8 {
	for i, x := range vocab {
		if x == v {
			return uint8(i)
		}
	}
	return 0
}

// Len is the number of events.
func (x *Index) Len() int { return len(x.date) }

// ID is event i's stable ID.
func (x *Index) ID(i int) string { return x.ids.get(i) }

// Title is event i's title in lang.
func (x *Index) Title(i int, lang Lang) string {
	if lang == DE {
		return x.titles[1].get(i)
	}
	return x.titles[0].get(i)
}

// Date is event i's date; End its end date (zero when it has none).
func (x *Index) Date(i int) Date { return x.date[i].unpack() }

// End is event i's end date, or the zero Date.
func (x *Index) End(i int) Date { return x.end[i].unpack() }

// Importance is event i's importance, 1..5.
func (x *Index) Importance(i int) int { return int(x.imp[i]) }

// Category is event i's category.
func (x *Index) Category(i int) Category { return Categories[x.cat[i]] }

// Status is event i's claim status.
func (x *Index) Status(i int) Status { return Statuses[x.status[i]] }

// CategoryNum is event i's category as its position in Categories.
func (x *Index) CategoryNum(i int) int { return int(x.cat[i]) }

// StatusNum is event i's claim status as its position in Statuses.
func (x *Index) StatusNum(i int) int { return int(x.status[i]) }

// People returns the numbers of event i's people (see PersonID).
func (x *Index) People(i int) []uint16 { return x.people.get(i) }

// Organizations returns the numbers of event i's organisations (see OrganizationID).
func (x *Index) Organizations(i int) []uint16 { return x.orgs.get(i) }

// PersonID is the ID of person number p.
func (x *Index) PersonID(p uint16) string { return x.persons[p] }

// OrganizationID is the ID of organisation number o.
func (x *Index) OrganizationID(o uint16) string { return x.orgIDs[o] }

// Threads returns the numbers of event i's story threads (see ThreadID).
func (x *Index) Threads(i int) []uint16 { return x.threads.get(i) }

// ThreadID is the ID of thread number t.
func (x *Index) ThreadID(t uint16) string { return x.thrIDs[t] }

// ThreadNumber is the number of thread id, if any event has it.
func (x *Index) ThreadNumber(id string) (uint16, bool) { return find(x.thrIDs, id) }

// PersonCount, OrganizationCount and ThreadCount are how many distinct
// people, organisations and threads the events name.
func (x *Index) PersonCount() int { return len(x.persons) }

// OrganizationCount is the number of distinct organisations the events name.
func (x *Index) OrganizationCount() int { return len(x.orgIDs) }

// ThreadCount is the number of distinct threads the events name.
func (x *Index) ThreadCount() int { return len(x.thrIDs) }

// PersonNumber is the number of person id in this index, if any event has them.
func (x *Index) PersonNumber(id string) (uint16, bool) { return find(x.persons, id) }

// OrganizationNumber is the number of organisation id, if any event has it.
func (x *Index) OrganizationNumber(id string) (uint16, bool) { return find(x.orgIDs, id) }

func find(list []string, id string) (uint16, bool) {
	for i, v := range list {
		if v == id {
			return uint16(i), true
		}
	}
	return 0, false
}

// BuildLookup prepares Find: the event numbers sorted by ID (4 bytes an
// event; a map of a million string keys took about 100 MB). The index is
// read-only afterwards and safe for concurrent use; the loaders call it, so
// only hand-made indexes need to. It reports whether the IDs are unique.
//
// Comparing the IDs themselves made this sort most of a million-event open
// (3.6 s of 6 s CPU over three opens): IDs share long prefixes
// ("synthetic-0001257"), and each comparison went through a closure and
// bytes.Compare. The sort orders by a key instead, the 8 bytes after the
// prefix all IDs share, read big-endian (a radix sort), and compares whole
// IDs only among equal keys. IDs hold no zero byte (validID), so a short ID padded
// with zeros sorts before every longer one that starts like it, as
// bytes.Compare orders them.
func (x *Index) BuildLookup() bool {
	n := x.Len()
	id := func(i int32) []byte { return x.ids.buf[x.ids.off[i]:x.ids.off[i+1]] }
	pre := 0 // length of the prefix all IDs share
	if n > 0 {
		first := id(0)
		pre = len(first)
		for i := int32(1); i < int32(n) && pre > 0; i++ {
			b := id(i)
			k := 0
			for k < pre && k < len(b) && b[k] == first[k] {
				k++
			}
			pre = k
		}
	}
	ks := make([]keyed, n)
	for i := range ks {
		b := id(int32(i))[pre:]
		var k uint64
		for j := 0; j < 8; j++ {
			k <<= 8
			if j < len(b) {
				k |= uint64(b[j])
			}
		}
		ks[i] = keyed{k, int32(i)}
	}
	radixSort(ks)
	for lo := 0; lo < n; { // runs of equal keys: by the whole IDs
		hi := lo + 1
		for hi < n && ks[hi].key == ks[lo].key {
			hi++
		}
		if hi-lo > 1 {
			slices.SortFunc(ks[lo:hi], func(a, b keyed) int { return bytes.Compare(id(a.i), id(b.i)) })
		}
		lo = hi
	}
	x.byID = make([]int32, n)
	unique := true
	for k := range ks {
		x.byID[k] = ks[k].i
		if k > 0 && ks[k].key == ks[k-1].key && bytes.Equal(id(ks[k-1].i), id(ks[k].i)) {
			unique = false
		}
	}
	return unique
}

// keyed is an event number with its sort key (see BuildLookup).
type keyed struct {
	key uint64
	i   int32
}

// radixSort sorts ks by key, keeping the order of equal keys: a byte at a
// time from the lowest, skipping bytes all keys share (IDs of digits differ
// in a few values of a few bytes). A million keys take a few tens of
// milliseconds, a comparison sort several times that.
func radixSort(ks []keyed) {
	if len(ks) < 2 {
		return
	}
	src, dst := ks, make([]keyed, len(ks))
	for shift := 0; shift < 64; shift += 8 {
		var at [256]int
		for _, k := range src {
			at[byte(k.key>>shift)]++
		}
		if at[byte(src[0].key>>shift)] == len(src) {
			continue
		}
		pos := 0
		for b, c := range at {
			at[b], pos = pos, pos+c
		}
		for _, k := range src {
			b := byte(k.key >> shift)
			dst[at[b]] = k
			at[b]++
		}
		src, dst = dst, src
	}
	copy(ks, src) // a no-op when src is ks
}

// Find returns the index of the event with id, or -1.
func (x *Index) Find(id string) int {
	k, ok := slices.BinarySearchFunc(x.byID, id, func(i int32, id string) int {
		return strings.Compare(string(x.ids.buf[x.ids.off[i]:x.ids.off[i+1]]), id) // no allocation: the conversion is only compared
	})
	if !ok {
		return -1
	}
	return int(x.byID[k])
}

type indexBuilder struct {
	x       *Index
	persons map[string]uint16
	orgs    map[string]uint16
	thrs    map[string]uint16
	pbuf    []uint16
}

func newIndexBuilder(n int) *indexBuilder {
	b := &indexBuilder{x: &Index{}, persons: map[string]uint16{}, orgs: map[string]uint16{}, thrs: map[string]uint16{}}
	b.x.date = make([]packedDate, 0, n)
	return b
}

func (b *indexBuilder) number(m map[string]uint16, list *[]string, id string) uint16 {
	if n, ok := m[id]; ok {
		return n
	}
	n := uint16(len(*list))
	m[id] = n
	*list = append(*list, id)
	return n
}

func (b *indexBuilder) addEvent(id string, d, end Date, imp int, cat Category, st Status, title Text) {
	x := b.x
	x.ids.add(id)
	x.titles[0].add(title.EN)
	x.titles[1].add(title.DE)
	x.date = append(x.date, pack(d))
	x.end = append(x.end, pack(end))
	x.imp = append(x.imp, uint8(imp))
	x.cat = append(x.cat, vocabIndex(Categories, cat))
	x.status = append(x.status, vocabIndex(Statuses, st))
}

// NewIndex builds an index from an in-memory dataset (tests, synthetic data).
// The events must be in date order, as Store.Load and synth.Generate give them
// after SortEvents.
func NewIndex(ds *Dataset) *Index {
	b := newIndexBuilder(len(ds.Events))
	for _, e := range ds.Events {
		b.addEvent(e.ID, e.Date, e.End, e.Importance, e.Category, e.Status, e.Title)
		b.pbuf = b.pbuf[:0]
		for _, p := range e.People {
			b.pbuf = append(b.pbuf, b.number(b.persons, &b.x.persons, p.PersonID))
		}
		b.x.people.add(b.pbuf)
		b.pbuf = b.pbuf[:0]
		for _, o := range e.Organizations {
			b.pbuf = append(b.pbuf, b.number(b.orgs, &b.x.orgIDs, o))
		}
		b.x.orgs.add(b.pbuf)
		b.pbuf = b.pbuf[:0]
		for _, th := range e.Threads {
			b.pbuf = append(b.pbuf, b.number(b.thrs, &b.x.thrIDs, th))
		}
		b.x.threads.add(b.pbuf)
	}
	b.x.BuildLookup()
	return b.x
}
