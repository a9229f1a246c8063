package data

import (
	"errors"
	"testing"
	"time"
)

// TestRV18DateRangeBounds: the open's day-key checks keep the bounds the
// time.Time checks had: the first day of Earliest and the last day before
// a year past today are accepted, the days beyond them refused.
func TestRV18DateRangeBounds(t *testing.T) {
	now := time.Now().UTC()
	if now.Hour() == 23 && now.Minute() >= 58 {
		t.Skip("too close to midnight")
	}
	today := MustDate(now.Format("2006-01-02"))
	if s := sample(); today.Time().Before(s.Meta.AsOf.Time()) {
		t.Skip("the sample's as-of date is after today")
	}
	lastOK := Date{Year: today.Year + 1, Month: today.Month, Day: today.Day, Precision: Day}
	firstBad := MustDate(lastOK.EndTime().Format("2006-01-02"))
	cases := []struct {
		name  string
		first bool
		d     Date
		ok    bool
	}{
		{"earliest day", true, Earliest, true},
		{"day before earliest", true, MustDate("2014-12-31"), false},
		{"last day", false, lastOK, true},
		{"day after", false, firstBad, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := sample()
			k := len(d.Events) - 1
			if c.first {
				k = 0
			}
			d.Events[k].Date, d.Events[k].End = c.d, Date{}
			path := tampered(t, d)
			st, err := Open(path)
			if st != nil {
				st.Close()
			}
			var de *DatasetError
			if c.ok && err != nil {
				t.Fatalf("%v refused: %v", c.d, err)
			}
			if !c.ok && (!errors.As(err, &de) || de.Reason != ReasonDateRange) {
				t.Fatalf("%v: %v, want a date_range refusal", c.d, err)
			}
		})
	}
}
