package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"aitimeline/data"
	"aitimeline/data/synth"
)

// TestExportOfCorruptCopySaysDamaged: a copy whose events table has a
// damaged page opens (open reads the index and the small tables) and then
// fails while the rows are read. The one line must say the dataset is
// damaged, not that the output file cannot be written (cli.go maps only
// *data.DatasetError to a dataset message).
func TestExportOfCorruptCopySaysDamaged(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "corrupt.db")
	if err := data.WriteSQLite(synth.Generate(3000, 2), p); err != nil {
		t.Fatal(err)
	}
	db, _ := sql.Open("sqlite3", "file:"+p)
	var root int
	if err := db.QueryRow("SELECT rootpage FROM sqlite_master WHERE name = 'events'").Scan(&root); err != nil {
		t.Fatal(err)
	}
	db.Close()
	f, _ := os.OpenFile(p, os.O_RDWR, 0)
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = 0xA5
	}
	f.WriteAt(junk, int64(root-1)*4096)
	f.Close()
	out := filepath.Join(dir, "out.json")
	failsWithOneLine(t, runCLI(t, nil, "export", "--dataset", p, "--out", out), "damaged")
}
