package ui

import (
	"context"
	"image/color"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/data/userdb"
)

// fakeClock drives the presenter's timers by hand.
type fakeClock struct {
	t      time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	at      time.Time
	f       func()
	stopped bool
}

func (c *fakeClock) now() time.Time { return c.t }

func (c *fakeClock) after(d time.Duration, f func()) func() {
	tm := &fakeTimer{at: c.t.Add(d), f: f}
	c.timers = append(c.timers, tm)
	return func() { tm.stopped = true }
}

// advance moves the clock and fires the timers due.
func (c *fakeClock) advance(d time.Duration) {
	c.t = c.t.Add(d)
	for {
		fired := false
		for _, tm := range c.timers {
			if !tm.stopped && !tm.at.After(c.t) {
				tm.stopped, fired = true, true
				tm.f()
			}
		}
		if !fired {
			return
		}
	}
}

// presentHarness is the main window with its presenter on fake timers.
type presentHarness struct {
	*harness
	p     *Presenter
	clock *fakeClock
}

func newPresentHarness(t *testing.T, lang data.Lang, opt ...Options) *presentHarness {
	t.Helper()
	h := newHarness(t, lang, opt...)
	h.a.Settings().SetTheme(NewTheme(ThemeLight, 1)) // the app's fonts: what is measured is what the app draws
	var p *Presenter
	for _, pane := range h.panes {
		if pp, ok := pane.(*Presenter); ok {
			p = pp
		}
	}
	if p == nil {
		t.Fatal("NewMain did not register the presenter")
	}
	c := &fakeClock{t: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)}
	p.now, p.after = c.now, c.after
	return &presentHarness{harness: h, p: p, clock: c}
}

// start presents a tour in a window of the given size and waits for the
// details.
func (h *presentHarness) startTour(t *testing.T, id string, start int, size fyne.Size) {
	t.Helper()
	h.p.PresentTour(id, start)
	if !h.p.Active() {
		t.Fatalf("tour %s did not start", id)
	}
	h.p.show.w.Resize(size)
	h.flush()
}

func (h *presentHarness) press(keys ...fyne.KeyName) {
	for _, k := range keys {
		h.p.show.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k})
		h.flush()
	}
}

// screenText is what the presentation window shows, words joined by single spaces.
func (h *presentHarness) screenText() string {
	return strings.Join(strings.Fields(objectStrings(h.p.show.root)), " ")
}

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

func (h *presentHarness) tourEvents(t *testing.T, id string) []int {
	t.Helper()
	tour, ok := h.S.TourByID(id)
	if !ok {
		t.Fatalf("no tour %s", id)
	}
	var out []int
	for _, st := range tour.Stops {
		out = append(out, h.S.Idx.Find(st.EventID))
	}
	return out
}

const tour12 = "conflict-in-12-steps"

