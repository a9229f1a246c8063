package printout

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"time"

	"aitimeline/data"
	"aitimeline/i18n"
	"aitimeline/ui/chrono"
	"aitimeline/ui/timeline"
)

// PosterOptions choose a poster's paper, size, lanes and range.
type PosterOptions struct {
	Paper Paper // A4, A3 (the default) or A2, printed landscape
	// Across and Down are the sheets the poster spans (0 means 1). Sheets
	// overlap by a glue strip and carry crop marks; at most MaxSheets each way.
	Across, Down int
	Lanes        timeline.LaneMode
	MaxLanes     int       // person and organisation lanes at most, the rest in "others"; 0 means 6
	From, To     data.Date // the range to show; zero for the whole timeline
	Title        string    // empty: the app's name
	Meta         data.Meta // dataset version and "facts as of" date, for the provenance line
	Created      time.Time // the PDF's creation date; zero means now
}

// MaxSheets is the most sheets a poster spans across or down.
const MaxSheets = 8

// Poster geometry, in points.
const (
	psMargin  = 12 * mm // unprinted edge of each sheet, where the crop marks go
	psGlue    = 10 * mm // overlap of neighbouring sheets
	psPad     = 16.0    // inside the poster's edge
	psEraH    = 16.0
	psAxisH   = 34.0
	psFootH   = 16.0
	psHeadH   = 12.0 // lane title line
	psStripH  = 13.0 // a lane's strip of count bubbles and bare markers
	psRowH    = 9.5
	psLabelPt = 6.5
	psMarker  = 6.5
)

// lanePart is a lane's layout in one stretch of the poster between two cuts
// of the sheets; off is the stretch's left edge on the poster.
type lanePart struct {
	off float64
	pl  chrono.Placement
}

// psLayout is the chrono layout of a printed lane: label widths in points.
var psLayout = chrono.LayoutOptions{ClusterPx: 12, DetailLimit: math.MaxInt32, MarkerPx: psMarker + 1, Gap: 4, MaxLabelPx: 150}

// poster is a laid-out poster: everything in poster coordinates (points from
// the top-left corner of the printable area of all sheets together).
type poster struct {
	*doc
	td       *timeline.Data
	opt      PosterOptions
	w, h     float64 // poster size
	vp       chrono.Viewport
	x0       float64 // the viewport's left edge on the poster
	cw, ch   float64 // printed area of a sheet
	lanes    []timeline.LaneDef
	place    [][]lanePart // per lane, per stretch between cuts
	rowYs    [][]float64  // per lane, the centres of its label rows
	laneTop  float64
	laneH    float64
	head     float64
	rowH     float64
	labels   map[int32]string // event → label text (cut to fit)
	ticks    chrono.TickSet
	headerH  float64
	legendW  float64
	legendH  float64
	title    string
	subtitle string
	meta     string
	// the sheet being drawn: its part of the poster
	vx0, vy0, vx1, vy1 float64
}

// WritePoster writes the timeline td as a vector poster PDF to w in loc's
// language: eras as bands, lanes of markers with labels placed by the
// timeline's own layout (no two overlap; events without room are counted
// in bubbles), a year axis, title, legend and "facts as of" line. A poster
// larger than one sheet is split over Across × Down sheets with crop marks
// and glue strips. Errors are *Error (paper, sheets, no events), font
// errors, or w's.
func WritePoster(w io.Writer, td *timeline.Data, loc *i18n.Localizer, opt PosterOptions) error {
	p, err := newPoster(td, loc, opt)
	if err != nil {
		return err
	}
	opt = p.opt
	d := p.doc
	sw, sh := d.GetPageSize()
	cw, ch := sw-2*psMargin, sh-2*psMargin
	for j := 0; j < opt.Down; j++ {
		for i := 0; i < opt.Across; i++ {
			d.AddPage()
			ox, oy := float64(i)*(cw-psGlue), float64(j)*(ch-psGlue)
			p.sheetFurniture(i, j, sw, sh)
			p.vx0, p.vy0, p.vx1, p.vy1 = ox, oy, ox+cw, oy+ch
			d.ClipRect(psMargin, psMargin, cw, ch, false)
			d.TransformBegin()
			d.TransformTranslate(psMargin-ox, psMargin-oy)
			p.draw()
			d.TransformEnd()
			d.ClipEnd()
		}
	}
	if err := d.Error(); err != nil {
		return err
	}
	return d.Output(w)
}

