package ui

import (
	"testing"

	"aitimeline/data"
)

// TestRV18DetailContentSizedAfterDetails: when the details arrive (the
// summary, then the rest) without a Container.Refresh, the scroll's content
// still gets the height the new parts need, and every part lies inside it.
func TestRV18DetailContentSizedAfterDetails(t *testing.T) {
	h := newHarness(t, data.EN)
	d := h.Detail
	i := h.S.Idx.Find(h.ds.Events[0].ID)
	for k := range h.ds.Events {
		if len(h.ds.Events[k].Sources) > 1 && !h.ds.Events[k].Summary.IsZero() {
			i = h.S.Idx.Find(h.ds.Events[k].ID)
			break
		}
	}
	d.show(i)
	h.flush()
	c := d.scroll.Content
	if c.Size().Height < c.MinSize().Height || c.Size().Height <= 0 {
		t.Fatalf("content %v, needs %v", c.Size(), c.MinSize())
	}
	box := d.root.Objects[0]
	if box.Size().Height < box.MinSize().Height {
		t.Fatalf("box %v, needs %v", box.Size(), box.MinSize())
	}
}
