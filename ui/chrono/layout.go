package chrono

import (
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

// LayoutOptions tune how a lane is laid out.
type LayoutOptions struct {
	Rows        int     // label rows available in the lane (at least 1)
	ClusterPx   float32 // events closer than this without a label merge into a count bubble
	DetailLimit int     // up to this many events in view are placed one by one; more are aggregated per ClusterPx bucket
	MarkerPx    float32 // marker width; a label starts after the marker
	Gap         float32 // minimum gap between labels in a row
	MaxLabelPx  float32 // labels are cut to this width
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

	keys    []uint64
	cand    []int32
	labeled []bool
	rows    [][][2]float32
	bucketN []int
	bucketX []float32
}

// Layout places the lane's events in window v: the most important events get
// a label in the first row where it does not overlap another label; the rest
// merge into count bubbles (or stay bare markers when alone). widthOf gives an
// event's label width in pixels. No two labels in a row overlap.
func Layout(l *Lane, v Viewport, opt LayoutOptions, widthOf func(ref int32) float32, p *Placement) {
	p.Labels, p.Markers, p.Clusters = p.Labels[:0], p.Markers[:0], p.Clusters[:0]
	if l == nil || l.Len() == 0 || v.Width <= 0 || v.Span() <= 0 {
		return
	}
	rows := max(opt.Rows, 1)
	lo, hi := l.Range(v.Start, v.End)
	if hi <= lo {
		return
	}
	detailed := hi-lo <= opt.DetailLimit
	// Candidates for a label, in time order: every event, or the top event of
	// each ClusterPx-wide bucket with the bucket's count.
	p.cand, p.bucketN, p.bucketX = p.cand[:0], p.bucketN[:0], p.bucketX[:0]
	cw := max(opt.ClusterPx, 4)
	if detailed {
		for i := lo; i < hi; i++ {
			p.cand = append(p.cand, int32(i))
		}
	} else {
		// One binary search per bucket boundary: each bucket starts where
		// the previous one ended.
		blo := lo
		for x := float32(0); x < v.Width; x += cw {
			bhi := hi
			if end := v.T(x + cw); end < v.End {
				bhi = blo + sort.SearchFloat64s(l.T[blo:hi], end)
			}
			if bhi > blo {
				p.cand = append(p.cand, int32(l.Top(blo, bhi)))
				p.bucketN = append(p.bucketN, bhi-blo)
				p.bucketX = append(p.bucketX, x)
			}
			blo = bhi
		}
	}
	// Order candidates by importance (highest first), then time: the
	// candidates are in time order already, so a counting pass by importance
	// gives that order without sorting.
	p.keys = p.keys[:0]
	for k := MaxImportance; k >= 1; k-- {
		for ci, pos := range p.cand {
			if int(min(max(l.Imp[pos], 1), MaxImportance)) == k {
				p.keys = append(p.keys, uint64(ci))
			}
		}
	}
	if cap(p.rows) < rows {
		p.rows = make([][][2]float32, rows)
	}
	p.rows = p.rows[:rows]
	for r := range p.rows {
		p.rows[r] = p.rows[r][:0]
	}
	p.labeled = slices.Grow(p.labeled[:0], len(p.cand))[:len(p.cand)]
	clear(p.labeled)
	for _, k := range p.keys {
		ci := int(k)
		pos := p.cand[ci]
		x := v.X(l.T[pos])
		w := min(widthOf(l.Ref[pos]), opt.MaxLabelPx)
		// The label goes right of its marker, or left of it where it would
		// leave the window.
		left := x+opt.MarkerPx/2+4+w > v.Width
		x0, x1 := x-opt.MarkerPx/2, x+opt.MarkerPx/2+4+w+opt.Gap
		if left {
			x0, x1 = x-opt.MarkerPx/2-4-w-opt.Gap, x+opt.MarkerPx/2
		}
		for r := 0; r < rows; r++ {
			if free(p.rows[r], x0, x1) {
				p.rows[r] = append(p.rows[r], [2]float32{x0, x1})
				p.Labels = append(p.Labels, Label{Ref: l.Ref[pos], X: x, W: w, Row: r, Left: left})
				p.labeled[ci] = true
				break
			}
		}
	}
	if detailed {
		p.groupUnlabeled(l, v, lo, hi, opt.ClusterPx)
		return
	}
	for bi, n := range p.bucketN {
		if p.labeled[bi] {
			n--
		}
		if n > 0 {
			x := p.bucketX[bi]
			p.Clusters = append(p.Clusters, Cluster{X: x + cw/2, Count: n, T0: v.T(x), T1: v.T(x + cw)})
		}
	}
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

func free(row [][2]float32, x0, x1 float32) bool {
	for _, iv := range row {
		if x0 < iv[1] && iv[0] < x1 {
			return false
		}
	}
	return true
}

// MergeClusters joins neighbouring bubbles whose drawn widths (widthOf a
// count) would overlap, so counts stay readable when many buckets are busy.
// It works in place and returns the shortened slice.
func MergeClusters(cs []Cluster, widthOf func(count int) float32, gap float32) []Cluster {
	if len(cs) < 2 {
		return cs
	}
	out := cs[:1]
	for _, c := range cs[1:] {
		last := &out[len(out)-1]
		if c.X-widthOf(c.Count)/2 < last.X+widthOf(last.Count)/2+gap {
			n := last.Count + c.Count
			// The merged bubble sits at the count-weighted centre.
			last.X = (last.X*float32(last.Count) + c.X*float32(c.Count)) / float32(n)
			last.Count, last.T1 = n, c.T1
			continue
		}
		out = append(out, c)
	}
	return out
}