// newPoster checks the options and lays the poster out.
func newPoster(td *timeline.Data, loc *i18n.Localizer, opt PosterOptions) (*poster, error) {
	if opt.Paper == "" {
		opt.Paper = A3
	}
	sw, sh, ok := opt.Paper.size()
	if !ok || opt.Paper == Letter {
		return nil, errPaper(opt.Paper, "A4, A3, A2")
	}
	sw, sh = sh, sw // landscape
	opt.Across, opt.Down = max(opt.Across, 1), max(opt.Down, 1)
	if opt.Across > MaxSheets || opt.Down > MaxSheets {
		return nil, &Error{ID: "classroom.err.sheets", Args: []any{"Max", MaxSheets},
			text: fmt.Sprintf("printout: %d×%d sheets, at most %d each way", opt.Across, opt.Down, MaxSheets)}
	}
	if opt.MaxLanes <= 0 {
		opt.MaxLanes = 6
	}
	title := opt.Title
	if title == "" {
		title = loc.T("app.name")
	}
	d, err := newDoc(loc, sw, sh, title, opt.Created)
	if err != nil {
		return nil, err
	}
	d.SetAutoPageBreak(false, 0)
	d.SetMargins(0, 0, 0)
	cw, ch := sw-2*psMargin, sh-2*psMargin
	p := &poster{doc: d, td: td, opt: opt, title: title, cw: cw, ch: ch,
		w: float64(opt.Across)*cw - float64(opt.Across-1)*psGlue,
		h: float64(opt.Down)*ch - float64(opt.Down-1)*psGlue}
	if !p.layout() {
		return nil, errNoEvents()
	}
	return p, nil
}

