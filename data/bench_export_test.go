package data_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"aitimeline/data"
)

// BenchmarkExportStream streams a whole 300,000-event dataset as JSON and as
// CSV to io.Discard: the work of `aitimeline export` without the file. It
// reads $AITIMELINE_BENCH_DIR/synth-300000.db (.ci/bench writes it) and is
// skipped without it. Target for the whole command: under 10 s.
func BenchmarkExportStream(b *testing.B) {
	dir := os.Getenv("AITIMELINE_BENCH_DIR")
	path := filepath.Join(dir, "synth-300000.db")
	if _, err := os.Stat(path); dir == "" || err != nil {
		b.Skip("set AITIMELINE_BENCH_DIR to a folder with synth-300000.db (cmd/synthdata)")
	}
	st, err := data.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for _, f := range []string{"json", "csv"} {
		b.Run(f, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				var n int
				var err error
				if f == "json" {
					n, err = st.ExportJSON(context.Background(), io.Discard, nil)
				} else {
					n, err = st.ExportCSV(context.Background(), io.Discard, nil)
				}
				if err != nil || n != 300000 {
					b.Fatalf("%d events, %v", n, err)
				}
			}
		})
	}
}
