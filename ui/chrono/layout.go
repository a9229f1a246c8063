package chrono

import (
	"math"
	"slices"
	"sort"
)

// MaxImportance is the highest event importance.
const MaxImportance = 5

// Lane is an index of the events shown in one lane, in time order. It answers
// "which events lie in this window" and "which is the most important of them"
// in logarithmic time, so the cost of a frame follows what is visible, not the
// dataset's size.
type Lane struct {
	T   []float64 // event start times, ascending
	Imp []uint8   // importance 1..MaxImportance
	Ref []int32   // the caller's event index
	// byImp[k] lists the positions (indexes into T) of events of importance k, ascending.
	byImp [MaxImportance + 1][]int32
}

// NewLane builds a lane from parallel slices already sorted by time.
func NewLane(t []float64, imp []uint8, ref []int32) *Lane {
	l := &Lane{T: t, Imp: imp, Ref: ref}
	for i, k := range imp {
		k = min(max(k, 1), MaxImportance)
		l.byImp[k] = append(l.byImp[k], int32(i))
	}
	return l
}

// Len is the number of events in the lane.
func (l *Lane) Len() int { return len(l.T) }

// Range returns the positions [lo, hi) of events with t0 <= T < t1.
func (l *Lane) Range(t0, t1 float64) (lo, hi int) {
	lo = sort.SearchFloat64s(l.T, t0)
	hi = sort.SearchFloat64s(l.T, t1)
	if hi < lo {
		hi = lo
	}
	return lo, hi
}

// Top returns the position of the most important event in [lo, hi), the
// earliest among equals, or -1 when the range is empty.
func (l *Lane) Top(lo, hi int) int {
	if hi <= lo {
		return -1
	}
	for k := MaxImportance; k >= 1; k-- {
		ps := l.byImp[k]
		i, _ := slices.BinarySearch(ps, int32(lo))
		if i < len(ps) && int(ps[i]) < hi {
			return int(ps[i])
		}
	}
	return -1
}

// topScan answers Top for a run of ranges that move only forward (each lo at
// least the previous one), as the buckets of a frame do: it keeps a cursor
// into each importance list and gallops from it, so a frame of buckets costs
// about the logarithm of each bucket's size rather than of the whole lane.
type topScan struct {
	l   *Lane
	cur [MaxImportance + 1]int
}

func (s *topScan) reset(l *Lane) {
	s.l = l
	s.cur = [MaxImportance + 1]int{}
}

// top is l.Top(lo, hi) for lo not below any earlier call's lo.
func (s *topScan) top(lo, hi int) int {
	if hi <= lo {
		return -1
	}
	for k := MaxImportance; k >= 1; k-- {
		ps := s.l.byImp[k]
		i := gallop(ps, s.cur[k], int32(lo))
		s.cur[k] = i
		if i < len(ps) && int(ps[i]) < hi {
			return int(ps[i])
		}
	}
	return -1
}

// gallop returns the first index i >= from with s[i] >= x (len(s) if none),
// for ascending s, in time logarithmic in the distance moved.
func gallop[T int32 | float64](s []T, from int, x T) int {
	n := len(s)
	if from >= n || s[from] >= x {
		return from
	}
	// s[from] < x: double the step until passing x, then bisect.
	lo, step := from, 1
	hi := from + 1
	for hi < n && s[hi] < x {
		lo = hi
		step *= 2
		hi = lo + step
	}
	hi = min(hi, n)
	// s[lo] < x, and s[hi] >= x or hi == n.
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if s[m] < x {
			lo = m
		} else {
			hi = m
		}
	}
	return hi
}

// LayoutOptions tune how a lane is laid out.
type LayoutOptions struct {
	Rows        int     // label rows available in the lane (1 to MaxRows)
	ClusterPx   float32 // events closer than this without a label merge into a count bubble
	DetailLimit int     // up to this many events in view are placed one by one; more are aggregated per ClusterPx bucket
	MarkerPx    float32 // marker width; a label starts after the marker
	Gap         float32 // minimum gap between labels in a row
	MaxLabelPx  float32 // labels are cut to this width
	MaxLabels   int     // labels per lane at most (0: as many as the rows hold)
	// Pin, when set, places event PinRef (at time PinT) first, before any
	// other, so the selected event always has its label where it is in
	// view, even among more important neighbours.
	Pin    bool
	PinRef int32
	PinT   float64
}

