package main

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"aitimeline/assets"
	"aitimeline/data"
	"aitimeline/i18n"
	"aitimeline/ui"
)

// useFyneLanguage makes Fyne's own strings (file dialogs, context menus)
// follow the app's language: Fyne reads the locale from LANG and re-reads it
// whenever translations are added, so we set LANG and add an empty catalog.
func useFyneLanguage(l data.Lang) {
	want := map[data.Lang]string{data.EN: "en_US.UTF-8", data.DE: "de_DE.UTF-8"}[l]
	if i18n.DetectLang(os.Getenv) == l && os.Getenv("LANG") != "" {
		return
	}
	os.Unsetenv("LC_ALL")
	os.Unsetenv("LC_MESSAGES")
	os.Unsetenv("LANGUAGE")
	os.Setenv("LANG", want)
	lang.AddTranslationsForLocale([]byte("{}"), fyne.Locale(l))
}

func startGUI(opts guiOptions) error {
	a := app.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	prefs := a.Preferences()
	l := opts.lang
	if l == "" {
		if saved, ok := i18n.ParseLang(prefs.String(ui.PrefLang)); ok {
			l = saved
		} else {
			l = i18n.DetectLang(os.Getenv)
		}
	} else {
		prefs.SetString(ui.PrefLang, string(l))
	}
	useFyneLanguage(l)
	loc := i18n.Must(l)
	loc.OnChange(useFyneLanguage)
	a.Settings().SetTheme(ui.NewTheme(ui.ThemeChoice(prefs.StringWithFallback(ui.PrefTheme, string(ui.ThemeSystem)))))

	// The window opens at once with a progress bar; the dataset loads off
	// the UI goroutine (a million synthetic events take seconds) and the
	// main view replaces the placeholder when it is ready.
	w := a.NewWindow(loc.T("app.name"))
	w.SetContent(container.NewCenter(container.NewVBox(widget.NewLabel(loc.T("app.loading")), widget.NewProgressBarInfinite())))
	w.Resize(fyne.NewSize(float32(prefs.FloatWithFallback(ui.PrefWidth, 1280)), float32(prefs.FloatWithFallback(ui.PrefHeight, 800))))
	var m *ui.Main
	var st *data.Store
	go func() {
		store, td, ctx, err := loadTimeline(opts.dataset, env{getenv: os.Getenv}, loc)
		fyne.Do(func() {
			if err != nil {
				msg := widget.NewLabel(err.Error())
				msg.Wrapping = fyne.TextWrapWord
				w.SetContent(container.NewPadded(msg))
				return
			}
			st = store
			m = ui.NewMain(a, w, st, td, ctx, loc, AppVersion)
		})
	}()
	w.SetCloseIntercept(func() {
		s := w.Canvas().Size()
		prefs.SetFloat(ui.PrefWidth, float64(s.Width))
		prefs.SetFloat(ui.PrefHeight, float64(s.Height))
		if m != nil {
			m.SaveLayout()
			m.Wait()
		}
		w.Close()
	})
	w.SetMaster()
	w.ShowAndRun()
	if st != nil {
		st.Close()
	}
	return nil
}
