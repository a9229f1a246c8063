// Command aitimeline is AI Conflict Timeline: an offline desktop app for
// exploring the conflict between Elon Musk and Sam Altman and the race for AI
// dominance around it, 2015 to today. Run without arguments it opens the
// window; export, search and render serve scripts (see README.md).
package main

import (
	"os"
	"runtime"

	_ "aitimeline/i18n/localeenv" // must initialise before Fyne reads the locale
)

// AppVersion is the app's version; FyneApp.toml carries the same (a test checks).
const AppVersion = "0.1.0"

// AppID is the app's unique identifier (also in FyneApp.toml).
const AppID = "io.github.aitimeline.aitimeline"

func main() {
	os.Exit(run(os.Args[1:], env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, goos: runtime.GOOS, gui: startGUI}))
}
