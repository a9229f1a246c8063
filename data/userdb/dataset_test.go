package userdb

import (
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
