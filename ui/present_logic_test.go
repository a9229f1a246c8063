package ui

import (
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"aitimeline/data"
	"aitimeline/ui/chrono"
)

func TestPresentKeyMap(t *testing.T) {
	type step struct {
		key  fyne.KeyName
		want presentAction
		n    int
	}
	for _, tc := range []struct {
		name  string
		steps []step
	}{
		{"next", []step{{fyne.KeyRight, actNext, 0}, {fyne.KeyPageDown, actNext, 0}, {fyne.KeySpace, actNext, 0},
			{fyne.KeyReturn, actNext, 0}, {fyne.KeyEnter, actNext, 0}, {fyne.KeyDown, actNext, 0}}},
		{"previous", []step{{fyne.KeyLeft, actPrev, 0}, {fyne.KeyPageUp, actPrev, 0}, {fyne.KeyBackspace, actPrev, 0}, {fyne.KeyUp, actPrev, 0}}},
		{"ends", []step{{fyne.KeyHome, actFirst, 0}, {fyne.KeyEnd, actLast, 0}}},
		{"screens", []step{{fyne.KeyB, actBlack, 0}, {fyne.KeyPeriod, actBlack, 0}, {fyne.KeyW, actWhite, 0}, {fyne.KeyComma, actWhite, 0}}},
		{"toggles", []step{{fyne.KeyL, actLang, 0}, {fyne.KeyT, actStrip, 0}, {fyne.KeyP, actPresenter, 0}, {fyne.KeyEscape, actExit, 0}}},
		{"ignored", []step{{fyne.KeyF5, actNone, 0}, {fyne.KeyX, actNone, 0}, {"LeftShift", actNone, 0}, {fyne.KeyUnknown, actNone, 0}}},
		{"number then Enter", []step{{fyne.Key1, actDigits, 1}, {fyne.Key2, actDigits, 12}, {fyne.KeyReturn, actJump, 12}, {fyne.KeyReturn, actNext, 0}}},
		{"number then keypad Enter", []step{{fyne.Key7, actDigits, 7}, {fyne.KeyEnter, actJump, 7}}},
		{"zero is the title", []step{{fyne.Key0, actDigits, 0}, {fyne.KeyReturn, actJump, 0}}},
		{"Backspace edits the number", []step{{fyne.Key3, actDigits, 3}, {fyne.Key4, actDigits, 34}, {fyne.KeyBackspace, actDigits, 3},
			{fyne.KeyReturn, actJump, 3}, {fyne.KeyBackspace, actPrev, 0}}},
		{"Esc forgets the number first", []step{{fyne.Key5, actDigits, 5}, {fyne.KeyEscape, actDigits, -1}, {fyne.KeyReturn, actNext, 0}, {fyne.KeyEscape, actExit, 0}}},
		{"another action forgets the number", []step{{fyne.Key5, actDigits, 5}, {fyne.KeyRight, actNext, 0}, {fyne.KeyReturn, actNext, 0}}},
		{"a modifier keeps the number", []step{{fyne.Key5, actDigits, 5}, {"LeftShift", actNone, 0}, {fyne.KeyReturn, actJump, 5}}},
		{"numbers are bounded", []step{{fyne.Key9, actDigits, 9}, {fyne.Key9, actDigits, 99}, {fyne.Key9, actDigits, 999},
			{fyne.Key9, actDigits, 9999}, {fyne.Key9, actDigits, 9999}, {fyne.KeyReturn, actJump, 9999}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var k presentKeys
			for i, s := range tc.steps {
				a, n := k.Key(s.key)
				if a != s.want || (a == actJump || a == actDigits) && n != s.n {
					t.Fatalf("step %d: key %q gave action %d (%d), want %d (%d)", i, s.key, a, n, s.want, s.n)
				}
			}
		})
	}
}

