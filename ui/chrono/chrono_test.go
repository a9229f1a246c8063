package chrono

import (
	"math"
	"math/rand/v2"
	"slices"
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
