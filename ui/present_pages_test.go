package ui

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"aitimeline/assets"
	"aitimeline/data"
	"aitimeline/i18n"
)

// presentMinSizes are the legibility floors at a window height:
// at 1920×1080 the title at least 48 px and the body at least 28 px,
// scaled with the window.
func presentMinSizes(h float32) (title, body float32) {
	return 48 * h / 1080, 28 * h / 1080
}

// checkScreen checks the presentation's current screen: every slide text
// at or above the floors, inside the window, above the strip, never cut.
func checkScreen(t *testing.T, h *presentHarness, where string, size fyne.Size) {
	t.Helper()
	root := h.p.show.root
	minTitle, minBody := presentMinSizes(size.Height)
	lay := root.lay
	if lay.Sizes.Title < minTitle || lay.Sizes.Body < minBody {
		t.Errorf("%s: title %v px, body %v px; want at least %.1f and %.1f", where, lay.Sizes.Title, lay.Sizes.Body, minTitle, minBody)
	}
	if !lay.Fits {
		t.Errorf("%s: does not fit", where)
	}
	stripTop := size.Height
	if root.showStrip {
		stripTop = root.strip.Position().Y
	}
	for _, o := range root.slide {
		texts, pos := textBounds(o)
		for k, tx := range texts {
			ms := tx.MinSize()
			if _, top := o.(*canvas.Text); top && tx.TextSize < minBody { // not an avatar's initials
				t.Errorf("%s: %q at %v px", where, tx.Text, tx.TextSize)
			}
			if pos[k].X < 0 || pos[k].Y < 0 || pos[k].X+ms.Width > size.Width+0.5 || pos[k].Y+ms.Height > stripTop+0.5 {
				t.Errorf("%s: %q at %v (%v) leaves the window or runs into the strip at %v", where, tx.Text, pos[k], ms, stripTop)
			}
			if strings.Contains(tx.Text, "…") {
				t.Errorf("%s: text cut with an ellipsis: %q", where, tx.Text)
			}
		}
	}
}

// TestPresentEveryStopLegible walks every screen of every bundled tour in
// both languages at three projector sizes: title and body at or above the
// floors, nothing outside the window, and every part of each stop (summary,
// both sides' accounts, the people, the sources) shown on one of its screens.
func TestPresentEveryStopLegible(t *testing.T) {
	if testing.Short() {
		t.Skip("measures every stop through Fyne")
	}
	for _, lang := range []data.Lang{data.EN, data.DE} {
		h := newPresentHarness(t, lang)
		for _, size := range []fyne.Size{{Width: 1920, Height: 1080}, {Width: 1280, Height: 720}, {Width: 1024, Height: 768}} {
			for _, tour := range h.S.Tours() {
				evs := h.tourEvents(t, tour.ID)
				h.startTour(t, tour.ID, 1, size)
				seen := map[int]string{}
				for range 200 {
					d := h.p.show.d
					where := fmt.Sprintf("%s %s %v stop %d", lang, tour.ID, size, d.Number())
					checkScreen(t, h, where, size)
					seen[d.Number()] += " " + h.screenText()
					if !h.p.pageNext() && d.Number() == d.Len() {
						break
					}
					h.press(fyne.KeyRight)
				}
				for k, i := range evs {
					ev, got := h.ds.Events[i], seen[k+1]
					want := []string{ev.Title.In(lang), ev.Summary.In(lang)}
					for _, a := range ev.Accounts {
						want = append(want, a.Text.In(lang))
					}
					for _, p := range ev.People {
						want = append(want, h.S.PersonName(p.PersonID), p.Role.In(lang))
					}
					for _, w := range want {
						if !strings.Contains(got, norm(w)) {
							t.Errorf("%s %s %v stop %d: %q is on none of its screens", lang, tour.ID, size, k+1, w)
						}
					}
				}
				h.press(fyne.KeyEscape)
			}
		}
	}
}

