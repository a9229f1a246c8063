package chrono

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

func date(s string) float64 {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return Seconds(t)
}

func near(a, b, eps float64) bool { return math.Abs(a-b) <= eps }

var lim = LimitsFor(date("2015-12-11"), date("2026-11-28"))

func TestViewportMapping(t *testing.T) {
	v := Viewport{Start: date("2024-01-01"), End: date("2024-01-11"), Width: 1000}
	cases := []struct {
		t float64
		x float32
	}{
		{date("2024-01-01"), 0}, {date("2024-01-06"), 500}, {date("2024-01-11"), 1000}, {date("2023-12-31"), -100},
	}
	for _, c := range cases {
		if got := v.X(c.t); math.Abs(float64(got-c.x)) > 1e-3 {
			t.Errorf("X(%v) = %v, want %v", Time(c.t), got, c.x)
		}
		if got := v.T(c.x); !near(got, c.t, 1) {
			t.Errorf("T(%v) = %v, want %v", c.x, Time(got), Time(c.t))
		}
	}
}

func TestZoomKeepsAnchor(t *testing.T) {
	v := lim.All(1600)
	for _, c := range []struct {
		x      float32
		factor float64
	}{{100, 2}, {800, 1.25}, {1500, 4}, {0, 10}, {1600, 1.1}} {
		z := v.Zoom(c.x, c.factor, lim)
		if !near(z.Span(), v.Span()/c.factor, 1) {
			t.Errorf("span %v, want %v", z.Span(), v.Span()/c.factor)
		}
		if !near(z.T(c.x), v.T(c.x), 1) {
			t.Errorf("anchor at %v moved from %v to %v", c.x, Time(v.T(c.x)), Time(z.T(c.x)))
		}
	}
}

func TestZoomIsClamped(t *testing.T) {
	v := lim.All(1600)
	in := v
	for i := 0; i < 200; i++ {
		in = in.Zoom(800, 2, lim)
	}
	if !near(in.Span(), Day, 1e-6) {
		t.Errorf("deepest zoom span = %v s, want one day", in.Span())
	}
	out := in
	for i := 0; i < 200; i++ {
		out = out.Zoom(800, 0.5, lim)
	}
	if !near(out.Span(), lim.MaxSpan, 1) || !near(out.Start, lim.Min, 1) {
		t.Errorf("widest = %v..%v, want whole span", Time(out.Start), Time(out.End))
	}
	// Bad factors leave the window valid.
	for _, f := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		if z := v.Zoom(10, f, lim); z.Span() <= 0 || z.Start < lim.Min-1 {
			t.Errorf("factor %v gave %v..%v", f, z.Start, z.End)
		}
	}
}

func TestPanStaysInside(t *testing.T) {
	v := lim.All(1600).Zoom(800, 10, lim)
	right := v.Pan(-1e6, lim)
	if !near(right.End, lim.Max, 1) || !near(right.Span(), v.Span(), 1) {
		t.Errorf("pan right: %v..%v", Time(right.Start), Time(right.End))
	}
	left := v.Pan(1e6, lim)
	if !near(left.Start, lim.Min, 1) {
		t.Errorf("pan left: %v", Time(left.Start))
	}
	step := v.Pan(160, lim) // a tenth of the width
	if !near(v.Start-step.Start, v.Span()/10, 1) {
		t.Errorf("pan by 160px moved %v s, want %v", v.Start-step.Start, v.Span()/10)
	}
}