func TestPresentDeckBounds(t *testing.T) {
	idx := data.NewIndex(&data.Dataset{Events: []data.Event{
		{ID: "a", Date: data.MustDate("2016-01-01"), Category: data.CatLegal, Status: data.StFact, Title: data.Text{EN: "A"}},
		{ID: "b", Date: data.MustDate("2017-01-01"), Category: data.CatLegal, Status: data.StFact, Title: data.Text{EN: "B"}},
		{ID: "c", Date: data.MustDate("2018-01-01"), Category: data.CatLegal, Status: data.StFact, Title: data.Text{EN: "C"}},
	}})
	tour := Tour{ID: "t", Title: data.Text{EN: "T"}, Stops: []Stop{{EventID: "c"}, {EventID: "gone"}, {EventID: "a", Note: data.Text{EN: "say a"}}}}
	d := newTourDeck(tour, idx)
	if d.Len() != 2 || d.pos != -1 || d.Event() != -1 || d.Number() != 0 {
		t.Fatalf("tour deck: %d stops at %d (event %d): the unknown stop must go, the title screen come first", d.Len(), d.pos, d.Event())
	}
	steps := []struct {
		name   string
		do     func() bool
		moved  bool
		event  int
		number int
	}{
		{"back from the title", d.Prev, false, -1, 0},
		{"next", d.Next, true, 2, 1},
		{"next", d.Next, true, 0, 2},
		{"past the end", d.Next, false, 0, 2},
		{"home", d.Home, true, -1, 0},
		{"end", d.End, true, 0, 2},
		{"end again", d.End, false, 0, 2},
		{"jump 1", func() bool { return d.Jump(1) }, true, 2, 1},
		{"jump 3 (no such stop)", func() bool { return d.Jump(3) }, false, 2, 1},
		{"jump -1", func() bool { return d.Jump(-1) }, false, 2, 1},
		{"jump 0 (title)", func() bool { return d.Jump(0) }, true, -1, 0},
	}
	for _, s := range steps {
		if got := s.do(); got != s.moved || d.Event() != s.event || d.Number() != s.number {
			t.Fatalf("%s: moved %v to event %d (number %d), want %v to %d (%d)", s.name, got, d.Event(), d.Number(), s.moved, s.event, s.number)
		}
	}
	d.Jump(2)
	if d.Note().EN != "say a" {
		t.Fatalf("note of stop 2 = %q", d.Note().EN)
	}

	l := newListDeck([]int{0, 1, 2}, 1, testIndex(t, 5))
	if l.hasTitle() || l.pos != 1 || l.Home() != true || l.Event() != 0 || l.Prev() {
		t.Fatalf("list deck: no title screen, starts at the selected event, Home goes to the first stop (pos %d)", l.pos)
	}
	if l := newListDeck([]int{0, 2}, 1, testIndex(t, 5)); l.pos != 0 {
		t.Fatalf("a selection outside the list starts at the first stop, not %d", l.pos)
	}
}

func TestPresentEase(t *testing.T) {
	if presentEase(0) != 0 || presentEase(1) != 1 || presentEase(-1) != 0 || presentEase(2) != 1 {
		t.Fatal("the curve must start at 0 and end at 1")
	}
	if math.Abs(float64(presentEase(0.5)-0.5)) > 1e-6 {
		t.Fatalf("ease(0.5) = %v: the curve is symmetric", presentEase(0.5))
	}
	prev := float32(0)
	for i := 1; i <= 100; i++ {
		x := float32(i) / 100
		y := presentEase(x)
		if y < prev {
			t.Fatalf("not monotonic at %v", x)
		}
		if d := presentEase(1-x) + y - 1; math.Abs(float64(d)) > 1e-5 {
			t.Fatalf("not symmetric at %v", x)
		}
		prev = y
	}
	// Gentle at both ends, faster than linear in the middle.
	if presentEase(0.1) >= 0.02 || presentEase(0.9) <= 0.98 || presentEase(0.6)-presentEase(0.4) <= 0.3 {
		t.Fatalf("not eased: %v %v %v", presentEase(0.1), presentEase(0.9), presentEase(0.6)-presentEase(0.4))
	}
}

func TestPresentInterpSpan(t *testing.T) {
	a, b := stripSpan{0, 100}, stripSpan{1000, 1400}
	if interpSpan(a, b, 0) != a || interpSpan(a, b, 1) != b {
		t.Fatal("ends")
	}
	half := interpSpan(a, b, 0.5)
	if math.Abs(half.centre()-(a.centre()+b.centre())/2) > 1e-9 {
		t.Fatalf("the centre moves linearly: %v", half.centre())
	}
	if math.Abs(half.span()-200) > 1e-9 { // geometric mean of 100 and 400
		t.Fatalf("the width changes geometrically: %v", half.span())
	}
}

