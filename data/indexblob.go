package data

import (
	"encoding/binary"
	"strings"
	"time"
	"unicode/utf8"
)

// The compact event index is stored in the dataset file as a handful of
// little-endian arrays (table index_parts), written by the builder. Opening a
// file then reads a few blobs instead of a row per event: a million events
// load in a fraction of a second. Every part is checked on the way in, since
// a dataset from elsewhere is untrusted input.

// Limits on what a dataset may hold; beyond them it is refused as damaged or
// hostile rather than shown (a 2 MB title would stall the window).
const (
	maxIDBytes      = 200
	maxTitleBytes   = 1000
	maxNameBytes    = 300
	maxTextBytes    = 20000
	maxURLBytes     = 2048
	maxSourceFields = 1000
)

func putU32s(vs []uint32) []byte {
	b := make([]byte, 4*len(vs))
	for i, v := range vs {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

func putU16s(vs []uint16) []byte {
	b := make([]byte, 2*len(vs))
	for i, v := range vs {
		binary.LittleEndian.PutUint16(b[2*i:], v)
	}
	return b
}

func putDates(ds []packedDate) []byte {
	b := make([]byte, 4*len(ds))
	for i, d := range ds {
		binary.LittleEndian.PutUint16(b[4*i:], d.year)
		b[4*i+2], b[4*i+3] = d.month, d.day
	}
	return b
}

// vocabNums numbers the values of one vocabulary field of the events: the
// known words first, then any unknown ones (the builder writes what it is
// given; opening refuses unknown words by name).
func vocabNums(known []string, vals []string) (vocab []string, nums []byte) {
	vocab = append(vocab, known...)
	for _, v := range vals {
		k := -1
		for i, w := range vocab {
			if w == v {
				k = i
				break
			}
		}
		if k < 0 {
			k = len(vocab)
			vocab = append(vocab, v)
		}
		nums = append(nums, byte(k))
	}
	return vocab, nums
}

// indexParts serialises the index of the (sorted) events for the builder,
// in a fixed order.
func indexParts(evs []Event) [][2]any {
	x := NewIndex(&Dataset{Events: evs})
	vocab := func(vs []string) []byte { return []byte(strings.Join(vs, "\n")) }
	var knownCats, knownSts, catVals, stVals []string
	for _, c := range Categories {
		knownCats = append(knownCats, string(c))
	}
	for _, s := range Statuses {
		knownSts = append(knownSts, string(s))
	}
	for _, e := range evs {
		catVals, stVals = append(catVals, string(e.Category)), append(stVals, string(e.Status))
	}
	cats, catNums := vocabNums(knownCats, catVals)
	sts, stNums := vocabNums(knownSts, stVals)
	return [][2]any{
		{"count", putU32s([]uint32{uint32(x.Len())})},
		{"ids.buf", x.ids.buf}, {"ids.off", putU32s(x.ids.off)},
		{"title_en.buf", x.titles[0].buf}, {"title_en.off", putU32s(x.titles[0].off)},
		{"title_de.buf", x.titles[1].buf}, {"title_de.off", putU32s(x.titles[1].off)},
		{"date", putDates(x.date)}, {"end", putDates(x.end)},
		{"importance", x.imp}, {"category", catNums}, {"status", stNums},
		{"category.vocab", vocab(cats)}, {"status.vocab", vocab(sts)},
		{"people.start", putU32s(x.people.start)}, {"people.vals", putU16s(x.people.vals)},
		{"orgs.start", putU32s(x.orgs.start)}, {"orgs.vals", putU16s(x.orgs.vals)},
		{"threads.start", putU32s(x.threads.start)}, {"threads.vals", putU16s(x.threads.vals)},
		{"people.ids", vocab(x.persons)}, {"orgs.ids", vocab(x.orgIDs)}, {"threads.ids", vocab(x.thrIDs)},
	}
}

// indexDecoder turns stored parts into an Index, refusing anything
// inconsistent. Every check is linear in the number of events.
type indexDecoder struct {
	parts map[string][]byte
	err   *DatasetError
}

func (d *indexDecoder) fail(r Reason, event, value string) {
	if d.err == nil {
		d.err = &DatasetError{Reason: r, Event: event, Value: shorten(value)}
	}
}

func (d *indexDecoder) part(name string) []byte {
	b, ok := d.parts[name]
	if !ok {
		d.fail(ReasonDamaged, "", "index part "+name+" missing")
	}
	return b
}

func (d *indexDecoder) u32s(name string, n int) []uint32 {
	b := d.part(name)
	if len(b) != 4*n {
		d.fail(ReasonDamaged, "", "index part "+name+" has the wrong size")
		return make([]uint32, n)
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return out
}

func (d *indexDecoder) u16s(name string, n int) []uint16 {
	b := d.part(name)
	if len(b) != 2*n {
		d.fail(ReasonDamaged, "", "index part "+name+" has the wrong size")
		return make([]uint16, n)
	}
	out := make([]uint16, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return out
}

func (d *indexDecoder) bytesN(name string, n int) []byte {
	b := d.part(name)
	if len(b) != n {
		d.fail(ReasonDamaged, "", "index part "+name+" has the wrong size")
		return make([]byte, n)
	}
	return b
}

// offsets checks an offset array: n+1 entries, from 0, never decreasing, ending at size.
func (d *indexDecoder) arena(name string, n int) arena {
	buf := d.part(name + ".buf")
	off := d.u32s(name+".off", n+1)
	if d.err != nil {
		return arena{off: make([]uint32, n+1)}
	}
	if off[0] != 0 || int(off[n]) != len(buf) {
		d.fail(ReasonDamaged, "", "index part "+name+" is inconsistent")
		return arena{off: make([]uint32, n+1)}
	}
	for i := 1; i <= n; i++ {
		if off[i] < off[i-1] {
			d.fail(ReasonDamaged, "", "index part "+name+" is inconsistent")
			return arena{off: make([]uint32, n+1)}
		}
	}
	return arena{buf: buf, off: off}
}

func (d *indexDecoder) csr(name string, n, ids int) csr {
	start := d.u32s(name+".start", n+1)
	if d.err != nil {
		return csr{start: make([]uint32, n+1)}
	}
	total := int(start[n])
	vals := d.u16s(name+".vals", total)
	if d.err != nil || start[0] != 0 {
		d.fail(ReasonDamaged, "", "index part "+name+" is inconsistent")
		return csr{start: make([]uint32, n+1)}
	}
	for i := 1; i <= n; i++ {
		if start[i] < start[i-1] {
			d.fail(ReasonDamaged, "", "index part "+name+" is inconsistent")
			return csr{start: make([]uint32, n+1)}
		}
	}
	for _, v := range vals {
		if int(v) >= ids {
			d.fail(ReasonDamaged, "", "index part "+name+" refers past its list")
			return csr{start: make([]uint32, n+1)}
		}
	}
	return csr{start: start, vals: vals}
}

func (d *indexDecoder) words(name string) []string {
	b := d.part(name)
	if len(b) == 0 {
		return nil
	}
	return strings.Split(string(b), "\n")
}

// mapVocab maps the stored numbers of a vocabulary to the app's numbers;
// a stored word the app does not know refuses the dataset.
func (d *indexDecoder) mapVocab(name string, known []string, vals []uint8, ids *arena, r Reason) {
	stored := d.words(name + ".vocab")
	m := make([]uint8, len(stored))
	ok := make([]bool, len(stored))
	for i, w := range stored {
		for k, v := range known {
			if v == w {
				m[i], ok[i] = uint8(k), true
			}
		}
	}
	for i, v := range vals {
		if int(v) >= len(stored) {
			d.fail(ReasonDamaged, ids.get(i), "index part "+name+" refers past its list")
			return
		}
		if !ok[v] {
			d.fail(r, ids.get(i), stored[v])
			return
		}
		vals[i] = m[v]
	}
}

// decodeIndex rebuilds and checks the index. latest is the last date an
// event may have (see Store.verify).
func decodeIndex(parts map[string][]byte, latest Date) (*Index, *DatasetError) {
	d := &indexDecoder{parts: parts}
	cnt := d.u32s("count", 1)
	if d.err != nil {
		return nil, d.err
	}
	n := int(cnt[0])
	if n == 0 {
		return nil, &DatasetError{Reason: ReasonNoEvents}
	}
	if n > 50_000_000 {
		return nil, &DatasetError{Reason: ReasonDamaged, Value: "implausible event count"}
	}
	x := &Index{}
	x.ids = d.arena("ids", n)
	x.titles[0] = d.arena("title_en", n)
	x.titles[1] = d.arena("title_de", n)
	x.persons, x.orgIDs, x.thrIDs = d.words("people.ids"), d.words("orgs.ids"), d.words("threads.ids")
	for _, l := range [][]string{x.persons, x.orgIDs, x.thrIDs} {
		if len(l) > 65535 {
			d.fail(ReasonDamaged, "", "too many distinct people, organisations or threads")
		}
	}
	x.people = d.csr("people", n, len(x.persons))
	x.orgs = d.csr("orgs", n, len(x.orgIDs))
	x.threads = d.csr("threads", n, len(x.thrIDs))
	date, end := d.bytesN("date", 4*n), d.bytesN("end", 4*n)
	x.imp = append([]uint8(nil), d.bytesN("importance", n)...)
	x.cat = append([]uint8(nil), d.bytesN("category", n)...)
	x.status = append([]uint8(nil), d.bytesN("status", n)...)
	if d.err != nil {
		return nil, d.err
	}
	var cats, sts []string
	for _, c := range Categories {
		cats = append(cats, string(c))
	}
	for _, s := range Statuses {
		sts = append(sts, string(s))
	}
	d.mapVocab("category", cats, x.cat, &x.ids, ReasonUnknownCategory)
	d.mapVocab("status", sts, x.status, &x.ids, ReasonUnknownStatus)
	if d.err != nil {
		return nil, d.err
	}
	x.date, x.end = make([]packedDate, n), make([]packedDate, n)
	unpackAt := func(b []byte, i int) (packedDate, bool) {
		p := packedDate{year: binary.LittleEndian.Uint16(b[4*i:]), month: b[4*i+2], day: b[4*i+3]}
		dt := p.unpack()
		if dt.Precision == "" {
			return p, false
		}
		return p, validDate(dt)
	}
	// Dates are compared as day keys, not as time.Time: a million events
	// are checked at every open.
	earliest, last := timeKey(Earliest.Time()), timeKey(latest.EndTime())
	prev := 0
	for i := 0; i < n; i++ {
		idb := x.ids.buf[x.ids.off[i]:x.ids.off[i+1]] // a string only for a message
		if !validID(idb) {
			d.fail(ReasonBadID, "", string(idb))
			break
		}
		p, ok := unpackAt(date, i)
		dt := p.unpack()
		if !ok {
			d.fail(ReasonBadDate, string(idb), dt.String())
			break
		}
		k := dayKey(dt)
		if k < earliest || k >= last {
			d.fail(ReasonDateRange, string(idb), dt.String())
			break
		}
		if k < prev {
			d.fail(ReasonDamaged, string(idb), "events out of date order")
			break
		}
		prev = k
		x.date[i] = p
		e, eok := unpackAt(end, i)
		if e != (packedDate{}) {
			ed := e.unpack()
			if !eok || dayKey(ed) < k || dayKey(ed) >= last {
				d.fail(ReasonBadDate, string(idb), ed.String())
				break
			}
			x.end[i] = e
		}
		if v := x.imp[i]; v < 1 || v > 5 {
			d.fail(ReasonDamaged, string(idb), "importance outside 1..5")
			break
		}
		for k := range x.titles {
			a := &x.titles[k]
			l := a.off[i+1] - a.off[i]
			if l == 0 || l > maxTitleBytes {
				d.fail(ReasonTooLong, string(idb), "title")
				break
			}
		}
		if d.err != nil {
			break
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	if !x.BuildLookup() {
		return nil, &DatasetError{Reason: ReasonDamaged, Value: "duplicate event IDs"}
	}
	return x, nil
}

// validDate reports whether the parts of d name a real calendar date
// (proleptic Gregorian, as time.Date counts).
func validDate(d Date) bool {
	if d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	days := 31
	switch d.Month {
	case 2:
		days = 28
		if d.Year%4 == 0 && (d.Year%100 != 0 || d.Year%400 == 0) {
			days = 29
		}
	case 4, 6, 9, 11:
		days = 30
	}
	return d.Day <= days
}

// dayKey orders valid dates (month and day from 1) as their Date.Time does.
func dayKey(d Date) int { return d.Year<<9 | d.Month<<5 | d.Day }

// timeKey is the day key of t's calendar day in UTC.
func timeKey(t time.Time) int {
	y, m, dd := t.UTC().Date()
	return dayKey(Date{Year: y, Month: int(m), Day: dd})
}

// validID accepts the builder's ID form without a regular expression
// (a million IDs are checked at every open, as bytes: no string each).
func validID[T string | []byte](id T) bool {
	if len(id) == 0 || len(id) > maxIDBytes || id[0] == '-' || id[len(id)-1] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') || c == '-' && id[i-1] == '-' {
			return false
		}
	}
	return true
}

// shorten keeps an offending value readable in a one-line message.
func shorten(s string) string {
	if len(s) <= 60 {
		return s
	}
	cut := 57
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