// layout places everything on the poster; false when no event is in range.
func (p *poster) layout() bool {
	td, opt, loc := p.td, p.opt, p.loc
	t0, t1 := td.Limits.Min, td.Limits.Max
	if !opt.From.IsZero() {
		t0 = chrono.Seconds(opt.From.Time())
	}
	if !opt.To.IsZero() {
		t1 = chrono.Seconds(opt.To.EndTime())
	}
	if t1 <= t0 {
		return false
	}
	keep := func(i int) bool { return td.T[i] >= t0 && td.T[i] < t1 }
	n := 0
	for i := range td.T {
		if keep(i) {
			n++
		}
	}
	if n == 0 {
		return false
	}
	if !opt.From.IsZero() || !opt.To.IsZero() {
		pad := (t1 - t0) * 0.02 // room for the first and last markers
		t0, t1 = t0-pad, t1+pad
	}
	p.x0 = psPad
	p.vp = chrono.Viewport{Start: t0, End: t1, Width: float32(p.w - 2*psPad)}

	// Header: title, subtitle and provenance on the left, legend on the right.
	p.subtitle = loc.T("app.tagline")
	if !opt.From.IsZero() || !opt.To.IsZero() {
		from, to := opt.From, opt.To
		if from.IsZero() {
			from = dateOf(td.First)
		}
		if to.IsZero() {
			to = dateOf(td.Last)
		}
		p.subtitle = loc.T("classroom.poster.range", "From", loc.Date(from), "To", loc.Date(to))
	}
	p.meta = metaLine(loc, opt.Meta.Version, opt.Meta.AsOf)
	if p.meta != "" {
		p.meta += " · "
	}
	p.meta += loc.N("events.count", n)
	p.legendW = min(p.w*0.5, 640)
	cats, sts := allCategories()
	p.legendH = flowLegendSize(p.doc, cats, sts, p.legendW, 7, 7)
	p.headerH = max(76, p.legendH+psPad+4)

	// Lanes.
	p.lanes = td.Lanes(opt.Lanes, opt.MaxLanes, keep)
	p.laneTop = p.headerH + psEraH
	bottom := p.h - psPad - psFootH - psAxisH
	nl := max(len(p.lanes), 1)
	p.laneH = (bottom - p.laneTop) / float64(nl)
	if len(p.lanes) > 1 {
		p.head = psHeadH
	}
	// Label rows, from each lane's top down, none across a horizontal cut
	// between sheets (a line of text cut in two reads badly once glued).
	avail := p.laneH - p.head - psStripH
	p.rowH = psRowH
	if avail/psRowH > chrono.MaxRows { // more room than rows: space them out
		p.rowH = min(avail/chrono.MaxRows, 2*psRowH)
	}
	var hcuts, vcuts []float64
	for j := 1; j < opt.Down; j++ {
		hcuts = append(hcuts, float64(j)*(p.ch-psGlue))
	}
	for i := 1; i < opt.Across; i++ {
		vcuts = append(vcuts, float64(i)*(p.cw-psGlue))
	}
	p.rowYs = make([][]float64, len(p.lanes))
	for li := range p.lanes {
		top := p.laneTop + float64(li)*p.laneH + p.head
		end := top + avail
		for y := top; y+p.rowH <= end && len(p.rowYs[li]) < chrono.MaxRows; y += p.rowH {
			for _, c := range hcuts {
				if y-1 < c && c < y+p.rowH+1 {
					y = c + 2
				}
			}
			if y+p.rowH <= end {
				p.rowYs[li] = append(p.rowYs[li], y+p.rowH/2)
			}
		}
		if len(p.rowYs[li]) == 0 {
			p.rowYs[li] = []float64{top + p.rowH/2}
		}
	}
	p.labels = map[int32]string{}
	widths := map[int32]float32{}
	widthOf := func(ref int32) float32 {
		if w, ok := widths[ref]; ok {
			return w
		}
		p.font(labelStyle(td.Idx.Importance(int(ref))), psLabelPt)
		s := p.fit(p.clean(td.Idx.Title(int(ref), loc.Lang())), float64(psLayout.MaxLabelPx))
		p.labels[ref] = s
		w := float32(p.GetStringWidth(s))
		widths[ref] = w
		return w
	}
	// Each stretch between vertical cuts is laid out on its own: a label
	// that would cross a cut stands left of its marker instead, as labels
	// do at the timeline's right edge.
	edges := []float64{p.x0}
	for _, c := range vcuts {
		if c > p.x0+40 && c < p.w-psPad-40 {
			edges = append(edges, c)
		}
	}
	edges = append(edges, p.w-psPad)
	p.place = make([][]lanePart, len(p.lanes))
	for li, l := range p.lanes {
		lopt := psLayout
		lopt.Rows = len(p.rowYs[li])
		for k := 0; k+1 < len(edges); k++ {
			a, b := edges[k], edges[k+1]
			vp := chrono.Viewport{Start: p.vp.T(float32(a - p.x0)), End: p.vp.T(float32(b - p.x0)), Width: float32(b - a)}
			part := lanePart{off: a}
			chrono.Layout(l.Lane, vp, lopt, widthOf, &part.pl)
			part.pl.Clusters = chrono.MergeClusters(part.pl.Clusters, func(n int) float32 { return float32(p.bubbleW(n)) }, 2)
			p.place[li] = append(p.place[li], part)
		}
	}
	p.ticks = chrono.Ticks(p.vp, 26)
	return true
}

// dateOf is the day of a time in seconds.
func dateOf(t float64) data.Date {
	tm := chrono.Time(t)
	return data.Date{Year: tm.Year(), Month: int(tm.Month()), Day: tm.Day(), Precision: data.Day}
}

func allCategories() ([]data.Category, []data.Status) { return data.Categories, data.Statuses }

// visible reports whether the poster rectangle [x0, x1] × [y0, y1] shows on
// the sheet being drawn; what does not is not drawn at all, so each page
// holds only its own part.
func (p *poster) visible(x0, y0, x1, y1 float64) bool {
	return x1 >= p.vx0 && x0 <= p.vx1 && y1 >= p.vy0 && y0 <= p.vy1
}

