// Command aitimeline is AI Conflict Timeline: an offline desktop app for
// exploring the conflict between Elon Musk and Sam Altman and the race for AI
// dominance around it, 2015 to today. Run without arguments it opens the
// window; export, search and render serve scripts (see README.md).
package main

import (
	_ "embed"
	"fmt"
	"os"
	"regexp"
	"runtime"

	"github.com/BurntSushi/toml"

	_ "aitimeline/i18n/localeenv" // must initialise before Fyne reads the locale
)

// fyneAppTOML is FyneApp.toml, the one place the version and ID are kept:
// fyne package reads it for the package, the app reads it from here, so
// --version, the About dialog and the package name cannot disagree.
//
//go:embed FyneApp.toml
var fyneAppTOML []byte

var appMeta = mustAppMetadata(fyneAppTOML)

var (
	// AppVersion is the app's version (x.y.z), FyneApp.toml's [Details] Version.
	AppVersion = appMeta.Version

	// AppID is the app's unique identifier, FyneApp.toml's [Details] ID; it
	// also names the desktop entry, the icon and the AppStream metainfo.
	AppID = appMeta.ID
)

// appMetadata is what the app reads of FyneApp.toml.
type appMetadata struct {
	ID, Version string
}

var (
	// x.y.z only: AppStream, the package name and fyne package all take it.
	versionRE = regexp.MustCompile(`^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$`)
	// Reverse-DNS with at least three parts, as AppStream and D-Bus want it.
	appIDRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*){2,}$`)
)

// parseAppMetadata reads [Details] ID and Version from FyneApp.toml.
func parseAppMetadata(b []byte) (appMetadata, error) {
	var f struct{ Details appMetadata }
	if _, err := toml.Decode(string(b), &f); err != nil {
		return appMetadata{}, fmt.Errorf("FyneApp.toml: %w", err)
	}
	m := f.Details
	if !versionRE.MatchString(m.Version) {
		return m, fmt.Errorf("FyneApp.toml: [Details] Version %q is not x.y.z", m.Version)
	}
	if !appIDRE.MatchString(m.ID) {
		return m, fmt.Errorf("FyneApp.toml: [Details] ID %q is not a reverse-DNS app ID", m.ID)
	}
	return m, nil
}

// mustAppMetadata panics on a broken FyneApp.toml: the file is embedded at
// build time and checked by a test, so this only fires for a bad build.
func mustAppMetadata(b []byte) appMetadata {
	m, err := parseAppMetadata(b)
	if err != nil {
		panic(err)
	}
	return m
}

func main() {
	os.Exit(run(os.Args[1:], env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, goos: runtime.GOOS, gui: startGUI}))
}
