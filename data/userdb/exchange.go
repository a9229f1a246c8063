package userdb

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"strconv"
	"time"

	"aitimeline/data"
)

// MaxImportBytes is the largest file ImportJSON and ImportOwnEventsCSV read:
// about 30 times a notebook of 10,000 notes and 10,000 own events. Anything
// larger is refused with a *TooLargeError before a byte is stored.
const MaxImportBytes = 64 << 20

// ImportReport counts what an import did, item by item (a note, an event's
// marks, an own event, a tour, a CSV row's event).
type ImportReport struct {
	Added     int // new in the notebook
	Updated   int // a colleague's item replaced by their newer version, or marks merged in
	Unchanged int // already there as in the file (or in the trash: deleted stays deleted)
	// Conflicts are items of this notebook's author that the file has in
	// another version: yours are never overwritten, so they were kept.
	Conflicts int
	// Skipped are items the file has that cannot be imported and were left
	// out (TimelineJS events without an http(s) link).
	Skipped int
}

// readLimited reads all of r, or fails with a *TooLargeError past max bytes.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if n > max {
		return nil, &TooLargeError{Limit: max}
	}
	return buf.Bytes(), nil
}

// readTx runs fn in one read transaction, so that an export is a consistent
// snapshot even while another window or process writes.
func (nb *Notebook) readTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := nb.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

func itoa(i int) string { return strconv.Itoa(i) }

// dateOf is the calendar day of t (in local time) as a data.Date.
func dateOf(t time.Time) data.Date {
	t = t.Local()
	return data.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Precision: data.Day}
}
