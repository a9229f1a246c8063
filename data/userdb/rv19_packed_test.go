package userdb

import (
	"reflect"
	"testing"
)

// Review rv19: stored content (another program's write) for which the packed
// read is accepted (ok) but gives other events than the row-by-row read.
// format('%s') stops at the first NUL byte of a text or BLOB while
// octet_length counts every byte, so the length prefix overstates the bytes
// written; the next field's bytes are then taken into this one, and a field
// that itself looks like "<n>:<bytes>" puts the parser back in step.
func TestRV19PackedNULResync(t *testing.T) {
	for name, edit := range map[string]string{
		"NUL in a text":   "UPDATE own_events SET title_en = 'A' || char(0) || 'XXXX', title_de = 'xx10:0123456789' WHERE n = 2",
		"NUL in a BLOB":   "UPDATE own_events SET title_en = X'410058585858', title_de = 'xx10:0123456789' WHERE n = 2",
	} {
		t.Run(name, func(t *testing.T) {
			nb, _ := newNB(t)
			for _, title := range []string{"one", "two", "three"} {
				if _, err := nb.AddOwnEvent(ctx, ownEvent(title)); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := rawDB(t, nb.Path()).ExecContext(ctx, edit); err != nil {
				t.Fatal(err)
			}
			packed, ok, err := nb.liveOwnEventsPacked(ctx)
			rows := rowOwnEvents(t, nb)
			if err != nil {
				t.Fatal(err)
			}
			if ok && !reflect.DeepEqual(packed, rows) {
				t.Fatalf("packed read accepted and differs from row by row: %s", firstDiff(packed, rows))
			}
		})
	}
}
