package userdb

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"aitimeline/data"
)

// The benchmarks run on a notebook of 10,000 notes and 10,000 own events
// (plus 2,000 starred or flagged events with tags), built once per test
// binary through ImportJSON and copied for each benchmark.
//
//	go test -tags sqlite_fts5,migrated_fynedo -run '^$' -bench . -benchtime 3s ./data/userdb/

var benchWords = strings.Fields(`openai musk altman lawsuit board nonprofit founding gründung übernahme
	klage vorstand investition microsoft xai grok tesla spacex twitter chip rechenzentrum compute
	gigawatt stargate oracle nvidia court ruling verdict motion complaint filing email memo blog
	post interview podcast hearing senate congress regulation safety alignment model release gpt
	training data license copyright deal partnership billion valuation funding round investor
	employee letter resignation return reinstatement firing weekend drama governance charter
	mission profit capped structure conversion delaware attorney general amicus brief judge
	jury trial evidence testimony deposition discovery settlement appeal injunction damages
	straße größe äußerung öffentlich gespräch entscheidung gericht urteil berufung vergleich`)

func benchText(rng *rand.Rand, words int) string {
	var b strings.Builder
	for i := 0; i < words; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(benchWords[rng.IntN(len(benchWords))])
	}
	return b.String()
}

const benchN = 10000