func TestPresentNavigation(t *testing.T) {
	h := newPresentHarness(t, data.EN)
	evs := h.tourEvents(t, tour12)
	h.startTour(t, tour12, 0, fyne.NewSize(1280, 800))
	tour, _ := h.S.TourByID(tour12)
	if got := h.screenText(); !strings.Contains(got, norm(tour.Title.EN)) || !strings.Contains(got, "12 stops") {
		t.Fatalf("the first screen shows the tour's title and intro, not %q", got)
	}
	if !h.p.show.w.FullScreen() {
		t.Fatal("the presentation is not full screen")
	}
	steps := []struct {
		keys []fyne.KeyName
		stop int // 0: the title screen
	}{
		{[]fyne.KeyName{fyne.KeyLeft}, 0},
		{[]fyne.KeyName{fyne.KeyRight}, 1},
		{[]fyne.KeyName{fyne.KeyPageDown}, 2},
		{[]fyne.KeyName{fyne.KeySpace}, 3},
		{[]fyne.KeyName{fyne.KeyReturn}, 4},
		{[]fyne.KeyName{fyne.KeyLeft}, 3},
		{[]fyne.KeyName{fyne.KeyPageUp}, 2},
		{[]fyne.KeyName{fyne.KeyBackspace}, 1},
		{[]fyne.KeyName{fyne.KeyEnd}, 12},
		{[]fyne.KeyName{fyne.KeyRight}, 12},
		{[]fyne.KeyName{fyne.KeyHome}, 0},
		{[]fyne.KeyName{fyne.Key7, fyne.KeyReturn}, 7},
		{[]fyne.KeyName{fyne.Key1, fyne.Key2, fyne.KeyEnter}, 12},
		{[]fyne.KeyName{fyne.Key9, fyne.Key9, fyne.KeyReturn}, 12}, // no stop 99: stays
		{[]fyne.KeyName{fyne.Key3, fyne.KeyEscape}, 12},            // Esc forgets the number, stays
		{[]fyne.KeyName{fyne.Key0, fyne.KeyReturn}, 0},
	}
	for _, s := range steps {
		h.press(s.keys...)
		if !h.p.Active() {
			t.Fatalf("after %v the presentation ended", s.keys)
		}
		d := h.p.show.d
		if d.Number() != s.stop {
			t.Fatalf("after %v at stop %d, want %d", s.keys, d.Number(), s.stop)
		}
		got := h.screenText()
		if s.stop == 0 {
			continue
		}
		ev := h.ds.Events[evs[s.stop-1]]
		if !strings.Contains(got, norm(ev.Title.EN)) || !strings.Contains(got, norm(ev.Summary.EN)) {
			t.Fatalf("stop %d does not show %s's title and summary: %q", s.stop, ev.ID, got)
		}
		if !strings.Contains(got, norm(h.S.Loc.T("status_help."+string(ev.Status)))) {
			t.Fatalf("stop %d does not explain the claim status", s.stop)
		}
		if want := strconv.Itoa(s.stop) + " / 12"; !strings.Contains(got, want) {
			t.Fatalf("stop %d: no counter %q in %q", s.stop, want, got)
		}
	}
	// A typed number shows until Enter.
	h.press(fyne.Key5)
	if !strings.Contains(h.screenText(), "Go to stop 5") {
		t.Fatal("the typed number is not shown")
	}
	h.press(fyne.KeyReturn)
	if strings.Contains(h.screenText(), "Go to stop") || h.p.show.d.Number() != 5 {
		t.Fatal("Enter did not jump or the prompt stayed")
	}
	// Click: next; right click: back.
	h.p.show.root.Tapped(&fyne.PointEvent{})
	h.flush()
	if h.p.show.d.Number() != 6 {
		t.Fatalf("a click went to %d, want 6", h.p.show.d.Number())
	}
	h.p.show.root.TappedSecondary(&fyne.PointEvent{})
	if h.p.show.d.Number() != 5 {
		t.Fatalf("a right click went to %d, want 5", h.p.show.d.Number())
	}
}

func TestPresentPrefetchesNextStop(t *testing.T) {
	h := newPresentHarness(t, data.EN)
	evs := h.tourEvents(t, tour12)
	h.startTour(t, tour12, 1, fyne.NewSize(1280, 800))
	if h.p.cache[evs[0]] == nil || h.p.cache[evs[1]] == nil {
		t.Fatal("the current and the next stop must be read")
	}
	h.p.show.root.Tapped(&fyne.PointEvent{}) // no flush: the details must be at hand
	if got := h.screenText(); !strings.Contains(got, norm(h.ds.Events[evs[1]].Summary.EN)) {
		t.Fatal("the next stop was not prefetched: its summary is missing until the read lands")
	}
	h.flush()
	if h.p.cache[evs[2]] == nil {
		t.Fatal("stepping on did not prefetch the stop after")
	}
}

func TestPresentLanguageSwitchKeepsStop(t *testing.T) {
	h := newPresentHarness(t, data.EN)
	evs := h.tourEvents(t, tour12)
	h.startTour(t, tour12, 4, fyne.NewSize(1280, 800))
	ev := h.ds.Events[evs[3]]
	h.press(fyne.KeyL)
	if h.S.Loc.Lang() != data.DE || h.p.show.d.Number() != 4 {
		t.Fatalf("L: language %s at stop %d, want de at 4", h.S.Loc.Lang(), h.p.show.d.Number())
	}
	got := h.screenText()
	if !strings.Contains(got, norm(ev.Title.DE)) || !strings.Contains(got, norm(ev.Summary.DE)) || !strings.Contains(got, "Einordnung:") {
		t.Fatalf("the stop is not shown in German: %q", got)
	}
	if strings.Contains(got, norm(ev.Summary.EN)) {
		t.Fatal("the English summary is still shown")
	}
	if h.a.Preferences().String(PrefLang) == "de" {
		t.Fatal("L changed the app's remembered language; it is for the slides")
	}
	if !strings.Contains(h.p.show.w.Title(), "Präsentation") {
		t.Fatalf("window title %q", h.p.show.w.Title())
	}
	h.press(fyne.KeyL)
	if h.S.Loc.Lang() != data.EN || !strings.Contains(h.screenText(), norm(ev.Summary.EN)) || h.p.show.d.Number() != 4 {
		t.Fatal("L again did not switch back on the same stop")
	}
	// Leaving after L: the window is back in the language it had.
	h.press(fyne.KeyL)
	h.press(fyne.KeyEscape)
	h.flush()
	if h.S.Loc.Lang() != data.EN || !strings.Contains(visibleStrings(h.w), "View") {
		t.Fatalf("after Esc the window is in %s; it had English before the presentation", h.S.Loc.Lang())
	}
}