// DefaultLayout are the options the timeline uses.
var DefaultLayout = LayoutOptions{Rows: 3, ClusterPx: 28, DetailLimit: 300, MarkerPx: 12, Gap: 10, MaxLabelPx: 260}

// Label is an event shown with marker and title.
type Label struct {
	Ref  int32
	X    float32 // marker centre
	W    float32 // label width (text only)
	Row  int
	Left bool // the label stands left of the marker (near the right edge)
}

// Marker is an event shown without a title (it had no room and no neighbour to merge with).
type Marker struct {
	Ref int32
	X   float32
}

// Cluster is a count bubble for events without room for a title.
type Cluster struct {
	X      float32 // bubble centre
	Count  int
	T0, T1 float64 // time range the bubble stands for: clicking zooms to it
}

// Placement is the layout of one lane in one window. Reuse it across frames:
// Layout only reslices its slices, so a steady state allocates nothing.
type Placement struct {
	Labels   []Label
	Markers  []Marker
	Clusters []Cluster

	keys    []int32
	cand    []candidate
	labeled []bool
	occ     occupancy
	scan    topScan
	memo    bucketMemo
}

// candidate is an event that may get a label: in bucket mode the top event
// of a bucket, with the bucket's count and time range (clipped to the window).
type candidate struct {
	top    eventRef
	n      int32
	lo, hi int32 // the bucket's positions in the lane
	t0, t1 float64
}

// eventRef is what the layout needs of an event, copied out of the lane so
// that remembered buckets need not look it up again.
type eventRef struct {
	t   float64
	ref int32
	imp uint8 // clamped to 1..MaxImportance
}

func (l *Lane) eventAt(pos int) eventRef {
	return eventRef{t: l.T[pos], ref: l.Ref[pos], imp: uint8(impOf(l, int32(pos)))}
}

// bucketMemo remembers the last frame's buckets of a lane: the positions
// each covered and its top event. Buckets are fixed stretches of time, so
// the next frame finds most of them again: all of them after panning or
// zooming in by less than a factor of two, and each as the union of two
// remembered halves when zooming out past a doubling. Only buckets the
// window cut off are not remembered.
type bucketMemo struct {
	lane      *Lane
	n         int     // the lane's length when remembered
	q         float64 // bucket length
	k0        int64   // index (start time / q) of ent[0]
	ent, next []bucketEnt
	hits      int // buckets found again (for tests)
}

// bucketEnt is one whole bucket: events [lo, hi) and the top one (when
// hi > lo). lo < 0 marks a bucket the window cut off, which is not remembered.
type bucketEnt struct {
	lo, hi int32
	top    eventRef
}

// find returns the remembered whole bucket with index k of length q.
func (m *bucketMemo) find(l *Lane, q float64, k int64) (bucketEnt, bool) {
	if m.lane != l || m.n != l.Len() || len(m.ent) == 0 {
		return bucketEnt{}, false
	}
	get := func(k int64) (bucketEnt, bool) {
		i := k - m.k0
		if i < 0 || i >= int64(len(m.ent)) || m.ent[i].lo < 0 {
			return bucketEnt{}, false
		}
		return m.ent[i], true
	}
	switch q {
	case m.q:
		return get(k)
	case 2 * m.q: // zoomed out past a doubling: the union of two halves
		a, ok := get(2 * k)
		if !ok {
			return bucketEnt{}, false
		}
		b, ok := get(2*k + 1)
		if !ok {
			return bucketEnt{}, false
		}
		top := a.top
		if a.hi == a.lo || (b.hi > b.lo && b.top.imp > a.top.imp) {
			top = b.top
		}
		return bucketEnt{lo: a.lo, hi: b.hi, top: top}, true
	}
	return bucketEnt{}, false
}

