package ui

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/data/userdb"
)

// TestViewMenuFitsAt200Percent: in the default 1280×800 window, with the
// notebook's and the classroom's items in it, the View menu fits the window
// at 100 % text, and its Text size submenu (opening beside its item) ends
// inside the window at 100 % and 200 %. A menu taller than the window
// scrolls, and its scroll clips the submenus: a new user could not reach
// 175 % and 200 % (nor get back from them) when they ran below its edge.
func TestViewMenuFitsAt200Percent(t *testing.T) {
	for _, c := range []struct {
		lang  data.Lang
		scale float32
	}{{data.EN, 1}, {data.DE, 1}, {data.EN, 2}, {data.DE, 2}} {
		lang := c.lang
		h := newHarness(t, lang)
		nb, err := userdb.Open(context.Background(), filepath.Join(t.TempDir(), "nb.db"), userdb.Options{NoAutoBackup: true})
		if err != nil {
			t.Fatal(err)
		}
		defer nb.Close()
		h.AttachNotebook(nb)
		h.flush()
		h.a.Settings().SetTheme(NewTheme(ThemeLight, c.scale))
		view := h.menu().Items[1]
		const winH = 800
		bar := widget.NewMenu(fyne.NewMenu("", fyne.NewMenuItem(view.Label, nil))).MinSize().Height // one row, as the bar
		if got := widget.NewMenu(view).MinSize().Height; c.scale == 1 && bar+got > winH {
			t.Errorf("%s: the View menu ends at %.0f px, below the %d px window", lang, bar+got, winH)
		}
		sizes := -1
		for k, it := range view.Items {
			if it.Label == h.S.Loc.T("menu.view.text_size") {
				sizes = k
			}
		}
		if sizes < 0 {
			t.Fatalf("%s: no Text size item in View", lang)
		}
		itemH := widget.NewMenu(fyne.NewMenu("", view.Items[sizes])).MinSize().Height
		top := bar + widget.NewMenu(fyne.NewMenu("", view.Items[:sizes+1]...)).MinSize().Height - itemH
		child := widget.NewMenu(view.Items[sizes].ChildMenu).MinSize().Height
		if top+child > winH {
			t.Errorf("%s %v×: the text sizes open at %.0f px and end at %.0f px, below the %d px window", lang, c.scale, top, top+child, winH)
		}
	}
}
