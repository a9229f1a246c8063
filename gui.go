package main

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

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

	e := env{getenv: os.Getenv}
	st, td, ctx, err := loadTimeline(opts.dataset, e, loc)
	if err != nil {
		return err
	}
	defer st.Close()
	w := a.NewWindow(loc.T("app.name"))
	m := ui.NewMain(a, w, st, td, ctx, loc, AppVersion)
	w.Resize(fyne.NewSize(float32(prefs.FloatWithFallback(ui.PrefWidth, 1280)), float32(prefs.FloatWithFallback(ui.PrefHeight, 800))))
	w.SetCloseIntercept(func() {
		s := w.Canvas().Size()
		prefs.SetFloat(ui.PrefWidth, float64(s.Width))
		prefs.SetFloat(ui.PrefHeight, float64(s.Height))
		m.SaveLayout()
		w.Close()
	})
	w.SetMaster()
	w.ShowAndRun()
	return nil
}
