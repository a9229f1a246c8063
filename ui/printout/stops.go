package printout

import (
	"cmp"
	"fmt"
	"image/color"
	"slices"

	"aitimeline/data"
	"aitimeline/ui/chrono"
)

// The hand-out's timeline graphic: the stops as markers above a time axis,
// each with its number and title in the lowest row where neither its label
// nor the leader line down to its date crosses another label.
const (
	stRowH     = 14.0 // label row height
	stMaxRows  = 10
	stMarker   = 8.0
	stLabelPt  = 8.0
	stMaxLabel = 170.0 // longest label, points
	stAxisH    = 30.0  // axis with two rows of tick labels
)

type stopItem struct {
	e      *data.Event
	n      int     // stop number
	x      float64 // marker centre, from the graphic's left edge
	row    int     // 0 is the row next to the axis
	title  string  // the title as shown (cut to fit); empty when only the number fits
	w      float64 // label width: number and title
	left   bool    // the label stands left of the marker
	placed bool
}

type stopsGraphic struct {
	width, height float64
	rows          int
	vp            chrono.Viewport
	ticks         chrono.TickSet
	items         []stopItem
}

// span is the time window of the graphic: the events with a margin, at
// least two months.
func span(evs []data.Event) (t0, t1 float64) {
	t0, t1 = chrono.Seconds(evs[0].Date.Time()), chrono.Seconds(evs[0].Date.Time())
	for _, e := range evs {
		t := chrono.Seconds(e.Date.Time())
		t0, t1 = min(t0, t), max(t1, t)
	}
	if minSpan := 61 * chrono.Day; t1-t0 < minSpan {
		c := (t0 + t1) / 2
		t0, t1 = c-minSpan/2, c+minSpan/2
	}
	pad := (t1 - t0) * 0.04
	return t0 - pad, t1 + pad
}

// stopsGraphic lays out the hand-out's events across width points.
func (h *handout) stopsGraphic(width float64) stopsGraphic {
	evs := h.hd.Events
	g := stopsGraphic{width: width}
	t0, t1 := span(evs)
	g.vp = chrono.Viewport{Start: t0, End: t1, Width: float32(width)}
	g.ticks = chrono.Ticks(g.vp, 30)
	g.items = make([]stopItem, len(evs))
	for i := range evs {
		g.items[i] = stopItem{e: &evs[i], n: i + 1, x: float64(g.vp.X(chrono.Seconds(evs[i].Date.Time())))}
	}
	// Rows count up from the axis; a leader runs from each marker down to
	// its date on the axis. A label whose text lies over another marker
	// would be crossed by that marker's leader unless it sits in a higher
	// row, so the markers under a label are placed first, each in the
	// lowest row where its label fits and its leader crosses no text.
	// Where labels cover each other's markers (no order satisfies both),
	// the widest label is shortened: to half, then to the number alone.
	type box struct{ a, b float64 }
	type row struct{ full, text, leaders []box }
	rows := make([]row, stMaxRows)
	overlaps := func(bs []box, a, b float64) bool {
		for _, s := range bs {
			if a < s.b && s.a < b {
				return true
			}
		}
		return false
	}
	n := len(g.items)
	h.font("B", stLabelPt)
	numW := make([]float64, n)
	titles := make([]string, n)
	for i := range g.items {
		numW[i] = h.GetStringWidth(fmt.Sprint(g.items[i].n))
		titles[i] = h.clean(h.text(evs[i].Title))
	}
	level := make([]int, n) // 0: whole title (to stMaxLabel), 1: half that, 2: the number
	// label is i's label at its level: the title shown, the label's width,
	// whether it stands left of the marker (flip), and the stretch its text
	// covers. Labels stand right of their marker unless that leaves the
	// graphic; flip turns them round.
	label := func(i int, flip bool) (title string, w float64, left bool, text box) {
		it := &g.items[i]
		h.font("", stLabelPt)
		if level[i] < 2 {
			title = h.fit(titles[i], stMaxLabel/float64(1+level[i])-numW[i]-3)
			w = numW[i] + 3 + h.GetStringWidth(title)
		} else {
			w = numW[i]
		}
		left = (it.x+stMarker/2+3+w > width) != flip
		text = box{it.x + stMarker/2 + 2, it.x + stMarker/2 + 3 + w}
		if left {
			text = box{it.x - stMarker/2 - 3 - w, it.x - stMarker/2 - 2}
		}
		return title, w, left, text
	}
	// under is an unplaced marker under a text stretch, or -1.
	under := func(i int, text box) int {
		for j := range g.items {
			if j != i && !g.items[j].placed && g.items[j].x > text.a-3 && g.items[j].x < text.b+3 {
				return j
			}
		}
		return -1
	}
	place := func(i int) bool {
		it := &g.items[i]
		for _, flip := range []bool{false, true} {
			title, w, left, text := label(i, flip)
			if flip && (text.a < 0 || text.b > width || under(i, text) >= 0) {
				continue // the other side only where it fits and hides no marker yet to come
			}
			const gap = 5 // between labels in a row
			full := box{min(text.a, it.x-stMarker/2-1) - gap/2, max(text.b, it.x+stMarker/2+1) + gap/2}
			col := box{it.x - 1, it.x + 1}
			for r := 0; r < stMaxRows; r++ {
				if overlaps(rows[r].full, full.a, full.b) || overlaps(rows[r].leaders, text.a, text.b) {
					continue
				}
				ok := true
				for q := 0; q < r && ok; q++ {
					ok = !overlaps(rows[q].text, col.a, col.b)
				}
				if !ok {
					continue
				}
				rows[r].full = append(rows[r].full, full)
				rows[r].text = append(rows[r].text, text)
				for q := 0; q < r; q++ {
					rows[q].leaders = append(rows[q].leaders, col)
				}
				it.row, it.left, it.w, it.title, it.placed = r, left, w, title, true
				g.rows = max(g.rows, r+1)
				return true
			}
		}
		return false
	}
	// covered is an unplaced marker under i's label, or -1.
	covered := func(i int) int {
		_, _, _, text := label(i, false)
		return under(i, text)
	}
	byX := make([]int, n)
	for i := range byX {
		byX[i] = i
	}
	slices.SortStableFunc(byX, func(a, b int) int { return cmp.Compare(g.items[a].x, g.items[b].x) })
	for left := n; left > 0; {
		next := -1
		for _, i := range byX {
			if !g.items[i].placed && covered(i) < 0 {
				next = i
				break
			}
		}
		if next < 0 {
			// Every label left covers a marker left: follow "covers" to a
			// cycle and shorten its widest label.
			cur := -1
			for _, i := range byX {
				if !g.items[i].placed {
					cur = i
					break
				}
			}
			seen := map[int]int{}
			var path []int
			for {
				if k, ok := seen[cur]; ok {
					path = path[k:]
					break
				}
				seen[cur] = len(path)
				path = append(path, cur)
				cur = covered(cur)
			}
			widest, ww := -1, -1.0
			for _, i := range path {
				if _, w, _, _ := label(i, false); level[i] < 2 && w > ww {
					widest, ww = i, w
				}
			}
			if widest >= 0 {
				level[widest]++
				continue
			}
			next = path[0] // numbers over numbers, a crowd on one day: one of them first
		}
		for !place(next) {
			if level[next] == 2 {
				// No row left even for the number: the top row, overlapping.
				it := &g.items[next]
				it.row, it.w, it.title, it.placed = stMaxRows-1, numW[next], "", true
				g.rows = stMaxRows
				break
			}
			level[next]++
		}
		left--
	}
	g.height = float64(g.rows)*stRowH + 6 + stAxisH
	return g
}

