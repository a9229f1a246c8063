package chrono

import "time"

// Unit is a calendar unit of the time axis.
type Unit int

// Calendar units, finest first.
const (
	Hour Unit = iota
	DayUnit
	Week
	Month
	Year
	None
)

// Tick is one tick of the axis: a boundary of Unit at time T.
type Tick struct {
	T    float64
	Time time.Time // T as a UTC calendar time, for labels
	Unit Unit
}

// TickSet is a two-level axis: minor ticks (e.g. months) under major ticks
// (e.g. years). Major is empty when the minor unit is already years.
type TickSet struct {
	Minor, Major []Tick
	MinorUnit    Unit
	MinorStep    int
	MajorUnit    Unit
}

type step struct {
	unit Unit
	n    int
	secs float64 // approximate length
}

// steps are the minor tick steps, shortest first.
var steps = []step{
	{Hour, 1, 3600}, {Hour, 3, 3 * 3600}, {Hour, 6, 6 * 3600}, {Hour, 12, 12 * 3600},
	{DayUnit, 1, Day}, {DayUnit, 2, 2 * Day}, {Week, 1, 7 * Day}, {Week, 2, 14 * Day},
	{Month, 1, 30.44 * Day}, {Month, 3, 91.3 * Day}, {Month, 6, 182.6 * Day},
	{Year, 1, 365.25 * Day}, {Year, 2, 730.5 * Day}, {Year, 5, 1826 * Day}, {Year, 10, 3652 * Day},
}

// majorOf is the major unit shown above each minor unit.
func majorOf(u Unit) Unit {
	switch u {
	case Hour:
		return DayUnit
	case DayUnit, Week:
		return Month
	case Month:
		return Year
	}
	return None
}

// Ticks chooses the finest step whose ticks are at least minSpacing pixels
// apart and returns the ticks inside v (plus the one before the window, so a
// major label can stick to the left edge).
func Ticks(v Viewport, minSpacing float32) TickSet {
	var ts TickSet
	TicksInto(v, minSpacing, &ts)
	return ts
}

// TicksInto is Ticks reusing ts's slices, for the per-frame path.
func TicksInto(v Viewport, minSpacing float32, ts *TickSet) {
	ts.Minor, ts.Major = ts.Minor[:0], ts.Major[:0]
	ts.MinorUnit, ts.MajorUnit, ts.MinorStep = None, None, 0
	if v.Span() <= 0 || v.Width <= 0 {
		return
	}
	pxPerSec := float64(v.Width) / v.Span()
	st := steps[len(steps)-1]
	for _, s := range steps {
		if s.secs*pxPerSec >= float64(minSpacing) {
			st = s
			break
		}
	}
	ts.MinorUnit, ts.MinorStep, ts.MajorUnit = st.unit, st.n, majorOf(st.unit)
	ts.Minor = generate(ts.Minor, v, st.unit, st.n, 0)
	if ts.MajorUnit != None {
		ts.Major = generate(ts.Major, v, ts.MajorUnit, 1, 1)
	}
}

// floorTo returns the last boundary of n units at or before t.
func floorTo(t time.Time, u Unit, n int) time.Time {
	y, m, d := t.Date()
	switch u {
	case Hour:
		h := t.Hour() / n * n
		return time.Date(y, m, d, h, 0, 0, 0, time.UTC)
	case DayUnit:
		day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if n > 1 { // align to the 1st, 3rd, 5th… of the month
			return day.AddDate(0, 0, -((d - 1) % n))
		}
		return day
	case Week: // weeks start on Monday (ISO 8601, as in Germany)
		day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		back := (int(day.Weekday()) + 6) % 7
		mon := day.AddDate(0, 0, -back)
		if n > 1 {
			_, wk := mon.ISOWeek()
			mon = mon.AddDate(0, 0, -7*((wk-1)%n))
		}
		return mon
	case Month:
		return time.Date(y, time.Month((int(m)-1)/n*n+1), 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y/n*n, 1, 1, 0, 0, 0, 0, time.UTC)
}

func advance(t time.Time, u Unit, n int) time.Time {
	switch u {
	case Hour:
		return t.Add(time.Duration(n) * time.Hour)
	case DayUnit:
		next := t.AddDate(0, 0, n)
		if n > 1 && next.Month() != t.Month() { // restart at the 1st each month
			return time.Date(next.Year(), next.Month(), 1, 0, 0, 0, 0, time.UTC)
		}
		return next
	case Week:
		return t.AddDate(0, 0, 7*n)
	case Month:
		return t.AddDate(0, n, 0)
	}
	return t.AddDate(n, 0, 0)
}

// generate lists boundaries of n units from the one at or before the window
// (when before > 0) to the window's end. The count is bounded by the width,
// so no input makes it loop long.
func generate(out []Tick, v Viewport, u Unit, n int, before int) []Tick {
	start := floorTo(Time(v.Start), u, n)
	limit := int(v.Width) + 4
	for t := start; Seconds(t) <= v.End && len(out) < limit; t = advance(t, u, n) {
		s := Seconds(t)
		if s < v.Start && before == 0 {
			continue
		}
		out = append(out, Tick{T: s, Time: t, Unit: u})
	}
	return out
}
