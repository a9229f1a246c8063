package printout

import (
	"io"
	"sync"
	"testing"

	"aitimeline/data"
	"aitimeline/i18n"
	"aitimeline/ui/timeline"
)

// BenchmarkHandout15 writes the hand-out of a 15-stop tour (the brief's
// target: under a second, whole process).
func BenchmarkHandout15(b *testing.B) {
	hd := tourDoc(b, "lawsuit-complaint-to-verdict", data.DE)
	if len(hd.Events) != 15 {
		b.Fatalf("%d stops", len(hd.Events))
	}
	loc := i18n.Must(data.DE)
	if _, err := fonts(); err != nil { // loaded once per process, measured apart
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteHandout(io.Discard, hd, loc, HandoutOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWorksheet15 is the same tour as a worksheet.
func BenchmarkWorksheet15(b *testing.B) {
	hd := tourDoc(b, "lawsuit-complaint-to-verdict", data.DE)
	loc := i18n.Must(data.DE)
	for b.Loop() {
		if err := WriteHandout(io.Discard, hd, loc, HandoutOptions{Worksheet: true, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPosterA3x4 writes a four-sheet A3 poster of every event (the
// brief's target: under two seconds, whole process).
func BenchmarkPosterA3x4(b *testing.B) {
	td, meta := posterData(b)
	loc := i18n.Must(data.DE)
	opt := PosterOptions{Paper: A3, Across: 4, Lanes: timeline.LanesCategory, Meta: meta}
	b.ReportAllocs()
	for b.Loop() {
		if err := WritePoster(io.Discard, td, loc, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFonts is the one-time cost of reading the theme fonts and their
// character coverage.
func BenchmarkFonts(b *testing.B) {
	for b.Loop() {
		fontsOnce = sync.Once{}
		if _, err := fonts(); err != nil {
			b.Fatal(err)
		}
	}
}
