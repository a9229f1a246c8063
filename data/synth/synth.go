// Package synth generates deterministic synthetic datasets of any size for
// tests and benchmarks. The same size and seed always give the same dataset.
package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"aitimeline/data"
)

var (
	first = data.MustDate("2015-12-01").Time()
	last  = data.MustDate("2026-11-28").Time()
	// Words in both languages, so search benchmarks have realistic hits,
	// including umlauts and ß.
	wordsEN = []string{"lawsuit", "founding", "ruling", "model", "funding", "board", "trial", "appeal", "merger", "compute", "statement", "motion", "verdict", "release", "nonprofit"}
	wordsDE = []string{"Klage", "Gründung", "Entscheidung", "Modell", "Finanzierung", "Vorstand", "Prozess", "Berufung", "Fusion", "Rechenleistung", "Äußerung", "Antrag", "Urteil", "Veröffentlichung", "gemeinnützig"}
)

// Generate returns a valid dataset of n events with people, organisations,
// threads, eras and a tour, seeded by seed.
func Generate(n int, seed uint64) *data.Dataset {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	ds := &data.Dataset{Meta: data.Meta{Version: fmt.Sprintf("synthetic-%d-%d", n, seed), AsOf: data.MustDate("2026-11-28"), SchemaVersion: data.SchemaVersion}}
	const nOrgs, nPeople = 24, 40
	for i := 0; i < nOrgs; i++ {
		ds.Organizations = append(ds.Organizations, data.Organization{ID: fmt.Sprintf("org-%02d", i), Name: fmt.Sprintf("Organisation %02d", i),
			Kind: "company", Summary: data.Text{EN: "A synthetic organisation.", DE: "Eine erfundene Organisation."}})
	}
	for i := 0; i < nPeople; i++ {
		ds.People = append(ds.People, data.Person{ID: fmt.Sprintf("person-%02d", i), Name: fmt.Sprintf("Person %02d", i),
			Summary: data.Text{EN: "A synthetic person.", DE: "Eine erfundene Person."},
			Roles:   []data.Role{{Role: data.Text{EN: "member", DE: "Mitglied"}, Organization: fmt.Sprintf("org-%02d", i%nOrgs), From: "2015"}}})
	}
	ds.Threads = []data.Thread{{ID: "thread-a", Title: data.Text{EN: "Thread A", DE: "Strang A"}}, {ID: "thread-b", Title: data.Text{EN: "Thread B", DE: "Strang B"}}}
	ds.Eras = []data.Era{
		{ID: "era-1", From: data.MustDate("2015-12"), To: data.MustDate("2020-12"), Title: data.Text{EN: "First era", DE: "Erster Abschnitt"}, Summary: data.Text{EN: "Synthetic.", DE: "Erfunden."}},
		{ID: "era-2", From: data.MustDate("2021-01"), To: data.MustDate("2026-11"), Title: data.Text{EN: "Second era", DE: "Zweiter Abschnitt"}, Summary: data.Text{EN: "Synthetic.", DE: "Erfunden."}},
	}
	span := last.Sub(first).Hours() / 24
	for i := 0; i < n; i++ {
		// Clustered dates: some bursts (like a trial) over a uniform background.
		var day float64
		if r.IntN(4) == 0 {
			centre := float64(r.IntN(12)) * span / 12
			day = centre + r.NormFloat64()*10
		} else {
			day = r.Float64() * span
		}
		day = min(max(day, 0), span-1)
		t := first.Add(time.Duration(day) * 24 * time.Hour)
		d := data.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Precision: data.Day}
		switch r.IntN(20) {
		case 0:
			d.Day, d.Precision = 1, data.Month
		case 1:
			d.Month, d.Day, d.Precision = 1, 1, data.Year
		}
		w := r.IntN(len(wordsEN))
		imp := 1 + r.IntN(3)
		if r.IntN(10) == 0 {
			imp = 4 + r.IntN(2)
		}
		ev := data.Event{
			ID: fmt.Sprintf("synthetic-%07d", i), Date: d, Importance: imp,
			Category: data.Categories[r.IntN(len(data.Categories))], Status: data.Statuses[r.IntN(len(data.Statuses))],
			Title:         data.Text{EN: fmt.Sprintf("Synthetic %s event %d", wordsEN[w], i), DE: fmt.Sprintf("Erfundenes Ereignis %d: %s", i, wordsDE[w])},
			Summary:       data.Text{EN: fmt.Sprintf("A generated event about %s and %s.", wordsEN[w], wordsEN[(w+3)%len(wordsEN)]), DE: fmt.Sprintf("Ein erzeugtes Ereignis über %s und %s.", wordsDE[w], wordsDE[(w+3)%len(wordsDE)])},
			Organizations: []string{fmt.Sprintf("org-%02d", r.IntN(nOrgs))},
			Threads:       []string{ds.Threads[r.IntN(2)].ID},
			Sources: []data.Source{{Publisher: "Synthetic Wire", Title: fmt.Sprintf("Report %d", i), Date: d.String(),
				URL: fmt.Sprintf("https://example.org/synthetic/%d", i), Language: "en", Kind: "news"}},
		}
		for k := 0; k < 1+r.IntN(3); k++ {
			pid := fmt.Sprintf("person-%02d", r.IntN(nPeople))
			dup := false
			for _, p := range ev.People {
				dup = dup || p.PersonID == pid
			}
			if !dup {
				ev.People = append(ev.People, data.EventPerson{PersonID: pid, Role: data.Text{EN: "participant", DE: "Beteiligte Person"}})
			}
		}
		ds.Events = append(ds.Events, ev)
	}
	if n > 0 {
		ds.Tours = []data.Tour{{ID: "tour-1", Title: data.Text{EN: "Synthetic tour", DE: "Erfundene Tour"}, Intro: data.Text{EN: "Generated.", DE: "Erzeugt."},
			Events: []string{ds.Events[0].ID, ds.Events[n-1].ID}}}
	}
	return ds
}
