package userdb

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"aitimeline/data"
)

// rowOwnEvents reads the live own events row by row (the way before the
// packed string), in table order.
func rowOwnEvents(t *testing.T, nb *Notebook) []OwnEvent {
	t.Helper()
	evs, err := nb.ownEvents(ctx, "SELECT "+ownCols+" FROM own_events WHERE deleted IS NULL ORDER BY n")
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

func TestOwnEventsPackedEqualsRows(t *testing.T) {
	nb, _ := newNB(t)
	if err := Synthesize(ctx, nb, 200, []string{"2015-12-11-openai-founded", "2024-02-29-musk-sues-openai"}); err != nil {
		t.Fatal(err)
	}
	// Text that looks like the packed form itself, and text the cleaning
	// keeps: newlines, tabs, umlauts, emoji, right-to-left script.
	for _, title := range []string{"3:abc;", "12:", ";;;:", "0:", "Straße über Ära", "a\tb", "🚀 xAI", "עברית"} {
		e := ownEvent(title)
		e.Summary = data.Text{EN: "line 1\n2:xy;\n\n" + title, DE: title + ":" + title}
		e.Sources[0].Title = title + ` "quoted" \ back`
		if _, err := nb.AddOwnEvent(ctx, e); err != nil {
			t.Fatalf("%q: %v", title, err)
		}
	}
	// One deleted: not among the live ones.
	evs, _ := nb.OwnEvents(ctx)
	if err := nb.DeleteOwnEvent(ctx, evs[3].ID); err != nil {
		t.Fatal(err)
	}
	packed, ok, err := nb.liveOwnEventsPacked(ctx)
	if err != nil || !ok {
		t.Fatalf("packed read: ok %v, %v", ok, err)
	}
	rows := rowOwnEvents(t, nb)
	if len(packed) != 207 || !reflect.DeepEqual(packed, rows) {
		t.Fatalf("packed read gave %d events, row by row %d; first difference: %s", len(packed), len(rows), firstDiff(packed, rows))
	}
}

func byID(evs []OwnEvent) map[string]OwnEvent {
	m := map[string]OwnEvent{}
	for _, e := range evs {
		m[e.ID] = e
	}
	return m
}

func firstDiff(a, b []OwnEvent) string {
	bb := byID(b)
	for _, e := range a {
		if !reflect.DeepEqual(e, bb[e.ID]) {
			return fmt.Sprintf("%s: %+v ≠ %+v", e.ID, e, bb[e.ID])
		}
	}
	return fmt.Sprintf("%d events ≠ %d", len(a), len(b))
}

// Rows another program wrote (a NUL inside a text, a number where text
// belongs, text where a number belongs) are read row by row, as before.
func TestOwnEventsPackedFallsBack(t *testing.T) {
	for name, edit := range map[string]string{
		"NUL in a summary":        "UPDATE own_events SET summary_en = 'a' || char(0) || '5:b;c' WHERE n = 2",
		"number for a title":      "UPDATE own_events SET title_de = 17 WHERE n = 1",
		"text for a created time": "UPDATE own_events SET created = 'soon' WHERE n = 3",
		"sources not JSON":        "UPDATE own_events SET sources = '[{' WHERE n = 2",
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
			_, ok, err := nb.liveOwnEventsPacked(ctx)
			got, errAll := nb.OwnEvents(ctx)
			want, errRows := nb.ownEvents(ctx, "SELECT "+ownCols+" FROM own_events WHERE deleted IS NULL ORDER BY n")
			switch name {
			case "number for a title": // SQLite gives 17 back as text "17" both ways
				if err != nil || !ok {
					t.Fatalf("packed read refused a number stored as text: %v", err)
				}
			default:
				if err != nil || ok {
					t.Fatalf("packed read used: ok %v, %v", ok, err)
				}
			}
			if (errAll == nil) != (errRows == nil) || len(got) != len(want) {
				t.Fatalf("OwnEvents: %d events, %v; row by row %d, %v", len(got), errAll, len(want), errRows)
			}
			if errRows == nil && !reflect.DeepEqual(byID(got), byID(want)) {
				t.Fatalf("OwnEvents differs from row by row: %s", firstDiff(got, want))
			}
		})
	}
}

// A packed string cut anywhere, or of a different count, is refused.
func TestUnpackOwnRefusesDamage(t *testing.T) {
	nb, _ := newNB(t)
	for _, title := range []string{"one", "two"} {
		if _, err := nb.AddOwnEvent(ctx, ownEvent(title)); err != nil {
			t.Fatal(err)
		}
	}
	var count int
	var s string
	if err := nb.r.QueryRowContext(ctx, ownPackedQuery).Scan(&count, &s, new(int)); err != nil {
		t.Fatal(err)
	}
	if evs, ok := unpackOwn(s, count); !ok || len(evs) != 2 {
		t.Fatalf("whole string: %d events, ok %v", len(evs), ok)
	}
	for cut := range len(s) {
		if evs, ok := unpackOwn(s[:cut], count); ok {
			t.Fatalf("cut at %d of %d: accepted %d events", cut, len(s), len(evs))
		}
	}
	for _, c := range []int{0, 1, 3, -1} {
		if _, ok := unpackOwn(s, c); ok {
			t.Errorf("count %d accepted for 2 events", c)
		}
	}
	for _, bad := range []string{strings.Replace(s, "1:", "+1:", 1), strings.Replace(s, ";", ":", 1), "x" + s} {
		if _, ok := unpackOwn(bad, count); ok {
			t.Errorf("accepted %.40q…", bad)
		}
	}
}
