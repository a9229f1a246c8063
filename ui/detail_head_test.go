package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
)

// TestDetailHeadKeptWhenDetailsArrive: the title and the facts the pane
// shows at once from the index stay the same objects when the details
// arrive (they are not built and measured again); the summary follows
// them once, the era is one row of the form, and the rest comes after.
func TestDetailHeadKeptWhenDetailsArrive(t *testing.T) {
	h := newHarness(t, data.EN)
	d := h.Detail
	i := -1
	for k, e := range h.ds.Events {
		if !e.Summary.IsZero() && d.eraOf(&h.ds.Events[k]) != nil {
			i = h.S.Idx.Find(e.ID)
			break
		}
	}
	if i < 0 {
		t.Fatal("setup: no event with a summary in an era")
	}
	d.show(i)
	box := func() *fyne.Container { return d.root.Objects[0].(*fyne.Container).Objects[0].(*fyne.Container) }
	before := append([]fyne.CanvasObject(nil), box().Objects...)
	if len(before) != 2 {
		t.Fatalf("at once: %d parts, want title and facts", len(before))
	}
	h.flush()
	after := box().Objects
	if len(after) < 4 || after[0] != before[0] || after[1] != before[1] {
		t.Fatalf("after the details: %d parts, head kept %v %v", len(after), after[0] == before[0], after[1] == before[1])
	}
	ev := h.ds.Events[h.S.BasePos(i)]
	if l, ok := after[2].(*widget.Label); !ok || l.Text != ev.Summary.EN {
		t.Fatalf("third part %T, want the summary %q", after[2], ev.Summary.EN)
	}
	n := 0
	walkObjects(d.root, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text == ev.Summary.EN {
			n++
		}
	})
	if n != 1 {
		t.Fatalf("summary shown %d times", n)
	}
	form := after[1].(*widget.Form)
	eras := 0
	for _, it := range form.Items {
		if it.Text == h.S.Loc.T("detail.era") {
			eras++
		}
	}
	if eras != 1 || len(form.Items) != 4 {
		t.Fatalf("form: %d items, %d era rows", len(form.Items), eras)
	}
}
