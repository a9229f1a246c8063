package userdb

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"aitimeline/data"
)

// NotesCSVHeader is the header of ExportNotesCSV.
var NotesCSVHeader = []string{"kind", "target", "author", "title_en", "title_de", "date", "created", "modified", "body"}

// ExportNotesCSV writes every live note as one CSV row (header
// NotesCSVHeader; kind is event, person or source; date is the target's
// date when the note was written; body is the Markdown text). A cell that a
// spreadsheet would run as a formula (starting with =, +, @, a tab, or a
// hyphen not followed by a space) gets a leading apostrophe.
func (nb *Notebook) ExportNotesCSV(ctx context.Context, w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(NotesCSVHeader); err != nil {
		return err
	}
	err := nb.readTx(ctx, func(tx *sql.Tx) error {
		return each(ctx, tx, "SELECT "+noteCols+" FROM notes WHERE deleted IS NULL ORDER BY kind, target, author", func(r *sql.Rows) error {
			n, err := scanNote(r)
			if err != nil {
				return err
			}
			row := []string{string(n.Target.Kind), n.Target.ID, n.Author, n.Label.Title.EN, n.Label.Title.DE,
				n.Label.Date.String(), fmtTime(n.Created.UnixMilli()), fmtTime(n.Modified.UnixMilli()), n.Body}
			for i := range row {
				row[i] = defuse(row[i])
			}
			return cw.Write(row)
		})
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// defuse keeps spreadsheets from running a cell as a formula (CSV injection).
func defuse(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '@', '\t', '\r':
		return "'" + s
	case '-':
		if len(s) > 1 && s[1] != ' ' {
			return "'" + s
		}
	}
	return s
}

// OwnEventsCSVHeader lists the columns ImportOwnEventsCSV knows. The header
// row is required; columns may come in any order, names are matched without
// regard to case, unknown columns are refused (a typo would otherwise lose
// data silently). Required: date, category, source_url and title_en or
// title_de. Dates are YYYY, YYYY-MM or YYYY-MM-DD; category is one of the
// dataset's (governance, legal, product, business, infrastructure,
// politics, public); people and organizations are dataset IDs separated by
// ";", "," or spaces. Each row carries one source; an event with several
// sources repeats its id on further rows (their other cells empty or equal).
// id is optional ("own-…"); without it the ID is derived from date, titles
// and URL, so that importing the same file twice adds nothing.
// The separator is "," or, when the header has no comma, ";" (as German
// spreadsheets write it). A UTF-8 byte order mark is skipped.
var OwnEventsCSVHeader = []string{"id", "date", "end_date", "category", "title_en", "title_de", "summary_en",
	"summary_de", "people", "organizations", "source_url", "source_publisher", "source_title", "source_date"}

// ImportOwnEventsCSV adds own events from a CSV file (see OwnEventsCSVHeader)
// under the notebook's author, all or nothing: every row is checked first,
// and any problem gives an *ImportError with its line (or a *TooLargeError)
// and changes nothing. An own event that exists already is left as it is:
// Unchanged when equal, else counted as a conflict.
func (nb *Notebook) ImportOwnEventsCSV(ctx context.Context, r io.Reader) (ImportReport, error) {
	b, err := readLimited(r, MaxImportBytes)
	if err != nil {
		return ImportReport{}, err
	}
	evs, err := parseOwnEventsCSV(b)
	if err != nil {
		return ImportReport{}, err
	}
	return nb.importOwnEvents(ctx, evs)
}

// importOwnEvents adds checked own events under the notebook's author in one
// transaction; one that exists already is left as it is: Unchanged when
// equal (or in the trash), else counted as a conflict.
func (nb *Notebook) importOwnEvents(ctx context.Context, evs []OwnEvent) (ImportReport, error) {
	var rep ImportReport
	err := nb.write(ctx, func(tx *wtx) error {
		rep = ImportReport{}
		me, err := metaAuthor(ctx, tx)
		if err != nil {
			return err
		}
		now := msTime(nb.now())
		for _, e := range evs {
			old, _, found, err := getOwn(ctx, tx, e.ID)
			if err != nil {
				return err
			}
			if found {
				a, b := ownToJSON(old), ownToJSON(e)
				a.Author, a.Created, a.Modified, b.Author, b.Created, b.Modified = "", "", "", "", "", ""
				if sameContent(a, b) || !old.Deleted.IsZero() {
					rep.Unchanged++
				} else {
					rep.Conflicts++
				}
				continue
			}
			e.Author, e.Created, e.Modified = me, now, now
			if err := putOwnEvent(ctx, tx, e, 0); err != nil {
				return err
			}
			rep.Added++
		}
		return nil
	})
	return rep, err
}

// csvEventCols are the columns that describe the event (not its source).
var csvEventCols = []string{"date", "end_date", "category", "title_en", "title_de", "summary_en", "summary_de", "people", "organizations"}

func parseOwnEventsCSV(b []byte) ([]OwnEvent, error) {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	cr := csv.NewReader(bytes.NewReader(b))
	first, _, _ := bytes.Cut(b, []byte("\n"))
	if !bytes.ContainsRune(first, ',') && bytes.ContainsRune(first, ';') {
		cr.Comma = ';'
	}
	header, err := cr.Read()
	if err != nil {
		return nil, csvError(err, 1)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		known := false
		for _, k := range OwnEventsCSVHeader {
			known = known || h == k
		}
		if !known {
			return nil, &ImportError{Line: 1, Err: fmt.Errorf("%w: unknown column %q (known: %s)", ErrMalformed, h, strings.Join(OwnEventsCSVHeader, ", "))}
		}
		if _, dup := col[h]; dup {
			return nil, &ImportError{Line: 1, Err: fmt.Errorf("%w: column %q twice", ErrMalformed, h)}
		}
		col[h] = i
	}
	for _, req := range []string{"date", "category", "source_url"} {
		if _, ok := col[req]; !ok {
			return nil, &ImportError{Line: 1, Err: fmt.Errorf("%w: no column %q", ErrMalformed, req)}
		}
	}
	_, en := col["title_en"]
	_, de := col["title_de"]
	if !en && !de {
		return nil, &ImportError{Line: 1, Err: fmt.Errorf("%w: no column title_en or title_de", ErrMalformed)}
	}
	var out []OwnEvent
	byID := map[string]int{}       // id → index in out
	rowOf := map[string][]string{} // id → the row that defined the event
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(err, 0)
		}
		lineNo, _ := cr.FieldPos(0)
		cell := func(name string) string {
			if i, ok := col[name]; ok {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		src, err := cleanSource(data.Source{URL: cell("source_url"), Publisher: cell("source_publisher"),
			Title: cell("source_title"), Date: cell("source_date")})
		if err != nil {
			return nil, &ImportError{Line: lineNo, Err: err}
		}
		id := cell("id")
		if id != "" {
			if !IsOwnEventID(id) || checkID(FieldID, id) != nil {
				return nil, &ImportError{Line: lineNo, Err: invalid(FieldID, ProblemBad, id)}
			}
			if i, seen := byID[id]; seen {
				for _, c := range csvEventCols {
					if v := cell(c); v != "" && v != rowOf[id][eventColIndex(c)] {
						return nil, &ImportError{Line: lineNo, Err: invalid(c2field(c), ProblemBad, v)}
					}
				}
				if len(out[i].Sources) >= maxListLen {
					return nil, &ImportError{Line: lineNo, Err: tooLong(FieldSources, maxListLen)}
				}
				out[i].Sources = append(out[i].Sources, src)
				continue
			}
		}
		e, err := csvEvent(cell, src)
		if err != nil {
			return nil, &ImportError{Line: lineNo, Err: err}
		}
		if id == "" {
			h := sha256.Sum256([]byte(strings.Join([]string{e.Date.String(), e.Title.EN, e.Title.DE, src.URL}, "\x00")))
			id = OwnEventPrefix + hex.EncodeToString(h[:6])
			if _, seen := byID[id]; seen {
				continue // the same event twice: once is enough
			}
		}
		e.ID = id
		byID[id] = len(out)
		vals := make([]string, len(csvEventCols))
		for i, c := range csvEventCols {
			vals[i] = cell(c)
		}
		rowOf[id] = vals
		out = append(out, e)
	}
	if len(out) == 0 {
		return nil, &ImportError{Err: fmt.Errorf("%w: no rows", ErrMalformed)}
	}
	return out, nil
}

// eventColIndex is the index of c in csvEventCols (rowOf keeps those cells in order).
func eventColIndex(c string) int {
	for i, k := range csvEventCols {
		if k == c {
			return i
		}
	}
	return 0
}

func c2field(c string) string {
	switch {
	case strings.HasPrefix(c, "title"):
		return FieldTitle
	case strings.HasPrefix(c, "summary"):
		return FieldSummary
	case c == "end_date":
		return FieldEndDate
	case c == "organizations":
		return FieldOrganization
	}
	return c
}

func csvEvent(cell func(string) string, src data.Source) (OwnEvent, error) {
	e := OwnEvent{Category: data.Category(strings.ToLower(cell("category"))), Title: data.Text{EN: cell("title_en"), DE: cell("title_de")},
		Summary: data.Text{EN: cell("summary_en"), DE: cell("summary_de")}, Sources: []data.Source{src},
		People: splitIDs(cell("people")), Organizations: splitIDs(cell("organizations"))}
	var err error
	if d := cell("date"); d == "" {
		return e, invalid(FieldDate, ProblemMissing, "")
	} else if e.Date, err = data.ParseDate(d); err != nil {
		return e, invalid(FieldDate, ProblemBad, d)
	}
	if d := cell("end_date"); d != "" {
		if e.End, err = data.ParseDate(d); err != nil {
			return e, invalid(FieldEndDate, ProblemBad, d)
		}
	}
	return e.clean()
}

func splitIDs(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == ' ' || r == '\t' || r == '\n' })
}

func csvError(err error, line int) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		line = pe.Line
		err = pe.Err
	}
	if err == io.EOF {
		err = errors.New("empty file")
	}
	return &ImportError{Line: line, Err: fmt.Errorf("%w: %v", ErrMalformed, err)}
}
