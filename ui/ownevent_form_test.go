package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"aitimeline/data"
	"aitimeline/data/userdb"
)

// TestOwnEventFormShowsTheSourceFields: in a 1280×800 window the new own
// event form shows the first source's fields (publisher, date, title, URL)
// without scrolling: every own event needs a source, and the fields were
// below the people and organisation lists, which take the mouse wheel.
func TestOwnEventFormShowsTheSourceFields(t *testing.T) {
	for _, lang := range []data.Lang{data.EN, data.DE} {
		h := newNBHarness(t, lang)
		h.w.Resize(fyne.NewSize(1280, 800))
		h.p.ShowOwnEventEditor(userdb.OwnEvent{})
		f := h.lastForm(t)
		h.flush()
		var sc *container.Scroll
		walkObjects(h.w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
			if x, ok := o.(*container.Scroll); ok && sc == nil && x.Direction == container.ScrollVerticalOnly {
				sc = x
			}
		})
		if sc == nil {
			t.Fatal("no scroll in the form")
		}
		d := fyne.CurrentApp().Driver()
		top := d.AbsolutePositionForObject(sc).Y
		for name, e := range map[string]fyne.CanvasObject{"publisher": f.srcRows[0].publisher, "date": f.srcRows[0].date,
			"title": f.srcRows[0].title, "URL": f.srcRows[0].url} {
			y := d.AbsolutePositionForObject(e).Y
			if y < top || y+e.Size().Height > top+sc.Size().Height || e.Size().Height < 20 {
				t.Errorf("%s: source %s field at y %.0f–%.0f, view %.0f–%.0f", lang, name, y, y+e.Size().Height, top, top+sc.Size().Height)
			}
		}
	}
}
