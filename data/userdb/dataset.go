package userdb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"sort"

	"aitimeline/data"
)

// EventStamp is what the notebook remembers of each dataset event to tell
// later what a newer dataset changed.
type EventStamp struct {
	ID    string
	Title data.Text
	Date  data.Date
}

// StampsOf makes the stamps of a dataset's events.
func StampsOf(evs []data.Event) []EventStamp {
	out := make([]EventStamp, len(evs))
	for i, e := range evs {
		out[i] = EventStamp{ID: e.ID, Title: e.Title, Date: e.Date}
	}
	return out
}

// stampsDigest sums up the events' IDs, titles and dates: the same digest
// and version as last time mean nothing to compare.
func stampsDigest(events []EventStamp) string {
	h := sha256.New()
	for _, e := range events {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x01", e.ID, e.Title.EN, e.Title.DE, e.Date.String())
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// MaxSnapshot is the largest dataset DatasetChanged keeps a snapshot of.
const MaxSnapshot = 50000

// DatasetChanges is what changed in the dataset since the notebook last saw
// it. IDs are sorted.
type DatasetChanges struct {
	First    bool   // the notebook had never seen a dataset: nothing to report
	Previous string // the dataset version seen last time
	Added    []string
	Changed  []string // title (either language) or date differ
	Removed  []string
}

// IsZero reports whether nothing changed (or this is the first dataset).
func (c DatasetChanges) IsZero() bool {
	return len(c.Added) == 0 && len(c.Changed) == 0 && len(c.Removed) == 0
}

// DatasetChanged compares the dataset's events with the snapshot stored last
// time, stores the new snapshot and version, and returns the difference; the
// UI shows it as "what changed" when a newer dataset opens. On a read-only
// notebook it returns the difference without storing anything.
//
// Two shortcuts keep it off the start-up's path: the same version with the
// same digest of the events (stampsDigest) as last time is taken as
// unchanged without reading the snapshot, and a dataset of more than MaxSnapshot events (a synthetic
// one) is not snapshotted at all (a million rows would bloat the notebook
// and compete with the first frames); its changes are not reported.
func (nb *Notebook) DatasetChanged(ctx context.Context, version string, events []EventStamp) (DatasetChanges, error) {
	var ch DatasetChanges
	if len(events) > MaxSnapshot {
		return ch, nil
	}
	var stored string
	err := nb.r.QueryRowContext(ctx, `SELECT coalesce((SELECT value FROM meta WHERE key = 'dataset_version'), ''),
	  coalesce((SELECT value FROM meta WHERE key = 'dataset_digest'), '')`).Scan(&ch.Previous, &stored)
	if err != nil {
		return ch, err
	}
	digest := stampsDigest(events)
	if ch.Previous == version && stored == digest {
		return DatasetChanges{Previous: version}, nil
	}
	old := map[string]EventStamp{}
	err = each(ctx, nb.r, "SELECT id, title_en, title_de, date FROM dataset_events", func(r *sql.Rows) error {
		var s EventStamp
		var date string
		err := r.Scan(&s.ID, &s.Title.EN, &s.Title.DE, &date)
		s.Date, _ = data.ParseDate(date)
		old[s.ID] = s
		return err
	})
	if err != nil {
		return ch, err
	}
	ch.First = ch.Previous == "" && len(old) == 0
	cur := make(map[string]EventStamp, len(events))
	var put []EventStamp
	for _, e := range events {
		e.Date, _ = canonDate(e.Date, FieldDate)
		if _, dup := cur[e.ID]; dup {
			continue
		}
		cur[e.ID] = e
		o, seen := old[e.ID]
		switch {
		case !seen:
			if !ch.First {
				ch.Added = append(ch.Added, e.ID)
			}
			put = append(put, e)
		case o.Title != e.Title || o.Date != e.Date:
			ch.Changed = append(ch.Changed, e.ID)
			put = append(put, e)
		}
	}
	for id := range old {
		if _, ok := cur[id]; !ok {
			ch.Removed = append(ch.Removed, id)
		}
	}
	sort.Strings(ch.Added)
	sort.Strings(ch.Changed)
	sort.Strings(ch.Removed)
	if nb.w == nil || (len(put) == 0 && len(ch.Removed) == 0 && version == ch.Previous && stored == digest) {
		return ch, nil
	}
	err = nb.write(ctx, func(tx *wtx) error {
		for _, id := range ch.Removed {
			if _, err := tx.ExecContext(ctx, "DELETE FROM dataset_events WHERE id = ?", id); err != nil {
				return err
			}
		}
		stmt, err := tx.PrepareContext(ctx, "INSERT OR REPLACE INTO dataset_events(id, title_en, title_de, date) VALUES (?, ?, ?, ?)")
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, e := range put {
			if _, err := stmt.ExecContext(ctx, e.ID, e.Title.EN, e.Title.DE, e.Date.String()); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, "INSERT OR REPLACE INTO meta(key, value) VALUES ('dataset_version', ?), ('dataset_digest', ?)", version, digest)
		return err
	})
	return ch, err
}