// drawStops draws the graphic with its top-left corner at (ox, oy).
func (h *handout) drawStops(g stopsGraphic, ox, oy float64) {
	loc := h.loc
	axisY := oy + float64(g.rows)*stRowH + 6
	rowY := func(r int) float64 { return oy + float64(g.rows-1-r)*stRowH + stRowH/2 }
	// Year lines behind everything.
	h.SetLineWidth(0.4)
	for _, tk := range g.ticks.Major {
		if x := float64(g.vp.X(tk.T)); x >= 0 && x <= g.width {
			h.drawColor(faint)
			h.SetDashPattern([]float64{1.5, 2}, 0)
			h.Line(ox+x, oy, ox+x, axisY)
			h.SetDashPattern(nil, 0)
		}
	}
	// Axis with minor ticks and labels, major labels below.
	h.drawColor(ink)
	h.SetLineWidth(0.8)
	h.Line(ox, axisY, ox+g.width, axisY)
	h.SetLineWidth(0.5)
	lastEnd := -1e9
	for _, tk := range g.ticks.Minor {
		x := float64(g.vp.X(tk.T))
		if x < 0 || x > g.width {
			continue
		}
		h.Line(ox+x, axisY, ox+x, axisY+4)
		if g.ticks.MajorUnit != chrono.None { // yearly ticks are labelled below, in bold
			label := h.clean(tickLabel(loc, tk, g.ticks.MinorUnit, false))
			h.font("", 7)
			h.textColor(muted)
			if w := h.GetStringWidth(label); x+2 > lastEnd && x+2+w <= g.width {
				h.Text(ox+x+2, axisY+11, label)
				lastEnd = x + 2 + w + 4
			}
		}
	}
	lastEnd = -1e9
	for i, tk := range g.ticks.Major {
		x := float64(g.vp.X(tk.T))
		h.font("B", 8)
		h.textColor(ink)
		label := h.clean(tickLabel(loc, tk, g.ticks.MajorUnit, true))
		w := h.GetStringWidth(label)
		if x < 0 { // the period the axis starts in, labelled at its left end
			x = 0
			if i+1 < len(g.ticks.Major) {
				x = min(0, float64(g.vp.X(g.ticks.Major[i+1].T))-w-8)
			}
			if x < 0 {
				continue
			}
		}
		if x > lastEnd && x+2+w <= g.width {
			h.Text(ox+x+2, axisY+23, label)
			lastEnd = x + 2 + w + 6
		}
	}
	if g.ticks.MajorUnit == chrono.None { // yearly minor ticks: they are the years, bold
		lastEnd = -1e9
		for _, tk := range g.ticks.Minor {
			x := float64(g.vp.X(tk.T))
			h.font("B", 8)
			h.textColor(ink)
			label := h.clean(tickLabel(loc, tk, chrono.Year, true))
			if w := h.GetStringWidth(label); x >= 0 && x > lastEnd && x+2+w <= g.width {
				h.Text(ox+x+2, axisY+12, label)
				lastEnd = x + 2 + w + 6
			}
		}
	}
	// Leaders, markers, labels.
	for _, it := range g.items {
		y := rowY(it.row)
		h.drawColor(faint)
		h.SetLineWidth(0.6)
		h.Line(ox+it.x, y+stMarker/2, ox+it.x, axisY)
		h.fillColor(muted)
		h.Circle(ox+it.x, axisY, 1.3, "F")
	}
	for _, it := range g.items {
		y := rowY(it.row)
		h.marker(ox+it.x, y, stMarker, it.e.Category, it.e.Status)
		num := fmt.Sprint(it.n)
		lx := ox + it.x + stMarker/2 + 3
		if it.left {
			lx = ox + it.x - stMarker/2 - 3 - it.w
		}
		// A white ground keeps the dashed year lines out of the text.
		h.fillColor(color.NRGBA{0xff, 0xff, 0xff, 0xff})
		h.Rect(lx-1, y-stLabelPt*0.55, it.w+2, stLabelPt*1.1, "F")
		h.font("B", stLabelPt)
		h.textColor(ink)
		h.Text(lx, y+stLabelPt*0.35, num)
		if it.title != "" {
			nw := h.GetStringWidth(num)
			h.font("", stLabelPt)
			h.Text(lx+nw+3, y+stLabelPt*0.35, it.title)
		}
	}
}

