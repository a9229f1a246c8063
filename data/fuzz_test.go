package data

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	fuzzOnce  sync.Once
	fuzzStore *Store
	fuzzErr   error
)

// FuzzSearch feeds arbitrary input to the search query path: it must never
// fail, and the MATCH expression may contain only quoted prefix terms.
// Run it for minutes with: go test -tags sqlite_fts5 -run '^$' -fuzz FuzzSearch -fuzztime 5m ./data/
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"Klage", "Gründung", `"`, `NEAR(a b`, `a OR b`, `-x *`, `title:x`, `((`, `"a" AND "b"`, "\x00", "ß", "🙂 x", strings.Repeat("ab ", 100)} {
		f.Add(s)
	}
	fuzzOnce.Do(func() {
		dir, err := osMkdirTemp()
		if err != nil {
			fuzzErr = err
			return
		}
		path := filepath.Join(dir, "fuzz.db")
		if fuzzErr = WriteSQLite(sample(), path); fuzzErr == nil {
			fuzzStore, fuzzErr = Open(path)
		}
	})
	if fuzzErr != nil {
		f.Fatal(fuzzErr)
	}
	f.Fuzz(func(t *testing.T, q string) {
		expr := MatchExpr(q)
		for _, term := range strings.Fields(expr) {
			if !strings.HasPrefix(term, `"`) || !strings.HasSuffix(term, `"*`) || strings.Count(term, `"`) != 2 {
				t.Fatalf("MatchExpr(%q) has an unsafe term %q", q, term)
			}
		}
		for _, lang := range Langs {
			if _, err := fuzzStore.Search(context.Background(), q, lang, 10); err != nil {
				t.Fatalf("Search(%q, %s): %v", q, lang, err)
			}
		}
	})
}

func osMkdirTemp() (string, error) { return os.MkdirTemp("", "aitimeline-fuzz-") }