func TestPresentStripViewContainsStop(t *testing.T) {
	day := chrono.Day
	y := 365 * day
	full := stripSpan{0, 11 * y}
	cases := []struct {
		name string
		ts   []float64
	}{
		{"spread", []float64{0.5 * y, 2 * y, 3.3 * y, 3.31 * y, 7 * y, 10.9 * y}},
		{"same day", []float64{5 * y, 5 * y, 5 * y}},
		{"one stop", []float64{4 * y}},
		{"at the edges", []float64{0, 11 * y}},
		{"not in date order", []float64{9 * y, 1 * y, 6 * y}},
	}
	for _, c := range cases {
		for pos := -1; pos < len(c.ts); pos++ {
			v := stripView(c.ts, pos, full)
			if v.Lo < full.Lo-1 || v.Hi > full.Hi+1 || v.span() < stripMinSpan-1 {
				t.Fatalf("%s, stop %d: window %v leaves %v or is too narrow", c.name, pos, v, full)
			}
			if pos < 0 {
				if v != full {
					t.Fatalf("%s: the title screen shows everything, not %v", c.name, v)
				}
				continue
			}
			if ts := c.ts[pos]; ts < v.Lo || ts > v.Hi {
				t.Fatalf("%s, stop %d at %v: outside the window %v", c.name, pos, ts, v)
			}
			// The neighbours are in view too unless the window is the whole span.
			for _, n := range []int{pos - 1, pos + 1} {
				if n >= 0 && n < len(c.ts) && v != full && (c.ts[n] < v.Lo || c.ts[n] > v.Hi) {
					t.Fatalf("%s, stop %d: neighbour %d at %v not in %v", c.name, pos, n, c.ts[n], v)
				}
			}
		}
	}
}

// lineText is a laid-out line's text: a gap between segments is a space.
func lineText(segs []fitSeg) string {
	var b strings.Builder
	for k, s := range segs {
		if k > 0 && s.X > segs[k-1].X+segs[k-1].W+0.01 {
			b.WriteByte(' ')
		}
		b.WriteString(s.Text)
	}
	return b.String()
}

// fakeMeasure measures monospaced text: each character half the size wide,
// lines 1.25 times the size high.
func fakeMeasure(text string, size float32, st fyne.TextStyle) fyne.Size {
	w := float32(utf8.RuneCountInString(text)) * size * 0.5
	if st.Bold {
		w *= 1.1
	}
	return fyne.NewSize(w, size*1.25)
}

func TestPresentWrap(t *testing.T) {
	tm := newTextMeasurer(fakeMeasure)
	p := fitPara{Runs: []fitRun{{"Einordnung: ", fyne.TextStyle{}}, {"Vorwurf", fyne.TextStyle{Bold: true}}, {" – erhoben in einem Schriftsatz", fyne.TextStyle{}}}}
	lines := wrapPara(p, 200, 20, tm, true) // 20 characters a line
	var got []string
	for _, segs := range lines {
		if segsWidth(segs) > 200 {
			t.Fatalf("line %+v is %v wide", segs, segsWidth(segs))
		}
		got = append(got, lineText(segs))
	}
	want := []string{"Einordnung: Vorwurf", "– erhoben in einem", "Schriftsatz"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("lines %q, want %q", got, want)
	}
	if segs := lines[0]; len(segs) != 2 || !segs[1].Style.Bold || segs[1].X != segs[0].W+10 { // a space (10 px) between
		t.Fatalf("styled runs must be separate segments side by side: %+v", segs)
	}
	// No-break spaces hold; a word too long for a line is broken, not cut.
	lines = wrapPara(fitPara{Runs: []fitRun{{"am 29.\u00a0Februar Verwaltungsratsmitgliederversammlung", fyne.TextStyle{}}}}, 150, 20, tm, true)
	got = nil
	for _, segs := range lines {
		if segsWidth(segs) > 150 {
			t.Fatalf("line %+v wider than 150", segs)
		}
		got = append(got, lineText(segs))
	}
	want = []string{"am 29.\u00a0Februar", "Verwaltungsrat", "smitgliederver", "sammlung"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("lines %q, want %q", got, want)
	}
}

// kernedMeasure is fakeMeasure where a space between two words is wider
// than a space alone: widths summed word by word then underestimate a
// line, as kerning and shaping can make real text.
func kernedMeasure(text string, size float32, st fyne.TextStyle) fyne.Size {
	s := fakeMeasure(text, size, st)
	if t := strings.TrimSpace(text); t != "" {
		s.Width += float32(strings.Count(t, " ")) * size * 0.3
	}
	return s
}

