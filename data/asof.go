package data

import (
	"fmt"
	"time"
)

// AsOfGraceDays is how many days the dataset's "facts as of" date may lie after
// its newest source. As of is the date through which sources were searched, so
// it cannot be much later than the newest source found: a date further out
// claims a search that did not happen (for example the build date).
const AsOfGraceDays = 14

// NewestSourceDate returns the last day of the newest publication date among
// all sources of the dataset (event and account sources), and false when no
// source has a valid date. A source dated "2026-06" counts as 30 June 2026.
func NewestSourceDate(d *Dataset) (time.Time, bool) {
	var newest time.Time
	found := false
	see := func(s Source) {
		dt, err := ParseDate(s.Date)
		if err != nil || dt.IsZero() {
			return
		}
		if last := dt.EndTime().AddDate(0, 0, -1); !found || last.After(newest) {
			newest, found = last, true
		}
	}
	for _, ev := range d.Events {
		for _, s := range ev.Sources {
			see(s)
		}
		for _, a := range ev.Accounts {
			for _, s := range a.Sources {
				see(s)
			}
		}
	}
	return newest, found
}

// checkAsOf rejects an as_of later than the newest source date plus
// AsOfGraceDays. (A missing as_of is reported by Validate itself.)
func checkAsOf(d *Dataset) []string {
	if d.Meta.AsOf.IsZero() {
		return nil
	}
	newest, ok := NewestSourceDate(d)
	if !ok {
		return nil
	}
	asOf := d.Meta.AsOf.EndTime().AddDate(0, 0, -1) // the last day the date names
	if limit := newest.AddDate(0, 0, AsOfGraceDays); asOf.After(limit) {
		return []string{fmt.Sprintf("meta: as_of %s is more than %d days after the newest source (%s): as_of is the date through which sources were searched",
			d.Meta.AsOf, AsOfGraceDays, newest.Format("2006-01-02"))}
	}
	return nil
}
