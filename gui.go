package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"aitimeline/assets"
	"aitimeline/data"
	"aitimeline/data/bundle"
	"aitimeline/data/userdb"
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

// startGUI opens the window at once with a progress bar and loads the
// dataset off the UI goroutine (a million events take a moment); the main
// view replaces the placeholder when it is ready. Closing the window while
// it loads cancels the load.
func startGUI(opts guiOptions) error {
	// GLFW names the window's X11 class after its title, which is
	// translated; a fixed instance name lets desktops match the menu entry's
	// StartupWMClass in every language. It is dropped once the window
	// exists, so programs the app starts (a browser) do not inherit it.
	if os.Getenv("RESOURCE_NAME") == "" {
		os.Setenv("RESOURCE_NAME", "aitimeline")
	}
	a := app.NewWithID(AppID)
	a.Lifecycle().SetOnStarted(func() { os.Unsetenv("RESOURCE_NAME") })
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	prefs := ui.NewPrefs(a.Preferences())
	l := opts.lang
	if l == "" {
		if saved, ok := prefs.Lang(); ok {
			l = saved
		} else {
			l = i18n.DetectLang(os.Getenv)
		}
	} else {
		prefs.SetLang(l)
	}
	useFyneLanguage(l)
	loc := i18n.Must(l)
	loc.OnChange(useFyneLanguage)
	a.Settings().SetTheme(ui.NewTheme(prefs.Theme(), prefs.TextScale()))

	trace := openTrace(os.Getenv("AITIMELINE_TRACE"))
	restoreGC := fewerCollections()
	loaded := sync.OnceFunc(func() {
		restoreGC()
		if trace != nil {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			trace("collector restored, heap %d MB, %d collections", ms.HeapAlloc>>20, ms.NumGC)
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	var st *data.Store
	var nb *userdb.Notebook
	var mw *ui.Main
	// The dataset and the notebook open beside each other, on goroutines,
	// while the window is made.
	type opened struct {
		st    *data.Store
		err   error
		nb    *userdb.Notebook
		nbErr error
		pf    *ui.NotebookPrefetch // the notebook's first load, read while the window is made
		path  string
	}
	open := func(path string, needBook bool) <-chan opened {
		ch := make(chan opened, 1)
		go func() {
			o := opened{path: path}
			bookc := make(chan opened, 1)
			if needBook {
				go func() {
					b, err := openNotebook(ctx, opts.notebook, loc)
					var pf *ui.NotebookPrefetch
					if b != nil {
						pf = ui.PrefetchNotebook(ctx, b)
					}
					bookc <- opened{nb: b, nbErr: err, pf: pf}
				}()
			} else {
				bookc <- opened{}
			}
			o.st, o.err = bundle.Open(ctx, path, os.Getenv)
			ob := <-bookc
			o.nb, o.nbErr, o.pf = ob.nb, ob.nbErr, ob.pf
			if o.pf != nil {
				o.pf.SetStore(o.st)
			}
			ch <- o
		}()
		return ch
	}
	first := open(opts.dataset, true) // while GLFW makes the window
	w := a.NewWindow(loc.T("app.name"))
	w.Resize(prefs.WindowSize())
	w.SetCloseIntercept(func() { // until the main view takes over
		cancel()
		w.Close()
	})
	var load func(path string)
	// pf is the notebook's first load, read beside the first dataset's
	// load; kept when that dataset is refused and the bundled one loads
	// instead (its own events are then numbered again, on the save queue).
	var pf *ui.NotebookPrefetch
	// show builds the main view on what was opened (on the UI goroutine, or
	// before the app runs: beforeRun).
	show := func(o opened, beforeRun bool) {
		// The usual collector setting once the main view (or the message
		// instead of it) is built: the slow load of a large dataset is
		// over then. On a warm start show runs before the app does and the
		// setting comes back at once.
		defer fyne.Do(loaded)
		if ctx.Err() != nil {
			if o.st != nil {
				o.st.Close()
			}
			if o.nb != nil {
				o.nb.Close()
			}
			return
		}
		var wait time.Duration
		if o.nb != nil {
			nb, pf = o.nb, o.pf
		}
		if beforeRun {
			wait = notebookWait // no frame is waiting yet
		}
		if o.err != nil {
			msg := bundle.Message(loc, o.path, o.err)
			if o.path != "" {
				// A dataset from elsewhere was refused: say why, then
				// show the bundled one.
				dialog.ShowInformation(loc.T("app.name"), msg, w)
				load("")
				return
			}
			lbl := widget.NewLabel(msg)
			lbl.Wrapping = fyne.TextWrapWord
			w.SetContent(container.NewPadded(lbl))
			return
		}
		st = o.st
		mw = ui.NewMain(a, w, st, loc, ui.Options{Version: AppVersion, Trace: trace, Present: opts.present, PointerHider: hidePointer,
			Notebook: nb, NotebookPrefetch: pf, NotebookWait: wait})
		if nb == nil && o.nbErr != nil {
			dialog.ShowInformation(loc.T("notebook.title"), loc.T("notebook.unavailable", "Error", userdb.Message(loc, o.nbErr)), w)
		}
	}
	placeholder := func() {
		w.SetContent(container.NewCenter(container.NewVBox(widget.NewLabel(loc.T("app.loading")), widget.NewProgressBarInfinite())))
	}
	load = func(path string) {
		placeholder()
		ch := open(path, nb == nil)
		go func() {
			o := <-ch
			fyne.Do(func() { show(o, false) })
		}()
	}
	// Warm, the bundled dataset and the notebook are open in a few tens of
	// milliseconds: then the first frame is the main view, not a
	// placeholder that is replaced a moment later (measured in
	// BENCHMARKS.md, "Start-up"). A slow open (a million events, a cold
	// disk) gets the placeholder and loads behind it.
	select {
	case o := <-first:
		show(o, true)
	case <-time.After(250 * time.Millisecond):
		placeholder()
		go func() {
			o := <-first
			fyne.Do(func() { show(o, false) })
		}()
	}
	w.SetMaster()
	if mw != nil && mw.Presenter != nil && mw.Presenter.Active() {
		a.Run() // `present`: the main window is shown when the presentation is left
	} else {
		w.ShowAndRun()
	}
	cancel()
	tracef := func(format string, args ...any) {
		if trace != nil {
			trace(format, args...)
		}
	}
	tracef("run ended")
	if mw != nil {
		// The window has closed: let the last note's write finish (it is
		// short; the bound only guards against a hung disk).
		mw.S.Q.WaitSaves(10 * time.Second)
		tracef("saves done")
	}
	if nb != nil {
		nb.Close()
		tracef("notebook closed")
	}
	if st != nil {
		st.Close()
		tracef("dataset closed")
	}
	return nil
}

// notebookWait is how long the main view, when built before the window
// shows, waits for the notebook's first load (read beside the dataset's
// load), so that the first frame shows the user's own events and marks
// rather than a frame without them and a second one. A longer read goes on
// behind the shown window.
const notebookWait = 150 * time.Millisecond

// loadGCPercent is the collector's setting while the dataset loads and the
// main view is built (see fewerCollections). Measured at 1,000,000 events
// against 100 (the default) and off (BENCHMARKS.md): 400 was quickest; with
// the collector off the heap grew larger and the first collection after the
// load marked all of it at once.
const loadGCPercent = 400

// fewerCollections lets the heap grow further between collections until the
// returned function restores the usual setting (it may be called more than
// once). Loading a million events grows the heap from nothing to about 160
// MB live; at the default setting every doubling ran a collection that marked
// all of it, on the two cores the GL window's creation needs too (a quarter
// of the CPU samples of a load, BENCHMARKS.md). A GOGC the user set is left
// alone. The render command's memory limit is a different matter (cli.go).
func fewerCollections() func() {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(loadGCPercent)
	return sync.OnceFunc(func() { debug.SetGCPercent(old) })
}

// autoBackupAfter is how long after start the notebook's daily backup
// begins: it copies and checks the whole file, which is kept away from the
// window's first frames (BENCHMARKS.md, "Notebook").
const autoBackupAfter = 20 * time.Second

// openNotebook opens the user's notebook: path, else $AITIMELINE_NOTEBOOK,
// else the platform's default (notebookPath, as the commands find it). A
// damaged file is moved aside by Open and reported in its Info (the window
// says so).
func openNotebook(ctx context.Context, path string, loc *i18n.Localizer) (*userdb.Notebook, error) {
	p, err := notebookPath(path, env{getenv: os.Getenv}, loc)
	if err != nil {
		return nil, err
	}
	return userdb.Open(ctx, p, userdb.Options{AutoBackupAfter: autoBackupAfter})
}

// openTrace returns a function that appends timestamped lines to the file
// named by AITIMELINE_TRACE (the real-window tests read it), or nil.
func openTrace(path string) func(string, ...any) {
	if path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil
	}
	return func(format string, args ...any) {
		fmt.Fprintf(f, "%d "+format+"\n", append([]any{time.Now().UnixMilli()}, args...)...)
	}
}