func TestPresentWrapMeasuresLinesAsDrawn(t *testing.T) {
	tm := newTextMeasurer(kernedMeasure)
	p := fitPara{Runs: []fitRun{{strings.Repeat("ab cd ", 40), fyne.TextStyle{}}}}
	lines := wrapPara(p, 300, 20, tm, true)
	n := 0
	for _, segs := range lines {
		for _, sg := range segs {
			if w := kernedMeasure(sg.Text, 20, sg.Style).Width; w != sg.W {
				t.Fatalf("segment %q measured %v, drawn %v wide", sg.Text, sg.W, w)
			}
		}
		if segsWidth(segs) > 300 {
			t.Fatalf("line %q is %v wide, more than 300", lineText(segs), segsWidth(segs))
		}
		n += len(strings.Fields(lineText(segs)))
	}
	if n != 80 {
		t.Fatalf("%d words laid out, want 80", n)
	}
}

func TestPresentFitShrinksBodyFirst(t *testing.T) {
	tm := newTextMeasurer(fakeMeasure)
	lim := fitLimits{Start: fitSizes{Title: 64, Body: 36}, Floor: fitSizes{Title: 48, Body: 28}, Min: 12}
	rows := func(words int) []fitRow {
		return []fitRow{
			{Cols: []fitCol{{Paras: []fitPara{{Role: fitTitle, Runs: []fitRun{{"Ein Titel", fyne.TextStyle{Bold: true}}}}}}}},
			{Before: 0.5, Cols: []fitCol{{Paras: []fitPara{{Runs: []fitRun{{strings.Repeat("Wort ", words), fyne.TextStyle{}}}}}}}},
		}
	}
	for _, c := range []struct {
		words       int
		title, body float32
	}{
		{10, 64, 36},  // fits at once
		{300, 64, 30}, // the body shrinks, the title keeps its size
		{360, 60, 28}, // the body at its floor, then the title shrinks
		{500, 38, 23}, // both below their floors
	} {
		lay := fitSlide(rows(c.words), 1000, 1000, lim, tm)
		if !lay.Fits || lay.Height > 1000 {
			t.Fatalf("%d words: does not fit (%v high)", c.words, lay.Height)
		}
		if lay.Sizes.Title != c.title || lay.Sizes.Body != c.body {
			t.Fatalf("%d words: sizes %v, want title %v body %v", c.words, lay.Sizes, c.title, c.body)
		}
		// The step before would not have fitted: the largest sizes win.
		prev := lay.Sizes
		switch {
		case prev == lim.Start:
		case prev.Body > lim.Floor.Body || prev.Title == lim.Start.Title:
			prev.Body++
		case prev.Body == lim.Floor.Body:
			prev.Title++
		default:
			prev = lim.Start // below the floors: checked by size only
		}
		if prev != lay.Sizes && prev != lim.Start {
			if h := layoutRows(rows(c.words), 1000, prev, tm, true).Height; h <= 1000 {
				t.Fatalf("%d words: %v fits too (%v high), but %v was chosen", c.words, prev, h, lay.Sizes)
			}
		}
		for _, ln := range lay.Lines {
			if segsWidth(ln.Segs) > 1000 || ln.Y+ln.H > lay.Height+0.01 {
				t.Fatalf("%d words: line outside the box: %+v", c.words, ln)
			}
		}
	}
	if lay := fitSlide(rows(5000), 1000, 1000, lim, tm); lay.Fits || lay.Sizes.Body != 12 {
		t.Fatalf("far too much text: Fits %v at %v, want false at the minimum", lay.Fits, lay.Sizes)
	}
}

func TestPresentFitColumnsAndIcons(t *testing.T) {
	tm := newTextMeasurer(fakeMeasure)
	rows := []fitRow{{Right: 100, Cols: []fitCol{{Paras: []fitPara{{Runs: []fitRun{{strings.Repeat("ab ", 40), fyne.TextStyle{}}}}}}}},
		{Before: 1, Cols: []fitCol{
			{Icon: 2, Paras: []fitPara{{Runs: []fitRun{{"Elon Musk", fyne.TextStyle{Bold: true}}}}}},
			{Icon: 2, Paras: []fitPara{{Runs: []fitRun{{"Sam Altman", fyne.TextStyle{Bold: true}}}}, {Runs: []fitRun{{strings.Repeat("cd ", 30), fyne.TextStyle{}}}}}},
		}}}
	lay := layoutRows(rows, 1000, fitSizes{Title: 40, Body: 20}, tm, true)
	gap := float32(fitColGap * 20)
	colW := (1000 - gap) / 2
	for _, ln := range lay.Lines {
		x0, x1 := ln.Segs[0].X, segsWidth(ln.Segs)
		switch {
		case ln.Row == 0 && x1 > 900:
			t.Fatalf("the first row must keep 100 px free at the right: %v", x1)
		case ln.Row == 1 && x0 < colW && (x0 < 2*20+fitIconGap*20-0.01 || x1 > colW):
			t.Fatalf("left column line from %v to %v: after the icon, inside the column", x0, x1)
		case ln.Row == 1 && x0 >= colW && (x0 < colW+gap+2*20 || x1 > 1000):
			t.Fatalf("right column line from %v to %v", x0, x1)
		}
	}
	if len(lay.Icons) != 2 || lay.Icons[1].X != colW+gap || lay.Icons[0].Side != 40 {
		t.Fatalf("icons %+v", lay.Icons)
	}
}