func TestPresentBlankAndWhite(t *testing.T) {
	h := newPresentHarness(t, data.EN)
	h.startTour(t, tour12, 2, fyne.NewSize(640, 400)) // small: the pixels are painted in software
	blank := h.p.show.root.blank
	for _, c := range []struct {
		key  fyne.KeyName
		want color.Color
	}{{fyne.KeyB, color.Black}, {fyne.KeyPeriod, color.Black}, {fyne.KeyW, color.White}, {fyne.KeyComma, color.White}} {
		h.press(c.key)
		if !blank.Visible() || blank.FillColor != c.want || blank.Size() != h.p.show.w.Canvas().Size() {
			t.Fatalf("%s: cover visible %v colour %v size %v", c.key, blank.Visible(), blank.FillColor, blank.Size())
		}
		objs := test.WidgetRenderer(h.p.show.root).Objects()
		if objs[len(objs)-1] != blank {
			t.Fatal("the cover is not on top of everything")
		}
		img := h.p.show.w.Canvas().Capture()
		for _, pt := range [][2]int{{5, 5}, {320, 200}, {50, 395}} {
			if r, g, b, _ := img.At(pt[0], pt[1]).RGBA(); color.Gray16Model.Convert(c.want) != color.Gray16Model.Convert(color.RGBA64{uint16(r), uint16(g), uint16(b), 0xffff}) {
				t.Fatalf("%s: pixel %v is %v", c.key, pt, img.At(pt[0], pt[1]))
			}
		}
		h.press(fyne.KeyRight) // any key returns, and does nothing else
		if blank.Visible() || h.p.show.d.Number() != 2 {
			t.Fatalf("%s then →: cover %v at stop %d, want uncovered at 2", c.key, blank.Visible(), h.p.show.d.Number())
		}
	}
	h.press(fyne.KeyB)
	h.p.show.root.Tapped(&fyne.PointEvent{})
	if blank.Visible() || h.p.show.d.Number() != 2 {
		t.Fatal("a click must uncover without moving on")
	}
}

func TestPresentEscRevealsStop(t *testing.T) {
	h := newPresentHarness(t, data.EN)
	evs := h.tourEvents(t, tour12)
	h.ShowTab("people")
	h.S.SetFilter(Filter{Categories: map[data.Category]bool{data.CatPolitics: true}}) // hides most stops
	h.startTour(t, tour12, 6, fyne.NewSize(1280, 800))
	w := h.p.show.w
	h.press(fyne.KeyEscape)
	if h.p.Active() {
		t.Fatal("Esc did not leave")
	}
	if !closed(w) {
		t.Fatal("the presentation window stayed open")
	}
	if h.S.TL.Selected() != evs[5] || h.SelectedTab() != "timeline" {
		t.Fatalf("the main window shows event %d on tab %s, want %d on the timeline", h.S.TL.Selected(), h.SelectedTab(), evs[5])
	}
	if m := h.S.Match(); m != nil && !m(evs[5]) {
		t.Fatal("the revealed event is hidden by the filter")
	}
	h.flush()
	if !strings.Contains(h.detailText(), h.ds.Events[evs[5]].Title.EN) {
		t.Fatal("the detail pane does not show the stop")
	}
	// F5 resumes the tour where it was left (a clicker's F5/Esc button):
	// nothing holds the focus, so the key reaches the window's handler.
	if f := h.w.Canvas().Focused(); f != nil {
		t.Fatalf("%T keeps the focus and would swallow F5", f)
	}
	h.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
	if !h.p.Active() || h.p.show.d.tourID != tour12 || h.p.show.d.Number() != 6 {
		t.Fatal("F5 after Esc did not resume the tour at stop 6")
	}
	// Closing the window (the window manager's close button) leaves the same way.
	h.p.show.d.Next()
	h.p.Exit()
	if h.S.TL.Selected() != evs[6] {
		t.Fatal("leaving did not reveal the stop")
	}
}

