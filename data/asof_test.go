package data

import (
	"errors"
	"strings"
	"testing"
)

// setSourceDates dates every source of d (event and account sources) on day.
func setSourceDates(d *Dataset, day string) {
	for i := range d.Events {
		for j := range d.Events[i].Sources {
			d.Events[i].Sources[j].Date = day
		}
		for j := range d.Events[i].Accounts {
			for k := range d.Events[i].Accounts[j].Sources {
				d.Events[i].Accounts[j].Sources[k].Date = day
			}
		}
	}
}

func TestNewestSourceDate(t *testing.T) {
	d := sample()
	setSourceDates(d, "2024-03-01")
	d.Events[1].Sources[0].Date = "2026-06" // month precision counts as its last day
	d.Events[0].Accounts[0].Sources[0].Date = "2026-06-26"
	got, ok := NewestSourceDate(d)
	if !ok || got.Format("2006-01-02") != "2026-06-30" {
		t.Fatalf("NewestSourceDate = %v, %v", got, ok)
	}
	if _, ok := NewestSourceDate(&Dataset{}); ok {
		t.Fatal("a dataset without sources has a newest source date")
	}
}

func TestValidateAsOf(t *testing.T) {
	newest := func(d *Dataset) string {
		n, _ := NewestSourceDate(d)
		return n.Format("2006-01-02")
	}
	for _, c := range []struct {
		asOf string
		ok   bool
	}{
		{"", true},    // same day as the newest source
		{"+14", true}, // the last day allowed
		{"+15", false},
		{"2026-11-28", false}, // e.g. the build date
		{"2024", true},        // a year counts as its last day ...
		{"2027", false},       // ... so it must not end too late either
	} {
		d := sample()
		setSourceDates(d, "2024-12-17")
		base := MustDate(newest(d)).Time()
		switch {
		case c.asOf == "":
			d.Meta.AsOf = MustDate(newest(d))
		case strings.HasPrefix(c.asOf, "+"):
			n := map[string]int{"+14": 14, "+15": 15}[c.asOf]
			d.Meta.AsOf = MustDate(base.AddDate(0, 0, n).Format("2006-01-02"))
		default:
			d.Meta.AsOf = MustDate(c.asOf)
		}
		err := d.Validate(today)
		var ve *ValidationError
		if rejected := errors.As(err, &ve) && strings.Contains(err.Error(), "newest source"); rejected == c.ok {
			t.Errorf("as_of %s (newest source %s): Validate() = %v", d.Meta.AsOf, newest(d), err)
		}
	}
}
