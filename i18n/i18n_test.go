package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"aitimeline/data"
)

func catalogIDs(t *testing.T, name string) map[string]bool {
	t.Helper()
	var m map[string]any
	if _, err := toml.Decode(string(Catalogs()[name]), &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	ids := map[string]bool{}
	for k, v := range m {
		if s, ok := v.(string); ok && strings.TrimSpace(s) == "" {
			t.Errorf("%s: %s is empty", name, k)
		}
		ids[k] = true
	}
	return ids
}

func TestCatalogParity(t *testing.T) {
	total := 0
	owner := map[string]string{} // ID -> the English catalog defining it: an ID lives in one area
	for name := range Catalogs() {
		if strings.HasSuffix(name, ".en.toml") {
			for id := range catalogIDs(t, name) {
				if prev, dup := owner[id]; dup {
					t.Errorf("%s is defined in both %s and %s", id, prev, name)
				}
				owner[id] = name
			}
		}
		area, ok := strings.CutSuffix(name, ".en.toml")
		if !ok {
			if _, isDE := strings.CutSuffix(name, ".de.toml"); !isDE {
				t.Errorf("%s: catalog names are AREA.en.toml or AREA.de.toml", name)
			} else if _, has := Catalogs()[strings.TrimSuffix(name, ".de.toml")+".en.toml"]; !has {
				t.Errorf("%s has no English counterpart", name)
			}
			continue
		}
		total += checkParity(t, area)
	}
	if total < 50 {
		t.Fatalf("only %d messages: catalogs not loaded?", total)
	}
}

// checkParity checks that an area's two catalogs have the same IDs and returns how many.
func checkParity(t *testing.T, area string) int {
	t.Helper()
	en, de := catalogIDs(t, area+".en.toml"), catalogIDs(t, area+".de.toml")
	var missing []string
	for id := range en {
		if !de[id] {
			missing = append(missing, "de lacks "+id)
		}
	}
	for id := range de {
		if !en[id] {
			missing = append(missing, "en lacks "+id)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%s catalogs differ:\n%s", area, strings.Join(missing, "\n"))
	}
	return len(en)
}

// TestEveryUsedIDExists scans the app's Go sources for literal message IDs and
// for the ID families built at run time, and checks both catalogs have them.
func TestEveryUsedIDExists(t *testing.T) {
	re := regexp.MustCompile(`\.(?:T|N)\("([a-z_]+(?:\.[a-z0-9_]+)+)"`)
	used := map[string]string{}
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = p
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range data.Categories {
		used["category."+string(c)] = "data.Categories"
	}
	for _, s := range data.Statuses {
		used["status."+string(s)] = "data.Statuses"
		used["status_help."+string(s)] = "data.Statuses"
	}
	if len(used) < 30 {
		t.Fatalf("found only %d used IDs: scan broken?", len(used))
	}
	for _, lang := range data.Langs {
		l := Must(lang)
		for id, where := range used {
			if !l.Has(id) {
				t.Errorf("%s: message %q (used in %s) is missing", lang, id, where)
			}
		}
	}
}

func TestDetectLang(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want data.Lang
	}{
		{map[string]string{"LANG": "de_DE.UTF-8"}, data.DE},
		{map[string]string{"LANG": "de_AT@euro"}, data.DE},
		{map[string]string{"LANG": "de"}, data.DE},
		{map[string]string{"LANG": "en_GB.UTF-8"}, data.EN},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, data.EN},
		{map[string]string{"LANG": "C"}, data.EN},
		{map[string]string{"LANG": "POSIX"}, data.EN},
		{map[string]string{"LANG": "C.UTF-8"}, data.EN},
		{map[string]string{"LANG": ""}, data.EN},
		{map[string]string{"LANG": "!!garbage!!"}, data.EN},
		{map[string]string{}, data.EN},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "de_CH.UTF-8"}, data.DE},
		{map[string]string{"LANG": "de_DE.UTF-8", "LC_ALL": "C"}, data.EN},
		{map[string]string{"LANG": "de_DE.UTF-8", "LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "de_DE"}, data.EN},
	}
	for _, c := range cases {
		if got := DetectLang(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("DetectLang(%v) = %s, want %s", c.env, got, c.want)
		}
	}
}

