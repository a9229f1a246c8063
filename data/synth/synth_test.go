package synth

import (
	"reflect"
	"testing"
	"time"
)

func TestGenerateIsValidAndDeterministic(t *testing.T) {
	a, b := Generate(500, 7), Generate(500, 7)
	if err := a.Validate(time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if len(a.Events) != 500 {
		t.Fatalf("%d events", len(a.Events))
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed, different datasets")
	}
	if c := Generate(500, 8); reflect.DeepEqual(a.Events, c.Events) {
		t.Fatal("different seeds, same events")
	}
}
