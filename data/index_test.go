package data

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// indexOfIDs is an index holding only IDs, enough for BuildLookup and Find.
func indexOfIDs(ids []string) *Index {
	x := &Index{}
	for _, id := range ids {
		x.ids.add(id)
		x.date = append(x.date, packedDate{})
	}
	return x
}

// TestBuildLookup checks the keyed sort against a plain sort of the IDs:
// IDs with a long shared prefix, IDs that are prefixes of others, IDs equal
// in the 8 bytes the key holds, duplicates in each of these places.
func TestBuildLookup(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	many := func(format string, n int) []string {
		var out []string
		for _, i := range rng.Perm(n) {
			out = append(out, fmt.Sprintf(format, i))
		}
		return out
	}
	cases := []struct {
		name   string
		ids    []string
		unique bool
	}{
		{"one", []string{"a"}, true},
		{"shared prefix", many("synthetic-%07d", 5000), true},
		{"prefix of another", []string{"ab-c", "ab", "ab-cd", "a", "abc", "ab-c0", "b"}, true},
		{"equal key, differ later", []string{"x-aaaaaaaa-2", "x-aaaaaaaa-1", "x-aaaaaaaa", "x-aaaaaaaa-10", "x-aaaaaaab", "z"}, true},
		{"whole IDs shared as prefix", []string{"same", "same-1", "same-2"}, true},
		{"no shared prefix", many("%d-x", 3000), true},
		{"duplicate", []string{"b", "a", "c", "a"}, false},
		{"duplicate past the key", []string{"x-aaaaaaaa-2", "x-aaaaaaaa-1", "x-aaaaaaaa-2", "z"}, false},
		{"equal keys apart", []string{"x-aaaaaaaa-1", "z", "x-aaaaaaaa-2", "x-aaaaaaaa-1"}, false},
		{"duplicate with shared prefix", append(many("synthetic-%07d", 3000), "synthetic-0001234"), false},
		{"all the same", []string{"q", "q"}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := indexOfIDs(c.ids)
			if got := x.BuildLookup(); got != c.unique {
				t.Fatalf("BuildLookup() = %v, want %v", got, c.unique)
			}
			var sorted []string
			for _, i := range x.byID {
				sorted = append(sorted, x.ID(int(i)))
			}
			want := slices.Sorted(slices.Values(c.ids))
			if !slices.Equal(sorted, want) {
				t.Fatalf("order %q, want %q", head(sorted), head(want))
			}
			if !c.unique {
				return
			}
			for i, id := range c.ids {
				if got := x.Find(id); got != i {
					t.Fatalf("Find(%q) = %d, want %d", id, got, i)
				}
			}
			for _, id := range []string{"", "zzz", c.ids[0] + "-", "synthetic-"} {
				if !slices.Contains(c.ids, id) && x.Find(id) != -1 {
					t.Fatalf("Find(%q) = %d, want -1", id, x.Find(id))
				}
			}
		})
	}
}

func head(s []string) []string { return s[:min(len(s), 8)] }