// closed reports whether a window was closed (the driver forgot it).
func closed(w fyne.Window) bool {
	for _, o := range fyne.CurrentApp().Driver().AllWindows() {
		if o == w {
			return false
		}
	}
	return true
}

func TestPresentFromWindowListAndF5(t *testing.T) {
	h := newPresentHarness(t, data.EN)
	tl := h.S.TL
	tl.ShowRange(tl.Data().T[100], tl.Data().T[130])
	rows := h.List.Rows()
	tl.Select(rows[4])
	h.w.Canvas().Unfocus()
	h.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
	h.flush()
	if !h.p.Active() {
		t.Fatal("F5 did not start a presentation")
	}
	d := h.p.show.d
	if d.hasTitle() || d.Len() != len(rows) || d.Event() != rows[4] {
		t.Fatalf("F5 presents %d events from %d, want the %d listed from %d", d.Len(), d.Event(), len(rows), rows[4])
	}
	for k := 1; k < d.Len(); k++ {
		if d.events[k] < d.events[k-1] {
			t.Fatal("not in date order")
		}
	}
	h.p.Exit()
	// Search hits: date order, not rank order.
	h.Search.Entry().SetText("Klage lawsuit")
	h.flush()
	h.p.Present()
	if !h.List.Hits() || h.p.show.d.Len() != h.List.Len() {
		t.Fatalf("F5 with a search presents %d events, the list has %d hits", h.p.show.d.Len(), h.List.Len())
	}
	for k := 1; k < h.p.show.d.Len(); k++ {
		if h.p.show.d.events[k] < h.p.show.d.events[k-1] {
			t.Fatal("hits not presented in date order")
		}
	}
	h.p.Exit()
	// The View menu: Present with F5, Present tour with every tour.
	var present, tours *fyne.MenuItem
	for _, m := range h.w.MainMenu().Items {
		for _, it := range m.Items {
			switch it.Label {
			case "Present":
				present = it
			case "Present tour":
				tours = it
			}
		}
	}
	if present == nil || tours == nil {
		t.Fatal("View menu lacks Present or Present tour")
	}
	if sc, ok := present.Shortcut.(*desktop.CustomShortcut); !ok || sc.KeyName != fyne.KeyF5 {
		t.Fatal("Present does not show F5")
	}
	if len(tours.ChildMenu.Items) != len(h.S.Tours()) || tours.ChildMenu.Items[0].Label != h.S.Tours()[0].Title.EN {
		t.Fatal("Present tour does not list the tours")
	}
	tours.ChildMenu.Items[1].Action()
	h.flush()
	if !h.p.Active() || h.p.show.d.tourID != h.S.Tours()[1].ID || h.p.show.d.Number() != 0 {
		t.Fatal("the tour's menu item does not present it from its title")
	}
	// Every key is explained in Help → Keyboard shortcuts.
	help := ""
	for _, r := range h.KeyHelp() {
		help += r[0] + " " + r[1] + "\n"
	}
	for _, want := range []string{"F5", "Page Down", "Number, then Enter", "B or .", "W or ,", "presenter view", "German and English", "timeline strip"} {
		if !strings.Contains(help, want) {
			t.Errorf("key help lacks %q", want)
		}
	}
}

func TestPresentNothingToPresent(t *testing.T) {
	h := newPresentHarness(t, data.EN)
	h.Search.Entry().SetText("zzqqxxnothing")
	h.flush()
	h.p.Present()
	if h.p.Active() {
		t.Fatal("presented an empty search")
	}
	h.p.PresentTour("no-such-tour", 0)
	if h.p.Active() {
		t.Fatal("presented an unknown tour")
	}
}

