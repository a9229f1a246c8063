package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"aitimeline/data"
)

// TestPeopleCardRebound: a card of the People grid bound to one person,
// then another, then the same again shows each one's name and initials
// (the avatar is kept only for the same person), and the event count once
// counted.
func TestPeopleCardRebound(t *testing.T) {
	h := newHarness(t, data.EN)
	p := h.People
	if len(p.shown) < 2 || p.counts == nil {
		t.Fatalf("setup: %d people shown, counts %v", len(p.shown), p.counts != nil)
	}
	card := p.grid.CreateItem()
	parts := func() (name, role, count *fitLabel, initials string, av fyne.CanvasObject) {
		b := card.(*fyne.Container).Objects[1].(*fyne.Container).Objects[0].(*fyne.Container)
		texts := b.Objects[0].(*fyne.Container)
		avs := b.Objects[1].(*fyne.Container)
		if len(avs.Objects) == 1 {
			av = avs.Objects[0]
			walkObjects(av, func(o fyne.CanvasObject) {
				if t, ok := o.(*canvas.Text); ok {
					initials = t.Text
				}
			})
		}
		return texts.Objects[0].(*fitLabel), texts.Objects[1].(*fitLabel), texts.Objects[2].(*fitLabel), initials, av
	}
	var first fyne.CanvasObject
	for step, k := range []int{0, 1, 1} {
		p.grid.UpdateItem(k, card)
		per := p.shown[k]
		name, role, count, initials, av := parts()
		if name.Text() != per.Name || initials != Initials(per.Name) || role.Text() != p.currentRole(per) ||
			count.Text() != h.S.Loc.N("events.count", p.counts[per.ID]) {
			t.Fatalf("step %d: card shows %q %q %q with %q, want %s", step, name.Text(), role.Text(), count.Text(), initials, per.Name)
		}
		switch step {
		case 1:
			first = av
		case 2:
			if av != first {
				t.Fatal("the same person again got a new avatar")
			}
		}
	}
}
