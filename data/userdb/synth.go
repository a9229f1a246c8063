package userdb

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// Synthesize fills nb with a synthetic notebook for benchmarks and load
// tests: n own events (own-synth-K, spread over 2015–2025, each with a
// source) and n notes, half on eventIDs (the dataset's, round robin, under
// colleagues' names so that several notes share an event) and half on the
// own events; 2,000 own events (at most n) get a tag, every third of them
// a star. It uses the two imports, so it is fast and all or nothing.
func Synthesize(ctx context.Context, nb *Notebook, n int, eventIDs []string) error {
	if len(eventIDs) == 0 {
		return fmt.Errorf("synthesize: no dataset events")
	}
	var csv strings.Builder
	csv.WriteString("id,date,category,title_en,summary_en,source_url\n")
	for k := 0; k < n; k++ {
		fmt.Fprintf(&csv, "own-synth-%d,%d-%02d-%02d,legal,Own event %d about a hearing,Summary %d with words to find,https://example.org/%d\n",
			k, 2015+k%11, 1+k%12, 1+k%28, k, k, k)
	}
	if _, err := nb.ImportOwnEventsCSV(ctx, strings.NewReader(csv.String())); err != nil {
		return err
	}
	notes := make([]jsonNote, 0, n)
	var marks []jsonMarks
	for k := 0; k < n; k++ {
		id := fmt.Sprintf("own-synth-%d", k)
		if k%2 == 0 {
			id = eventIDs[(k/2)%len(eventIDs)]
		}
		notes = append(notes, jsonNote{Target: string(KindEvent), ID: id, Author: fmt.Sprintf("Colleague %d", k/2/len(eventIDs)),
			Created: "2026-01-01T00:00:00.000Z", Modified: "2026-01-01T00:00:00.000Z",
			Body: fmt.Sprintf("Note %d: Musk alleged, OpenAI replied; compare the filing of %d.", k, k)})
		if k < 2000 {
			marks = append(marks, jsonMarks{ID: fmt.Sprintf("own-synth-%d", k), Starred: k%3 == 0, Tags: []string{fmt.Sprintf("tag%d", k%40)}})
		}
	}
	doc, err := json.Marshal(map[string]any{"format": "aitimeline-notebook", "version": 1, "author": "Colleague",
		"notes": notes, "events": marks, "own_events": []any{}, "tours": []any{}})
	if err != nil {
		return err
	}
	_, err = nb.ImportJSON(ctx, strings.NewReader(string(doc)), ImportOptions{})
	return err
}