// textBounds lists every text object of a tree with its absolute rectangle.
func textBounds(root fyne.CanvasObject) (texts []*canvas.Text, pos []fyne.Position) {
	var walk func(o fyne.CanvasObject, at fyne.Position)
	walk = func(o fyne.CanvasObject, at fyne.Position) {
		if !o.Visible() {
			return
		}
		p := at.Add(o.Position())
		switch x := o.(type) {
		case *canvas.Text:
			if x.Text != "" {
				texts, pos = append(texts, x), append(pos, p)
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c, p)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c, p)
			}
		}
	}
	walk(root, fyne.Position{})
	return texts, pos
}

func longestGerman(ds *data.Dataset) (title, summary data.Event) {
	for _, e := range ds.Events {
		if len([]rune(e.Title.DE)) > len([]rune(title.Title.DE)) {
			title = e
		}
		if len([]rune(e.Summary.DE)) > len([]rune(summary.Summary.DE)) {
			summary = e
		}
	}
	return title, summary
}

func TestPresentTextFits(t *testing.T) {
	h := newPresentHarness(t, data.DE)
	title, summary := longestGerman(h.ds)
	for _, size := range []fyne.Size{{Width: 1920, Height: 1080}, {Width: 1024, Height: 768}} {
		for _, ev := range []data.Event{title, summary} {
			i := h.S.Idx.Find(ev.ID)
			h.S.TL.Select(i)
			h.p.begin(newListDeck([]int{i}, i, h.S.Idx))
			h.p.show.w.Resize(size)
			h.flush()
			root := h.p.show.root
			if got := h.screenText(); !strings.Contains(got, norm(ev.Title.DE)) || !strings.Contains(got, norm(ev.Summary.DE)) {
				t.Fatalf("%v %s: title or summary not shown whole: %q", size, ev.ID, got)
			}
			texts, pos := textBounds(root)
			for k, tx := range texts {
				ms := tx.MinSize()
				if pos[k].X < 0 || pos[k].Y < 0 || pos[k].X+ms.Width > size.Width+0.5 || pos[k].Y+ms.Height > size.Height+0.5 {
					t.Fatalf("%v %s: %q at %v (%v) extends past the window", size, ev.ID, tx.Text, pos[k], ms)
				}
				if strings.Contains(tx.Text, "…") {
					t.Fatalf("%v: text cut with an ellipsis: %q", size, tx.Text)
				}
			}
			// The slide's text stays above the strip.
			stripTop := root.strip.Position().Y
			for _, o := range root.slide {
				st, sp := textBounds(o)
				for k, tx := range st {
					if y := sp[k].Y + tx.MinSize().Height; y > stripTop {
						t.Fatalf("%v %s: %q runs into the strip (%v > %v)", size, ev.ID, tx.Text, y, stripTop)
					}
				}
			}
			lay := root.lay
			if !lay.Fits {
				t.Fatalf("%v %s: does not fit", size, ev.ID)
			}
			if size.Width == 1920 && (lay.Sizes.Title < 48 || lay.Sizes.Body < 28) {
				t.Fatalf("%s at 1920×1080: title %v px, body %v px; want at least 48 and 28", ev.ID, lay.Sizes.Title, lay.Sizes.Body)
			}
			t.Logf("%v %s: title %v body %v", size, ev.ID, lay.Sizes.Title, lay.Sizes.Body)
			h.p.Exit()
		}
	}
}

// TestPresentLongestStopsFit lays out the 30 events with the most text in
// German at the smallest projector size: nothing may overflow. (Every
// event would take seconds: measuring text through Fyne is slow.)
func TestPresentLongestStopsFit(t *testing.T) {
	h := newPresentHarness(t, data.DE)
	st := slideText{loc: h.S.Loc, person: h.S.PersonName, party: h.S.PartyName}
	g := newSlideGeometry(fyne.NewSize(1024, 768), true)
	evs := make([]*data.Event, len(h.ds.Events))
	textLen := func(e *data.Event) int {
		n := len(e.Title.DE) + len(e.Summary.DE)
		for _, a := range e.Accounts {
			n += len(a.Text.DE)
		}
		for _, p := range e.People {
			n += len(p.Role.DE) + 20
		}
		return n
	}
	for k := range h.ds.Events {
		evs[k] = &h.ds.Events[k]
	}
	sort.Slice(evs, func(a, b int) bool { return textLen(evs[a]) > textLen(evs[b]) })
	smallest := g.Limits.Start
	for _, ev := range evs[:30] {
		i := h.S.Idx.Find(ev.ID)
		c := st.stopContent(h.S.Idx, i, ev, g, 60)
		lay := fitSlide(c.rows, g.boxW(), g.boxH(), g.Limits, h.p.tm)
		if !lay.Fits || lay.Height > g.boxH() {
			t.Fatalf("%s does not fit at 1024×768", ev.ID)
		}
		for _, ln := range lay.Lines {
			if segsWidth(ln.Segs) > g.boxW()+0.5 {
				t.Fatalf("%s: a line is %v wide in %v", ev.ID, segsWidth(ln.Segs), g.boxW())
			}
		}
		if lay.Sizes.Body < smallest.Body {
			smallest = lay.Sizes
			t.Logf("%s: %v", ev.ID, smallest)
		}
	}
	t.Logf("smallest sizes at 1024×768: %v (start %v, floor %v)", smallest, g.Limits.Start, g.Limits.Floor)
}

