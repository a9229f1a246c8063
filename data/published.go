package data

import (
	"fmt"
	"slices"
	"strings"
)

// PublishedIDs is the ledger of event IDs ever published
// (assets/dataset/ids.txt): notes in users' notebooks refer to them, so an
// ID never changes and never silently disappears. A line is an ID, or an ID,
// a tab and "withdrawn: reason" for an event taken out of the dataset (the
// notebook keeps notes on it as orphans). Lines starting with # are comments.
type PublishedIDs struct {
	Live      []string
	Withdrawn map[string]string // ID → reason
}

// ParsePublishedIDs reads the ledger's text.
func ParsePublishedIDs(text string) (PublishedIDs, error) {
	p := PublishedIDs{Withdrawn: map[string]string{}}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, rest, withdrawn := strings.Cut(line, "\t")
		if !idPattern.MatchString(id) {
			return p, fmt.Errorf("ids.txt line %d: %q is not an event ID", n+1, id)
		}
		if withdrawn {
			reason, ok := strings.CutPrefix(strings.TrimSpace(rest), "withdrawn:")
			if !ok || strings.TrimSpace(reason) == "" {
				return p, fmt.Errorf("ids.txt line %d: after the ID a tab and \"withdrawn: reason\"", n+1)
			}
			p.Withdrawn[id] = strings.TrimSpace(reason)
			continue
		}
		p.Live = append(p.Live, id)
	}
	return p, nil
}

// Problems lists published IDs the dataset lost without a withdrawal, and
// withdrawn IDs that are back; unlisted reports dataset IDs the ledger does
// not have yet (the builder adds them).
func (p PublishedIDs) Problems(ds *Dataset) (problems, unlisted []string) {
	have := map[string]bool{}
	for _, e := range ds.Events {
		have[e.ID] = true
	}
	listed := map[string]bool{}
	for _, id := range p.Live {
		listed[id] = true
		if !have[id] {
			problems = append(problems, fmt.Sprintf("event %s was published and is gone: IDs never change; restore it, or mark it withdrawn with a reason in ids.txt", id))
		}
	}
	for id := range p.Withdrawn {
		listed[id] = true
		if have[id] {
			problems = append(problems, fmt.Sprintf("event %s is back: remove its withdrawal from ids.txt", id))
		}
	}
	for _, e := range ds.Events {
		if !listed[e.ID] {
			unlisted = append(unlisted, e.ID)
		}
	}
	slices.Sort(problems)
	return problems, unlisted
}

// Append returns the ledger's text with ids added as live lines.
func AppendPublishedIDs(text string, ids []string) string {
	if len(ids) == 0 {
		return text
	}
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	return text + strings.Join(ids, "\n") + "\n"
}
