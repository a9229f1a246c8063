package ui

import (
	"testing"

	"fyne.io/fyne/v2"

	"aitimeline/data"
)

// TestRV18PeopleCardAfterTextScale: a card made at 100 % and kept by the
// grid after the text size changes to 200 % (the grid resizes it to the new
// template's size) gives its texts the room they need.
func TestRV18PeopleCardAfterTextScale(t *testing.T) {
	h := newHarness(t, data.EN)
	p := h.People
	h.S.App.Settings().SetTheme(NewTheme(ThemeLight, 1))
	old := p.grid.CreateItem()
	p.grid.UpdateItem(0, old)
	h.S.App.Settings().SetTheme(NewTheme(ThemeLight, 2))
	fresh := p.grid.CreateItem()
	old.Resize(fresh.MinSize()) // as the grid does with every item
	p.grid.UpdateItem(0, old)
	card := old.(*fyne.Container).Objects[1]
	if card.Size().Height < card.MinSize().Height || card.Size().Width < fresh.MinSize().Width {
		t.Errorf("card %v in a cell of %v, needs %v", card.Size(), old.Size(), card.MinSize())
	}
}