// begin starts remembering this frame's buckets.
func (m *bucketMemo) begin() { m.next = m.next[:0] }

// commit makes this frame's buckets the remembered ones.
func (m *bucketMemo) commit(l *Lane, q float64, k0 int64) {
	m.ent, m.next = m.next, m.ent
	m.lane, m.n, m.q, m.k0 = l, l.Len(), q, k0
}

// MaxRows is the most label rows a lane can have.
const MaxRows = 64

// cellPx is the width of the columns label rows are tracked in.
const cellPx = 4

// occupancy records, for each label row, which cellPx-wide columns of the
// window are taken, one bit per column: checking a label's span against a
// row and taking it are a few word operations however many labels the row
// holds. A span [x0, x1) takes the columns from floor(x0/cellPx) to
// ceil(x1/cellPx)-1, clipped to the window: what lies outside the window
// cannot be seen to overlap, and labels end up at most cellPx-1 pixels
// further apart than their gap asks.
type occupancy struct {
	rows  int
	cols  int // columns in the window
	words int // words per row
	bits  []uint64
	// Labels stacked at one spot start in the same column. For each start
	// column, stack remembers the last span placed from it: every row below
	// stack[c].row is taken somewhere in [c, stack[c].end). A later span
	// from c that reaches at least as far meets those rows taken too, so
	// its search starts there instead of at the top.
	stack []stackMark
}

type stackMark struct{ end, row int32 }

func (o *occupancy) reset(rows int, width float32) {
	o.rows = rows
	o.cols = max(int(width)/cellPx+1, 1)
	o.words = (o.cols + 63) / 64
	n := rows * o.words
	if cap(o.bits) < n {
		o.bits = make([]uint64, n)
	}
	o.bits = o.bits[:n]
	clear(o.bits)
	if cap(o.stack) < o.cols {
		o.stack = make([]stackMark, o.cols)
	}
	o.stack = o.stack[:o.cols]
	clear(o.stack)
}

// span converts [x0, x1) to whole columns [c0, c1), clipped to the window.
func (o *occupancy) span(x0, x1 float32) (c0, c1 int) {
	if x0 > 0 {
		c0 = int(x0 / cellPx) // floor, for x0 > 0
	}
	if x1 > 0 {
		c1 = int(x1 / cellPx)
		if float32(c1)*cellPx < x1 { // ceil
			c1++
		}
	}
	return c0, min(c1, o.cols)
}

// firstFree returns the lowest row below rows whose columns [c0, c1) are all
// free, or -1.
func (o *occupancy) firstFree(c0, c1, rows int) int {
	if c1 <= c0 {
		return 0
	}
	from := 0
	if m := o.stack[c0]; m.row > 0 && int(m.end) <= c1 {
		from = int(m.row)
	}
	r := o.scan(c0, c1, rows, from)
	if m := o.stack[c0]; r < 0 && (int(m.row) < rows || int(m.end) > c1) {
		// Every row is taken somewhere in [c0, c1): later spans from c0
		// reaching as far fail at once.
		o.stack[c0] = stackMark{end: int32(c1), row: int32(rows)}
	}
	return r
}

// scan is firstFree starting at row from, all rows above it known taken.
func (o *occupancy) scan(c0, c1, rows, from int) int {
	w0, w1 := c0>>6, (c1-1)>>6
	m0, m1 := ^uint64(0)<<(c0&63), ^uint64(0)>>(63-((c1-1)&63))
	if w0 == w1 {
		m0 &= m1
	}
	first := uint64(1) << (c0 & 63)
	for r, base := from, from*o.words; r < rows; r, base = r+1, base+o.words {
		if o.bits[base+w0]&first != 0 { // quick reject: labels stacked at one spot
			continue
		}
		row := o.bits[base+w0 : base+w1+1]
		if row[0]&m0 != 0 {
			continue
		}
		if len(row) > 1 {
			if row[len(row)-1]&m1 != 0 {
				continue
			}
			busy := false
			for _, w := range row[1 : len(row)-1] {
				if w != 0 {
					busy = true
					break
				}
			}
			if busy {
				continue
			}
		}
		return r
	}
	return -1
}

