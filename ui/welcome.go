package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

const prefWelcomeDismissed = "welcome.dismissed"

// installWelcome shows, until dismissed for good, a small welcome panel in
// the detail pane while no event is selected: the bundled tours to start
// with, and where the keys are.
func (m *Main) installWelcome() {
	if m.S.Prefs.Bool(prefWelcomeDismissed) || len(BundledTours(m.S.DS)) == 0 {
		return
	}
	m.Detail.Welcome = m.welcome
	if m.Detail.Shown() < 0 {
		m.Detail.show(-1)
	}
}

// welcome is the panel: one button per bundled tour (it presents the tour;
// Esc comes back), a hint, and a button that dismisses the panel for good.
func (m *Main) welcome() fyne.CanvasObject {
	s, loc := m.S, m.S.Loc
	title := widget.NewLabel(loc.T("welcome.title"))
	title.TextStyle.Bold = true
	title.SizeName = theme.SizeNameSubHeadingText
	items := []fyne.CanvasObject{title, wrapLabel(loc.T("welcome.text"))}
	for _, t := range BundledTours(s.DS) {
		id := t.ID
		b := widget.NewButtonWithIcon("", theme.MediaPlayIcon(), func() {
			if m.Presenter != nil {
				m.Presenter.PresentTour(id, 0)
			}
		})
		b.Importance = widget.HighImportance
		// The tour's title wraps beside its button: a long German title on
		// the button itself made the window wider than the screen at 200 %.
		items = append(items, container.NewBorder(nil, nil, container.NewCenter(b), nil, wrapLabel(loc.T("welcome.start_with", "Title", loc.Text(t.Title)))))
	}
	items = append(items, secondary(loc.T("welcome.hint"), true),
		container.NewHBox(widget.NewButtonWithIcon(loc.T("welcome.dismiss"), theme.CancelIcon(), m.DismissWelcome)))
	card := widget.NewCard("", "", container.NewVBox(items...))
	return card
}

// DismissWelcome hides the welcome panel for good.
func (m *Main) DismissWelcome() {
	m.S.Prefs.SetBool(prefWelcomeDismissed, true)
	m.Detail.Welcome = nil
	if m.Detail.Shown() < 0 {
		m.Detail.show(-1)
	}
}
