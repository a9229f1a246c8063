// Command datasetbuild validates the dataset's TOML source and writes the
// SQLite file the app embeds. Building twice gives byte-identical output.
//
//	go run -tags sqlite_fts5 ./cmd/datasetbuild [-src assets/dataset] [-out assets/aitimeline.db] [-check] [-report]
//
// -report prints a source-quality report (and writes nothing): per event the
// sources by kind, the events without a primary or established-newsroom source,
// and the events of importance 4–5 or on a tour without a German source.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"aitimeline/data"
	"aitimeline/data/loader"
)

func main() {
	src := flag.String("src", "assets/dataset", "folder of the dataset's TOML source")
	out := flag.String("out", "assets/aitimeline.db", "SQLite file to write")
	check := flag.Bool("check", false, "only validate, write nothing")
	report := flag.Bool("report", false, "print the source-quality report, write nothing")
	flag.Parse()
	ds, err := loader.Load(os.DirFS(*src), ".")
	if err != nil {
		fmt.Fprintln(os.Stderr, "datasetbuild:", err)
		os.Exit(1)
	}
	if *report {
		// The report is for fixing the dataset, so it runs on an invalid one too.
		writeReport(os.Stdout, ds)
		return
	}
	err = ds.Validate(time.Now())
	if err == nil {
		// Hosts reserved for tests (example.com …) pass the validator so that
		// fixtures need no real URLs; the bundled dataset must not use them.
		// Likewise, pending source-rule entries must name events of this dataset.
		if p := append(data.ReservedHostProblems(ds), data.PendingGoneProblems(ds)...); len(p) > 0 {
			err = &data.ValidationError{Problems: p}
		}
	}
	ledgerPath := filepath.Join(*src, "ids.txt")
	ledgerText, lerr := os.ReadFile(ledgerPath)
	var unlisted []string
	if err == nil && lerr != nil {
		err = fmt.Errorf("the ledger of published IDs: %w", lerr)
	}
	if err == nil {
		ledger, perr := data.ParsePublishedIDs(string(ledgerText))
		var problems []string
		problems, unlisted = ledger.Problems(ds)
		if perr != nil {
			problems = append(problems, perr.Error())
		}
		if len(problems) > 0 {
			err = &data.ValidationError{Problems: problems}
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "datasetbuild:", err)
		os.Exit(1)
	}
	fmt.Printf("%d events, %d people, %d organisations, %d eras, %d threads, %d tours: valid\n",
		len(ds.Events), len(ds.People), len(ds.Organizations), len(ds.Eras), len(ds.Threads), len(ds.Tours))
	if *check {
		if len(unlisted) > 0 {
			fmt.Printf("%d new event IDs: the build adds them to %s\n", len(unlisted), ledgerPath)
		}
		return
	}
	if err := data.WriteSQLite(ds, *out); err != nil {
		fmt.Fprintln(os.Stderr, "datasetbuild:", err)
		os.Exit(1)
	}
	fmt.Println("wrote", *out)
	if len(unlisted) > 0 {
		if err := os.WriteFile(ledgerPath, []byte(data.AppendPublishedIDs(string(ledgerText), unlisted)), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "datasetbuild:", err)
			os.Exit(1)
		}
		fmt.Printf("added %d new event IDs to %s\n", len(unlisted), ledgerPath)
	}
}

// writeReport prints the source-quality report.
func writeReport(w io.Writer, ds *data.Dataset) {
	mix := data.SourceMix(ds)
	onTour := map[string]bool{}
	for _, t := range ds.Tours {
		for _, id := range t.Events {
			onTour[id] = true
		}
	}

	fmt.Fprintln(w, "# Sources by kind")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%-62s %s\n", "event", strings.Join(data.SourceKinds, " "))
	total := map[string]int{}
	for _, m := range mix {
		var cols []string
		for _, k := range data.SourceKinds {
			cols = append(cols, fmt.Sprintf("%*d", len(k), m.Counts[k]))
			total[k] += m.Counts[k]
		}
		fmt.Fprintf(w, "%-62s %s\n", m.EventID, strings.Join(cols, " "))
	}
	var cols []string
	for _, k := range data.SourceKinds {
		cols = append(cols, fmt.Sprintf("%*d", len(k), total[k]))
	}
	fmt.Fprintf(w, "%-62s %s\n", "total", strings.Join(cols, " "))

	var unsourced, noGerman []string
	for _, m := range mix {
		if !m.Qualified {
			unsourced = append(unsourced, m.EventID)
		}
		if !m.German && (m.Importance >= 4 || onTour[m.EventID]) {
			noGerman = append(noGerman, m.EventID)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "# Events without a primary or established-newsroom source: %d of %d\n\n", len(unsourced), len(mix))
	for _, id := range unsourced {
		if why := data.SourceRulePending[id]; why != "" {
			fmt.Fprintf(w, "%s  (pending: %s)\n", id, why)
		} else {
			fmt.Fprintln(w, id)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "# Events of importance 4-5 or on a tour without a German source: %d\n\n", len(noGerman))
	for _, id := range noGerman {
		fmt.Fprintln(w, id)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "# Source problems (validator)")
	fmt.Fprintln(w)
	problems := append(data.SourceProblems(ds), data.ReservedHostProblems(ds)...)
	problems = append(problems, data.PendingGoneProblems(ds)...)
	for _, p := range problems {
		fmt.Fprintln(w, p)
	}
	if len(problems) == 0 {
		fmt.Fprintln(w, "none")
	}

	fmt.Fprintln(w)
	fmt.Fprint(w, data.BalanceReport(ds))
}
