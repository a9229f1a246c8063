package ui

import (
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/i18n"
	"aitimeline/ui/timeline"
)

// slideContent is what one screen shows, as rows to fit, with the icons
// (avatars, the status marker) that some columns start with.
type slideContent struct {
	rows   []fitRow
	icons  map[[2]int]slideIcon // by row and column
	centre bool                 // centred vertically (the title screen)
	header int                  // rows from here on are the body (see presentRoot.setBodyVisible)
	keep   int                  // the first rows, repeated on a continuation screen (see paginate)
}

type slideIcon struct {
	person, name string // an avatar, or else
	cat          data.Category
	st           data.Status // a status marker
}

// slideGeometry is where the parts of the screen go at a window size:
// everything is proportional to the window, so the slide looks the same
// from the back of the room at 1024×768 and at 1920×1080.
type slideGeometry struct {
	W, H        float32
	MarginX     float32
	Top         float32
	StripH      float32 // 0 when the strip is hidden
	Bottom      float32 // where the slide's text ends
	CounterSize float32
	Limits      fitLimits
}

func newSlideGeometry(size fyne.Size, strip bool) slideGeometry {
	// The sizes a slide starts from scale with the square root of the area
	// (1 at 1920×1080): a 4:3 projector's narrower lines then get text as
	// large as a wide one's in proportion to the picture. The floors, what
	// the back of the room must be able to read (48 px titles and 28 px
	// body text at 1920×1080), scale with the height, as the picture does
	// on the wall; a slide with more text goes on on a second screen
	// rather than below them (see paginate).
	u := float32(math.Sqrt(float64(size.Width*size.Height) / (1920 * 1080)))
	u = min(max(u, 0.3), 3)
	px := func(v float32) float32 { return float32(math.Round(float64(v * u))) }
	uh := min(max(size.Height/1080, 0.2), 3)
	floor := func(v float32) float32 { return float32(math.Ceil(float64(v*uh) - 0.01)) }
	g := slideGeometry{W: size.Width, H: size.Height, MarginX: size.Width * 0.05, Top: size.Height * 0.04,
		CounterSize: px(26)}
	g.Bottom = size.Height - size.Height*0.04
	if strip {
		g.StripH = size.Height * 0.13
		g.Bottom = size.Height - g.StripH - size.Height*0.015
	}
	fl := fitSizes{Title: floor(48), Body: floor(28)}
	g.Limits = fitLimits{
		Start: fitSizes{Title: max(fl.Title, px(64)), Body: max(fl.Body, px(36))},
		Floor: fl,
		Min:   max(8, float32(math.Floor(float64(fl.Body)*0.6))),
	}
	return g
}

// boxW and boxH are the room for the slide's text.
func (g slideGeometry) boxW() float32 { return g.W - 2*g.MarginX }
func (g slideGeometry) boxH() float32 { return g.Bottom - g.Top }

// slideText is what a slide needs from the session: names and the localizer.
type slideText struct {
	loc    *i18n.Localizer
	person func(id string) string
	party  func(id string) string
}

