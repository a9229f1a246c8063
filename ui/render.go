package ui

import (
	"image"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/i18n"
	"aitimeline/ui/chrono"
	"aitimeline/ui/timeline"
)

// RenderOptions describe a headless render of the timeline view.
type RenderOptions struct {
	Width, Height int
	From, To      data.Date // zero: the whole timeline
	Theme         ThemeChoice
	Lanes         timeline.LaneMode
	Now           time.Time // the "today" line; zero means time.Now()
}

// RenderTimeline paints the main timeline view (title, timeline, legend) with
// Fyne's software painter, no display needed. A Fyne app must be current
// (test.NewApp() in tools and tests).
func RenderTimeline(td *timeline.Data, meta data.Meta, loc *i18n.Localizer, opt RenderOptions) image.Image {
	fyne.CurrentApp().Settings().SetTheme(NewTheme(opt.Theme, 1))
	tl := timeline.New(td, loc)
	if !opt.Now.IsZero() {
		now := opt.Now
		tl.SetNow(func() time.Time { return now })
	}
	tl.SetLaneMode(opt.Lanes)
	title := canvas.NewText(loc.T("app.name"), theme.Color(theme.ColorNameForeground))
	title.TextSize = theme.TextHeadingSize()
	title.TextStyle.Bold = true
	window := loc.T("timeline.as_of") + ": " + loc.Date(meta.AsOf)
	if !opt.From.IsZero() || !opt.To.IsZero() {
		from, to := opt.From, opt.To
		if from.IsZero() {
			from = data.MustDate(chrono.Time(td.Limits.Min).Format("2006-01-02"))
		}
		if to.IsZero() {
			to = meta.AsOf
		}
		window = loc.DateRange(from, to) + " · " + window
	}
	sub := widget.NewLabel(loc.T("app.tagline") + " · " + window)
	head := container.NewVBox(title, sub)
	content := container.NewBorder(head, container.NewVBox(timeline.NewOverview(tl), timeline.NewLegend(loc)), nil, nil, tl)
	c := software.NewCanvas()
	c.SetContent(container.NewPadded(content))
	c.Resize(fyne.NewSize(float32(opt.Width), float32(opt.Height)))
	if !opt.From.IsZero() || !opt.To.IsZero() {
		v := tl.Viewport()
		if !opt.From.IsZero() {
			v.Start = chrono.Seconds(opt.From.Time())
		}
		if !opt.To.IsZero() {
			v.End = chrono.Seconds(opt.To.EndTime())
		}
		tl.SetViewport(v)
	}
	return c.Capture()
}
