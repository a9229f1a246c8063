package cite

import (
	"io"
	"testing"
)

// BenchmarkWrite cites the whole bundled dataset (every source and event).
func BenchmarkWrite(b *testing.B) {
	d := realDataset(b)
	opt := Options{Accessed: accessed, IncludeEvents: true, DatasetVersion: d.Meta.Version, DatasetDate: d.Meta.AsOf}
	for _, f := range Formats() {
		b.Run(f.String(), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := Write(io.Discard, f, nil, d.Events, opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