// stopContent is a stop's screen: date and category, title, claim status in
// plain words, summary, each side's account, the people with their role
// in this event, and a short source line. With ev nil (details not read
// yet) it shows what the index knows: date, title, status.
func (st slideText) stopContent(idx *data.Index, i int, ev *data.Event, g slideGeometry, counterW float32) slideContent {
	loc := st.loc
	bold := fyne.TextStyle{Bold: true}
	c := slideContent{icons: map[[2]int]slideIcon{}}
	add := func(before float32, cols ...fitCol) int {
		c.rows = append(c.rows, fitRow{Cols: cols, Before: before})
		return len(c.rows) - 1
	}
	para := func(role fitRole, runs ...fitRun) fitPara { return fitPara{Runs: runs, Role: role, Before: 0.25} }
	cat, status := idx.Category(i), idx.Status(i)
	date := loc.DateRange(idx.Date(i), idx.End(i))
	r := add(0, fitCol{Paras: []fitPara{para(fitBody, fitRun{date, bold}, fitRun{" · " + loc.T("category."+string(cat)), fyne.TextStyle{}})}})
	c.rows[r].Right = counterW
	add(0.35, fitCol{Paras: []fitPara{para(fitTitle, fitRun{idx.Title(i, loc.Lang()), bold})}})
	r = add(0.5, fitCol{Icon: 0.9, Paras: []fitPara{para(fitBody,
		fitRun{loc.T("present.status") + " ", fyne.TextStyle{}},
		fitRun{loc.T("status." + string(status)), bold},
		fitRun{" – " + loc.T("status_help."+string(status)), fyne.TextStyle{}})}})
	c.icons[[2]int{r, 0}] = slideIcon{cat: cat, st: status}
	c.header, c.keep = len(c.rows), 2 // date and title go on with a continued stop
	if ev == nil {
		return c
	}
	add(0.7, fitCol{Paras: []fitPara{para(fitBody, fitRun{loc.Text(ev.Summary), fyne.TextStyle{}})}})
	if len(ev.Accounts) > 0 {
		var cols []fitCol
		for _, a := range ev.Accounts {
			cols = append(cols, fitCol{Paras: []fitPara{
				para(fitBody, fitRun{loc.T("present.account", "Party", st.party(a.Party)), bold}),
				para(fitBody, fitRun{loc.Text(a.Text), fyne.TextStyle{}}),
			}})
		}
		add(0.8, cols...)
	}
	if n := len(ev.People); n > 0 {
		k := 2
		if g.boxW() >= 45*g.Limits.Start.Body {
			k = 3
		}
		k = min(k, n)
		for start := 0; start < n; start += k {
			var cols []fitCol
			for j := start; j < start+k; j++ {
				if j >= n {
					cols = append(cols, fitCol{})
					continue
				}
				p := ev.People[j]
				paras := []fitPara{para(fitBody, fitRun{st.person(p.PersonID), bold})}
				if role := loc.Text(p.Role); role != "" {
					paras = append(paras, fitPara{Runs: []fitRun{{role, fyne.TextStyle{}}}})
				}
				cols = append(cols, fitCol{Icon: 1.6, Paras: paras})
			}
			before := float32(0.5)
			if start == 0 {
				before = 0.8
			}
			r := add(before, cols...)
			for j := start; j < start+k && j < n; j++ {
				c.icons[[2]int{r, j - start}] = slideIcon{person: ev.People[j].PersonID, name: st.person(ev.People[j].PersonID)}
			}
		}
	}
	if line := sourceLine(loc, ev.Sources); line != "" {
		add(0.8, fitCol{Paras: []fitPara{para(fitBody, fitRun{line, fyne.TextStyle{Italic: true}})}})
	}
	return c
}

// sourceLine names the first two sources (publisher and date) and counts
// the rest: enough to show the class where it comes from.
func sourceLine(loc *i18n.Localizer, srcs []data.Source) string {
	if len(srcs) == 0 {
		return ""
	}
	var parts []string
	for _, s := range srcs[:min(2, len(srcs))] {
		p := s.Publisher
		if d, err := data.ParseDate(s.Date); err == nil {
			p += ", " + loc.ShortDate(d)
		}
		parts = append(parts, p)
	}
	line := loc.N("present.sources", len(srcs), "List", strings.Join(parts, " · "))
	if more := len(srcs) - 2; more > 0 {
		line += " " + loc.N("present.sources_more", more)
	}
	return line
}

// titleContent is a tour's first screen: its title and introduction.
func (st slideText) titleContent(d *deck) slideContent {
	loc := st.loc
	c := slideContent{centre: true, header: 2}
	c.rows = []fitRow{
		{Cols: []fitCol{{Paras: []fitPara{{Runs: []fitRun{{loc.N("present.tour_stops", d.Len()), fyne.TextStyle{Bold: true}}}}}}}},
		{Before: 0.4, Cols: []fitCol{{Paras: []fitPara{{Role: fitTitle, Runs: []fitRun{{loc.Text(d.title), fyne.TextStyle{Bold: true}}}}}}}},
		{Before: 0.8, Cols: []fitCol{{Paras: []fitPara{{Runs: []fitRun{{loc.Text(d.intro), fyne.TextStyle{}}}}}}}},
		{Before: 1.4, Cols: []fitCol{{Paras: []fitPara{{Runs: []fitRun{{loc.T("present.begin"), fyne.TextStyle{Italic: true}}}}}}}},
	}
	return c
}

