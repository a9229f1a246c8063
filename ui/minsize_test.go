package ui

import (
	"context"
	"testing"

	"aitimeline/data"
	"aitimeline/data/userdb"

	"fyne.io/fyne/v2"
)

// TestWindowFitsAProjector: the main window's minimum size fits a
// 1024×768 projector in both languages, whichever tab shows and whether
// or not a tour is open: a window taller than the screen hides its
// dialogs' buttons below the screen's edge.
func TestWindowFitsAProjector(t *testing.T) {
	for _, lang := range []data.Lang{data.EN, data.DE} {
		h := newTourHarness(t, lang, func(nb *userdb.Notebook) {
			mustCreateTour(t, nb, "Founding and break", "Gründung und Bruch")
		})
		h.w.Resize(fyne.NewSize(1024, 740))
		check := func(what string) {
			t.Helper()
			h.flush()
			if ms := h.w.Content().MinSize(); ms.Width > 1024 || ms.Height > 740 {
				t.Errorf("%s, %s: minimum size %v does not fit 1024×740", lang, what, ms)
			}
		}
		check("timeline")
		h.tp.Show()
		check("tours tab, none open")
		h.tp.Open(h.storedTours(t)[0].ID)
		check("tours tab, own tour open")
		h.tp.Open("conflict-in-12-steps")
		check("tours tab, bundled tour open")
		h.ShowTab("notebook")
		check("notebook tab")
	}
}

func mustCreateTour(t *testing.T, nb *userdb.Notebook, en, de string) {
	t.Helper()
	if _, err := nb.CreateTour(context.Background(), userdb.Tour{Title: data.Text{EN: en, DE: de},
		Stops: []userdb.Stop{{EventID: "2015-12-11-openai-founded"}, {EventID: "2018-02-20-musk-leaves-openai-board"}}}); err != nil {
		t.Fatal(err)
	}
}

// TestWindowFitsAt200Percent: at 200 % text the window's minimum size
// still fits 1280×800 (issue 15), whichever tab shows.
func TestWindowFitsAt200Percent(t *testing.T) {
	for _, lang := range []data.Lang{data.EN, data.DE} {
		h := newTourHarness(t, lang, func(nb *userdb.Notebook) {
			mustCreateTour(t, nb, "Founding and break", "Gründung und Bruch")
		})
		h.a.Settings().SetTheme(NewTheme(ThemeLight, 2))
		h.w.Resize(fyne.NewSize(1280, 770))
		check := func(what string) {
			t.Helper()
			h.flush()
			if ms := h.w.Content().MinSize(); ms.Width > 1280 || ms.Height > 770 {
				t.Errorf("%s, %s: minimum size %v does not fit 1280×770", lang, what, ms)
			}
		}
		check("timeline")
		h.tp.Show()
		h.tp.Open(h.storedTours(t)[0].ID)
		check("tours tab, own tour open")
		h.ShowTab("notebook")
		check("notebook tab")
	}
}