// legend draws the categories and claim statuses the events use, as the
// timeline's legend does (categories as circles in their colour, statuses
// as shapes in the first category's colour), flowing across width points
// from (x, the current y); it moves y below it.
func (h *handout) legend(evs []data.Event, x, width float64) {
	cats, sts := used(evs)
	y := h.GetY()
	h.font("B", 9)
	h.textColor(ink)
	h.Text(x, y+9, h.clean(h.loc.T("legend.button")))
	y += 16
	y = flowLegend(h.doc, cats, sts, x, y, width, 8, 8)
	h.SetY(y + 4)
}

// used lists the categories and statuses of evs in legend order.
func used(evs []data.Event) ([]data.Category, []data.Status) {
	hasC, hasS := map[data.Category]bool{}, map[data.Status]bool{}
	for _, e := range evs {
		hasC[e.Category], hasS[e.Status] = true, true
	}
	var cats []data.Category
	for _, c := range data.Categories {
		if hasC[c] {
			cats = append(cats, c)
		}
	}
	var sts []data.Status
	for _, s := range data.Statuses {
		if hasS[s] {
			sts = append(sts, s)
		}
	}
	return cats, sts
}

// flowLegend draws legend items (marker and label) in rows from (x, y),
// categories first, then statuses on new rows, and returns the y below them.
func flowLegend(d *doc, cats []data.Category, sts []data.Status, x, y, width, size, marker float64) float64 {
	rowH := max(size, marker) + 5
	cx := x
	item := func(cat data.Category, st data.Status, label string) {
		d.font("", size)
		label = d.clean(label)
		w := marker + 4 + d.GetStringWidth(label) + 12
		if cx > x && cx+w > x+width {
			cx, y = x, y+rowH
		}
		d.marker(cx+marker/2, y+rowH/2-1, marker, cat, st)
		d.textColor(ink)
		d.Text(cx+marker+4, y+rowH/2-1+size*0.35, label)
		cx += w
	}
	for _, c := range cats {
		item(c, data.StFact, d.loc.T("category."+string(c)))
	}
	if len(cats) > 0 {
		cx, y = x, y+rowH
	}
	for _, s := range sts {
		item(data.CatGovernance, s, d.loc.T("status."+string(s)))
	}
	if len(sts) > 0 {
		y += rowH
	}
	return y
}
