package data

import "testing"

func TestTextFallsBackToTheOtherLanguage(t *testing.T) {
	for _, c := range []struct {
		t      Text
		en, de string
	}{
		{Text{EN: "a", DE: "b"}, "a", "b"},
		{Text{EN: "a"}, "a", "a"},
		{Text{DE: "b"}, "b", "b"},
		{Text{}, "", ""},
	} {
		if got := c.t.In(EN); got != c.en {
			t.Errorf("%+v in English: %q", c.t, got)
		}
		if got := c.t.In(DE); got != c.de {
			t.Errorf("%+v in German: %q", c.t, got)
		}
	}
	// An own event with a German title only has a title in English too.
	base := NewIndex(&Dataset{Events: []Event{{ID: "a", Date: MustDate("2020"), Category: CatLegal, Title: Text{EN: "A", DE: "A-de"}}}})
	x, _ := MergeIndex(base, []Event{{ID: "own-x", Date: MustDate("2021"), Category: CatLegal, Title: Text{DE: "Nur deutsch"}}})
	if i := x.Find("own-x"); x.Title(i, EN) != "Nur deutsch" || x.Title(i, DE) != "Nur deutsch" {
		t.Errorf("own event titles %q / %q", x.Title(i, EN), x.Title(i, DE))
	}
}
