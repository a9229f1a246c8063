package timeline

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// TestDragAtALimitHidesTheTooltip: Dragged clears hovering, but since
// moveTo returns early at a pan limit (the whole span shown, the start
// view) nothing redraws, so the tooltip of the event the drag started on
// stays on screen during the drag.
func TestDragAtALimitHidesTheTooltip(t *testing.T) {
	tl, _ := newTimeline(t, 500)
	tl.FitAll()
	tl.Refresh()
	hits := tl.LabelHits()
	if len(hits) == 0 {
		t.Fatal("no labelled event to hover")
	}
	at := fyne.NewPos(hits[0].X, hits[0].Y)
	tl.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}})
	if !tl.r.tipBg.Visible() {
		t.Fatal("hovering a labelled event shows no tooltip")
	}
	tl.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at}, Dragged: fyne.NewDelta(40, 0)})
	if tl.r.tipBg.Visible() {
		t.Fatal("the tooltip stays on screen while dragging at a pan limit")
	}
}