// presentRoot is the presentation window's content: the slide, the strip,
// the stop counter, a typed stop number, and the black or white screen
// over everything. A click goes to the next stop, a right click back; the
// pointer hides after a while without movement.
type presentRoot struct {
	widget.BaseWidget
	strip     *presentStrip
	counter   *canvas.Text
	prompt    *canvas.Text
	promptBg  *canvas.Rectangle
	blank     *canvas.Rectangle
	slide     []fyne.CanvasObject
	body      []fyne.CanvasObject // the slide's objects below its header (see setBodyVisible)
	bodyOff   bool
	lay       fitLayout // the slide's text as laid out
	build     func(g slideGeometry, counterW float32) slideContent
	content   slideContent   // the screen shown: pages[page]
	pages     []slideContent // the stop's screens (more than one when it does not fit on one)
	page      int
	counterOf slideCounter // the stop counter for each of its screens
	tm        *textMeasurer
	showStrip bool
	hidden    bool // the pointer is hidden

	onTap, onBack func()
	onMove        func()
	size          fyne.Size
	objects       []fyne.CanvasObject
}

var (
	_ fyne.Tappable          = (*presentRoot)(nil)
	_ fyne.SecondaryTappable = (*presentRoot)(nil)
	_ desktop.Hoverable      = (*presentRoot)(nil)
	_ desktop.Cursorable     = (*presentRoot)(nil)
)

func newPresentRoot(strip *presentStrip, tm *textMeasurer) *presentRoot {
	r := &presentRoot{strip: strip, tm: tm, showStrip: true,
		counter: canvas.NewText("", color.Black), prompt: canvas.NewText("", color.Black),
		promptBg: canvas.NewRectangle(color.Transparent), blank: canvas.NewRectangle(color.Black)}
	r.counter.Alignment = fyne.TextAlignTrailing
	r.prompt.TextStyle.Bold = true
	r.blank.Hide()
	r.promptBg.Hide()
	r.prompt.Hide()
	r.ExtendBaseWidget(r)
	return r
}

// Tapped goes to the next stop (or ends a black or white screen).
func (r *presentRoot) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

// TappedSecondary goes back one stop.
func (r *presentRoot) TappedSecondary(*fyne.PointEvent) {
	if r.onBack != nil {
		r.onBack()
	}
}

// MouseIn shows the pointer.
func (r *presentRoot) MouseIn(*desktop.MouseEvent) { r.moved() }

// MouseMoved shows the pointer.
func (r *presentRoot) MouseMoved(*desktop.MouseEvent) { r.moved() }

// MouseOut implements desktop.Hoverable.
func (r *presentRoot) MouseOut() {}

func (r *presentRoot) moved() {
	if r.onMove != nil {
		r.onMove()
	}
}

// Cursor is hidden while the pointer rests (Fyne asks only when it moves;
// PointerHider applies the change at once).
func (r *presentRoot) Cursor() desktop.Cursor {
	if r.hidden {
		return desktop.HiddenCursor
	}
	return desktop.DefaultCursor
}

// Resize lays the slide out again for the new size: the text is fitted
// to the window, so a new size is a new fit.
func (r *presentRoot) Resize(s fyne.Size) {
	if s == r.size {
		return
	}
	r.size = s
	r.BaseWidget.Resize(s)
	r.rebuild()
}

// setContent shows new content (a stop, the title screen): build makes it
// for a window's geometry, in the current language, whenever the window
// size or the language changes.
// counter says the stop counter on each of the stop's screens (nil: none).
// The screen shown stays (a language switch, details read later); setPage
// chooses another.
func (r *presentRoot) setContent(build func(g slideGeometry, counterW float32) slideContent, counter slideCounter) {
	r.build = build
	r.counterOf = counter
	r.rebuild()
}

