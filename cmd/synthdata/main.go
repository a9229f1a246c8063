// Command synthdata writes a deterministic synthetic dataset for tests and
// benchmarks:
//
//	go run -tags sqlite_fts5 ./cmd/synthdata -n 100000 -seed 1 -out /tmp/synth-100k.db
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"aitimeline/data"
	"aitimeline/data/synth"
)

func main() {
	n := flag.Int("n", 10000, "number of events (1 to 1000000)")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("out", "", "SQLite file to write")
	flag.Parse()
	if *out == "" || *n < 1 || *n > 1_000_000 {
		fmt.Fprintln(os.Stderr, "synthdata: need -out FILE and 1 <= -n <= 1000000")
		os.Exit(2)
	}
	start := time.Now()
	ds := synth.Generate(*n, *seed)
	if err := ds.Validate(time.Now()); err != nil {
		fmt.Fprintln(os.Stderr, "synthdata:", err)
		os.Exit(1)
	}
	if err := data.WriteSQLite(ds, *out); err != nil {
		fmt.Fprintln(os.Stderr, "synthdata:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d events to %s in %v\n", *n, *out, time.Since(start).Round(time.Millisecond))
}
