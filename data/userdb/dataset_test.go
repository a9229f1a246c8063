package userdb

import (
	"fmt"
	"reflect"
	"testing"

	"aitimeline/data"
)

func stamp(id, title, date string) EventStamp {
	return EventStamp{ID: id, Title: data.Text{EN: title, DE: title + " (de)"}, Date: data.MustDate(date)}
}

func TestDatasetChanged(t *testing.T) {
	nb, _ := newNB(t)
	v1 := []EventStamp{stamp("a", "A", "2015"), stamp("b", "B", "2016-02"), stamp("c", "C", "2017-03-04"), stamp("d", "D", "2018")}
	ch, err := nb.DatasetChanged(ctx, "2026.01.01", v1)
	if err != nil || !ch.First || !ch.IsZero() {
		t.Fatalf("first: %+v %v", ch, err)
	}
	ch, _ = nb.DatasetChanged(ctx, "2026.01.01", v1)
	if ch.First || !ch.IsZero() || ch.Previous != "2026.01.01" {
		t.Fatalf("same again: %+v", ch)
	}
	changedDE := stamp("c", "C", "2017-03-04")
	changedDE.Title.DE = "C neu"
	v2 := []EventStamp{stamp("a", "A", "2015"), stamp("b", "B", "2016-03"), changedDE, stamp("e", "E", "2019"), stamp("f", "F", "2020")}
	ch, _ = nb.DatasetChanged(ctx, "2026.02.01", v2)
	want := DatasetChanges{Previous: "2026.01.01", Added: []string{"e", "f"}, Changed: []string{"b", "c"}, Removed: []string{"d"}}
	if !reflect.DeepEqual(ch, want) {
		t.Fatalf("v1 → v2: %+v, want %+v", ch, want)
	}
	// The new snapshot was stored: asking again reports nothing.
	ch, _ = nb.DatasetChanged(ctx, "2026.02.01", v2)
	if !ch.IsZero() || ch.Previous != "2026.02.01" {
		t.Errorf("v2 again: %+v", ch)
	}
	// A read-only notebook reports the difference but stores nothing.
	path := nb.Path()
	nb.Close()
	ro := openAt(t, path, Options{ReadOnly: true})
	ch, err = ro.DatasetChanged(ctx, "2026.03.01", v1)
	if err != nil || len(ch.Removed) != 2 || len(ch.Added) != 1 {
		t.Errorf("read-only: %+v %v", ch, err)
	}
	ro.Close()
	nb2 := openAt(t, path, Options{NoAutoBackup: true})
	if ch, _ := nb2.DatasetChanged(ctx, "2026.02.01", v2); !ch.IsZero() {
		t.Errorf("the read-only call stored something: %+v", ch)
	}
	if got := StampsOf([]data.Event{{ID: "x", Title: data.Text{EN: "X"}, Date: data.MustDate("2020")}}); got[0] != (EventStamp{"x", data.Text{EN: "X"}, data.MustDate("2020")}) {
		t.Errorf("StampsOf %+v", got)
	}
}

// TestDatasetChangedShortcuts: the same version and count skip the
// comparison (an event added under the same version still shows), and a
// dataset beyond MaxSnapshot leaves no snapshot in the notebook.
func TestDatasetChangedShortcuts(t *testing.T) {
	nb, _ := newNB(t)
	v1 := []EventStamp{stamp("a", "A", "2015"), stamp("b", "B", "2016")}
	if _, err := nb.DatasetChanged(ctx, "v1", v1); err != nil {
		t.Fatal(err)
	}
	more := append(v1, stamp("c", "C", "2017"))
	if ch, _ := nb.DatasetChanged(ctx, "v1", more); !reflect.DeepEqual(ch.Added, []string{"c"}) {
		t.Fatalf("same version, one more event: %+v", ch)
	}
	if ch, _ := nb.DatasetChanged(ctx, "v1", more); !ch.IsZero() {
		t.Fatalf("same version and count again: %+v", ch)
	}
	big := make([]EventStamp, MaxSnapshot+1)
	for i := range big {
		big[i] = stamp(fmt.Sprintf("e%d", i), "E", "2020")
	}
	nb2, _ := newNB(t)
	if ch, err := nb2.DatasetChanged(ctx, "synthetic", big); err != nil || !ch.IsZero() {
		t.Fatalf("big dataset: %+v %v", ch, err)
	}
	var n int
	nb2.r.QueryRowContext(ctx, "SELECT count(*) FROM dataset_events").Scan(&n)
	if n != 0 {
		t.Fatalf("a dataset of %d events left %d snapshot rows", len(big), n)
	}
}
