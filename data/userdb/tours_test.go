package userdb

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"aitimeline/data"
)

func stopIDs(t Tour) []string {
	var ids []string
	for _, s := range t.Stops {
		ids = append(ids, s.EventID)
	}
	return ids
}

func TestTours(t *testing.T) {
	nb, _ := newNB(t)
	own, _ := nb.AddOwnEvent(ctx, ownEvent("mine"))
	tour, err := nb.CreateTour(ctx, Tour{
		Title: data.Text{DE: "Die Gründung"},
		Intro: data.Text{DE: "Für die 10b.\r\n"},
		Stops: []Stop{
			{EventID: "2015-12-11-openai-founded", Note: data.Text{DE: "Hier beginnt es."}},
			{EventID: own.ID},
			{EventID: "2018-02-21-musk-leaves-board", Note: data.Text{EN: "Why did he leave?", DE: "Warum ging er?"}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(tour.ID, TourPrefix) || tour.Author != "Ada" || tour.Intro.DE != "Für die 10b." {
		t.Errorf("created %+v", tour)
	}
	got, ok, _ := nb.Tour(ctx, tour.ID)
	if !ok || !reflect.DeepEqual(got, tour) {
		t.Fatalf("read back\n%+v\nwant\n%+v", got, tour)
	}
	if err := nb.MoveStop(ctx, tour.ID, 2, 0); err != nil {
		t.Fatal(err)
	}
	got, _, _ = nb.Tour(ctx, tour.ID)
	if ids := stopIDs(got); !reflect.DeepEqual(ids, []string{"2018-02-21-musk-leaves-board", "2015-12-11-openai-founded", own.ID}) {
		t.Errorf("after MoveStop(2, 0): %v", ids)
	}
	if got.Stops[0].Note.DE != "Warum ging er?" {
		t.Error("the note did not move with its stop")
	}
	nb.MoveStop(ctx, tour.ID, 0, 2)
	got, _, _ = nb.Tour(ctx, tour.ID)
	if ids := stopIDs(got); !reflect.DeepEqual(ids, []string{"2015-12-11-openai-founded", own.ID, "2018-02-21-musk-leaves-board"}) {
		t.Errorf("after MoveStop(0, 2): %v", ids)
	}
	for _, bad := range [][2]int{{-1, 0}, {0, 3}, {3, 0}} {
		if err := nb.MoveStop(ctx, tour.ID, bad[0], bad[1]); !errors.Is(err, ErrInvalid) {
			t.Errorf("MoveStop%v: %v", bad, err)
		}
	}
	if err := nb.RenameTour(ctx, tour.ID, data.Text{EN: "The founding", DE: "Die Gründung"}); err != nil {
		t.Fatal(err)
	}
	if err := nb.RenameTour(ctx, tour.ID, data.Text{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("renaming to nothing: %v", err)
	}
	got, _, _ = nb.Tour(ctx, tour.ID)
	if got.Title.EN != "The founding" || len(got.Stops) != 3 || !got.Modified.After(tour.Modified) {
		t.Errorf("after rename %+v", got)
	}
	got.Stops = got.Stops[:1]
	if _, err := nb.SaveTour(ctx, got); err != nil {
		t.Fatal(err)
	}
	got.Stops = append(got.Stops, Stop{EventID: "Not An ID"})
	if _, err := nb.SaveTour(ctx, got); !errors.Is(err, ErrInvalid) {
		t.Errorf("saving a bad stop: %v", err)
	}
	second, _ := nb.CreateTour(ctx, Tour{Title: data.Text{EN: "Second"}})
	ts, _ := nb.Tours(ctx)
	if len(ts) != 2 || len(ts[0].Stops) != 1 || ts[1].ID != second.ID {
		t.Errorf("tours %+v", ts)
	}
	if err := nb.DeleteTour(ctx, tour.ID); err != nil {
		t.Fatal(err)
	}
	if err := nb.RenameTour(ctx, tour.ID, data.Text{EN: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("renaming a deleted tour: %v", err)
	}
	if ts, _ := nb.Tours(ctx); len(ts) != 1 {
		t.Errorf("after delete %d tours", len(ts))
	}
	tr, _ := nb.Trash(ctx)
	if len(tr.Tours) != 1 || len(tr.Tours[0].Stops) != 1 {
		t.Errorf("trash %+v", tr.Tours)
	}
	if err := nb.RestoreTour(ctx, tour.ID); err != nil {
		t.Fatal(err)
	}
	if err := nb.RestoreTour(ctx, tour.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("restoring twice: %v", err)
	}
	if _, err := nb.CreateTour(ctx, Tour{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("a tour without title: %v", err)
	}
	if _, err := nb.CreateTour(ctx, Tour{Title: data.Text{EN: "x"}, Stops: make([]Stop, maxStops+1)}); !errors.Is(err, ErrInvalid) {
		t.Errorf("too many stops: %v", err)
	}
}
