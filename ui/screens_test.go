package ui

import (
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/data/userdb"
	"aitimeline/ui/timeline"
)

// TestScreens renders the README's screenshots with Fyne's software
// painter when AITIMELINE_SHOTS names a folder (make shots): the main
// window with lanes by person, a disputed event's two sides, the notebook
// (an annotated event, the Notebook tab), the window at 200 % text size and
// in high contrast, and presentation mode at 1920×1080 and 1024×768.
func TestScreens(t *testing.T) {
	dir := os.Getenv("AITIMELINE_SHOTS")
	if dir == "" {
		t.Skip("set AITIMELINE_SHOTS=folder to render the README's screenshots")
	}
	save := func(img image.Image, name string) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
	}
	now := func() time.Time { return time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC) }
	settle := func(h *harness) {
		h.flush()
		h.w.Content().Refresh()
		h.flush()
	}
	for _, lang := range []data.Lang{data.EN, data.DE} {
		l := string(lang)
		// Lanes by person, and a disputed event: each side's account.
		h := newHarness(t, lang)
		h.a.Settings().SetTheme(NewTheme(ThemeLight, 1))
		// At the default window size, the detail pane scrolled to the two
		// accounts so both sides are in the picture.
		h.w.Resize(fyne.NewSize(1280, 800))
		h.S.TL.SetNow(now)
		h.S.TL.SetLaneMode(timeline.LanesPerson)
		h.S.TL.SelectAndReveal(h.S.Idx.Find("2024-03-05-openai-publishes-musk-emails"))
		h.S.TL.ShowSpan(540 * 24 * 3600)
		settle(h)
		acc := findLabel(h.Detail.root, h.S.Loc.T("detail.accounts"))
		if acc == nil {
			t.Fatal("the disputed event shows no accounts")
		}
		h.Detail.ScrollTo(acc)
		// The heading at the very top: no sliver of the summary above it.
		off := h.Detail.scroll.Offset
		off.Y += 4 * theme.Padding()
		h.Detail.scroll.ScrollToOffset(off)
		settle(h)
		// Both accounts whole inside the pane's visible part.
		drv := fyne.CurrentApp().Driver()
		top := drv.AbsolutePositionForObject(h.Detail.scroll).Y
		bottom := top + h.Detail.scroll.Size().Height
		ev := h.ds.Events[h.S.TL.Selected()]
		for _, a := range ev.Accounts {
			l := findLabel(h.Detail.root, h.S.Loc.Text(a.Text))
			if l == nil {
				t.Fatalf("%s: account of %s not shown", lang, a.Party)
			}
			if y := drv.AbsolutePositionForObject(l).Y; y < top || y+l.Size().Height > bottom {
				t.Errorf("%s: the account of %s is at %v..%v, the pane shows %v..%v", lang, a.Party, y, y+l.Size().Height, top, bottom)
			}
		}
		save(h.w.Canvas().Capture(), "disputed-lanes-"+l+".png")

		// The notebook: an annotated event and the Notebook tab.
		nh := newNBHarness(t, lang)
		nh.a.Settings().SetTheme(NewTheme(ThemeLight, 1))
		nh.w.Resize(fyne.NewSize(1600, 900))
		nh.S.TL.SetNow(now)
		id := "2024-02-29-musk-sues-openai-state-court"
		nh.selectEvent(t, id)
		nh.p.ToggleStarSelected()
		nh.p.addTag(id, map[data.Lang]string{data.EN: "lawsuit", data.DE: "Klage"}[lang])
		nh.p.addTag(id, map[data.Lang]string{data.EN: "thesis ch. 3", data.DE: "Kapitel 3"}[lang])
		nh.p.setFlag(id, userdb.FlagOrange)
		for k, other := range []string{"2024-03-05-openai-publishes-musk-emails", "2015-12-11-openai-founded", "2024-06-11-musk-withdraws-state-suit"} {
			if nh.S.Idx.Find(other) >= 0 {
				nh.nb.SaveNote(context.Background(), userdb.EventTarget(other), map[data.Lang][]string{
					data.EN: {"Compare the emails with the complaint.", "The founding promise as OpenAI put it.", "Why withdrawn the day before the hearing?"},
					data.DE: {"E-Mails mit der Klageschrift vergleichen.", "Das Gründungsversprechen in OpenAIs Worten.", "Warum einen Tag vor der Anhörung zurückgezogen?"},
				}[lang][k], userdb.Label{})
			}
		}
		ed := nh.p.editor
		ed.Edit()
		test.Type(ed.entry, map[data.Lang]string{
			data.EN: "Musk **alleged** that OpenAI broke its founding promise; OpenAI replied with his own emails.\n\n- compare the complaint with the reply\n- check the dates",
			data.DE: "Musk **warf** OpenAI vor, das Gründungsversprechen gebrochen zu haben; OpenAI antwortete mit seinen eigenen E-Mails.\n\n- Klageschrift und Antwort vergleichen\n- Daten prüfen",
		}[lang])
		ed.finish()
		nh.p.Load(false)
		settle(nh.harness)
		nh.Detail.ScrollTo(nh.p.marks)
		settle(nh.harness)
		save(nh.w.Canvas().Capture(), "notebook-event-"+l+".png")
		nh.ShowTab("notebook")
		settle(nh.harness)
		save(nh.w.Canvas().Capture(), "notebook-tab-"+l+".png")

		// Presentation mode, at a projector's two sizes.
		ph := newPresentHarness(t, lang)
		for _, size := range []fyne.Size{{Width: 1920, Height: 1080}, {Width: 1024, Height: 768}} {
			ph.startTour(t, tour12, 4, size)
			ph.flush()
			save(ph.p.show.w.Canvas().Capture(), "present-"+l+"-"+sizeName(size)+".png")
			ph.press(fyne.KeyEscape)
			ph.flush()
		}
	}
	// Large text and high contrast (English).
	for _, c := range []struct {
		name  string
		theme ThemeChoice
		scale float32
	}{{"text-200-en.png", ThemeLight, 2}, {"contrast-en.png", ThemeHighContrast, 1}} {
		h := newHarness(t, data.EN)
		h.a.Settings().SetTheme(NewTheme(c.theme, c.scale))
		h.w.Resize(fyne.NewSize(1280, 800))
		h.S.TL.SetNow(now)
		h.S.TL.SelectAndReveal(h.S.Idx.Find("2023-11-17-altman-fired"))
		settle(h)
		save(h.w.Canvas().Capture(), c.name)
	}
}

func sizeName(s fyne.Size) string {
	return map[float32]string{1920: "1920x1080", 1024: "1024x768"}[s.Width]
}

// findLabel returns the visible label under root whose text is text, or nil.
func findLabel(root fyne.CanvasObject, text string) *widget.Label {
	var found *widget.Label
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() || found != nil {
			return
		}
		if l, ok := o.(*widget.Label); ok && l.Text == text {
			found = l
			return
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, ch := range c.Objects {
				walk(ch)
			}
		} else if wid, ok := o.(fyne.Widget); ok {
			for _, ch := range test.WidgetRenderer(wid).Objects() {
				walk(ch)
			}
		}
	}
	walk(root)
	return found
}
