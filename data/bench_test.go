package data_test

import (
	"context"
	"path/filepath"
	"testing"

	"aitimeline/data"
	"aitimeline/data/synth"
)

// BenchmarkSearchKeystroke types a query one keystroke at a time against a
// 100,000-event synthetic dataset, as search-as-you-type does; one op is one
// keystroke's query (prefix search, ranked, top 50).
func BenchmarkSearchKeystroke(b *testing.B) {
	st := synthStore(b, 100000)
	var prefixes []string
	for _, q := range []string{"Gründung", "Klage Urteil", "Berufung"} {
		r := []rune(q)
		for i := 1; i <= len(r); i++ {
			prefixes = append(prefixes, string(r[:i]))
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := st.Search(context.Background(), prefixes[i%len(prefixes)], data.DE, 50); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpen opens and checks a 100,000-event dataset: the compact event
// index, the small tables, references and links, as every start does.
func BenchmarkOpen(b *testing.B) {
	st := synthStore(b, 100000)
	path := st.Path()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := data.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// synthStore writes a synthetic dataset of n events and opens it.
func synthStore(b *testing.B, n int) *data.Store {
	b.Helper()
	path := filepath.Join(b.TempDir(), "synth.db")
	if err := data.WriteSQLite(synth.Generate(n, 1), path); err != nil {
		b.Fatal(err)
	}
	st, err := data.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}