func TestDates(t *testing.T) {
	en, de := Must(data.EN), Must(data.DE)
	cases := []struct{ date, en, de, enShort, deShort string }{
		{"2026-11-28", "November 28, 2026", "28.\u00a0November 2026", "Nov 28, 2026", "28.11.2026"},
		{"2024-03", "March 2024", "März 2024", "Mar 2024", "März 2024"},
		{"2019", "2019", "2019", "2019", "2019"},
		{"2015-12-01", "December 1, 2015", "1.\u00a0Dezember 2015", "Dec 1, 2015", "01.12.2015"},
	}
	for _, c := range cases {
		d := data.MustDate(c.date)
		if got := en.Date(d); got != c.en {
			t.Errorf("en %s = %q, want %q", c.date, got, c.en)
		}
		if got := de.Date(d); got != c.de {
			t.Errorf("de %s = %q, want %q", c.date, got, c.de)
		}
		if got := en.ShortDate(d); got != c.enShort {
			t.Errorf("en short %s = %q, want %q", c.date, got, c.enShort)
		}
		if got := de.ShortDate(d); got != c.deShort {
			t.Errorf("de short %s = %q, want %q", c.date, got, c.deShort)
		}
	}
	if got := de.DateRange(data.MustDate("2023-11-17"), data.MustDate("2023-11-22")); got != "17.\u00a0November 2023 bis 22.\u00a0November 2023" {
		t.Errorf("range = %q", got)
	}
}

func TestPluralsAndSwitching(t *testing.T) {
	l := Must(data.EN)
	if got := l.N("events.count", 1); got != "1 event" {
		t.Errorf("%q", got)
	}
	if got := l.N("events.count", 12); got != "12 events" {
		t.Errorf("%q", got)
	}
	var seen []data.Lang
	l.OnChange(func(lang data.Lang) { seen = append(seen, lang) })
	l.SetLang(data.DE)
	l.SetLang(data.DE) // no change, no call
	if got := l.N("events.count", 1); got != "1 Ereignis" {
		t.Errorf("%q", got)
	}
	if got := l.T("menu.file"); got != "Datei" {
		t.Errorf("%q", got)
	}
	if len(seen) != 1 || seen[0] != data.DE {
		t.Errorf("listeners saw %v", seen)
	}
	if got := l.T("no.such.id"); got != "no.such.id" {
		t.Errorf("missing id gave %q", got)
	}
	if got := l.Text(data.Text{EN: "Lawsuit", DE: "Klage"}); got != "Klage" {
		t.Errorf("Text = %q", got)
	}
}

// TestCountsAreGrouped: counts in messages have the language's digit
// grouping (a native reader expects 10.000 Ereignisse, not 10000).
func TestCountsAreGrouped(t *testing.T) {
	l := Must(data.EN)
	if got := l.N("events.count", 10000); got != "10,000 events" {
		t.Errorf("%q", got)
	}
	l.SetLang(data.DE)
	if got := l.N("events.count", 1234567); got != "1.234.567 Ereignisse" {
		t.Errorf("%q", got)
	}
	if got := l.N("events.count", 999); got != "999 Ereignisse" {
		t.Errorf("%q", got)
	}
}

func TestParseLang(t *testing.T) {
	for in, want := range map[string]data.Lang{"de": data.DE, "DE": data.DE, "de-AT": data.DE, "en": data.EN, "en_US": data.EN} {
		if got, ok := ParseLang(in); !ok || got != want {
			t.Errorf("ParseLang(%q) = %s, %v", in, got, ok)
		}
	}
	for _, bad := range []string{"fr", "", "deutsch"} {
		if _, ok := ParseLang(bad); ok {
			t.Errorf("ParseLang(%q) accepted", bad)
		}
	}
}
