package data

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
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

// TestDayChecks compares the open's date checks, made without time.Time,
// with time.Date over every day number of several years (leap years of
// each kind among them) and the day keys' order with Date.Time's.
func TestDayChecks(t *testing.T) {
	var valid []Date
	for _, y := range []int{1900, 1999, 2000, 2015, 2023, 2024, 2100, 2400} {
		for m := 0; m <= 13; m++ {
			for day := 0; day <= 32; day++ {
				d := Date{Year: y, Month: m, Day: day, Precision: Day}
				want := m >= 1 && m <= 12 && day >= 1 && time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC).Day() == day
				if got := validDate(d); got != want {
					t.Fatalf("validDate(%d-%d-%d) = %v, want %v", y, m, day, got, want)
				}
				if !want {
					continue
				}
				if got := timeKey(d.Time()); got != dayKey(d) {
					t.Fatalf("timeKey(%v) = %d, dayKey %d", d, got, dayKey(d))
				}
				valid = append(valid, d)
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		a, b := valid[rng.IntN(len(valid))], valid[rng.IntN(len(valid))]
		if (dayKey(a) < dayKey(b)) != a.Time().Before(b.Time()) {
			t.Fatalf("day keys order %v and %v unlike their times", a, b)
		}
	}
}

// TestIndexPartsStoredAsText: the open keeps the index parts as the driver
// hands them over, without a copy; a part a file holds as text (which
// database/sql reads into one reused buffer) must still give the same index.
func TestIndexPartsStoredAsText(t *testing.T) {
	ds := sample()
	SortEvents(ds.Events)
	want := NewIndex(ds)
	for name, path := range map[string]string{
		"blobs": tampered(t, sample()),
		"text":  tampered(t, sample(), "UPDATE index_parts SET data = CAST(data AS TEXT)"),
	} {
		st, err := Open(path)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		x := st.Index()
		if x.Len() != want.Len() {
			t.Fatalf("%s: %d events, want %d", name, x.Len(), want.Len())
		}
		for i := 0; i < x.Len(); i++ {
			if x.ID(i) != want.ID(i) || x.Title(i, DE) != want.Title(i, DE) || x.Date(i) != want.Date(i) ||
				!slices.Equal(x.People(i), want.People(i)) || x.Find(want.ID(i)) != i {
				t.Fatalf("%s: event %d is %s %q, want %s %q", name, i, x.ID(i), x.Title(i, DE), want.ID(i), want.Title(i, DE))
			}
		}
		st.Close()
	}
}

// TestRadixSort compares the radix sort with a stable comparison sort: keys
// that differ in every byte, in a few bytes, not at all, odd and even
// numbers of passes.
func TestRadixSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	keys := map[string]func() uint64{
		"any":         rng.Uint64,
		"digits":      func() uint64 { return 0x3030303030303000 | uint64(rng.IntN(10))<<8 | uint64(rng.IntN(10))<<24 },
		"one byte":    func() uint64 { return uint64(rng.IntN(3)) << 40 },
		"three bytes": func() uint64 { return uint64(rng.IntN(4)) | uint64(rng.IntN(4))<<16 | uint64(rng.IntN(4))<<56 },
		"equal":       func() uint64 { return 42 },
	}
	for name, key := range keys {
		for _, n := range []int{0, 1, 2, 1000} {
			ks := make([]keyed, n)
			for i := range ks {
				ks[i] = keyed{key(), int32(i)}
			}
			want := slices.Clone(ks)
			slices.SortStableFunc(want, func(a, b keyed) int { return cmp.Compare(a.key, b.key) })
			radixSort(ks)
			if !slices.Equal(ks, want) {
				t.Fatalf("%s, %d keys: %v, want %v", name, n, ks[:min(n, 6)], want[:min(n, 6)])
			}
		}
	}
}
