package i18n

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"aitimeline/data"
)

// TestCountMessagesArePlural: every message that shows {{.Count}} is a plural
// table with "one" and "other" in every catalog, so no language says "1 events".
func TestCountMessagesArePlural(t *testing.T) {
	for name, b := range Catalogs() {
		var m map[string]any
		if _, err := toml.Decode(string(b), &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for id, v := range m {
			switch v := v.(type) {
			case string:
				if strings.Contains(v, "{{.Count}}") {
					t.Errorf("%s: %s uses {{.Count}} but has no plural forms (make it a table with one and other)", name, id)
				}
			case map[string]any:
				for _, form := range []string{"one", "other"} {
					if s, ok := v[form].(string); !ok || s == "" {
						t.Errorf("%s: plural message %s lacks %q", name, id, form)
					}
				}
			}
		}
	}
	for _, c := range []struct {
		lang data.Lang
		n    int
		want string
	}{
		{data.EN, 1, "Exported 1 event to x.json."},
		{data.EN, 2, "Exported 2 events to x.json."},
		{data.DE, 1, "1 Ereignis nach x.json exportiert."},
		{data.DE, 2, "2 Ereignisse nach x.json exportiert."},
	} {
		if got := Must(c.lang).N("export.done", c.n, "File", "x.json"); got != c.want {
			t.Errorf("%s export.done(%d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	// The timeline's cluster badge splits its template at a placeholder.
	if got := Must(data.DE).T("timeline.cluster", "Count", "\x00"); got != "+\x00" {
		t.Errorf("timeline.cluster = %q", got)
	}
}
