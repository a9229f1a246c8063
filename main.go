// Command aitimeline is AI Conflict Timeline: an offline desktop app for
// exploring the conflict between Elon Musk and Sam Altman and the race for AI
// dominance around it, 2015 to today. Run without arguments it opens the
// window; export, search and render serve scripts (see README.md).
package main

import (
	"os"
	"runtime/debug"

	_ "aitimeline/i18n/localeenv" // must initialise before Fyne reads the locale
)

// AppVersion is the app's version; FyneApp.toml carries the same (a test checks).
const AppVersion = "0.1.0"

// AppID is the app's unique identifier (also in FyneApp.toml).
const AppID = "io.github.aitimeline.aitimeline"

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		// A soft limit: the garbage collector works harder before the heap
		// outgrows it, so a million-event dataset stays near 230 MB resident
		// instead of twice its live heap. Small datasets never reach it.
		debug.SetMemoryLimit(200 << 20)
	}
	os.Exit(run(os.Args[1:], env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, gui: startGUI}))
}