func TestPresentStripFollowsStops(t *testing.T) {
	h := newPresentHarness(t, data.EN)
	evs := h.tourEvents(t, tour12)
	h.startTour(t, tour12, 0, fyne.NewSize(1920, 1080))
	strip := h.p.show.strip
	if strip.View() != strip.full {
		t.Fatal("the title screen's strip shows the whole span")
	}
	frames := 0
	strip.onMov = func() { frames++ }
	for k := 1; k <= len(evs); k++ {
		for h.p.pageNext() { // a stop's continuation screens: the strip stays
			v := strip.View()
			h.press(fyne.KeyRight)
			if strip.View() != v || h.p.show.d.Number() != k-1 {
				t.Fatalf("stop %d: a continuation screen moved the strip or the stop", k-1)
			}
		}
		h.press(fyne.KeyRight)
		v := strip.View()
		tev := h.S.TD.T[evs[k-1]]
		if tev < v.Lo || tev > v.Hi {
			t.Fatalf("stop %d at %v outside the strip's window %v", k, tev, v)
		}
		if v.span() >= strip.full.span() {
			t.Fatalf("stop %d: the strip did not zoom in", k)
		}
		// The current marker is drawn inside the strip, larger than the others.
		r := strip.r
		m := r.markers[k-1]
		if !m.Visible() || m.Position().X < 0 || m.Position().X+m.Size().Width > strip.Size().Width || m.Size().Width <= r.markerSide {
			t.Fatalf("stop %d: current marker at %v size %v in a strip %v wide", k, m.Position(), m.Size(), strip.Size().Width)
		}
		if r.ring.Position().X > m.Position().X || r.ring.Position().X+r.ring.Size().Width < m.Position().X+m.Size().Width {
			t.Fatalf("stop %d: the ring does not surround the current marker", k)
		}
	}
	if frames == 0 {
		t.Fatal("moving between stops did not animate")
	}
	// T hides the strip; the slide gets the room.
	before := h.p.show.root.geometry().Bottom
	h.press(fyne.KeyT)
	if strip.Visible() || h.p.show.root.geometry().Bottom <= before {
		t.Fatal("T did not hide the strip and give its room to the slide")
	}
	h.press(fyne.KeyT)
	if !strip.Visible() {
		t.Fatal("T again did not show the strip")
	}
}

func TestPresentLightTransition(t *testing.T) {
	h := newPresentHarness(t, data.EN)
	h.startTour(t, tour12, 1, fyne.NewSize(1920, 1080))
	root, strip := h.p.show.root, h.p.show.strip
	var during []bool
	strip.onMov = func() { during = append(during, root.bodyOff) }
	h.press(fyne.KeyRight)
	if len(during) == 0 || during[0] || root.bodyOff {
		t.Fatalf("full transition: the body hid (%v)", during)
	}
	h.p.trans.mode = transLight
	during = nil
	h.press(fyne.KeyRight)
	if len(during) == 0 || !during[0] {
		t.Fatal("light transition: the body was shown while the strip moved")
	}
	if root.bodyOff {
		t.Fatal("light transition: the body stayed hidden after the strip arrived")
	}
	// The header stays during the move: date, title, claim status.
	ev := h.ds.Events[h.p.show.d.Event()]
	header := ""
	for _, o := range root.slide {
		if tx, ok := o.(*canvas.Text); ok && !contains(root.body, o) {
			header += tx.Text + " "
		}
	}
	if !strings.Contains(norm(header), norm(ev.Title.EN)) || strings.Contains(norm(header), norm(ev.Summary.EN)) {
		t.Fatalf("the header is %q", header)
	}
	h.p.trans.mode = transJump
	during = nil
	h.press(fyne.KeyRight)
	if len(during) != 0 || h.p.show.d.Number() != 4 {
		t.Fatal("jump: the strip animated")
	}
	v := strip.View()
	if tev := h.S.TD.T[h.p.show.d.Event()]; tev < v.Lo || tev > v.Hi {
		t.Fatal("jump: the strip did not move to the stop")
	}
}

