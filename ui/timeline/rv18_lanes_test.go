package timeline

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"aitimeline/data"
	"aitimeline/i18n"
)

// TestRV18SetDataRebuildsLanes: new data (the user's own events renumber
// the events) gives new lanes, built from it, in the next frame and for
// Lanes(); the old lanes' references would point into the old numbering.
func TestRV18SetDataRebuildsLanes(t *testing.T) {
	test.NewTempApp(t)
	tl := New(synthData(500), i18n.Must(data.EN))
	w := test.NewTempWindow(t, container.NewStack())
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1200, 400))
	w.SetContent(tl)
	count := func() int {
		n := 0
		for _, l := range tl.Lanes() {
			n += l.Lane.Len()
		}
		return n
	}
	if count() != 500 {
		t.Fatalf("setup: %d events in lanes", count())
	}
	builds := tl.laneBuilds
	tl.SetData(synthData(800), -1, nil)
	if n := count(); n != 800 || tl.laneBuilds != builds+1 {
		t.Fatalf("after SetData: %d events in lanes (want 800), %d builds (want %d)", n, tl.laneBuilds, builds+1)
	}
}
