package data

import (
	"strings"
	"testing"
)

func TestPublishedIDs(t *testing.T) {
	ds := &Dataset{Events: []Event{{ID: "2020-01-01-a"}, {ID: "2021-01-01-b"}, {ID: "2022-01-01-new"}}}
	p, err := ParsePublishedIDs("# comment\n2020-01-01-a\n2021-01-01-b\n2019-01-01-gone\n2018-01-01-old\twithdrawn: no source\n")
	if err != nil {
		t.Fatal(err)
	}
	problems, unlisted := p.Problems(ds)
	if len(problems) != 1 || !strings.Contains(problems[0], "2019-01-01-gone") {
		t.Fatalf("problems %v, want the vanished ID", problems)
	}
	if len(unlisted) != 1 || unlisted[0] != "2022-01-01-new" {
		t.Fatalf("unlisted %v", unlisted)
	}
	ds.Events = append(ds.Events, Event{ID: "2018-01-01-old"}, Event{ID: "2019-01-01-gone"})
	if problems, _ := p.Problems(ds); len(problems) != 1 || !strings.Contains(problems[0], "is back") {
		t.Fatalf("a withdrawn ID back: %v", problems)
	}
	for _, bad := range []string{"Not An ID\n", "2018-01-01-x\tgone\n", "2018-01-01-x\twithdrawn:  \n"} {
		if _, err := ParsePublishedIDs(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if got := AppendPublishedIDs("a\n", []string{"b", "c"}); got != "a\nb\nc\n" {
		t.Errorf("append: %q", got)
	}
}