// benchExport is a notebook export of the benchmark's size.
func benchExport() string {
	rng := rand.New(rand.NewPCG(7, 7))
	var b strings.Builder
	b.WriteString(`{"format":"aitimeline-notebook","version":1,"author":"Ada","notes":[`)
	for i := 0; i < benchN; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"target":"event","id":"event-%d","author":"Ada","title":{"en":"Event %d","de":"Ereignis %d"},"date":"%d-%02d-%02d","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","body":%q}`,
			i, i, i, 2015+i%11, 1+i%12, 1+i%28, benchText(rng, 40+rng.IntN(80)))
	}
	b.WriteString(`],"events":[`)
	for i := 0; i < 2000; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"event-%d","starred":%v,"flag":%q,"tags":["tag-%d","topic %d"]}`, i*5, i%2 == 0, Flags[i%len(Flags)], i%40, i%7)
	}
	b.WriteString(`],"own_events":[`)
	for i := 0; i < benchN; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"own-%012x","date":"%d-%02d","end_date":"","category":%q,"title":{"en":%q,"de":""},"summary":{"en":%q,"de":""},"people":["elon-musk"],"organizations":["openai"],"sources":[{"publisher":"P","title":"T","date":"","url":"https://example.com/%d","archive_url":"","language":"en","kind":""}],"author":"Ada","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z"}`,
			i, 2015+i%11, 1+i%12, data.Categories[i%len(data.Categories)], benchText(rng, 6), benchText(rng, 30), i)
	}
	b.WriteString(`],"tours":[]}`)
	return b.String()
}

var benchOnce struct {
	sync.Once
	dir, path string
	err       error
}

// benchNotebook copies the benchmark notebook to a fresh file and returns its path.
func benchNotebook(b *testing.B) string {
	b.Helper()
	benchOnce.Do(func() {
		benchOnce.dir, benchOnce.err = os.MkdirTemp("", "userdb-bench-")
		if benchOnce.err != nil {
			return
		}
		benchOnce.path = filepath.Join(benchOnce.dir, "template.db")
		nb, err := Open(ctx, benchOnce.path, Options{Author: "Ada", NoAutoBackup: true})
		if err != nil {
			benchOnce.err = err
			return
		}
		_, benchOnce.err = nb.ImportJSON(ctx, strings.NewReader(benchExport()), ImportOptions{})
		nb.Close()
	})
	if benchOnce.err != nil {
		b.Fatal(benchOnce.err)
	}
	dst := filepath.Join(b.TempDir(), "notebook.db")
	if err := os.WriteFile(dst, readFile(b, benchOnce.path), 0o600); err != nil {
		b.Fatal(err)
	}
	return dst
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchOnce.dir != "" {
		os.RemoveAll(benchOnce.dir)
	}
	os.Exit(code)
}

// BenchmarkOpenAnnotations is the app's start: open the notebook (probe,
// quick_check, pools) and read every event's badges. Target < 200 ms.
func BenchmarkOpenAnnotations(b *testing.B) {
	path := benchNotebook(b)
	for b.Loop() {
		nb, err := Open(ctx, path, Options{NoAutoBackup: true})
		if err != nil {
			b.Fatal(err)
		}
		a, err := nb.Annotations(ctx)
		if err != nil || len(a) != benchN {
			b.Fatalf("%d annotations, %v", len(a), err)
		}
		nb.Close()
	}
}

// BenchmarkSearch is one keystroke: each op searches the next prefix of
// words being typed (from one letter up). Target < 10 ms.
func BenchmarkSearch(b *testing.B) {
	nb := openAt(b, benchNotebook(b), Options{NoAutoBackup: true})
	var typing []string
	for _, phrase := range []string{"gruendung openai", "Übernahme durch Microsoft", "musk lawsuit ruling", "straße"} {
		for i := 1; i <= len(phrase); i++ {
			typing = append(typing, phrase[:i])
		}
	}
	for _, c := range []struct {
		name    string
		queries []string
	}{{"typing", typing}, {"one-letter", []string{"g", "m", "s", "a"}}, {"no-match", []string{"zzzzqx"}}} {
		b.Run(c.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				if _, err := nb.Search(ctx, c.queries[i%len(c.queries)], 50); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkSaveNote edits an existing note (a new body each time), with
// synchronous=FULL: the cost includes the fsync. Target < 5 ms.
func BenchmarkSaveNote(b *testing.B) {
	nb := openAt(b, benchNotebook(b), Options{NoAutoBackup: true})
	i := 0
	var took []time.Duration
	for b.Loop() {
		t0 := time.Now()
		if _, err := nb.SaveNote(ctx, EventTarget("event-"+itoa(i%benchN)), "edited "+itoa(i), Label{}); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(t0))
		i++
	}
	// The mean hides the shape: most saves are one fsync, a few also
	// checkpoint the WAL into the file.
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2])/1e6, "p50-ms")
	b.ReportMetric(float64(took[len(took)*9/10])/1e6, "p90-ms")
	b.ReportMetric(float64(took[len(took)-1])/1e6, "max-ms")
}

// BenchmarkExportMarkdown writes every note, own event and mark as one
// Markdown document, half the events coming from the dataset. Target < 1 s.
func BenchmarkExportMarkdown(b *testing.B) {
	nb := openAt(b, benchNotebook(b), Options{NoAutoBackup: true})
	ds := &data.Dataset{}
	for i := 0; i < benchN; i += 2 {
		ds.Events = append(ds.Events, data.Event{ID: "event-" + itoa(i), Date: data.MustDate("2020-01-02"),
			Title:   data.Text{EN: "Dataset event " + itoa(i)},
			Sources: []data.Source{{Publisher: "Reuters", Title: "Story", URL: "https://example.com/" + itoa(i)}}})
	}
	src, loc := FromDataset(ds), i18nDE()
	for b.Loop() {
		if err := nb.ExportMarkdown(ctx, io.Discard, src, loc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExportJSON writes the whole notebook as JSON.
func BenchmarkExportJSON(b *testing.B) {
	nb := openAt(b, benchNotebook(b), Options{NoAutoBackup: true})
	for b.Loop() {
		if err := nb.ExportJSON(ctx, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportJSON imports the whole benchmark notebook into an empty one.
func BenchmarkImportJSON(b *testing.B) {
	doc := benchExport()
	for b.Loop() {
		b.StopTimer()
		nb, err := Open(ctx, filepath.Join(b.TempDir(), "n.db"), Options{Author: "Ada", NoAutoBackup: true})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := nb.ImportJSON(ctx, strings.NewReader(doc), ImportOptions{}); err != nil {
			b.Fatal(err)
		}
		nb.Close()
	}
}

// BenchmarkBackup is the daily backup (VACUUM INTO, check, rename).
func BenchmarkBackup(b *testing.B) {
	nb := openAt(b, benchNotebook(b), Options{NoAutoBackup: true, KeepBackups: 2})
	for b.Loop() {
		if _, err := nb.Backup(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOwnEvents reads the 10,000 live own events in date order, as the
// window's first load does (the part of BenchmarkAttachNotebook in ui that
// reads the file).
func BenchmarkOwnEvents(b *testing.B) {
	nb := openAt(b, benchNotebook(b), Options{NoAutoBackup: true})
	for b.Loop() {
		evs, err := nb.OwnEvents(ctx)
		if err != nil || len(evs) != benchN {
			b.Fatalf("%d own events, %v", len(evs), err)
		}
	}
}