func TestTicks(t *testing.T) {
	cases := []struct {
		name             string
		from, to         string
		minor, major     Unit
		minorStep, first int
	}{
		{"whole story", "2015-11-01", "2027-01-01", Month, Year, 6, 0},
		{"one year", "2024-01-01", "2025-01-01", Week, Month, 2, 0},
		{"one year, narrow", "2024-01-01", "2025-01-01", Month, Year, 1, 0},
		{"one month", "2024-03-01", "2024-04-01", DayUnit, Month, 1, 0},
		{"one day", "2024-03-05", "2024-03-06", Hour, DayUnit, 1, 0},
	}
	for _, c := range cases {
		v := Viewport{Start: date(c.from), End: date(c.to), Width: 1600}
		if strings.HasSuffix(c.name, "narrow") {
			v.Width = 800
		}
		ts := Ticks(v, 48)
		if ts.MinorUnit != c.minor || ts.MajorUnit != c.major || ts.MinorStep != c.minorStep {
			t.Errorf("%s: minor %v×%d major %v, want %v×%d %v", c.name, ts.MinorUnit, ts.MinorStep, ts.MajorUnit, c.minor, c.minorStep, c.major)
		}
		for i := 1; i < len(ts.Minor); i++ {
			if dx := v.X(ts.Minor[i].T) - v.X(ts.Minor[i-1].T); dx < 48-1 {
				t.Errorf("%s: minor ticks %v px apart", c.name, dx)
			}
		}
		for _, tk := range ts.Minor {
			if tk.T < v.Start || tk.T > v.End {
				t.Errorf("%s: minor tick %v outside window", c.name, tk.Time)
			}
		}
	}
	// Month ticks fall on the first of a month; year ticks on January 1.
	ts := Ticks(Viewport{Start: date("2023-06-15"), End: date("2024-06-15"), Width: 800}, 48)
	for _, tk := range ts.Minor {
		if tk.Time.Day() != 1 || tk.Time.Hour() != 0 {
			t.Errorf("month tick at %v", tk.Time)
		}
	}
	if len(ts.Major) == 0 || ts.Major[0].Time.Year() != 2023 || ts.Major[len(ts.Major)-1].Time.Year() != 2024 {
		t.Errorf("major ticks %v", ts.Major)
	}
	// Week ticks are Mondays.
	ws := Ticks(Viewport{Start: date("2024-03-01"), End: date("2024-05-01"), Width: 800}, 48)
	if ws.MinorUnit != Week {
		t.Fatalf("two months at 800px: minor %v", ws.MinorUnit)
	}
	for _, tk := range ws.Minor {
		if tk.Time.Weekday() != time.Monday {
			t.Errorf("week tick on %v", tk.Time.Weekday())
		}
	}
}

func randomLane(n int, seed uint64, from, to float64) *Lane {
	r := rand.New(rand.NewPCG(seed, 1))
	ts := make([]float64, n)
	for i := range ts {
		ts[i] = from + r.Float64()*(to-from)
	}
	slices.Sort(ts)
	imp := make([]uint8, n)
	ref := make([]int32, n)
	for i := range imp {
		imp[i] = uint8(1 + r.IntN(5))
		ref[i] = int32(i)
	}
	return NewLane(ts, imp, ref)
}

func TestLaneTop(t *testing.T) {
	l := NewLane([]float64{1, 2, 3, 4, 5, 6}, []uint8{1, 3, 2, 3, 5, 1}, []int32{0, 1, 2, 3, 4, 5})
	cases := []struct{ lo, hi, want int }{{0, 6, 4}, {0, 4, 1}, {2, 4, 3}, {5, 6, 5}, {3, 3, -1}, {0, 1, 0}}
	for _, c := range cases {
		if got := l.Top(c.lo, c.hi); got != c.want {
			t.Errorf("Top(%d,%d) = %d, want %d", c.lo, c.hi, got, c.want)
		}
	}
	if lo, hi := l.Range(2, 5); lo != 1 || hi != 4 {
		t.Errorf("Range(2,5) = %d,%d", lo, hi)
	}
}

// checkPlacement asserts the layout's invariants: no overlapping labels in a
// row, and every event in the window is accounted for exactly once.
func checkPlacement(t *testing.T, name string, l *Lane, v Viewport, opt LayoutOptions, p *Placement, w float32) {
	t.Helper()
	lo, hi := l.Range(v.Start, v.End)
	total := len(p.Labels) + len(p.Markers)
	for _, c := range p.Clusters {
		total += c.Count
		if c.Count < 1 {
			t.Errorf("%s: empty cluster", name)
		}
	}
	if total != hi-lo {
		t.Errorf("%s: %d labels + %d markers + clusters = %d, want %d events", name, len(p.Labels), len(p.Markers), total, hi-lo)
	}
	for i, a := range p.Labels {
		if a.Row < 0 || a.Row >= opt.Rows {
			t.Errorf("%s: row %d", name, a.Row)
		}
		for _, b := range p.Labels[i+1:] {
			if a.Row == b.Row && a.X < b.X+w+opt.MarkerPx && b.X < a.X+w+opt.MarkerPx {
				t.Errorf("%s: labels at %v and %v overlap in row %d", name, a.X, b.X, a.Row)
			}
		}
	}
}

