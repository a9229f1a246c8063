package ui

import (
	"image"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"aitimeline/data"
	"aitimeline/i18n"
	"aitimeline/ui/chrono"
	"aitimeline/ui/raster"
	"aitimeline/ui/timeline"
)

// RenderOptions describe a picture of the timeline view.
type RenderOptions struct {
	Width, Height int
	Scale         float32   // 1, 2 or 3: pixels per unit (0 means 1)
	From, To      data.Date // zero: the whole timeline (unless View is set)
	View          *chrono.Viewport
	Lanes         timeline.LaneMode
	Filter        func(int) bool // events shown (nil: all)
	Marked        func(int) bool // search hits (nil: none dimmed)
	Selected      int            // -1: none
	Now           time.Time      // the "today" line; zero means time.Now()
	Fonts         *raster.Fonts  // nil: a new cache
}

// RenderTimeline paints the timeline view (title, the timeline, the overview
// and the legend) with the current app's theme into an image, drawing the
// canvas objects itself (package raster): no display, no Fyne test package.
// A Fyne app must be current: the window's in the app, raster.NewHeadless in
// tools.
func RenderTimeline(td *timeline.Data, meta data.Meta, loc *i18n.Localizer, opt RenderOptions) *image.RGBA {
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	if opt.Fonts == nil {
		opt.Fonts = raster.NewFonts()
	}
	W, H := float32(opt.Width), float32(opt.Height)
	pad := th.Size(theme.SizeNamePadding) * 2
	fg := th.Color(theme.ColorNameForeground, v)
	muted := th.Color(theme.ColorNamePlaceHolder, v)
	im := raster.NewImage(W, H, opt.Scale, th.Color(theme.ColorNameBackground, v), opt.Fonts)

	tl := timeline.New(td, loc)
	if !opt.Now.IsZero() {
		now := opt.Now
		tl.SetNow(func() time.Time { return now })
	}
	tl.SetLaneMode(opt.Lanes)
	tl.SetFilter(opt.Filter)
	if opt.Marked != nil {
		tl.SetMarked(opt.Marked)
	}

	// Header: the app's name and what the picture shows.
	headSize := th.Size(theme.SizeNameHeadingText)
	textSize := th.Size(theme.SizeNameText)
	y := pad
	im.Text(fyne.NewPos(pad, y), fyne.NewSize(W-2*pad, headSize), loc.T("app.name"), headSize, fyne.TextStyle{Bold: true}, fg, fyne.TextAlignLeading)
	y += headSize * 1.4
	window := loc.T("timeline.not_covered", "Date", loc.Date(meta.AsOf))
	if opt.View == nil && (!opt.From.IsZero() || !opt.To.IsZero()) {
		from, to := opt.From, opt.To
		if from.IsZero() {
			from = data.MustDate(chrono.Time(td.Limits.Min).Format("2006-01-02"))
		}
		if to.IsZero() {
			to = meta.AsOf
		}
		window = loc.DateRange(from, to) + " · " + window
	}
	im.Text(fyne.NewPos(pad, y), fyne.NewSize(W-2*pad, textSize), loc.T("app.tagline")+" · "+window, textSize, fyne.TextStyle{}, muted, fyne.TextAlignLeading)
	y += textSize * 1.8

	// The legend's height depends on the width: lay it out first.
	legend := legendItems(loc)
	small := th.Size(theme.SizeNameCaptionText)
	legendH := layoutLegend(legend, W-2*pad, small, opt.Fonts)
	const overviewH = 44
	tlH := H - y - pad - overviewH - pad/2 - legendH - pad
	tl.Resize(fyne.NewSize(W-2*pad, max(tlH, 120)))
	switch {
	case opt.View != nil:
		vp := *opt.View
		vp.Width = W - 2*pad
		tl.SetViewport(vp)
	case !opt.From.IsZero() || !opt.To.IsZero():
		vp := tl.Viewport()
		if !opt.From.IsZero() {
			vp.Start = chrono.Seconds(opt.From.Time())
		}
		if !opt.To.IsZero() {
			vp.End = chrono.Seconds(opt.To.EndTime())
		}
		tl.SetViewport(vp)
	}
	if opt.Selected >= 0 {
		tl.Select(opt.Selected)
	}
	tl.Refresh()
	im.Objects(tl.CanvasObjects(), fyne.NewPos(pad, y))
	y += tl.Size().Height + pad/2

	ov := timeline.NewOverview(tl)
	ov.SetFilter(opt.Filter)
	ov.Resize(fyne.NewSize(W-2*pad, overviewH))
	ov.Refresh()
	im.Objects(ov.CanvasObjects(), fyne.NewPos(pad, y))
	y += overviewH + pad

	paintLegend(im, legend, pad, y, small, fg, th.Color(theme.ColorNameForeground, v))
	return im.Dst
}

// legendItem is one entry of the legend: a marker and its meaning.
type legendItem struct {
	cat       data.Category
	st        data.Status
	label     string
	x, y      float32 // placed by layoutLegend
	newRow    bool
	textWidth float32
}

func legendItems(loc *i18n.Localizer) []legendItem {
	var out []legendItem
	for _, c := range data.Categories {
		out = append(out, legendItem{cat: c, st: data.StFact, label: loc.T("category." + string(c))})
	}
	for k, s := range data.Statuses {
		out = append(out, legendItem{cat: data.CatGovernance, st: s, label: loc.T("status." + string(s)), newRow: k == 0})
	}
	return out
}

// layoutLegend places the items in rows that wrap at width (categories,
// then claim statuses from a new row) and returns the height they take.
func layoutLegend(items []legendItem, width, size float32, fonts *raster.Fonts) float32 {
	const marker, gap = 14, 18
	rowH := size * 1.8
	x, y := float32(0), float32(0)
	for i := range items {
		it := &items[i]
		s, _ := fonts.Measure(it.label, size, fyne.TextStyle{})
		it.textWidth = s.Width
		w := marker + 6 + s.Width
		if (it.newRow && i > 0) || (x > 0 && x+w > width) {
			x, y = 0, y+rowH
		}
		it.x, it.y = x, y
		x += w + gap
	}
	return y + rowH
}

func paintLegend(im *raster.Image, items []legendItem, x0, y0, size float32, fg, outlineBase color.Color) {
	const marker = 14
	r, g, b, _ := outlineBase.RGBA()
	outline := color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0x60}
	for _, it := range items {
		x, y := x0+it.x, y0+it.y
		lk := timeline.MarkerOf(timeline.CategoryColor(it.cat), timeline.StatusShape(it.st), 0, outline)
		box := fyne.NewSize(marker, marker)
		pos := fyne.NewPos(x, y+(size*1.3-marker)/2)
		if lk.Shape.Sides == 0 {
			im.Circle(pos, box, lk.Fill, lk.Stroke, lk.StrokeWidth)
		} else {
			im.Polygon(pos, box, lk.Shape.Sides, lk.Shape.Angle, lk.Fill, lk.Stroke, lk.StrokeWidth)
		}
		im.Text(fyne.NewPos(x+marker+6, y), fyne.NewSize(it.textWidth, size), it.label, size, fyne.TextStyle{}, fg, fyne.TextAlignLeading)
	}
}