// slideCounter is the stop counter on screen page (from 0) of a stop shown
// on pages screens: "6 / 12", or with the screen ("6 / 12 (part 1/3)",
// "6 / 12 (continued, part 2/3)") so that a presenter knows how much of
// the stop is still to come.
type slideCounter func(page, pages int) string

// counterForms are the (page, pages) whose counters the room at the top
// right is measured for: one screen, the first of several, a continuation
// (nine screens: more do not happen at the text size floors).
var counterForms = [][2]int{{0, 1}, {0, 9}, {8, 9}}

// setPage shows screen n of the current stop.
func (r *presentRoot) setPage(n int) {
	r.page = n
	r.rebuild()
}

// morePages reports whether the stop goes on on another screen.
func (r *presentRoot) morePages() bool { return r.page < len(r.pages)-1 }

// setStrip shows or hides the strip; the slide gets or gives the room.
func (r *presentRoot) setStrip(on bool) {
	r.showStrip = on
	r.rebuild()
}

// setPrompt shows a typed stop number ("" hides it).
func (r *presentRoot) setPrompt(s string) {
	r.prompt.Text = s
	r.Refresh()
}

// setBlank covers everything in c (nil: uncovers). The whole widget is
// refreshed: the cover, hidden until now, was never drawn, so the canvas
// would not know it and its own Refresh would not repaint.
func (r *presentRoot) setBlank(c color.Color) {
	if c == nil {
		r.blank.Hide()
	} else {
		r.blank.FillColor = c
		r.blank.Show()
	}
	r.Refresh()
}

// counterWidth is the room the stop counter takes at the top right.
func (r *presentRoot) counterWidth(g slideGeometry) float32 {
	w := float32(0)
	if r.counterOf == nil {
		return 0
	}
	for _, f := range counterForms {
		if c := r.counterOf(f[0], f[1]); c != "" {
			w = max(w, fyne.MeasureText(c, g.CounterSize, fyne.TextStyle{}).Width+g.CounterSize)
		}
	}
	return w
}

// geometry is the layout for the current size.
func (r *presentRoot) geometry() slideGeometry { return newSlideGeometry(r.size, r.showStrip) }

// rebuild fits the content to the window and makes its objects.
func (r *presentRoot) rebuild() {
	if r.size.Width <= 0 || r.size.Height <= 0 {
		return
	}
	g := r.geometry()
	full := slideContent{}
	if r.build != nil {
		full = r.build(g, r.counterWidth(g))
	}
	r.pages = paginate(full, g.boxW(), g.boxH(), g.Limits, r.tm)
	r.page = max(0, min(r.page, len(r.pages)-1))
	r.content = r.pages[r.page]
	r.counter.Text = ""
	if r.counterOf != nil {
		r.counter.Text = r.counterOf(r.page, len(r.pages))
	}
	r.lay = fitSlide(r.content.rows, g.boxW(), g.boxH(), g.Limits, r.tm)
	fg := r.fg()
	top := g.Top
	if r.content.centre {
		top += max(0, (g.boxH()-r.lay.Height)/2)
	}
	r.slide, r.body = r.slide[:0], r.body[:0]
	for _, ic := range r.lay.Icons {
		spec, ok := r.content.icons[[2]int{ic.Row, ic.Col}]
		if !ok {
			continue
		}
		y := top + ic.Y
		if lh := r.tm.lineHeight(r.lay.Sizes.Body); ic.Side < lh {
			y += (lh - ic.Side) / 2 // centred on the first line
		}
		var o fyne.CanvasObject
		if spec.person != "" {
			o = avatar(spec.person, spec.name, ic.Side)
		} else {
			o = timeline.NewSwatch(spec.cat, spec.st, ic.Side)
		}
		o.Move(fyne.NewPos(g.MarginX+ic.X, y))
		o.Resize(fyne.NewSquareSize(ic.Side))
		r.slide = append(r.slide, o)
		if ic.Row >= r.content.header {
			r.body = append(r.body, o)
		}
	}
	for _, ln := range r.lay.Lines {
		for _, sg := range ln.Segs {
			t := canvas.NewText(sg.Text, fg)
			t.TextSize, t.TextStyle = ln.Size, sg.Style
			t.Move(fyne.NewPos(g.MarginX+sg.X, top+ln.Y))
			t.Resize(t.MinSize())
			r.slide = append(r.slide, t)
			if ln.Row >= r.content.header {
				r.body = append(r.body, t)
			}
		}
	}
	r.setBodyVisible(!r.bodyOff)
}

