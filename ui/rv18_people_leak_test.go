package ui

import (
	"runtime"
	"testing"
	"weak"

	"fyne.io/fyne/v2"

	"aitimeline/data"
)

// TestRV18PeopleCardNotRetained: a card the grid drops (its item pool is a
// sync.Pool: cards dropped at a collection are made anew while scrolling)
// is not kept alive by the pane (avatarOf kept every card's avatar slot
// ever bound: 459 slots for 48 people after 30 scrolls up and down).
func TestRV18PeopleCardNotRetained(t *testing.T) {
	h := newHarness(t, data.EN)
	p := h.People
	card := p.grid.CreateItem()
	p.grid.UpdateItem(0, card)
	slot := card.(*fyne.Container).Objects[1].(*fyne.Container).Objects[0].(*fyne.Container).Objects[1].(*fyne.Container)
	wp := weak.Make(slot)
	card, slot = nil, nil
	for range 3 {
		runtime.GC()
	}
	if wp.Value() != nil {
		t.Error("the pane keeps a dropped card's avatar slot alive")
	}
	runtime.KeepAlive(p)
}
