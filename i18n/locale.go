package i18n

import (
	"strings"

	"golang.org/x/text/language"

	"aitimeline/data"
)

var supported = language.NewMatcher([]language.Tag{language.English, language.German})

// localeTag turns a POSIX locale value ("de_DE.UTF-8", "de_AT@euro", "en") into
// a language tag; ok is false for C, POSIX, empty or malformed values.
func localeTag(v string) (language.Tag, bool) {
	v = strings.TrimSpace(v)
	if i := strings.IndexAny(v, ".@"); i >= 0 {
		v = v[:i]
	}
	if v == "" || v == "C" || v == "POSIX" {
		return language.Und, false
	}
	tag, err := language.Parse(strings.ReplaceAll(v, "_", "-"))
	if err != nil {
		return language.Und, false
	}
	return tag, true
}

// DetectLang picks the content language from the locale environment, looked up
// through getenv (os.Getenv in the app, a map in tests). The first of LC_ALL,
// LC_MESSAGES and LANG that is set decides, as in POSIX; C, POSIX, empty or
// malformed values, and languages other than German, give English.
func DetectLang(getenv func(string) string) data.Lang {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(k)
		if v == "" {
			continue
		}
		tag, ok := localeTag(v)
		if !ok {
			return data.EN
		}
		_, idx, conf := supported.Match(tag)
		if conf == language.No || idx != 1 {
			return data.EN
		}
		return data.DE
	}
	return data.EN
}
