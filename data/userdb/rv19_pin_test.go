package userdb

import (
	"runtime"
	"strings"
	"testing"
)

// Review rv19: every field of the packed read is a substring of one string,
// so one own event's ID kept anywhere keeps the whole read alive. Measured,
// not asserted: the row-by-row read retains only the ID.
func TestRV19OneIDPinsThePackedString(t *testing.T) {
	nb, _ := newNB(t)
	if err := Synthesize(ctx, nb, 2000, []string{"2015-12-11-openai-founded"}); err != nil {
		t.Fatal(err)
	}
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	for _, clone := range []bool{false, true} {
		before := heap()
		evs, err := nb.OwnEvents(ctx)
		if err != nil || len(evs) != 2000 {
			t.Fatal(len(evs), err)
		}
		id := evs[0].ID
		if clone {
			id = strings.Clone(id)
		}
		evs = nil
		after := heap()
		t.Logf("clone %v: one ID kept retains %d KB", clone, (int64(after)-int64(before))>>10)
		runtime.KeepAlive(id)
	}
}