// bubbleW is the width of a count bubble.
func (p *poster) bubbleW(n int) float64 {
	p.font("B", psLabelPt-0.5)
	return max(p.GetStringWidth(p.loc.T("timeline.cluster", "Count", n))+6, psStripH-2)
}

// X is the poster x of time t.
func (p *poster) X(t float64) float64 { return p.x0 + float64(p.vp.X(t)) }

// sticky is where a label that belongs to the poster stretch [a, b] goes on
// this sheet: at the stretch's start, or at the sheet's left edge when the
// stretch began on an earlier sheet, so that every sheet names its lanes
// and eras.
func (p *poster) sticky(a, b, w float64) (float64, bool) {
	x := max(a, p.vx0+2) + 4
	return x, x+w <= b-2
}

// draw paints the poster part of the current sheet.
func (p *poster) draw() {
	loc := p.loc
	bottom := p.laneTop + float64(len(p.lanes))*p.laneH
	if len(p.lanes) == 0 {
		bottom = p.laneTop + p.laneH
	}
	// Eras: alternating bands with their titles in the strip above the lanes.
	for i, e := range p.td.Eras {
		x0, x1 := max(p.X(e.T0), p.x0), min(p.X(e.T1), p.w-psPad)
		if x1 <= x0 || !p.visible(x0, p.headerH, x1, bottom) {
			continue
		}
		shade := color.NRGBA{0xf3, 0xf3, 0xf3, 0xff}
		if i%2 == 1 {
			shade = color.NRGBA{0xe7, 0xe7, 0xe7, 0xff}
		}
		p.fillColor(shade)
		p.Rect(x0, p.headerH, x1-x0, bottom-p.headerH, "F")
		p.font("B", 7.5)
		title := p.clean(loc.Text(e.Title))
		if x, ok := p.sticky(x0, x1, p.GetStringWidth(title)); ok {
			p.textColor(muted)
			p.Text(x, p.headerH+11, title)
		} else if x, _ := p.sticky(x0, x1, 0); x1-x > 30 {
			p.textColor(muted)
			p.Text(x, p.headerH+11, p.fit(title, x1-x-4))
		}
	}
	// Year lines through the lanes; the axis below.
	p.SetLineWidth(0.4)
	for _, tk := range p.ticks.Major {
		if x := p.X(tk.T); x >= p.x0 && x <= p.w-psPad && p.visible(x, p.laneTop, x, bottom) {
			p.drawColor(color.NRGBA{0xc8, 0xc8, 0xc8, 0xff})
			p.Line(x, p.laneTop, x, bottom)
		}
	}
	p.drawAxis(bottom)
	p.drawAsOf(bottom)
	// Lanes.
	for li := range p.lanes {
		p.drawLane(li)
	}
	p.drawHeader()
	// Footer.
	fy := p.h - psPad - 4
	if p.visible(0, fy-10, p.w, fy+2) {
		p.font("", 7)
		p.textColor(muted)
		foot := p.clean(loc.T("classroom.poster.footer"))
		if x, ok := p.sticky(p.x0-4, p.w-psPad-220, p.GetStringWidth(foot)); ok {
			p.Text(x, fy, foot)
		}
		right := p.clean(loc.T("app.name"))
		if p.opt.Meta.Version != "" {
			right += " · " + p.clean(loc.T("classroom.dataset", "Version", p.opt.Meta.Version))
		}
		p.Text(p.w-psPad-p.GetStringWidth(right), fy, right)
	}
}