// take marks columns [c0, c1) of row r as used; r must be what firstFree
// returned for the span.
func (o *occupancy) take(r, c0, c1 int) {
	if c1 <= c0 {
		return
	}
	o.stack[c0] = stackMark{end: int32(c1), row: int32(r) + 1}
	row := o.bits[r*o.words : (r+1)*o.words]
	w0, w1 := c0>>6, (c1-1)>>6
	m0, m1 := ^uint64(0)<<(c0&63), ^uint64(0)>>(63-((c1-1)&63))
	if w0 == w1 {
		row[w0] |= m0 & m1
		return
	}
	row[w0] |= m0
	row[w1] |= m1
	for i := w0 + 1; i < w1; i++ {
		row[i] = ^uint64(0)
	}
}

// Layout places the lane's events in window v: the most important events get
// a label in the first row where it does not overlap another label (at most
// opt.MaxLabels of them, when set); the rest merge into count bubbles (or stay bare
// markers when alone). widthOf gives an event's label width in pixels. No two
// labels in a row overlap.
//
// With up to opt.DetailLimit events in the window every event is a candidate
// for a label. With more, the window is cut into buckets of fixed time and
// only each bucket's most important event is a candidate; the rest of the
// bucket becomes its count bubble.
func Layout(l *Lane, v Viewport, opt LayoutOptions, widthOf func(ref int32) float32, p *Placement) {
	p.Labels, p.Markers, p.Clusters = p.Labels[:0], p.Markers[:0], p.Clusters[:0]
	if l == nil || l.Len() == 0 || v.Width <= 0 || v.Span() <= 0 {
		return
	}
	lo, hi := l.Range(v.Start, v.End)
	if hi <= lo {
		return
	}
	cw := max(opt.ClusterPx, 4)
	maxLabels := opt.MaxLabels
	if maxLabels <= 0 {
		maxLabels = math.MaxInt
	}
	p.occ.reset(min(max(opt.Rows, 1), MaxRows), v.Width)
	pinned := false // the pinned event is in this lane and window, and labelled
	if opt.Pin && opt.PinT >= v.Start && opt.PinT < v.End {
		for pos := sort.SearchFloat64s(l.T, opt.PinT); pos < hi && l.T[pos] == opt.PinT; pos++ {
			if l.Ref[pos] == opt.PinRef {
				pinned = p.place(v, opt, widthOf, opt.PinT, opt.PinRef)
				break
			}
		}
	}
	isPin := func(ref int32) bool { return pinned && ref == opt.PinRef }
	if hi-lo <= opt.DetailLimit {
		// Every event is a candidate: order the positions by importance,
		// highest first, then time (a counting sort, as positions are in
		// time order already).
		var start [MaxImportance + 2]int32
		for _, k := range l.Imp[lo:hi] {
			start[MaxImportance-int(min(max(k, 1), MaxImportance))+1]++
		}
		for k := 1; k < len(start); k++ {
			start[k] += start[k-1]
		}
		p.keys = slices.Grow(p.keys[:0], hi-lo)[:hi-lo]
		for i, k := range l.Imp[lo:hi] {
			b := MaxImportance - int(min(max(k, 1), MaxImportance))
			p.keys[start[b]] = int32(lo + i)
			start[b]++
		}
		p.labeled = slices.Grow(p.labeled[:0], hi-lo)[:hi-lo]
		clear(p.labeled)
		for _, pos := range p.keys {
			if isPin(l.Ref[pos]) {
				p.labeled[int(pos)-lo] = true
				continue
			}
			if len(p.Labels) >= maxLabels {
				break
			}
			if p.place(v, opt, widthOf, l.T[pos], l.Ref[pos]) {
				p.labeled[int(pos)-lo] = true
			}
		}
		p.groupUnlabeled(l, v, lo, hi, opt.ClusterPx)
		return
	}

	// Buckets are fixed stretches of time, a power of two seconds long and
	// aligned to multiples of it, between 0.75 and 1.5 ClusterPx wide:
	// panning does not move their edges and zooming changes them only when
	// the length halves or doubles, so the event labelled for a bucket stays
	// the same while the reader pans and zooms.
	p.cand = p.cand[:0]
	q := BucketSeconds(v, cw)
	first := math.Floor(v.Start / q)
	// Each bucket starts where the previous one ended; unless it is
	// remembered from the last frame, both its end and its top event are
	// found by galloping forward from there.
	p.scan.reset(l)
	p.memo.begin()
	blo := lo
	for k := 0.0; ; k++ {
		t0 := (first + k) * q
		if t0 >= v.End {
			break
		}
		t1 := t0 + q
		whole := t0 >= v.Start && t1 <= v.End
		var e bucketEnt
		hit := false
		if whole {
			e, hit = p.memo.find(l, q, int64(first+k))
			if hit {
				p.memo.hits++
			}
		}
		if !hit {
			bhi := hi
			if t1 < v.End {
				bhi = min(gallop(l.T, blo, t1), hi)
			}
			e = bucketEnt{lo: int32(blo), hi: int32(bhi)}
			if bhi > blo {
				e.top = l.eventAt(p.scan.top(blo, bhi))
			}
		}
		if whole {
			p.memo.next = append(p.memo.next, e)
		} else {
			p.memo.next = append(p.memo.next, bucketEnt{lo: -1})
		}
		if e.hi > e.lo {
			p.cand = append(p.cand, candidate{top: e.top, n: e.hi - e.lo, lo: e.lo, hi: e.hi, t0: max(t0, v.Start), t1: min(t1, v.End)})
		}
		blo = int(e.hi)
	}
	p.memo.commit(l, q, int64(first))
	// Label the buckets' top events by importance, highest first, then time.
	var start [MaxImportance + 2]int32
	for i := range p.cand {
		start[MaxImportance-int(p.cand[i].top.imp)+1]++
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	p.keys = slices.Grow(p.keys[:0], len(p.cand))[:len(p.cand)]
	for ci := range p.cand {
		b := MaxImportance - int(p.cand[ci].top.imp)
		p.keys[start[b]] = int32(ci)
		start[b]++
	}
	p.labeled = slices.Grow(p.labeled[:0], len(p.cand))[:len(p.cand)]
	clear(p.labeled)
	pinBucket := -1 // the candidate whose bucket holds the pinned event
	for _, ci := range p.keys {
		c := &p.cand[ci]
		if pinned && opt.PinT >= c.t0 && opt.PinT < c.t1 {
			pinBucket = int(ci)
		}
		if isPin(c.top.ref) {
			p.labeled[ci] = true
			continue
		}
		if len(p.Labels) >= maxLabels {
			continue
		}
		if p.place(v, opt, widthOf, c.top.t, c.top.ref) {
			p.labeled[ci] = true
		}
	}
	for ci := range p.cand {
		c := &p.cand[ci]
		n := int(c.n)
		if p.labeled[ci] {
			n--
		}
		if ci == pinBucket && !isPin(c.top.ref) {
			n-- // the pinned event is labelled, not counted
		}
		if n == 1 {
			// A single event left: a bare marker, not a "+1" bubble.
			for pos := c.lo; pos < c.hi; pos++ {
				ref := l.Ref[pos]
				if (p.labeled[ci] && ref == c.top.ref) || isPin(ref) {
					continue
				}
				p.Markers = append(p.Markers, Marker{Ref: ref, X: v.X(l.T[pos])})
				break
			}
			continue
		}
		if n > 0 {
			p.Clusters = append(p.Clusters, Cluster{X: v.X((c.t0 + c.t1) / 2), Count: n, T0: c.t0, T1: c.t1})
		}
	}
}

// place gives the event at time t a label in the first row with room for it,
// and reports whether there was one.
func (p *Placement) place(v Viewport, opt LayoutOptions, widthOf func(ref int32) float32, t float64, ref int32) bool {
	x := v.X(t)
	// Measuring a title costs far more than a look at the rows: first see
	// whether a label of the shortest width could go right or left of the
	// marker at all (a longer one needs a superset of its columns).
	const minW = 16
	if wm := min(float32(minW), opt.MaxLabelPx); true {
		c0, c1 := p.occ.span(x-opt.MarkerPx/2, x+opt.MarkerPx/2+4+wm+opt.Gap)
		l0, l1 := p.occ.span(x-opt.MarkerPx/2-4-wm-opt.Gap, x+opt.MarkerPx/2)
		if p.occ.firstFree(c0, c1, p.occ.rows) < 0 && p.occ.firstFree(l0, l1, p.occ.rows) < 0 {
			return false
		}
	}
	w := min(widthOf(ref), opt.MaxLabelPx)
	// The label goes right of its marker, or left of it where it would
	// leave the window.
	left := x+opt.MarkerPx/2+4+w > v.Width
	x0, x1 := x-opt.MarkerPx/2, x+opt.MarkerPx/2+4+w+opt.Gap
	if left {
		x0, x1 = x-opt.MarkerPx/2-4-w-opt.Gap, x+opt.MarkerPx/2
	}
	c0, c1 := p.occ.span(x0, x1)
	r := p.occ.firstFree(c0, c1, p.occ.rows)
	if r < 0 {
		return false
	}
	p.occ.take(r, c0, c1)
	p.Labels = append(p.Labels, Label{Ref: ref, X: x, W: w, Row: r, Left: left})
	return true
}

// groupUnlabeled merges runs of unlabeled events closer than px into clusters.
func (p *Placement) groupUnlabeled(l *Lane, v Viewport, lo, hi int, px float32) {
	start, n := -1, 0
	flush := func(end int) {
		if n == 1 {
			p.Markers = append(p.Markers, Marker{Ref: l.Ref[start], X: v.X(l.T[start])})
		} else if n > 1 {
			x0, x1 := v.X(l.T[start]), v.X(l.T[end])
			p.Clusters = append(p.Clusters, Cluster{X: (x0 + x1) / 2, Count: n, T0: l.T[start], T1: l.T[end] + 1})
		}
	}
	last := 0
	for i := lo; i < hi; i++ {
		if p.labeled[i-lo] {
			continue
		}
		if n > 0 && v.X(l.T[i])-v.X(l.T[start]) > px {
			flush(last)
			n = 0
		}
		if n == 0 {
			start = i
		}
		n++
		last = i
	}
	flush(last)
}

// BucketSeconds is the length of the time buckets dense stretches of window
// v are aggregated in: the power of two seconds that makes a bucket between
// 0.75 and 1.5 times px pixels wide (at least one second).
func BucketSeconds(v Viewport, px float32) float64 {
	if v.Width <= 0 || v.Span() <= 0 {
		return 1
	}
	want := 0.75 * float64(px) * v.Span() / float64(v.Width)
	return math.Exp2(math.Max(math.Ceil(math.Log2(want)), 0))
}

// impOf is event pos's importance clamped to 1..MaxImportance.
func impOf(l *Lane, pos int32) int { return int(min(max(l.Imp[pos], 1), MaxImportance)) }

// MergeClusters joins neighbouring bubbles whose drawn widths (widthOf a
// count) would overlap, so counts stay readable when many buckets are busy.
// It works in place and returns the shortened slice.
func MergeClusters(cs []Cluster, widthOf func(count int) float32, gap float32) []Cluster {
	if len(cs) < 2 {
		return cs
	}
	out := cs[:1]
	lastHalf := widthOf(cs[0].Count) / 2
	for _, c := range cs[1:] {
		last := &out[len(out)-1]
		half := widthOf(c.Count) / 2
		if c.X-half < last.X+lastHalf+gap {
			n := last.Count + c.Count
			// The merged bubble sits at the count-weighted centre.
			last.X = (last.X*float32(last.Count) + c.X*float32(c.Count)) / float32(n)
			last.Count, last.T1 = n, c.T1
			lastHalf = widthOf(n) / 2
			continue
		}
		out = append(out, c)
		lastHalf = half
	}
	return out
}