func TestLayoutInvariants(t *testing.T) {
	const w = 120
	widthOf := func(int32) float32 { return w }
	opt := DefaultLayout
	for _, n := range []int{1, 5, 50, 299, 301, 5000, 100000} {
		l := randomLane(n, uint64(n), date("2016-01-01"), date("2026-01-01"))
		var p Placement
		for _, v := range []Viewport{lim.All(1600), {Start: date("2020-01-01"), End: date("2020-03-01"), Width: 1600}, {Start: date("2020-01-01"), End: date("2020-01-02"), Width: 1600}} {
			Layout(l, v, opt, widthOf, &p)
			checkPlacement(t, "n="+itoa(n), l, v, opt, &p, w)
		}
	}
}

func TestLayoutPrefersImportantEvents(t *testing.T) {
	// Three events at the same spot, one row: the most important gets the label.
	l := NewLane([]float64{100, 101, 102}, []uint8{2, 5, 3}, []int32{10, 11, 12})
	v := Viewport{Start: 0, End: 1000, Width: 1000}
	opt := DefaultLayout
	opt.Rows = 1
	var p Placement
	Layout(l, v, opt, func(int32) float32 { return 80 }, &p)
	if len(p.Labels) != 1 || p.Labels[0].Ref != 11 {
		t.Fatalf("labels = %+v", p.Labels)
	}
	if len(p.Clusters) != 1 || p.Clusters[0].Count != 2 {
		t.Fatalf("clusters = %+v", p.Clusters)
	}
	// With three rows all three get labels, stacked.
	opt.Rows = 3
	Layout(l, v, opt, func(int32) float32 { return 80 }, &p)
	if len(p.Labels) != 3 || len(p.Clusters) != 0 {
		t.Fatalf("3 rows: labels %+v clusters %+v", p.Labels, p.Clusters)
	}
}