// drawAxis draws the time axis under the lanes: minor ticks with labels,
// years in bold below, the current year at each sheet's left edge.
func (p *poster) drawAxis(y float64) {
	loc := p.loc
	x0, x1 := p.x0, p.w-psPad
	if !p.visible(x0, y, x1, y+psAxisH) {
		return
	}
	p.drawColor(ink)
	p.SetLineWidth(0.8)
	p.Line(max(x0, p.vx0), y, min(x1, p.vx1), y)
	p.SetLineWidth(0.5)
	yearly := p.ticks.MajorUnit == chrono.None
	lastEnd := -1e9
	for _, tk := range p.ticks.Minor {
		x := p.X(tk.T)
		if x < x0 || x > x1 || !p.visible(x-40, y, x+40, y+psAxisH) {
			continue
		}
		p.drawColor(ink)
		p.Line(x, y, x, y+4)
		label := p.clean(tickLabel(loc, tk, p.ticks.MinorUnit, yearly))
		style, size := "", 6.5
		if yearly {
			style, size = "B", 9
		}
		p.font(style, size)
		if w := p.GetStringWidth(label); x+2 > lastEnd && x+2+w <= x1 {
			p.textColor(muted)
			if yearly {
				p.textColor(ink)
			}
			p.Text(x+2, y+11, label)
			lastEnd = x + 2 + w + 3
		}
	}
	if yearly {
		return
	}
	p.font("B", 9)
	p.textColor(ink)
	for i, tk := range p.ticks.Major {
		next := x1
		if i+1 < len(p.ticks.Major) {
			next = min(p.X(p.ticks.Major[i+1].T), x1)
		}
		a := max(p.X(tk.T), x0)
		if !p.visible(a, y, next, y+psAxisH) {
			continue
		}
		// The full label ("September 2024"), or shorter where a month is
		// narrow ("Sept. 2024", "Sept.").
		labels := []string{tickLabel(loc, tk, p.ticks.MajorUnit, true)}
		if p.ticks.MajorUnit == chrono.Month {
			short := loc.MonthShort(int(tk.Time.Month()))
			labels = append(labels, short+" "+strconv.Itoa(tk.Time.Year()), short)
		}
		for _, label := range labels {
			label = p.clean(label)
			if x, ok := p.sticky(a-4, next, p.GetStringWidth(label)); ok {
				p.Text(x-2, y+24, label)
				break
			}
		}
	}
}

// drawAsOf marks the "facts as of" date with a line and its label.
func (p *poster) drawAsOf(bottom float64) {
	asOf := p.opt.Meta.AsOf
	if asOf.IsZero() {
		return
	}
	x := p.X(chrono.Seconds(asOf.EndTime()))
	if x < p.x0 || x > p.w-psPad || !p.visible(x-200, p.headerH, x+200, bottom) {
		return
	}
	accent := color.NRGBA{0x00, 0x72, 0xB2, 0xff}
	p.drawColor(accent)
	p.SetLineWidth(1)
	p.Line(x, p.headerH, x, bottom)
	p.font("B", 7)
	label := p.clean(p.loc.T("classroom.as_of", "Date", p.loc.ShortDate(asOf)))
	w := p.GetStringWidth(label)
	lx := x + 3
	if lx+w > p.w-psPad {
		lx = x - 3 - w
	}
	p.fillColor(color.NRGBA{0xff, 0xff, 0xff, 0xff})
	p.Rect(lx-1.5, p.headerH+3.5, w+3, 10, "F")
	p.textColor(accent)
	p.Text(lx, p.headerH+11, label)
}

