package ui

import (
	"fmt"
	"math/rand"
	"slices"
	"sort"
	"strings"
	"testing"

	"aitimeline/data"
)

// TestSortSourcesKeepsSQLiteOrderAmongEquals: the Sources tab used to get
// the sources sorted by SQLite (publisher NOCASE, date, ID) and sort them
// stably by its column, comparing keys made at every comparison; now they
// come unsorted, are sorted once by data.SortSources (checked against
// SQLite in package data) and then by the column with keys made once.
// Every column, both directions, on sources with many equal cells: the
// same order as the old way.
func TestSortSourcesKeepsSQLiteOrderAmongEquals(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	pubs := []string{"Synthetic Wire", "synthetic wire", "Reuters", "Ärzte Zeitung", "heise", "Heise"}
	var src []data.Source
	for k := 0; k < 3000; k++ {
		src = append(src, data.Source{
			ID:        fmt.Sprintf("src-%05d", r.Intn(100000)),
			Publisher: pubs[r.Intn(len(pubs))],
			Date:      fmt.Sprintf("20%02d", 15+r.Intn(3)),
			Title:     fmt.Sprintf("Report %d", r.Intn(50)),
			Language:  []string{"en", "de"}[r.Intn(2)],
			URL:       []string{"https://example.org/a", "https://www.heise.de/x", "https://reuters.com/y"}[r.Intn(3)],
			Citations: r.Intn(4),
		})
	}
	// IDs are unique in a dataset.
	seen := map[string]bool{}
	src = slices.DeleteFunc(src, func(s data.Source) bool { d := seen[s.ID]; seen[s.ID] = true; return d })
	old := func(col int, desc bool) []data.Source {
		rows := slices.Clone(src)
		data.SortSources(rows)
		key := func(s *data.Source) string { return strings.ToLower(cellText(s, col)) }
		sort.SliceStable(rows, func(i, j int) bool {
			a, b := &rows[i], &rows[j]
			if desc {
				a, b = b, a
			}
			if col == srcEvents {
				return a.Citations < b.Citations
			}
			return key(a) < key(b)
		})
		return rows
	}
	shuffled := slices.Clone(src)
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for col := 0; col < srcCols; col++ {
		for _, desc := range []bool{false, true} {
			want := old(col, desc)
			base := slices.Clone(shuffled)
			data.SortSources(base)
			got := sortSources(base, col, desc)
			for k := range want {
				if got[k].ID != want[k].ID {
					t.Fatalf("column %d desc %v, row %d: %s (%s %s), the old order has %s (%s %s)", col, desc, k,
						got[k].ID, got[k].Publisher, got[k].Date, want[k].ID, want[k].Publisher, want[k].Date)
				}
			}
		}
	}
}
