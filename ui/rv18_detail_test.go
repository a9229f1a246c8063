package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
)

// TestRV18DetailOwnEventHead: for the user's own event the index's head
// (a dataset claim status) differs from the details (no status): when the
// details arrive the head is built again and says "your own event".
func TestRV18DetailOwnEventHead(t *testing.T) {
	h := newHarness(t, data.EN)
	e := testOwnEvent().Event()
	e.Summary = data.Text{EN: "my summary"}
	h.S.SetOwnEvents([]data.Event{e})
	h.flush()
	i := h.S.Idx.Find(e.ID)
	if i < 0 {
		t.Fatal("setup: own event not in the index")
	}
	h.Detail.show(i)
	h.flush()
	box := h.Detail.root.Objects[0].(*fyne.Container).Objects[0].(*fyne.Container)
	form, ok := box.Objects[1].(*widget.Form)
	if !ok {
		t.Fatalf("second part %T", box.Objects[1])
	}
	want := h.S.Loc.T("detail.own_event")
	found := false
	for _, it := range form.Items {
		if l, ok := it.Widget.(*widget.Label); ok && strings.Contains(l.Text, want) {
			found = true
		}
	}
	if !found {
		t.Errorf("the own event's head does not say %q", want)
	}
}
