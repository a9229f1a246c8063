package data

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand"
	"path/filepath"
	"slices"
	"testing"
)

// TestSortSourcesAsSQLite checks SortSources against SQLite's own
// ORDER BY publisher COLLATE NOCASE, date, id (what Store.Sources used to
// return, and the Sources tab still shows among equal cells): case of ASCII
// letters only, umlauts and other bytes as they are, ties by date then ID.
func TestSortSourcesAsSQLite(t *testing.T) {
	src := []Source{
		{ID: "s1", Publisher: "apple", Date: "2024"},
		{ID: "s2", Publisher: "Apple", Date: "2023"},
		{ID: "s3", Publisher: "APPLE b", Date: "2020"},
		{ID: "s4", Publisher: "Ärzte", Date: "2021"},
		{ID: "s5", Publisher: "ärzte", Date: "2021"},
		{ID: "s0", Publisher: "Apple", Date: "2023"},
		{ID: "s6", Publisher: "", Date: "2019"},
		{ID: "s7", Publisher: "Zeit", Date: "2024-01-02"},
		{ID: "s8", Publisher: "zeit", Date: "2024-01"},
		{ID: "s9", Publisher: "ab", Date: "2024"},
		{ID: "s10", Publisher: "aB", Date: "2024"},
		{ID: "s11", Publisher: "a_b", Date: "2024"},
		{ID: "s12", Publisher: "a[b", Date: "2024"},
	}
	r := rand.New(rand.NewSource(1))
	letters := []string{"a", "A", "b", "B", "ä", "Ä", " ", "_", "[", "z", "Z"}
	for k := 0; k < 500; k++ {
		pub := ""
		for n := r.Intn(4); n >= 0; n-- {
			pub += letters[r.Intn(len(letters))]
		}
		src = append(src, Source{ID: fmt.Sprintf("r%03d", r.Intn(300)), Publisher: pub, Date: fmt.Sprint(2015 + r.Intn(3))})
	}
	db, err := sql.Open("sqlite3", filepath.Join(t.TempDir(), "sort.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE TABLE s (n INTEGER, id TEXT, publisher TEXT, date TEXT)`); err != nil {
		t.Fatal(err)
	}
	for n, s := range src {
		if _, err := db.ExecContext(ctx, `INSERT INTO s VALUES (?, ?, ?, ?)`, n, s.ID, s.Publisher, s.Date); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := db.QueryContext(ctx, `SELECT id, publisher, date FROM s ORDER BY publisher COLLATE NOCASE, date, id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var want []string
	for rows.Next() {
		var id, pub, date string
		if err := rows.Scan(&id, &pub, &date); err != nil {
			t.Fatal(err)
		}
		want = append(want, pub+"|"+date+"|"+id)
	}
	got := slices.Clone(src)
	SortSources(got)
	for k := range got {
		if s := got[k].Publisher + "|" + got[k].Date + "|" + got[k].ID; s != want[k] {
			t.Fatalf("row %d: %q, SQLite has %q", k, s, want[k])
		}
	}
	if len(got) != len(src) {
		t.Fatalf("%d sources after sorting, %d before", len(got), len(src))
	}
}
