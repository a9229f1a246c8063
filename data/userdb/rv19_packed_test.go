package userdb

import (
	"reflect"
	"testing"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// Review rv19: stored content (another program's write) for which the packed
// read was accepted (ok) but gave other events than the row-by-row read.
// format('%s') ends a text or BLOB at its first NUL byte while octet_length
// counts all of its bytes, so the length prefix overstated the bytes
// written; the next field's bytes were taken into this one, and a field that
// itself looks like "<n>:<bytes>" put the parser back in step. Now the query
// also returns the length the string has when every field came out whole.
func TestRV19PackedEqualsRowsForForeignContent(t *testing.T) {
	for _, c := range []struct {
		name, edit string
		packed     bool // the packed string is used (else row by row)
	}{
		{"NUL in a text, resynced", "UPDATE own_events SET title_en = 'A' || char(0) || 'XXXX', title_de = 'xx10:0123456789' WHERE n = 2", false},
		{"NUL in a BLOB, resynced", "UPDATE own_events SET title_en = X'410058585858', title_de = 'xx10:0123456789' WHERE n = 2", false},
		{"NUL at the end of the last field", "UPDATE own_events SET author = 'Ada' || char(0) WHERE n = 3", false},
		{"BLOB without NUL", "UPDATE own_events SET summary_de = X'C3A4FF3B3A' WHERE n = 1", true},
		{"invalid UTF-8 as text", "UPDATE own_events SET title_en = CAST(X'FFFE3A3B' AS TEXT) WHERE n = 1", true},
		{"a real for a time", "UPDATE own_events SET created = 1.5 WHERE n = 1", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			nb, _ := newNB(t)
			for _, title := range []string{"one", "two", "three"} {
				if _, err := nb.AddOwnEvent(ctx, ownEvent(title)); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := rawDB(t, nb.Path()).ExecContext(ctx, c.edit); err != nil {
				t.Fatal(err)
			}
			packed, ok, err := nb.liveOwnEventsPacked(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if ok != c.packed {
				t.Errorf("packed string used: %v, want %v", ok, c.packed)
			}
			want, errRows := nb.ownEvents(ctx, "SELECT "+ownCols+" FROM own_events WHERE deleted IS NULL ORDER BY n")
			if ok && !reflect.DeepEqual(packed, want) {
				t.Fatalf("packed read differs from row by row: %s", firstDiff(packed, want))
			}
			got, errAll := nb.OwnEvents(ctx)
			if (errAll == nil) != (errRows == nil) || len(got) != len(want) {
				t.Fatalf("OwnEvents: %d events, %v; row by row %d, %v", len(got), errAll, len(want), errRows)
			}
			if errRows == nil && !reflect.DeepEqual(byID(got), byID(want)) {
				t.Fatalf("OwnEvents differs from row by row: %s", firstDiff(got, want))
			}
		})
	}
}

// Review rv19: the packed string is longer than any one field. Past SQLite's
// length limit (SQLITE_MAX_LENGTH, 10^9 bytes by default; lowered to 500 bytes here on
// the reading connection) the packed query fails with "string or blob too
// big" where the row-by-row read still reads every event.
func TestRV19PackedTooBigFallsBack(t *testing.T) {
	nb, _ := newNB(t)
	for _, title := range []string{"one", "two", "three"} {
		if _, err := nb.AddOwnEvent(ctx, ownEvent(title)); err != nil {
			t.Fatal(err)
		}
	}
	nb.r.SetMaxOpenConns(1)
	conn, err := nb.r.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := conn.Raw(func(c any) error {
		c.(*sqlite3.SQLiteConn).SetLimit(sqlite3.SQLITE_LIMIT_LENGTH, 500)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	want, errRows := nb.ownEvents(ctx, "SELECT "+ownCols+" FROM own_events WHERE deleted IS NULL ORDER BY n")
	if errRows != nil || len(want) != 3 {
		t.Fatalf("row by row: %d events, %v", len(want), errRows)
	}
	got, err := nb.OwnEvents(ctx)
	if err != nil || !reflect.DeepEqual(byID(got), byID(want)) {
		t.Fatalf("OwnEvents: %d events, %v; row by row reads all %d", len(got), err, len(want))
	}
}