func TestPresentTransitionChoice(t *testing.T) {
	ms := time.Millisecond
	type run struct {
		frames int
		took   time.Duration
	}
	for _, c := range []struct {
		name string
		runs []run
		want transition
	}{
		{"60 fps stays full", []run{{30, 500 * ms}, {30, 500 * ms}, {30, 500 * ms}}, transFull},
		{"31 fps stays full", []run{{16, 510 * ms}, {16, 510 * ms}}, transFull},
		{"27 fps twice: light", []run{{14, 510 * ms}, {14, 510 * ms}}, transLight},
		{"one slow among fast ones stays full", []run{{14, 510 * ms}, {30, 500 * ms}, {14, 510 * ms}}, transFull},
		{"cut short says nothing", []run{{14, 510 * ms}, {3, 200 * ms}, {30, 500 * ms}}, transFull},
		{"a test driver's single tick says nothing", []run{{1, 500 * ms}, {1, 500 * ms}}, transFull},
		{"light at 20 fps stays light", []run{{10, 500 * ms}, {10, 500 * ms}, {10, 500 * ms}, {10, 500 * ms}}, transLight},
		{"light at 12 fps twice: jump", []run{{10, 500 * ms}, {10, 500 * ms}, {6, 500 * ms}, {6, 500 * ms}}, transJump},
		{"jump stays", []run{{10, 500 * ms}, {10, 500 * ms}, {6, 500 * ms}, {6, 500 * ms}, {30, 500 * ms}}, transJump},
	} {
		var m transitionMeter
		for _, r := range c.runs {
			m.record(r.frames, r.took)
		}
		if m.mode != c.want {
			t.Errorf("%s: %d, want %d", c.name, m.mode, c.want)
		}
	}
}

// testIndex is an index of n events e0…e(n-1), one a year from 2015.
func testIndex(t *testing.T, n int) *data.Index {
	t.Helper()
	ds := &data.Dataset{}
	for k := 0; k < n; k++ {
		ds.Events = append(ds.Events, data.Event{ID: "e" + string(rune('0'+k)), Date: data.Date{Year: 2015 + k, Precision: data.Year},
			Category: data.CatLegal, Title: data.Text{EN: "E"}})
	}
	return data.NewIndex(ds)
}

func TestDeckRenumbersWhenOwnEventsChange(t *testing.T) {
	base := testIndex(t, 4)
	d := newTourDeck(Tour{ID: "t", Title: data.Text{EN: "T"}, Stops: []Stop{{EventID: "e1"}, {EventID: "e3", Note: data.Text{EN: "three"}}}}, base)
	d.Jump(2) // on e3
	// An own event dated before e1 shifts every number by one.
	merged, _ := data.MergeIndex(base, []data.Event{{ID: "own-x", Date: data.Date{Year: 2014, Precision: data.Year}, Category: data.CatLegal, Title: data.Text{EN: "X"}}})
	d.renumber(merged)
	if d.Event() != merged.Find("e3") || d.Note().EN != "three" || d.events[0] != merged.Find("e1") {
		t.Fatalf("after renumbering: event %d (want %d), note %q", d.Event(), merged.Find("e3"), d.Note().EN)
	}
	// A stop whose event is gone is left out; the position stays on its event.
	d.Jump(1)
	smaller := testIndex(t, 2) // e0, e1 only
	d.renumber(smaller)
	if d.Len() != 1 || d.Event() != smaller.Find("e1") {
		t.Fatalf("stops %v at %d", d.events, d.pos)
	}
}
