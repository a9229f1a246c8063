// Command datasetbuild validates the dataset's TOML source and writes the
// SQLite file the app embeds. Building twice gives byte-identical output.
//
//	go run -tags sqlite_fts5 ./cmd/datasetbuild [-src assets/dataset] [-out assets/aitimeline.db] [-check]
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"aitimeline/data"
	"aitimeline/data/loader"
)

func main() {
	src := flag.String("src", "assets/dataset", "folder of the dataset's TOML source")
	out := flag.String("out", "assets/aitimeline.db", "SQLite file to write")
	check := flag.Bool("check", false, "only validate, write nothing")
	flag.Parse()
	ds, err := loader.Load(os.DirFS(*src), ".")
	if err == nil {
		err = ds.Validate(time.Now())
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "datasetbuild:", err)
		os.Exit(1)
	}
	fmt.Printf("%d events, %d people, %d organisations, %d eras, %d threads, %d tours: valid\n",
		len(ds.Events), len(ds.People), len(ds.Organizations), len(ds.Eras), len(ds.Threads), len(ds.Tours))
	if *check {
		return
	}
	if err := data.WriteSQLite(ds, *out); err != nil {
		fmt.Fprintln(os.Stderr, "datasetbuild:", err)
		os.Exit(1)
	}
	fmt.Println("wrote", *out)
}