// drawLane draws lane li: its title, separator, labelled markers, and the
// strip with bare markers and count bubbles.
func (p *poster) drawLane(li int) {
	loc := p.loc
	lane := p.lanes[li]
	top := p.laneTop + float64(li)*p.laneH
	if !p.visible(p.x0, top, p.w-psPad, top+p.laneH) {
		return
	}
	idx := p.td.Idx
	if li > 0 {
		p.drawColor(color.NRGBA{0x9a, 0x9a, 0x9a, 0xff})
		p.SetLineWidth(0.6)
		p.Line(max(p.x0, p.vx0), top, min(p.w-psPad, p.vx1), top)
	}
	if p.head > 0 {
		p.font("B", 7.5)
		title := p.clean(p.laneTitle(lane))
		if x, ok := p.sticky(p.x0-4, p.w-psPad, p.GetStringWidth(title)); ok {
			p.textColor(ink)
			p.Text(x, top+9, title)
		}
	}
	stripY := top + p.laneH - psStripH/2
	size := func(ref int32) float64 {
		if idx.Importance(int(ref)) >= 5 {
			return psMarker + 1.5
		}
		return psMarker
	}
	for k := range p.place[li] {
		part := &p.place[li][k]
		for _, lb := range part.pl.Labels {
			x, y := part.off+float64(lb.X), p.rowYs[li][lb.Row]
			w := float64(lb.W)
			tx := x + psMarker/2 + 2.5
			if lb.Left {
				tx = x - psMarker/2 - 2.5 - w
			}
			if !p.visible(min(tx, x-psMarker), y-p.rowH, max(tx+w, x+psMarker), y+p.rowH) {
				continue
			}
			p.marker(x, y, size(lb.Ref), idx.Category(int(lb.Ref)), idx.Status(int(lb.Ref)))
			p.font(labelStyle(idx.Importance(int(lb.Ref))), psLabelPt)
			p.textColor(ink)
			p.Text(tx, y+psLabelPt*0.35, p.labels[lb.Ref])
		}
		for _, m := range part.pl.Markers {
			x := part.off + float64(m.X)
			if p.visible(x-psMarker, stripY-psMarker, x+psMarker, stripY+psMarker) {
				p.marker(x, stripY, size(m.Ref), idx.Category(int(m.Ref)), idx.Status(int(m.Ref)))
			}
		}
		for _, c := range part.pl.Clusters {
			bw := p.bubbleW(c.Count)
			x := min(max(part.off+float64(c.X), p.x0+bw/2), p.w-psPad-bw/2)
			if !p.visible(x-bw/2, stripY-psStripH/2, x+bw/2, stripY+psStripH/2) {
				continue
			}
			p.fillColor(color.NRGBA{0xd4, 0xe4, 0xf1, 0xff})
			p.RoundedRect(x-bw/2, stripY-(psStripH-3)/2, bw, psStripH-3, (psStripH-3)/2, "1234", "F")
			label := p.clean(loc.T("timeline.cluster", "Count", c.Count))
			p.font("B", psLabelPt-0.5)
			p.textColor(ink)
			p.Text(x-p.GetStringWidth(label)/2, stripY+(psLabelPt-0.5)*0.35, label)
		}
	}
}

// labelStyle is the font style of an event's label: the most important
// events stand out in bold.
func labelStyle(importance int) string {
	if importance >= chrono.MaxImportance {
		return "B"
	}
	return ""
}

// laneTitle names a lane as the timeline widget does.
func (p *poster) laneTitle(l timeline.LaneDef) string {
	switch {
	case l.Key == timeline.OtherLane:
		return p.loc.T("timeline.lane_other")
	case p.opt.Lanes == timeline.LanesCategory:
		return p.loc.T("category." + l.Key)
	case p.opt.Lanes == timeline.LanesSingle:
		return p.loc.T("timeline.lane_all")
	}
	return p.loc.Text(l.Title)
}

// drawHeader draws the title block (top left) and the legend (top right).
func (p *poster) drawHeader() {
	if !p.visible(0, 0, p.w, p.headerH) {
		return
	}
	x := psPad
	if p.visible(x, 0, x+p.w-p.legendW-2*psPad, p.headerH) {
		p.font("B", 26)
		p.textColor(ink)
		p.Text(x, psPad+22, p.fit(p.clean(p.title), p.w-p.legendW-3*psPad))
		p.font("", 11)
		p.textColor(ink)
		p.Text(x, psPad+40, p.fit(p.clean(p.subtitle), p.w-p.legendW-3*psPad))
		p.font("", 8.5)
		p.textColor(muted)
		p.Text(x, psPad+54, p.fit(p.clean(p.meta), p.w-p.legendW-3*psPad))
	}
	lx := p.w - psPad - p.legendW
	if p.visible(lx, 0, p.w, p.headerH) {
		cats, sts := allCategories()
		p.font("B", 8)
		p.textColor(ink)
		p.Text(lx, psPad+2, p.clean(p.loc.T("legend.button")))
		flowLegend(p.doc, cats, sts, lx, psPad+6, p.legendW, 7, 7)
	}
}

