package main

import (
	"runtime/debug"
	"testing"
)

// gcPercent reads the collector's setting (SetGCPercent is the only way).
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestFewerCollectionsWhileLoading: the window's start raises the
// collector's setting until the main view is built and then restores it,
// once however often it is told; a GOGC the user set is left alone.
func TestFewerCollectionsWhileLoading(t *testing.T) {
	defer debug.SetGCPercent(gcPercent())
	cases := []struct {
		gogc         string
		before, load int
	}{
		{"", 100, loadGCPercent},
		{"", 150, loadGCPercent},
		{"50", 50, 50},
		{"off", -1, -1},
	}
	for _, c := range cases {
		t.Setenv("GOGC", c.gogc)
		debug.SetGCPercent(c.before)
		loaded := fewerCollections()
		if got := gcPercent(); got != c.load {
			t.Fatalf("GOGC=%q, %d before: %d while loading, want %d", c.gogc, c.before, got, c.load)
		}
		loaded()
		if got := gcPercent(); got != c.before {
			t.Fatalf("GOGC=%q: %d after loading, want %d", c.gogc, got, c.before)
		}
		debug.SetGCPercent(77) // a later change by someone else stays
		loaded()
		if got := gcPercent(); got != 77 {
			t.Fatalf("GOGC=%q: a second call set %d", c.gogc, got)
		}
	}
}