func TestLayoutSteadyStateDoesNotAllocate(t *testing.T) {
	l := randomLane(100000, 3, date("2016-01-01"), date("2026-01-01"))
	v := lim.All(1600)
	var p Placement
	widthOf := func(int32) float32 { return 100 }
	Layout(l, v, DefaultLayout, widthOf, &p)
	allocs := testing.AllocsPerRun(20, func() {
		v = v.Zoom(800, 1.01, lim)
		Layout(l, v, DefaultLayout, widthOf, &p)
	})
	if allocs > 0 {
		t.Errorf("%v allocations per layout", allocs)
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestMergeClusters(t *testing.T) {
	w := func(n int) float32 { return float32(10 + 8*len(itoa(n))) } // "+" and digits
	cs := []Cluster{{X: 10, Count: 5, T0: 0, T1: 1}, {X: 30, Count: 1234, T0: 1, T1: 2}, {X: 100, Count: 2, T0: 2, T1: 3}}
	got := MergeClusters(cs, w, 2)
	if len(got) != 2 || got[0].Count != 1239 || got[0].T0 != 0 || got[0].T1 != 2 || got[1].Count != 2 {
		t.Fatalf("merged = %+v", got)
	}
	total := 0
	for i, c := range got {
		total += c.Count
		if i > 0 && got[i-1].X+w(got[i-1].Count)/2+2 > c.X-w(c.Count)/2 {
			t.Errorf("bubbles %d and %d overlap", i-1, i)
		}
	}
	if total != 1241 {
		t.Fatalf("merging lost events: %d", total)
	}
}

func TestTopScanMatchesTop(t *testing.T) {
	for _, n := range []int{1, 7, 300, 20000} {
		l := randomLane(n, uint64(n)+11, date("2016-01-01"), date("2026-01-01"))
		r := rand.New(rand.NewPCG(uint64(n), 5))
		for trial := 0; trial < 20; trial++ {
			var s topScan
			s.reset(l)
			lo := r.IntN(n)
			for lo < n {
				hi := min(lo+r.IntN(n/8+2), n)
				if got, want := s.top(lo, hi), l.Top(lo, hi); got != want {
					t.Fatalf("n=%d: top(%d,%d) = %d, want %d", n, lo, hi, got, want)
				}
				lo = hi + r.IntN(3)
			}
		}
	}
}

func TestGallop(t *testing.T) {
	ps := []int32{2, 4, 4, 8, 16, 32, 64}
	ts := []float64{2, 4, 4, 8, 16, 32, 64}
	for from := 0; from <= len(ps); from++ {
		for x := int32(0); x <= 70; x++ {
			want := from
			for want < len(ps) && ps[want] < x {
				want++
			}
			if got := gallop(ps, from, x); got != want {
				t.Errorf("gallop(from %d, %d) = %d, want %d", from, x, got, want)
			}
			if got := gallop(ts, from, float64(x)); got != want {
				t.Errorf("gallop(from %d, %d) = %d, want %d", from, x, got, want)
			}
		}
	}
}

func TestOccupancy(t *testing.T) {
	// Against a plain grid of cells, for random spans in windows of odd widths.
	r := rand.New(rand.NewPCG(1, 2))
	for _, width := range []float32{1, 63, 64, 65, 200, 1600.5} {
		var o occupancy
		const rows = 12
		o.reset(rows, width)
		ref := make([][]bool, rows)
		for i := range ref {
			ref[i] = make([]bool, o.cols)
		}
		for k := 0; k < 2000; k++ {
			x0 := r.Float32()*(width+40) - 20
			if k%2 == 0 { // labels stacked at a few spots
				x0 = float32(r.IntN(4)) * width / 4
			}
			x1 := x0 + r.Float32()*150
			c0, c1 := o.span(x0, x1)
			if c0 < 0 || c1 > o.cols || (c0 < c1 && (float32(c0*cellPx) > max(x0, 0) || float32(c1*cellPx) < min(x1, width))) {
				t.Fatalf("span(%v, %v) = %d, %d", x0, x1, c0, c1)
			}
			want := -1
		rowLoop:
			for row := 0; row < rows; row++ {
				for c := c0; c < c1; c++ {
					if ref[row][c] {
						continue rowLoop
					}
				}
				want = row
				break
			}
			if got := o.firstFree(c0, c1, rows); got != want {
				t.Fatalf("width %v: firstFree(%d, %d) = %d, want %d", width, c0, c1, got, want)
			}
			if want >= 0 && r.IntN(3) == 0 {
				o.take(want, c0, c1)
				for c := c0; c < c1; c++ {
					ref[want][c] = true
				}
			}
		}
	}
}

// referenceLayout is Layout written the slow, obvious way (full binary
// searches, a sort, spans compared pairwise) to check the fast one against.
func referenceLayout(l *Lane, v Viewport, opt LayoutOptions, widthOf func(int32) float32) (labels []Label, clusters []Cluster, markers []Marker) {
	lo, hi := l.Range(v.Start, v.End)
	if hi <= lo {
		return nil, nil, nil
	}
	type cand struct {
		pos, n int
		a, b   int
		t0, t1 float64
	}
	var cs []cand
	cw := max(opt.ClusterPx, 4)
	detailed := hi-lo <= opt.DetailLimit
	if detailed {
		for i := lo; i < hi; i++ {
			cs = append(cs, cand{pos: i})
		}
	} else {
		q := BucketSeconds(v, cw)
		for t0 := math.Floor(v.Start/q) * q; t0 < v.End; t0 += q {
			a, b := l.Range(max(t0, v.Start), min(t0+q, v.End))
			if b > a {
				cs = append(cs, cand{pos: l.Top(a, b), n: b - a, a: a, b: b, t0: max(t0, v.Start), t1: min(t0+q, v.End)})
			}
		}
	}
	order := make([]int, len(cs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return impOf(l, int32(cs[order[a]].pos)) > impOf(l, int32(cs[order[b]].pos)) })
	rows := make([][][2]int, max(opt.Rows, 1))
	labeled := make([]bool, len(cs))
	maxLabels := opt.MaxLabels
	if maxLabels == 0 {
		maxLabels = math.MaxInt
	}
	for _, ci := range order {
		if len(labels) == maxLabels {
			break
		}
		pos := cs[ci].pos
		x := v.X(l.T[pos])
		w := min(widthOf(l.Ref[pos]), opt.MaxLabelPx)
		left := x+opt.MarkerPx/2+4+w > v.Width
		x0, x1 := x-opt.MarkerPx/2, x+opt.MarkerPx/2+4+w+opt.Gap
		if left {
			x0, x1 = x-opt.MarkerPx/2-4-w-opt.Gap, x+opt.MarkerPx/2
		}
		c0 := max(int(math.Floor(float64(x0)/cellPx)), 0)
		c1 := min(int(math.Ceil(float64(x1)/cellPx)), int(v.Width)/cellPx+1)
	rowLoop:
		for r := range rows {
			for _, iv := range rows[r] {
				if c0 < c1 && c0 < iv[1] && iv[0] < c1 {
					continue rowLoop
				}
			}
			rows[r] = append(rows[r], [2]int{c0, c1})
			labels = append(labels, Label{Ref: l.Ref[pos], X: x, W: w, Row: r, Left: left})
			labeled[ci] = true
			break
		}
	}
	if !detailed {
		for ci, c := range cs {
			n := c.n
			if labeled[ci] {
				n--
			}
			if n == 1 { // the one event left is a bare marker
				for pos := c.a; pos < c.b; pos++ {
					if labeled[ci] && pos == c.pos {
						continue
					}
					markers = append(markers, Marker{Ref: l.Ref[pos], X: v.X(l.T[pos])})
					break
				}
			} else if n > 0 {
				clusters = append(clusters, Cluster{X: v.X((c.t0 + c.t1) / 2), Count: n, T0: c.t0, T1: c.t1})
			}
		}
	}
	return labels, clusters, markers
}

func TestLayoutMatchesReference(t *testing.T) {
	widthOf := func(ref int32) float32 { return float32(40 + ref*37%230) }
	for _, n := range []int{40, 299, 301, 5000, 100000} {
		l := randomLane(n, uint64(n)+3, date("2016-01-01"), date("2026-01-01"))
		var p Placement
		for _, rows := range []int{1, 3, 34} {
			opt := DefaultLayout
			opt.Rows = rows
			if rows == 3 {
				opt.MaxLabels = 7
			}
			v := lim.All(1600)
			for step := 0; step < 40; step++ {
				Layout(l, v, opt, widthOf, &p)
				labels, clusters, markers := referenceLayout(l, v, opt, widthOf)
				if !slices.Equal(labels, p.Labels) {
					t.Fatalf("n=%d rows=%d step %d: labels differ:\n%v\n%v", n, rows, step, labels, p.Labels)
				}
				if lo, hi := l.Range(v.Start, v.End); hi-lo > opt.DetailLimit && !slices.Equal(clusters, p.Clusters) {
					t.Fatalf("n=%d rows=%d step %d: clusters differ:\n%v\n%v", n, rows, step, clusters, p.Clusters)
				}
				if lo, hi := l.Range(v.Start, v.End); hi-lo > opt.DetailLimit && !slices.Equal(markers, p.Markers) {
					t.Fatalf("n=%d rows=%d step %d: markers differ:\n%v\n%v", n, rows, step, markers, p.Markers)
				}
				for _, c := range p.Clusters {
					if c.Count < 2 {
						t.Fatalf("n=%d rows=%d step %d: a bubble of %d", n, rows, step, c.Count)
					}
				}
				checkPlacement(t, "n="+itoa(n), l, v, opt, &p, 0)
				// Zoom in, pan, then zoom out again: the bucket memo
				// is used for all three and must not change the result.
				switch {
				case step < 15:
					v = v.Zoom(700, 1.3, lim)
				case step < 25:
					v = v.Pan(float32(step%3-1)*37, lim)
				default:
					v = v.Zoom(900, 1/1.4, lim)
				}
			}
		}
		if n >= 5000 && p.memo.hits == 0 {
			t.Errorf("n=%d: no bucket was found again", n)
		}
	}
}

func TestBucketSeconds(t *testing.T) {
	for _, span := range []float64{3600, Day, 7 * Day, 365 * Day, 12 * 365 * Day} {
		v := Viewport{Start: date("2020-01-01"), End: date("2020-01-01") + span, Width: 1600}
		q := BucketSeconds(v, 28)
		px := float64(v.X(v.Start+q) - v.X(v.Start))
		if px < 0.75*28 || px >= 1.5*28 || q != math.Exp2(math.Round(math.Log2(q))) {
			t.Errorf("span %v: bucket of %v s is %.1f px", span, q, px)
		}
	}
}

func TestBucketLabelsStayWhilePanning(t *testing.T) {
	// Dense lane, bucket mode: panning by a few pixels keeps the labelled
	// events of every bucket that stays in view (edges do not move with the
	// window), where buckets tied to the window's left edge would relabel.
	l := randomLane(100000, 9, date("2016-01-01"), date("2026-01-01"))
	opt := DefaultLayout
	opt.Rows = 34
	v := Viewport{Start: date("2020-01-01"), End: date("2020-07-01"), Width: 1600}
	widthOf := func(int32) float32 { return 60 }
	var a, b Placement
	Layout(l, v, opt, widthOf, &a)
	shift := v.Span() * 7 / 1600 // seven pixels
	w := Viewport{Start: v.Start + shift, End: v.End + shift, Width: v.Width}
	Layout(l, w, opt, widthOf, &b)
	before := map[int32]bool{}
	for _, lb := range a.Labels {
		before[lb.Ref] = true
	}
	kept, inner := 0, 0
	for _, lb := range b.Labels {
		if lb.X > 300 && lb.X < 1300 { // clear of the edges, where candidates enter and leave
			inner++
			if before[lb.Ref] {
				kept++
			}
		}
	}
	if inner == 0 || kept < inner*9/10 {
		t.Errorf("after a 7 px pan %d of %d labels in the middle are the same events", kept, inner)
	}
}

func TestLayoutPinsTheSelectedEvent(t *testing.T) {
	// A low-importance event among many more important ones gets its label
	// when pinned, in detail and in bucket mode, and every event is still
	// accounted for exactly once.
	const w = 120
	widthOf := func(int32) float32 { return w }
	for _, n := range []int{200, 100000} {
		l := randomLane(n, 9, date("2016-01-01"), date("2026-01-01"))
		pos := -1
		for i := l.Len() / 2; i < l.Len(); i++ {
			if l.Imp[i] == 1 {
				pos = i
				break
			}
		}
		opt := DefaultLayout
		opt.Rows = 2
		v := lim.All(1600)
		var p Placement
		labelled := func() bool {
			for _, lb := range p.Labels {
				if lb.Ref == l.Ref[pos] {
					return true
				}
			}
			return false
		}
		Layout(l, v, opt, widthOf, &p)
		if labelled() {
			t.Fatalf("n=%d: the test's event is labelled without the pin; pick another", n)
		}
		opt.Pin, opt.PinRef, opt.PinT = true, l.Ref[pos], l.T[pos]
		Layout(l, v, opt, widthOf, &p)
		if !labelled() {
			t.Fatalf("n=%d: pinned event %d has no label", n, pos)
		}
		checkPlacement(t, "pinned n="+itoa(n), l, v, opt, &p, w)
		seen := map[int32]bool{}
		for _, lb := range p.Labels {
			if seen[lb.Ref] {
				t.Fatalf("n=%d: event %d labelled twice", n, lb.Ref)
			}
			seen[lb.Ref] = true
		}
		// Out of the window, the pin changes nothing.
		opt.PinT = date("2030-01-01")
		Layout(l, v, opt, widthOf, &p)
		checkPlacement(t, "pin outside n="+itoa(n), l, v, opt, &p, w)
	}
}

// TestLayoutMeasuresOnlyTitlesThatCanFit: a crowded whole-span view
// measures few more titles than it labels (measuring is the costly part of
// a frame: text shaping); events whose marker has no free row near it are
// not measured.
func TestLayoutMeasuresOnlyTitlesThatCanFit(t *testing.T) {
	from, to := date("2015-12-01"), date("2026-07-05")
	l := randomLane(900, 9, from, to)
	v := Viewport{Start: from, End: to, Width: 1600}
	opt := DefaultLayout
	opt.Rows = 12
	opt.DetailLimit = math.MaxInt32 // every event a candidate, as in a sparse window
	measured := 0
	var p Placement
	Layout(l, v, opt, func(ref int32) float32 { measured++; return 150 }, &p)
	if len(p.Labels) == 0 || measured > 3*len(p.Labels) {
		t.Fatalf("%d titles measured for %d labels of 900 events", measured, len(p.Labels))
	}
}
