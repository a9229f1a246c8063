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

// TestSortSourcesAsBefore: the Sources tab sorts stably by its column, so
// sources equal in it keep the order Store.Sources gave them (publisher,
// date, ID). It used to make each key at every comparison; now it makes
// them once and sorts an order of indexes. Every column, both directions,
// on sources with many equal cells: the same order as the old way.
func TestSortSourcesAsBefore(t *testing.T) {
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
	shuffled := slices.Clone(src)
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	old := func(col int, desc bool) []data.Source {
		rows := slices.Clone(shuffled)
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
	for col := 0; col < srcCols; col++ {
		for _, desc := range []bool{false, true} {
			want := old(col, desc)
			got := sortSources(shuffled, col, desc)
			for k := range want {
				if got[k].ID != want[k].ID {
					t.Fatalf("column %d desc %v, row %d: %s (%s %s), the old order has %s (%s %s)", col, desc, k,
						got[k].ID, got[k].Publisher, got[k].Date, want[k].ID, want[k].Publisher, want[k].Date)
				}
			}
		}
	}
}