// setBodyVisible shows or hides the slide below its header (date, title,
// claim status). The light transition hides it while the strip moves:
// under a software renderer every painted pixel costs in every frame, and
// the text of a full slide halves the frame rate.
func (r *presentRoot) setBodyVisible(on bool) {
	r.bodyOff = !on
	for _, o := range r.body {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
	r.Refresh()
}

func (r *presentRoot) fg() color.Color {
	return r.Theme().Color(theme.ColorNameForeground, fyne.CurrentApp().Settings().ThemeVariant())
}

// CreateRenderer implements fyne.Widget.
func (r *presentRoot) CreateRenderer() fyne.WidgetRenderer { return &presentRootRenderer{r: r} }

type presentRootRenderer struct{ r *presentRoot }

func (rr *presentRootRenderer) Destroy()                     {}
func (rr *presentRootRenderer) MinSize() fyne.Size           { return fyne.NewSize(320, 240) }
func (rr *presentRootRenderer) Objects() []fyne.CanvasObject { return rr.r.objects }

// Refresh re-reads the colours and collects the objects.
func (rr *presentRootRenderer) Refresh() {
	r := rr.r
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := r.Theme()
	fg := th.Color(theme.ColorNameForeground, v)
	r.counter.Color, r.prompt.Color = fg, th.Color(theme.ColorNameBackground, v)
	for _, o := range r.slide { // after a theme change
		if t, ok := o.(*canvas.Text); ok {
			t.Color = fg
		}
	}
	r.promptBg.FillColor = fg
	// No background rectangle: the window is cleared in the theme's
	// background colour anyway, and a full-window rectangle halves the
	// frame rate under Mesa's software renderer (measured).
	r.objects = append(r.objects[:0], r.slide...)
	r.objects = append(r.objects, r.strip, r.counter, r.promptBg, r.prompt, r.blank)
	rr.Layout(r.size)
	for _, o := range []fyne.CanvasObject{r.counter, r.prompt, r.promptBg} {
		o.Refresh()
	}
}

// Layout places the fixed parts; the slide's objects were placed by rebuild.
func (rr *presentRootRenderer) Layout(size fyne.Size) {
	r := rr.r
	g := newSlideGeometry(size, r.showStrip)
	r.blank.Move(fyne.NewPos(0, 0))
	r.blank.Resize(size)
	r.counter.TextSize = g.CounterSize
	cs := r.counter.MinSize()
	y := g.Top
	if r.lay.Sizes.Body > 0 { // on the first line of text
		y += (r.tm.lineHeight(r.lay.Sizes.Body) - cs.Height) / 2
	}
	r.counter.Move(fyne.NewPos(size.Width-g.MarginX-cs.Width, y))
	r.counter.Resize(cs)
	if r.showStrip {
		r.strip.Show()
		r.strip.Move(fyne.NewPos(0, size.Height-g.StripH))
		r.strip.Resize(fyne.NewSize(size.Width, g.StripH))
	} else {
		r.strip.Hide()
	}
	if r.prompt.Text == "" {
		r.prompt.Hide()
		r.promptBg.Hide()
		return
	}
	r.prompt.TextSize = g.CounterSize * 1.4
	ps := r.prompt.MinSize()
	pad := g.CounterSize * 0.6
	var x float32
	x, y = size.Width-g.MarginX-ps.Width, g.Bottom-ps.Height
	r.promptBg.Move(fyne.NewPos(x-pad, y-pad/2))
	r.promptBg.Resize(fyne.NewSize(ps.Width+2*pad, ps.Height+pad))
	r.prompt.Move(fyne.NewPos(x, y))
	r.prompt.Resize(ps)
	r.promptBg.Show()
	r.prompt.Show()
}