func contains(objs []fyne.CanvasObject, o fyne.CanvasObject) bool {
	for _, x := range objs {
		if x == o {
			return true
		}
	}
	return false
}

func TestPresentPresenterWindow(t *testing.T) {
	h := newPresentHarness(t, data.EN)
	evs := h.tourEvents(t, tour12)
	h.startTour(t, tour12, 3, fyne.NewSize(1280, 800))
	h.press(fyne.KeyP)
	v := h.p.show.presenter
	if v == nil {
		t.Fatal("P did not open the presenter window")
	}
	text := func() string { return objectStrings(v.w.Content()) }
	got := text()
	if !strings.Contains(got, h.ds.Events[evs[2]].Title.EN) || !strings.Contains(got, h.ds.Events[evs[3]].Title.EN) ||
		!strings.Contains(got, "3 / 12") || !strings.Contains(got, "No notes for this stop.") || !strings.Contains(got, "Running for 0:00") {
		t.Fatalf("the presenter window lacks the current and next stop, the notes or the clock: %q", got)
	}
	h.clock.advance(65 * time.Second)
	if !strings.Contains(text(), "Running for 1:05") {
		t.Fatalf("the clock does not run: %q", text())
	}
	// Keys in the presenter window drive the presentation, and both follow.
	v.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	h.flush()
	if h.p.show.d.Number() != 4 || !strings.Contains(text(), "4 / 12") || !strings.Contains(h.screenText(), "4 / 12") {
		t.Fatal("a key in the presenter window did not move both windows")
	}
	v.fwd.OnTapped()
	h.flush()
	if h.p.show.d.Number() != 5 || !strings.Contains(text(), h.ds.Events[evs[4]].Title.EN) {
		t.Fatal("the presenter window's Next button")
	}
	h.press(fyne.KeyLeft) // in the projector's window
	if !strings.Contains(text(), "4 / 12") {
		t.Fatal("the presenter window does not follow the presentation")
	}
	h.press(fyne.KeyL)
	if !strings.Contains(text(), "Als Nächstes") || !strings.Contains(text(), h.ds.Events[evs[4]].Title.DE) {
		t.Fatal("the presenter window does not switch language")
	}
	// Leaving closes it and stops its clock.
	h.press(fyne.KeyEscape)
	if !v.closed || !closed(v.w) {
		t.Fatal("leaving did not close the presenter window")
	}
	for _, tm := range h.clock.timers {
		if !tm.stopped {
			t.Fatal("a timer still runs after leaving")
		}
	}
}

func TestPresentPointerHides(t *testing.T) {
	h := newPresentHarness(t, data.EN)
	var calls []bool
	h.Main.opt.PointerHider = func(w fyne.Window, hide bool) { calls = append(calls, hide) }
	h.startTour(t, tour12, 1, fyne.NewSize(1280, 800))
	root := h.p.show.root
	if root.Cursor() != desktop.DefaultCursor {
		t.Fatal("the pointer is hidden at once")
	}
	h.clock.advance(1500 * time.Millisecond)
	root.MouseMoved(&desktop.MouseEvent{})
	h.clock.advance(1500 * time.Millisecond) // 3 s since the start, 1.5 s since the move
	if root.Cursor() != desktop.DefaultCursor || len(calls) != 0 {
		t.Fatal("the pointer hid although it moved 1.5 s ago")
	}
	h.clock.advance(600 * time.Millisecond)
	if root.Cursor() != desktop.HiddenCursor || len(calls) != 1 || !calls[0] {
		t.Fatalf("the pointer did not hide after 2 s at rest (calls %v)", calls)
	}
	root.MouseMoved(&desktop.MouseEvent{})
	if root.Cursor() != desktop.DefaultCursor || len(calls) != 2 || calls[1] {
		t.Fatal("moving did not show the pointer again")
	}
	h.clock.advance(2100 * time.Millisecond)
	if root.Cursor() != desktop.HiddenCursor {
		t.Fatal("the pointer did not hide again")
	}
	h.press(fyne.KeyEscape)
	if calls[len(calls)-1] {
		t.Fatal("leaving must give the pointer back")
	}
}

