package ui

import (
	"strings"
	"testing"

	"aitimeline/data"
	"aitimeline/data/userdb"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// TestCtrlPInToursPrintsTheOpenTour: Ctrl+P with the Tours tab in front
// opens the hand-out of the tour it shows; a worksheet turns off (and
// disables) the teacher's notes.
func TestCtrlPInToursPrintsTheOpenTour(t *testing.T) {
	h := newTourHarness(t, data.DE, func(nb *userdb.Notebook) {
		mustCreateTour(t, nb, "Founding and break", "Gründung und Bruch")
	})
	id := h.storedTours(t)[0].ID
	h.tp.Show()
	h.tp.Open(id)
	h.flush()
	c := h.w.Canvas()
	c.(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault})
	h.flush()
	f := h.Printouts().last
	if f == nil || f.tour.SelectedIndex() < 0 || f.tourIDs[f.tour.SelectedIndex()] != id || f.what.Selected != h.S.Loc.T("classroomui.handout_tour") {
		t.Fatalf("Ctrl+P in the Tours tab did not preselect the open tour")
	}
	f.notes.SetChecked(true)
	f.worksheet.SetChecked(true)
	if f.notes.Checked || !f.notes.Disabled() {
		t.Fatal("a worksheet kept the teacher's notes on")
	}
	f.worksheet.SetChecked(false)
	if f.notes.Disabled() {
		t.Fatal("the notes stayed disabled without a worksheet")
	}
}

// TestTourButtonsStayInView: at 1024×740 with a long note heading the
// Present button is inside the window.
func TestTourButtonsStayInView(t *testing.T) {
	h := newTourHarness(t, data.DE, func(nb *userdb.Notebook) {
		mustCreateTour(t, nb, "Founding and break", "Gründung und Bruch")
	})
	h.w.Resize(fyne.NewSize(1024, 740))
	h.tp.Show()
	h.tp.Open(h.storedTours(t)[0].ID)
	h.tp.ed.stops.Select(0)
	h.flush()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(h.tp.ed.present)
	if sz := h.w.Canvas().Size(); pos.Y+h.tp.ed.present.Size().Height > sz.Height || !h.tp.ed.present.Visible() {
		t.Fatalf("the Present button is at y %.0f in a window %.0f high", pos.Y, sz.Height)
	}
}

// TestFileDialogTitlesInGerman: the app names its file dialogs itself
// (Fyne's own title reads „Öffnen Datei“).
func TestFileDialogTitlesInGerman(t *testing.T) {
	h := newTourHarness(t, data.DE)
	h.tp.ShowImport()
	h.flush()
	top := h.w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(objectStrings(top), "Datei öffnen") || strings.Contains(objectStrings(top), "Öffnen Datei") {
		t.Fatalf("the tour import dialog is not titled „Datei öffnen“")
	}
}
