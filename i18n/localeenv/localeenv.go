// Package localeenv repairs the locale environment before any GUI package
// reads it. Fyne's lang package parses LANG during its own package
// initialisation and logs an error for values such as C or POSIX; this
// package's init runs first because Go initialises packages in import-path
// order among those whose imports are ready, "aitimeline/…" sorts before
// "fyne.io/…", and this package imports only os and strings. The main package
// imports it for that side effect.
package localeenv

import (
	"os"
	"strings"
)

func init() { Repair(os.Getenv, os.Setenv, os.Unsetenv) }

// usable reports whether a POSIX locale value names a language
// ("de_DE.UTF-8", "en", "de_AT@euro"); C, POSIX, empty and malformed values are not.
func usable(v string) bool {
	if i := strings.IndexAny(v, ".@"); i >= 0 {
		v = v[:i]
	}
	if v == "" || v == "C" || v == "POSIX" {
		return false
	}
	lang, region, _ := strings.Cut(v, "_")
	if len(lang) < 2 || len(lang) > 3 {
		return false
	}
	for _, r := range lang + region {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// Repair unsets LC_ALL and LC_MESSAGES when they hold an unusable value and
// sets LANG to en_US.UTF-8 when no usable locale remains. The functions are
// os.Getenv, os.Setenv and os.Unsetenv in the app, fakes in tests.
func Repair(get func(string) string, set func(string, string) error, unset func(string) error) {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES"} {
		if v := get(k); v != "" && !usable(v) {
			unset(k)
		}
	}
	if !usable(get("LANG")) && get("LC_ALL") == "" && get("LC_MESSAGES") == "" {
		set("LANG", "en_US.UTF-8")
	}
}
