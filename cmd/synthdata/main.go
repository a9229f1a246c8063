// Command synthdata writes a deterministic synthetic dataset for tests and
// benchmarks:
//
//	go run -tags sqlite_fts5 ./cmd/synthdata -n 100000 -seed 1 -out /tmp/synth-100k.db
//
// or a synthetic notebook on the bundled dataset (n own events and n notes,
// see userdb.Synthesize), for load tests of the research notebook:
//
//	go run -tags sqlite_fts5 ./cmd/synthdata -notebook -n 10000 -out /tmp/notebook-10k.db
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"aitimeline/assets"
	"aitimeline/data"
	"aitimeline/data/synth"
	"aitimeline/data/userdb"
)

func main() {
	n := flag.Int("n", 10000, "number of events (1 to 1000000)")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("out", "", "SQLite file to write")
	notebook := flag.Bool("notebook", false, "write a notebook on the bundled dataset instead")
	flag.Parse()
	if *notebook {
		if err := writeNotebook(*out, *n); err != nil {
			fmt.Fprintln(os.Stderr, "synthdata:", err)
			os.Exit(1)
		}
		return
	}
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

func writeNotebook(path string, n int) error {
	if path == "" {
		return fmt.Errorf("need -out FILE")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists; the notebook must be new", path)
	}
	start := time.Now()
	ctx := context.Background()
	st, err := data.OpenEmbedded(assets.Dataset, os.TempDir())
	if err != nil {
		return err
	}
	defer st.Close()
	idx := st.Index()
	ids := make([]string, idx.Len())
	for i := range ids {
		ids[i] = idx.ID(i)
	}
	nb, err := userdb.Open(ctx, path, userdb.Options{Author: "Synth", NoAutoBackup: true})
	if err != nil {
		return err
	}
	defer nb.Close()
	if err := userdb.Synthesize(ctx, nb, n, ids); err != nil {
		return err
	}
	fmt.Printf("wrote %d notes and %d own events to %s in %v\n", n, n, path, time.Since(start).Round(time.Millisecond))
	return nil
}