// sheetFurniture draws, in sheet coordinates, what is not the poster: crop
// marks at the corners of the printed area, the sheet's number and place,
// and the glue strips where the next sheets go.
func (p *poster) sheetFurniture(i, j int, sw, sh float64) {
	across, down := p.opt.Across, p.opt.Down
	if across*down == 1 {
		return
	}
	loc := p.loc
	m := psMargin
	x0, y0, x1, y1 := m, m, sw-m, sh-m
	p.drawColor(ink)
	p.SetLineWidth(0.5)
	const gap, ln = 3.0, 9.0
	for _, c := range [][2]float64{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}} {
		hx := -1.0 // the marks point away from the printed area
		if c[0] == x1 {
			hx = 1
		}
		vy := -1.0
		if c[1] == y1 {
			vy = 1
		}
		p.Line(c[0]+hx*gap, c[1], c[0]+hx*(gap+ln), c[1])
		p.Line(c[0], c[1]+vy*gap, c[0], c[1]+vy*(gap+ln))
	}
	n := j*across + i + 1
	p.font("", 6.5)
	p.textColor(muted)
	label := p.clean(loc.T("classroom.poster.sheet", "N", n, "Total", across*down, "Row", j+1, "Col", i+1) + " · " + loc.T("classroom.poster.cut"))
	p.Text(x0+gap+ln+4, y0-gap-1, label)
	p.SetDashPattern([]float64{3, 2}, 0)
	if i < across-1 { // the right glue strip, marked in the margins
		gx := x1 - psGlue
		p.fillColor(color.NRGBA{0xe4, 0xe4, 0xe4, 0xff})
		p.Rect(gx, y0-m+2, psGlue, m-2-gap-ln-1, "F")
		p.Rect(gx, y1+gap+ln+1, psGlue, m-2-gap-ln-1, "F")
		p.Line(gx, 2, gx, y0-gap)
		p.Line(gx, y1+gap, gx, sh-2)
		p.SetDashPattern(nil, 0)
		p.font("", 6.5)
		p.textColor(muted)
		t := p.clean(loc.T("classroom.poster.glue_right", "Next", n+1))
		p.Text(gx-4-p.GetStringWidth(t), y1+gap+ln, t)
		p.SetDashPattern([]float64{3, 2}, 0)
	}
	if j < down-1 { // the bottom glue strip
		gy := y1 - psGlue
		p.fillColor(color.NRGBA{0xe4, 0xe4, 0xe4, 0xff})
		p.Rect(2, gy, m-2-gap-ln-1, psGlue, "F")
		p.Rect(x1+gap+ln+1, gy, m-2-gap-ln-1, psGlue, "F")
		p.Line(2, gy, x0-gap, gy)
		p.Line(x1+gap, gy, sw-2, gy)
		p.SetDashPattern(nil, 0)
		p.font("", 6.5)
		p.textColor(muted)
		t := p.clean(loc.T("classroom.poster.glue_below", "Next", n+across))
		p.Text(x0+gap+ln+4, y1+gap+ln, t)
	}
	p.SetDashPattern(nil, 0)
}

// flowLegendSize is the height flowLegend would take, without drawing.
func flowLegendSize(d *doc, cats []data.Category, sts []data.Status, width, size, marker float64) float64 {
	rowH := max(size, marker) + 5
	rows := 0
	measure := func(labels []string) {
		if len(labels) == 0 {
			return
		}
		rows++
		cx := 0.0
		d.font("", size)
		for _, l := range labels {
			w := marker + 4 + d.GetStringWidth(d.clean(l)) + 12
			if cx > 0 && cx+w > width {
				rows++
				cx = 0
			}
			cx += w
		}
	}
	var cl, sl []string
	for _, c := range cats {
		cl = append(cl, d.loc.T("category."+string(c)))
	}
	for _, s := range sts {
		sl = append(sl, d.loc.T("status."+string(s)))
	}
	measure(cl)
	measure(sl)
	return float64(rows)*rowH + 6
}