// TestPresentShots renders stop 6 of the 12-step tour at 1024×768 and a
// disputed stop at 1920×1080 into AITIMELINE_SHOTS (for looking at them).
func TestPresentShots(t *testing.T) {
	dir := os.Getenv("AITIMELINE_SHOTS")
	if dir == "" {
		t.Skip("set AITIMELINE_SHOTS=folder")
	}
	for _, lang := range []data.Lang{data.EN, data.DE} {
		h := newPresentHarness(t, lang)
		for _, c := range []struct {
			stop int
			size fyne.Size
		}{{6, fyne.NewSize(1024, 768)}, {4, fyne.NewSize(1920, 1080)}, {4, fyne.NewSize(1024, 768)}, {6, fyne.NewSize(1280, 720)}} {
			h.startTour(t, tour12, c.stop, c.size)
			for page := 0; ; page++ {
				name := fmt.Sprintf("stop%d-%s-%dx%d-%d.png", c.stop, lang, int(c.size.Width), int(c.size.Height), page)
				f, err := os.Create(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				if err := png.Encode(f, h.p.show.w.Canvas().Capture()); err != nil {
					t.Fatal(err)
				}
				f.Close()
				if !h.p.pageNext() {
					break
				}
				h.press(fyne.KeyRight)
			}
			h.press(fyne.KeyEscape)
		}
	}
	// The presenter window after L.
	h := newPresentHarness(t, data.EN)
	h.startTour(t, tour12, 1, fyne.NewSize(1024, 768))
	h.press(fyne.KeyP, fyne.KeyL)
	f, err := os.Create(filepath.Join(dir, "presenter-after-L.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, h.p.show.presenter.w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// TestPresentContinuedStop: a stop too full for one screen at the floors
// goes on on "6 / 12 (continued, part 2/…)"; Next goes there first, Previous comes
// back, the strip and the presenter window stay on the stop.
func TestPresentContinuedStop(t *testing.T) {
	h := newPresentHarness(t, data.EN)
	evs := h.tourEvents(t, tour12)
	ev := h.ds.Events[evs[5]]
	h.startTour(t, tour12, 6, fyne.NewSize(1024, 768))
	h.press(fyne.KeyP)
	pv := h.p.show.presenter
	strip := h.p.show.strip.View()
	first := h.screenText()
	if !h.p.pageNext() || !strings.Contains(first, "6 / 12") || strings.Contains(first, "continued") {
		t.Fatalf("stop 6 at 1024×768 should go on on a second screen; shows %q", first)
	}
	h.press(fyne.KeyRight)
	second := h.screenText()
	if h.p.show.d.Number() != 6 || !strings.Contains(second, "6 / 12 (continued, part 2/") || !strings.Contains(second, norm(ev.Title.EN)) {
		t.Fatalf("Next did not go to stop 6's continuation: stop %d, %q", h.p.show.d.Number(), second)
	}
	if second == first || h.p.show.strip.View() != strip || pv.counter.Text != "6 / 12" || pv.now.Text != h.S.EventTitle(evs[5]) {
		t.Fatal("the continuation must show more of the stop, with the strip and the presenter window on the same stop")
	}
	for h.p.pageNext() {
		h.press(fyne.KeyRight)
	}
	last := h.p.show.root.page
	h.press(fyne.KeyLeft)
	if h.p.show.d.Number() != 6 || h.p.show.root.page != last-1 {
		t.Fatalf("Previous from the last screen of stop 6 went to stop %d", h.p.show.d.Number())
	}
	for h.p.show.root.page > 0 {
		h.press(fyne.KeyLeft)
	}
	if h.screenText() != first || h.p.show.d.Number() != 6 {
		t.Fatal("Previous did not come back to stop 6's first screen")
	}
	h.press(fyne.KeyLeft)
	if h.p.show.d.Number() != 5 || h.p.show.root.page != 0 {
		t.Fatal("Previous from stop 6's first screen goes to stop 5")
	}
	// Stepping on from stop 5 starts stop 6 on its first screen again.
	h.press(fyne.KeyRight)
	if h.screenText() != first {
		t.Fatal("stop 6 did not start on its first screen")
	}
}

// presenterOverlap reports the first label of the presenter window drawn
// shorter than its text or over the label below it.
func presenterOverlap(v *presenterView) string {
	ls := []*widget.Label{v.nowHead, v.now, v.nowMeta}
	for k, l := range ls {
		if l.Size().Height+0.5 < l.MinSize().Height {
			return fmt.Sprintf("%q is %v high, needs %v", l.Text, l.Size().Height, l.MinSize().Height)
		}
		if k > 0 && ls[k-1].Position().Y+ls[k-1].MinSize().Height > l.Position().Y+0.5 {
			return fmt.Sprintf("%q overlaps %q", ls[k-1].Text, l.Text)
		}
	}
	return ""
}

// TestPresenterWindowRelayoutAfterLanguageSwitch: after L the presenter
// window's long titles wrap to their new height at once.
func TestPresenterWindowRelayoutAfterLanguageSwitch(t *testing.T) {
	h := newPresentHarness(t, data.EN)
	h.startTour(t, tour12, 1, fyne.NewSize(1280, 800))
	h.press(fyne.KeyP)
	v := h.p.show.presenter
	for k := 1; k <= 12; k++ {
		h.p.act(actJump, k)
		h.flush()
		for range 2 {
			h.press(fyne.KeyL)
			if o := presenterOverlap(v); o != "" {
				t.Fatalf("stop %d in %s: %s", k, h.S.Loc.Lang(), o)
			}
		}
	}
}

// TestPresenterWindowKeysWithFocusedButton: after Tab gave one of the
// presenter window's buttons the focus, the clicker's keys still drive the
// presentation.
func TestPresenterWindowKeysWithFocusedButton(t *testing.T) {
	h := newPresentHarness(t, data.EN)
	h.startTour(t, tour12, 3, fyne.NewSize(1280, 800))
	h.press(fyne.KeyP)
	v := h.p.show.presenter
	c := v.w.Canvas()
	for _, b := range []fyne.Focusable{v.prev, v.fwd, v.black} {
		c.Focus(b)
		if c.Focused() == nil {
			continue // not focusable at all: keys go to the window's handler
		}
		n := h.p.show.d.Number()
		// What the driver does with a key while a widget has the focus.
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
		h.flush()
		if h.p.show.d.Number() != n+1 {
			t.Fatalf("PageDown with %T focused: stop %d, want %d", c.Focused(), h.p.show.d.Number(), n+1)
		}
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyB})
		if h.p.show.blank == nil {
			t.Fatal("B with a button focused did not black the screen")
		}
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		if h.p.show.blank != nil {
			t.Fatal("a key did not end the black screen")
		}
	}
}

// showLog records the order in which windows are shown and focused.
type showLog struct{ events []string }

type recWindow struct {
	fyne.Window
	name string
	log  *showLog
}

func (w *recWindow) Show() { w.log.events = append(w.log.events, "show "+w.name); w.Window.Show() }
func (w *recWindow) RequestFocus() {
	w.log.events = append(w.log.events, "focus "+w.name)
	w.Window.RequestFocus()
}

type recApp struct {
	fyne.App
	log *showLog
}

func (a *recApp) NewWindow(title string) fyne.Window {
	return &recWindow{Window: a.App.NewWindow(title), name: "other", log: a.log}
}

// TestPresentRequestComesToFront: "aitimeline present" builds the main
// window and asks for the presentation before the app runs. The main
// window must be shown first, so that the presentation is the window in
// front, with the clicker's keys.
func TestPresentRequestComesToFront(t *testing.T) {
	log := &showLog{}
	a := &recApp{App: test.NewTempApp(t), log: log}
	st, err := data.OpenEmbedded(assets.Dataset, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w := &recWindow{Window: test.NewWindow(nil), name: "main", log: log}
	q := NewTestRunner()
	m := NewMain(a, w, st, i18n.Must(data.EN), Options{Version: "test", Runner: q.Runner, Present: &PresentRequest{TourID: tour12, Start: 2}})
	q.Flush()
	t.Cleanup(func() { w.Close() })
	var p *Presenter
	for _, pane := range m.panes {
		if pp, ok := pane.(*Presenter); ok {
			p = pp
		}
	}
	if !p.Active() {
		t.Fatal("the presentation did not start")
	}
	got := strings.Join(log.events, ", ")
	if strings.Contains(got, "show main") || !strings.Contains(got, "show other") || !strings.HasSuffix(got, "focus other") {
		t.Fatalf("windows shown and focused in the order %q; want only the presentation, with the focus (the main window came in front under GLFW)", got)
	}
	p.Exit()
	got = strings.Join(log.events, ", ")
	if !strings.Contains(got, "show main") {
		t.Fatalf("after leaving, the main window was not shown: %q", got)
	}
	p.Close()
}

// TestPresentF5ResumesOnlyTheLastDeck: F5 resumes a tour only when it was
// the last thing presented; after a list was presented since, F5 presents
// the list again, even on the tour's stop.
func TestPresentF5ResumesOnlyTheLastDeck(t *testing.T) {
	h := newPresentHarness(t, data.EN)
	evs := h.tourEvents(t, tour12)
	h.startTour(t, tour12, 3, fyne.NewSize(1280, 800))
	h.press(fyne.KeyEscape)
	if h.S.TL.Selected() != evs[2] {
		t.Fatal("Esc did not reveal the stop")
	}
	h.p.Present() // F5 right after: the tour again, on its stop
	if !h.p.Active() || h.p.show.d.tourID != tour12 || h.p.show.d.Number() != 3 {
		t.Fatal("F5 after leaving a tour did not resume it")
	}
	h.press(fyne.KeyEscape)
	// A list presented and left on the same event.
	h.p.begin(newListDeck([]int{evs[2]}, evs[2], h.S.Idx))
	h.press(fyne.KeyEscape)
	h.p.Present()
	if !h.p.Active() || h.p.show.d.tourID != "" {
		t.Fatalf("F5 after leaving a list resumed the older tour %q", h.p.show.d.tourID)
	}
}
