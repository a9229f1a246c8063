package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestUIShardsCoverEveryTest: make test runs the ui package's tests in two
// halves chosen by the letter after "Test" (^Test[A-HP] and ^Test[I-OQ-Z]);
// a test whose name goes on otherwise (Test_x, Test2) would run in neither.
func TestUIShardsCoverEveryTest(t *testing.T) {
	mk, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatal(err)
	}
	for _, shard := range []string{"'^Test[A-HP]'", "'^Test[I-OQ-Z]'"} {
		if !strings.Contains(string(mk), shard) {
			t.Fatalf("the Makefile no longer has the shard %s: update this test with it", shard)
		}
	}
	shards := regexp.MustCompile(`^Test([A-HP]|[I-OQ-Z])`)
	files, _ := filepath.Glob("ui/*_test.go")
	decl := regexp.MustCompile(`(?m)^func (Test\w*)\(`)
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range decl.FindAllStringSubmatch(string(b), -1) {
			n++
			if m[1] != "TestMain" && !shards.MatchString(m[1]) {
				t.Errorf("%s: %s runs in neither half of make test's ui run", f, m[1])
			}
		}
	}
	if n < 50 {
		t.Fatalf("found only %d tests in ui/", n)
	}
}
