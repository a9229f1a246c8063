package userdb

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestTags(t *testing.T) {
	nb, _ := newNB(t)
	e := "2015-12-11-openai-founded"
	for _, c := range []struct{ in, stored string }{
		{"  Founding  ", "Founding"},
		{"founding", "Founding"}, // same tag in another case: kept as first typed
		{"FOUNDING", "Founding"},
		{"non\t profit\n", "non profit"},
		{"Gründung", "Gründung"},
	} {
		got, err := nb.AddTag(ctx, e, c.in)
		if err != nil || got != c.stored {
			t.Errorf("AddTag(%q) = %q, %v; want %q", c.in, got, err, c.stored)
		}
	}
	if tags, _ := nb.Tags(ctx, e); !reflect.DeepEqual(tags, []string{"Founding", "Gründung", "non profit"}) {
		t.Errorf("tags %q", tags)
	}
	for _, bad := range []string{"", "   ", "\x00\x01", strings.Repeat("t", 65)} {
		if _, err := nb.AddTag(ctx, e, bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("AddTag(%q): %v", bad, err)
		}
	}
	if _, err := nb.AddTag(ctx, "not an id", "x"); !errors.Is(err, ErrInvalid) {
		t.Errorf("AddTag on a bad event ID: %v", err)
	}
	nb.AddTag(ctx, "e-2", "founding")
	nb.AddTag(ctx, "e-3", "Lawsuit")
	nb.AddTag(ctx, "e-4", "lawsuit")
	nb.AddTag(ctx, "e-5", "LAWSUIT")
	all, _ := nb.AllTags(ctx)
	want := []TagCount{{"LAWSUIT", 3}, {"Founding", 2}, {"Gründung", 1}, {"non profit", 1}}
	if !reflect.DeepEqual(all, want) {
		t.Errorf("AllTags = %v, want %v", all, want)
	}
	for _, c := range []struct {
		prefix string
		want   []string
	}{
		{"gru", []string{"Gründung"}},
		{"grue", []string{"Gründung"}},
		{"GRÜ", []string{"Gründung"}},
		{"pro", []string{"non profit"}}, // a later word
		{"f", []string{"Founding"}},
		{"", []string{"LAWSUIT", "Founding", "Gründung", "non profit"}},
		{"zzz", nil},
	} {
		got, _ := nb.SuggestTags(ctx, c.prefix, 0)
		var tags []string
		for _, g := range got {
			tags = append(tags, g.Tag)
		}
		if !reflect.DeepEqual(tags, c.want) {
			t.Errorf("SuggestTags(%q) = %q, want %q", c.prefix, tags, c.want)
		}
	}
	if got, _ := nb.SuggestTags(ctx, "", 2); len(got) != 2 {
		t.Errorf("limit: %v", got)
	}
	if err := nb.RemoveTag(ctx, e, "FOUNDING"); err != nil {
		t.Fatal(err)
	}
	if tags, _ := nb.Tags(ctx, e); !reflect.DeepEqual(tags, []string{"Gründung", "non profit"}) {
		t.Errorf("after RemoveTag: %q", tags)
	}
	if err := nb.RemoveTag(ctx, e, "never there"); err != nil {
		t.Errorf("removing a missing tag: %v", err)
	}
}

func TestStarsFlagsAndAnnotations(t *testing.T) {
	nb, _ := newNB(t)
	nb.SetStar(ctx, "e-1", true)
	nb.SetFlag(ctx, "e-1", FlagRed)
	nb.SetFlag(ctx, "e-2", FlagBlue)
	nb.AddTag(ctx, "e-2", "b")
	nb.AddTag(ctx, "e-2", "A")
	mustSave(t, nb, EventTarget("e-3"), "note")
	putColleague(t, nb, EventTarget("e-3"), "Zoe", "hers")
	mustSave(t, nb, PersonTarget("e-4"), "a person note does not mark an event")
	if err := nb.SetFlag(ctx, "e-1", Flag("pink")); !errors.Is(err, ErrInvalid) {
		t.Errorf("bad flag: %v", err)
	}
	got, err := nb.Annotations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Annotation{
		"e-1": {Starred: true, Flag: FlagRed},
		"e-2": {Flag: FlagBlue, Tags: []string{"A", "b"}},
		"e-3": {Notes: 2},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Annotations = %+v\nwant %+v", got, want)
	}
	for id, a := range want {
		if one, _ := nb.Annotation(ctx, id); !reflect.DeepEqual(one, a) {
			t.Errorf("Annotation(%s) = %+v, want %+v", id, one, a)
		}
	}
	// Clearing both star and flag leaves no trace.
	nb.SetStar(ctx, "e-1", false)
	nb.SetFlag(ctx, "e-1", FlagNone)
	got, _ = nb.Annotations(ctx)
	if _, ok := got["e-1"]; ok {
		t.Errorf("e-1 still annotated: %+v", got["e-1"])
	}
	var rows int
	nb.r.QueryRowContext(ctx, "SELECT count(*) FROM marks WHERE event = 'e-1'").Scan(&rows)
	if rows != 0 {
		t.Error("an empty marks row was left")
	}
	if a, _ := nb.Annotation(ctx, "e-9"); !a.IsZero() {
		t.Errorf("unannotated event: %+v", a)
	}
}
