package userdb

import (
	"context"
	"strconv"
	"strings"

	"aitimeline/data"
)

// Reading the live own events in one string.
//
// Scanning 10,000 own events row by row through database/sql cost about
// 80 ms of CPU and 40 allocations per event at start-up, on the two cores the
// window's first frames need (BENCHMARKS.md, "Notebook"). SQLite joins them
// into one string instead: every field as its length in bytes, a colon and
// its bytes, and a semicolon after each event, so any text (also
// separators, newlines, invalid UTF-8) comes back exactly. The fields are substrings of that one string (no copy each).
// Whatever the packed string does not parse as (a column holding another
// type than the schema says, a count that does not match) is read again row
// by row, as before.

// ownPackedFields are the columns in the packed string, in ownCols' order
// less deleted (always NULL for live events).
var ownPackedFields = [...]string{"n", "id", "date", "end_date", "category", "title_en", "title_de",
	"summary_en", "summary_de", "people", "organizations", "sources", "author", "created", "modified"}

// ownPackedQuery packs every live own event into one string.
var ownPackedQuery = func() string {
	var format strings.Builder
	var args, size []string
	for _, c := range ownPackedFields {
		format.WriteString("%d:%s")
		args = append(args, "octet_length("+c+")", c)
		size = append(size, "octet_length("+c+") + length(octet_length("+c+"))")
	}
	format.WriteByte(';') // the end of an event: a field whose length was wrong does not end there
	// The third column is the string's length if every field came out
	// whole: format's %s ends a text or BLOB at its first NUL byte while
	// octet_length counts all of its bytes (and counts UTF-16 bytes in a
	// UTF-16 file), and a field that looks like "<n>:<bytes>" would put the
	// parser back in step with a wrong event.
	return "SELECT count(*), ifnull(group_concat(format('" + format.String() + "', " + strings.Join(args, ", ") + "), ''), ''), " +
		"ifnull(sum(" + strings.Join(size, " + ") + " + " + strconv.Itoa(len(ownPackedFields)+1) + "), 0) FROM own_events WHERE deleted IS NULL"
}()

// liveOwnEvents reads the live own events in table order; ok is false when
// the packed string could not be used (the caller reads row by row).
func (nb *Notebook) liveOwnEventsPacked(ctx context.Context) (out []OwnEvent, ok bool, err error) {
	var count, size int
	var packed string
	if err := nb.r.QueryRowContext(ctx, ownPackedQuery).Scan(&count, &packed, &size); err != nil {
		if ctx.Err() != nil {
			return nil, false, err
		}
		// The packed string can fail where rows do not (longer than
		// SQLite's length limit, 10^9 bytes, out of memory): row by row.
		return nil, false, nil
	}
	if len(packed) != size {
		return nil, false, nil // a field did not come out whole
	}
	out, ok = unpackOwn(packed, count)
	return out, ok, nil
}

// unpackOwn splits a packed string of count own events; ok is false if it
// is not exactly that.
func unpackOwn(s string, count int) ([]OwnEvent, bool) {
	if count < 0 || count > len(s) {
		return nil, false
	}
	out := make([]OwnEvent, 0, count)
	var f [len(ownPackedFields)]string
	for s != "" {
		for k := range f {
			colon := strings.IndexByte(s, ':')
			if colon < 1 || colon > 10 {
				return nil, false
			}
			n, err := strconv.Atoi(s[:colon])
			if err != nil || n < 0 || n > len(s)-colon-1 || s[0] == '+' || s[0] == '-' {
				return nil, false
			}
			f[k], s = s[colon+1:colon+1+n], s[colon+1+n:]
		}
		if s == "" || s[0] != ';' {
			return nil, false
		}
		s = s[1:]
		e, ok := ownFromFields(&f)
		if !ok {
			return nil, false
		}
		out = append(out, e)
	}
	return out, len(out) == count
}

// ownFromFields makes an own event of its packed fields as scanOwn makes it
// of a row; ok is false where scanOwn would have failed or decoded
// something other than a clean stored event.
func ownFromFields(f *[len(ownPackedFields)]string) (OwnEvent, bool) {
	var e OwnEvent
	n, err1 := strconv.ParseInt(f[0], 10, 64)
	created, err2 := strconv.ParseInt(f[13], 10, 64)
	modified, err3 := strconv.ParseInt(f[14], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil || n <= 0 {
		return e, false
	}
	// The ID is kept apart from the packed string (a copy): the window keeps
	// IDs (selection, history) beyond the events they came with.
	e.ID, e.Category = strings.Clone(f[1]), data.Category(f[4])
	e.Date, _ = data.ParseDate(f[2])
	e.End, _ = data.ParseDate(f[3])
	e.Title = data.Text{EN: f[5], DE: f[6]}
	e.Summary = data.Text{EN: f[7], DE: f[8]}
	var err error
	if e.Sources, err = sourceList(f[11]); err != nil {
		return e, false
	}
	if idList(f[9], &e.People) != nil || idList(f[10], &e.Organizations) != nil {
		return e, false
	}
	e.Author = f[12]
	e.Created, e.Modified = msTime(created), msTime(modified)
	return e, true
}
