// Command startfloor is the start-up floor for .ci/startup: the least a Fyne
// window like the app's does before its first frame (a menu bar, three
// widgets, the app's default window size), so the app's start can be
// compared with what Fyne and the GL driver cost on their own.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("io.github.aitimeline.startfloor")
	w := a.NewWindow("Start-up floor")
	quit := fyne.NewMenuItem("Quit", a.Quit)
	quit.IsQuit = true
	w.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("File", quit), fyne.NewMenu("Help", fyne.NewMenuItem("About", nil))))
	w.SetContent(container.NewBorder(widget.NewEntry(), widget.NewLabel("Status"), nil, nil,
		widget.NewButton("Zoom in", func() {})))
	w.Resize(fyne.NewSize(1280, 800)) // the app's default (ui.Prefs.WindowSize)
	w.ShowAndRun()
}