func TestPresentRequestAtStart(t *testing.T) {
	h := newPresentHarness(t, data.DE, Options{Present: &PresentRequest{TourID: tour12, Start: 3}})
	if !h.p.Active() || h.p.show.d.tourID != tour12 || h.p.show.d.Number() != 3 {
		t.Fatal("the requested tour did not start at stop 3")
	}
	h.p.Close() // the main window closes: the presentation ends without revealing
	if h.p.Active() {
		t.Fatal("Close left the presentation running")
	}
}

func TestPresentationFollowsOwnEventsChanging(t *testing.T) {
	h := newPresentHarness(t, data.EN)
	nb, err := userdb.Open(context.Background(), filepath.Join(t.TempDir(), "nb.db"), userdb.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer nb.Close()
	p := h.AttachNotebook(nb)
	h.flush()
	h.startTour(t, tour12, 3, fyne.NewSize(1280, 800))
	id := h.S.Idx.ID(h.p.show.d.Event())
	// An own event dated before everything shifts every number by one.
	if _, err := nb.AddOwnEvent(context.Background(), userdb.OwnEvent{Date: data.Date{Year: 2010, Precision: data.Year}, Category: data.CatPublic,
		Title: data.Text{EN: "Early"}, Sources: []data.Source{{URL: "https://example.org/early"}}}); err != nil {
		t.Fatal(err)
	}
	p.Load(false)
	h.flush()
	if got := h.S.Idx.ID(h.p.show.d.Event()); got != id {
		t.Fatalf("the presentation shows %s after the renumbering, want %s", got, id)
	}
	if !strings.Contains(h.screenText(), norm(h.S.EventTitle(h.p.show.d.Event()))) {
		t.Error("the slide does not show its event's title after the renumbering")
	}
}

func TestF5AndF1WorkWhileTheTimelineHasTheFocus(t *testing.T) {
	h := newPresentHarness(t, data.EN)
	c := h.w.Canvas()
	c.Focus(h.S.TL) // as at start: keys go to the focused timeline
	h.S.TL.SelectAndReveal(10)
	h.flush()
	h.S.TL.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	if top := c.Overlays().Top(); top == nil || !strings.Contains(objectStrings(top), "F5") {
		t.Fatal("F1 with the timeline focused did not show the keyboard shortcuts")
	}
	c.Overlays().Remove(c.Overlays().Top())
	h.S.TL.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF5})
	h.flush()
	if !h.p.Active() {
		t.Fatal("F5 with the timeline focused did not start presenting")
	}
}

func TestWelcomePanelOffersToursUntilDismissed(t *testing.T) {
	h := newPresentHarness(t, data.DE)
	if !strings.Contains(h.detailText(), "Einstieg: ") {
		t.Fatalf("first start: no welcome panel:\n%s", h.detailText())
	}
	var start, dismiss *widget.Button
	walkObjects(h.Detail.root, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			switch {
			case b.Text == "" && b.Icon == theme.MediaPlayIcon() && start == nil:
				start = b
			case b.Text == "Nicht mehr anzeigen":
				dismiss = b
			}
		}
	})
	test.Tap(start)
	h.flush()
	if !h.p.Active() || h.p.show.d.tourID != h.S.Tours()[0].ID {
		t.Fatal("the welcome panel's first button did not present the first tour")
	}
	h.press(fyne.KeyEscape)
	h.S.TL.Select(-1)
	h.flush()
	test.Tap(dismiss)
	if strings.Contains(h.detailText(), "Einstieg: ") || !h.S.Prefs.Bool(prefWelcomeDismissed) {
		t.Fatal("the welcome panel did not go away for good")
	}
	// A new window on the same preferences shows none.
	m2 := NewMain(h.a, test.NewWindow(nil), h.S.Store, h.S.Loc, Options{Runner: NewTestRunner().Runner})
	if strings.Contains(objectStrings(m2.Detail.root), "Einstieg: ") {
		t.Fatal("the dismissed welcome panel came back")
	}
}
