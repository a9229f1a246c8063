package userdb

import (
	"reflect"
	"testing"
)

// TestDatasetChangedSameVersionRetitle: a dataset rebuilt under the same
// version with the same number of events (this session rebuilt
// assets/aitimeline.db three times under "2026.11.30") but one event
// retitled and one replaced is no longer reported: the version+count
// shortcut answers "unchanged" without comparing. Before 83f7f92 both
// showed. TestDatasetChangedShortcuts passes with or without the shortcut.
func TestDatasetChangedSameVersionRetitle(t *testing.T) {
	nb, _ := newNB(t)
	v1 := []EventStamp{stamp("a", "A", "2015"), stamp("b", "B", "2016")}
	if _, err := nb.DatasetChanged(ctx, "v1", v1); err != nil {
		t.Fatal(err)
	}
	rebuilt := []EventStamp{stamp("a", "A, corrected", "2015"), stamp("c", "C", "2017")}
	ch, err := nb.DatasetChanged(ctx, "v1", rebuilt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ch.Changed, []string{"a"}) || !reflect.DeepEqual(ch.Added, []string{"c"}) || !reflect.DeepEqual(ch.Removed, []string{"b"}) {
		t.Fatalf("same version and count, one retitled, one replaced: %+v", ch)
	}
}
