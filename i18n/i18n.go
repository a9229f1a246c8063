// Package i18n holds the message catalogs (active.en.toml, active.de.toml) and
// the Localizer that every user-visible string goes through. The language can
// be switched at run time; listeners are told so they can re-render.
package i18n

import (
	"embed"
	"fmt"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"aitimeline/data"
)

// Catalogs are split by area (active.* for the main window, other prefixes
// for later areas); each area has one file per language: AREA.en.toml and
// AREA.de.toml with the same IDs.
//
//go:embed *.en.toml *.de.toml
var catalogs embed.FS

// Catalogs returns the embedded catalog file names and bytes, for tests and tools.
func Catalogs() map[string][]byte {
	out := map[string][]byte{}
	ents, _ := catalogs.ReadDir(".")
	for _, e := range ents {
		b, _ := catalogs.ReadFile(e.Name())
		out[e.Name()] = b
	}
	return out
}

func newBundle() (*goi18n.Bundle, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	ents, err := catalogs.ReadDir(".")
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		if _, err := b.LoadMessageFileFS(catalogs, e.Name()); err != nil {
			return nil, fmt.Errorf("i18n catalog %s: %w", e.Name(), err)
		}
	}
	return b, nil
}

// Localizer translates message IDs into the current language.
// It is safe for concurrent use.
type Localizer struct {
	mu        sync.RWMutex
	bundle    *goi18n.Bundle
	lang      data.Lang
	loc       *goi18n.Localizer
	listeners []func(data.Lang)
}

// sharedBundle parses the catalogs once per process: a bundle
// is only read once loaded, so every Localizer can share it.
var sharedBundle = sync.OnceValues(newBundle)

// New returns a Localizer for lang (English for anything but "de").
func New(lang data.Lang) (*Localizer, error) {
	b, err := sharedBundle()
	if err != nil {
		return nil, err
	}
	l := &Localizer{bundle: b}
	l.set(lang)
	return l, nil
}

// Must is New for callers with no way to report an error: the catalogs are
// embedded and tested, so a failure is a build defect.
func Must(lang data.Lang) *Localizer {
	l, err := New(lang)
	if err != nil {
		panic(err)
	}
	return l
}

func (l *Localizer) set(lang data.Lang) {
	if lang != data.DE {
		lang = data.EN
	}
	l.lang = lang
	l.loc = goi18n.NewLocalizer(l.bundle, string(lang))
}

// Lang is the current language.
func (l *Localizer) Lang() data.Lang {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.lang
}

// SetLang switches the language and tells every listener (in registration
// order, on the caller's goroutine). Setting the current language again does nothing.
func (l *Localizer) SetLang(lang data.Lang) {
	l.mu.Lock()
	if lang == l.lang || (lang != data.DE && l.lang == data.EN) {
		l.mu.Unlock()
		return
	}
	l.set(lang)
	ls := append([]func(data.Lang){}, l.listeners...)
	cur := l.lang
	l.mu.Unlock()
	for _, f := range ls {
		f(cur)
	}
}

// OnChange registers f to be called after every language switch.
func (l *Localizer) OnChange(f func(data.Lang)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.listeners = append(l.listeners, f)
}

// T translates id; kv are template arguments as name, value pairs
// (T("about.version", "Version", v)). A missing ID returns the ID itself so a
// gap is visible rather than blank; tests keep that from happening.
func (l *Localizer) T(id string, kv ...any) string {
	return l.localize(id, nil, kv)
}

// N translates id with a plural count; the count is available as {{.Count}}.
func (l *Localizer) N(id string, count int, kv ...any) string {
	return l.localize(id, count, kv)
}

// Number writes n with the language's digit grouping: 10,000 in English,
// 10.000 in German.
func (l *Localizer) Number(n int) string {
	tag := language.English
	if l.Lang() == data.DE {
		tag = language.German
	}
	return message.NewPrinter(tag).Sprintf("%d", n)
}

