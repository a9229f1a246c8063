package data

import (
	"math/rand/v2"
	"testing"
)

// TestRV18EventJSONOddDates: dates of any parts and precision, the
// encoder against encoding/json.
func TestRV18EventJSONOddDates(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	precs := []Precision{"", Year, Month, Day, "bogus", "\"q\""}
	vals := []int{-100000, -10000, -1, 0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 65535, 1 << 40}
	for range 20000 {
		d := func() Date {
			return Date{Year: vals[r.IntN(len(vals))], Month: vals[r.IntN(len(vals))], Day: vals[r.IntN(len(vals))], Precision: precs[r.IntN(len(precs))]}
		}
		e := Event{ID: "x", Date: d(), End: d(), Importance: vals[r.IntN(len(vals))] - 50000}
		var j eventJSON
		j.prefix = "    "
		j.event(&e)
		if got, want := string(j.b), referenceEvent(t, &e); got != want {
			t.Fatalf("%+v:\n%s\nencoding/json:\n%s", e, got, want)
		}
	}
}