func (l *Localizer) localize(id string, count any, kv []any) string {
	var td map[string]any
	if len(kv) > 0 || count != nil {
		td = map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			td[fmt.Sprint(kv[i])] = kv[i+1]
		}
		if n, ok := count.(int); ok {
			td["Count"] = l.Number(n) // 10,000 / 10.000
		} else if count != nil {
			td["Count"] = count
		}
	}
	l.mu.RLock()
	loc := l.loc
	l.mu.RUnlock()
	s, err := loc.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: td, PluralCount: count})
	if err != nil || s == "" {
		return id
	}
	return s
}

// Has reports whether id exists in the current language's catalog.
func (l *Localizer) Has(id string) bool {
	l.mu.RLock()
	loc := l.loc
	l.mu.RUnlock()
	_, err := loc.Localize(&goi18n.LocalizeConfig{MessageID: id, PluralCount: 2})
	return err == nil
}

// Month is the full name of month m (1..12).
func (l *Localizer) Month(m int) string { return l.T(fmt.Sprintf("month.%d", m)) }

// MonthShort is the abbreviated name of month m (1..12).
func (l *Localizer) MonthShort(m int) string { return l.T(fmt.Sprintf("month_short.%d", m)) }

// Date formats a date at its precision: "28. November 2026" / "November 28, 2026",
// "März 2024" / "March 2024", or "2024".
func (l *Localizer) Date(d data.Date) string {
	switch d.Precision {
	case "":
		return ""
	case data.Year:
		return fmt.Sprintf("%d", d.Year)
	case data.Month:
		return l.T("date.month", "Month", l.Month(d.Month), "Year", d.Year)
	}
	return l.T("date.day", "Day", d.Day, "Month", l.Month(d.Month), "Year", d.Year)
}

// DateRange formats an event's date and optional end date.
func (l *Localizer) DateRange(from, to data.Date) string {
	if to.IsZero() {
		return l.Date(from)
	}
	return l.T("date.range", "From", l.Date(from), "To", l.Date(to))
}

// ShortDate formats a date compactly for lists: "28.11.2026" / "Nov 28, 2026",
// "03/2024" / "Mar 2024", or "2024".
func (l *Localizer) ShortDate(d data.Date) string {
	switch d.Precision {
	case "":
		return ""
	case data.Year:
		return fmt.Sprintf("%d", d.Year)
	case data.Month:
		return l.T("date.month_short", "Month", l.MonthShort(d.Month), "MM", fmt.Sprintf("%02d", d.Month), "Year", d.Year)
	}
	return l.T("date.day_short", "Day", d.Day, "DD", fmt.Sprintf("%02d", d.Day), "Month", l.MonthShort(d.Month),
		"MM", fmt.Sprintf("%02d", d.Month), "Year", d.Year)
}

// InputDate formats a date the way a user types it in this language: German
// "1.3.2025", "3.2025" or "2025"; English "2025-03-01", "2025-03" or "2025"
// (the forms ui.ParseUserDate reads back).
func (l *Localizer) InputDate(d data.Date) string {
	if l.Lang() != data.DE {
		return d.String()
	}
	switch d.Precision {
	case data.Day:
		return fmt.Sprintf("%d.%d.%d", d.Day, d.Month, d.Year)
	case data.Month:
		return fmt.Sprintf("%d.%d", d.Month, d.Year)
	}
	return d.String()
}

// Text picks the current language from a bilingual dataset field.
func (l *Localizer) Text(t data.Text) string { return t.In(l.Lang()) }

// ParseLang reads a --lang value: "en" or "de" (case-insensitive, region allowed).
func ParseLang(s string) (data.Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "en" || strings.HasPrefix(s, "en-") || strings.HasPrefix(s, "en_"):
		return data.EN, true
	case s == "de" || strings.HasPrefix(s, "de-") || strings.HasPrefix(s, "de_"):
		return data.DE, true
	}
	return data.EN, false
}
