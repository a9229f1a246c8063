package data

import (
	"bytes"
	"database/sql"
	"fmt"
)

// Index is a compact, read-only table of every event with just what the
// timeline and the event list need: dates, category, status, importance, ID,
// titles in both languages, people and organisations. It costs about 150
// bytes per event (titles in byte arenas, people and organisations as small
// integers), so a million events fit in memory; full details are read per
// event with Store.EventAt. Event i is the event with events.n = i+1, in date
// order.
type Index struct {
	ids     arena
	titles  [2]arena // EN, DE
	date    []packedDate
	end     []packedDate
	imp     []uint8
	cat     []uint8
	status  []uint8
	people  csr // event -> person numbers
	orgs    csr // event -> organisation numbers
	persons []string
	orgIDs  []string
	byID    map[string]int32 // built on first use
}

// packedDate is a Date in 4 bytes: year, month, day, precision.
type packedDate struct {
	year       uint16
	month, day uint8
}

const precShift = 6 // precision in the top two bits of day

func pack(d Date) packedDate {
	p := map[Precision]uint8{"": 0, Year: 1, Month: 2, Day: 3}[d.Precision]
	return packedDate{year: uint16(d.Year), month: uint8(d.Month), day: uint8(d.Day) | p<<precShift}
}

func (p packedDate) unpack() Date {
	prec := [...]Precision{"", Year, Month, Day}[p.day>>precShift]
	if prec == "" {
		return Date{}
	}
	return Date{Year: int(p.year), Month: int(p.month), Day: int(p.day &^ (3 << precShift)), Precision: prec}
}

// arena stores many strings in one byte slice.
type arena struct {
	buf []byte
	off []uint32 // string i is buf[off[i]:off[i+1]]
}

func (a *arena) add(s string) {
	if len(a.off) == 0 {
		a.off = append(a.off, 0)
	}
	a.buf = append(a.buf, s...)
	a.off = append(a.off, uint32(len(a.buf)))
}

func (a *arena) addBytes(b []byte) {
	if len(a.off) == 0 {
		a.off = append(a.off, 0)
	}
	a.buf = append(a.buf, b...)
	a.off = append(a.off, uint32(len(a.buf)))
}

func (a *arena) reserve(n, bytes int) {
	a.buf = make([]byte, 0, bytes)
	a.off = make([]uint32, 0, n+1)
}

func (a *arena) get(i int) string { return string(a.buf[a.off[i]:a.off[i+1]]) }

// csr lists small integers per event (compressed sparse rows).
type csr struct {
	start []uint32
	vals  []uint16
}

func (c *csr) add(vals []uint16) {
	if len(c.start) == 0 {
		c.start = append(c.start, 0)
	}
	c.vals = append(c.vals, vals...)
	c.start = append(c.start, uint32(len(c.vals)))
}

func (c *csr) reserve(n, vals int) {
	c.start = make([]uint32, 0, n+1)
	c.vals = make([]uint16, 0, vals)
}

func (c *csr) get(i int) []uint16 { return c.vals[c.start[i]:c.start[i+1]] }

func vocabIndex[T comparable](vocab []T, v T) uint8 {
	for i, x := range vocab {
		if x == v {
			return uint8(i)
		}
	}
	return 0
}

// bytesIndex finds b in a vocabulary without converting it to a string.
func bytesIndex[T ~string](vocab []T, b []byte) uint8 {
	for i, v := range vocab {
		if string(b) == string(v) {
			return uint8(i)
		}
	}
	return 0
}

// dateFromBytes reads the canonical forms the builder writes (YYYY, YYYY-MM,
// YYYY-MM-DD) without allocating; anything else goes through ParseDate.
func dateFromBytes(b []byte) Date {
	num := func(p []byte) (int, bool) {
		n := 0
		for _, c := range p {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok := num(b[:min(4, len(b))])
	switch {
	case ok && len(b) == 4:
		return Date{Year: y, Month: 1, Day: 1, Precision: Year}
	case ok && len(b) == 7 && b[4] == '-':
		if m, ok := num(b[5:7]); ok {
			return Date{Year: y, Month: m, Day: 1, Precision: Month}
		}
	case ok && len(b) == 10 && b[4] == '-' && b[7] == '-':
		m, ok1 := num(b[5:7])
		d, ok2 := num(b[8:10])
		if ok1 && ok2 {
			return Date{Year: y, Month: m, Day: d, Precision: Day}
		}
	}
	d, _ := ParseDate(string(b))
	return d
}

// Len is the number of events.
func (x *Index) Len() int { return len(x.date) }

// ID is event i's stable ID.
func (x *Index) ID(i int) string { return x.ids.get(i) }

// Title is event i's title in lang.
func (x *Index) Title(i int, lang Lang) string {
	if lang == DE {
		return x.titles[1].get(i)
	}
	return x.titles[0].get(i)
}

// Date is event i's date; End its end date (zero when it has none).
func (x *Index) Date(i int) Date { return x.date[i].unpack() }

// End is event i's end date, or the zero Date.
func (x *Index) End(i int) Date { return x.end[i].unpack() }

// Importance is event i's importance, 1..5.
func (x *Index) Importance(i int) int { return int(x.imp[i]) }

// Category is event i's category.
func (x *Index) Category(i int) Category { return Categories[x.cat[i]] }

// Status is event i's claim status.
func (x *Index) Status(i int) Status { return Statuses[x.status[i]] }

// CategoryNum is event i's category as its position in Categories.
func (x *Index) CategoryNum(i int) int { return int(x.cat[i]) }

// StatusNum is event i's claim status as its position in Statuses.
func (x *Index) StatusNum(i int) int { return int(x.status[i]) }

// People returns the numbers of event i's people (see PersonID).
func (x *Index) People(i int) []uint16 { return x.people.get(i) }

// Organizations returns the numbers of event i's organisations (see OrganizationID).
func (x *Index) Organizations(i int) []uint16 { return x.orgs.get(i) }

// PersonID is the ID of person number p.
func (x *Index) PersonID(p uint16) string { return x.persons[p] }

// OrganizationID is the ID of organisation number o.
func (x *Index) OrganizationID(o uint16) string { return x.orgIDs[o] }

// PersonNumber is the number of person id in this index, if any event has them.
func (x *Index) PersonNumber(id string) (uint16, bool) { return find(x.persons, id) }

// OrganizationNumber is the number of organisation id, if any event has it.
func (x *Index) OrganizationNumber(id string) (uint16, bool) { return find(x.orgIDs, id) }

func find(list []string, id string) (uint16, bool) {
	for i, v := range list {
		if v == id {
			return uint16(i), true
		}
	}
	return 0, false
}

// Find returns the index of the event with id, or -1.
func (x *Index) Find(id string) int {
	if x.byID == nil {
		x.byID = make(map[string]int32, x.Len())
		for i := 0; i < x.Len(); i++ {
			x.byID[x.ID(i)] = int32(i)
		}
	}
	if i, ok := x.byID[id]; ok {
		return int(i)
	}
	return -1
}

type indexBuilder struct {
	x       *Index
	persons map[string]uint16
	orgs    map[string]uint16
	pbuf    []uint16
}

func newIndexBuilder(n int) *indexBuilder {
	b := &indexBuilder{x: &Index{}, persons: map[string]uint16{}, orgs: map[string]uint16{}}
	b.x.date = make([]packedDate, 0, n)
	return b
}

func (b *indexBuilder) number(m map[string]uint16, list *[]string, id string) uint16 {
	if n, ok := m[id]; ok {
		return n
	}
	n := uint16(len(*list))
	m[id] = n
	*list = append(*list, id)
	return n
}

func (b *indexBuilder) addEvent(id string, d, end Date, imp int, cat Category, st Status, title Text) {
	x := b.x
	x.ids.add(id)
	x.titles[0].add(title.EN)
	x.titles[1].add(title.DE)
	x.date = append(x.date, pack(d))
	x.end = append(x.end, pack(end))
	x.imp = append(x.imp, uint8(imp))
	x.cat = append(x.cat, vocabIndex(Categories, cat))
	x.status = append(x.status, vocabIndex(Statuses, st))
}

// NewIndex builds an index from an in-memory dataset (tests, synthetic data).
// The events must be in date order, as Store.Load and synth.Generate give them
// after SortEvents.
func NewIndex(ds *Dataset) *Index {
	b := newIndexBuilder(len(ds.Events))
	for _, e := range ds.Events {
		b.addEvent(e.ID, e.Date, e.End, e.Importance, e.Category, e.Status, e.Title)
		b.pbuf = b.pbuf[:0]
		for _, p := range e.People {
			b.pbuf = append(b.pbuf, b.number(b.persons, &b.x.persons, p.PersonID))
		}
		b.x.people.add(b.pbuf)
		b.pbuf = b.pbuf[:0]
		for _, o := range e.Organizations {
			b.pbuf = append(b.pbuf, b.number(b.orgs, &b.x.orgIDs, o))
		}
		b.x.orgs.add(b.pbuf)
	}
	return b.x
}

// LoadIndex reads the compact event index: three sequential queries,
// independent of how many sources and accounts the events have.
func (s *Store) LoadIndex() (*Index, error) {
	// Sizing every array up front keeps a million-event load from doubling
	// its arenas (and the garbage that leaves) on the way.
	var n, idLen, enLen, deLen int
	err := s.db.QueryRow(`SELECT count(*), coalesce(sum(length(CAST(id AS BLOB))), 0),
	  coalesce(sum(length(CAST(title_en AS BLOB))), 0), coalesce(sum(length(CAST(title_de AS BLOB))), 0) FROM events`).Scan(&n, &idLen, &enLen, &deLen)
	if err != nil {
		return nil, fmt.Errorf("reading dataset: %w", err)
	}
	b := newIndexBuilder(n)
	x := b.x
	x.ids.reserve(n, idLen)
	x.titles[0].reserve(n, enLen)
	x.titles[1].reserve(n, deLen)
	x.end, x.imp, x.cat, x.status = make([]packedDate, 0, n), make([]uint8, 0, n), make([]uint8, 0, n), make([]uint8, 0, n)
	x.people.reserve(n, n*2)
	x.orgs.reserve(n, n)
	// RawBytes: the row's text is copied straight into the arenas, without a
	// string per column and row.
	var id, date, end, cat, st, en, de, people, orgs sql.RawBytes
	var imp int
	ids := func(raw []byte, m map[string]uint16, list *[]string, dst *csr) {
		b.pbuf = b.pbuf[:0]
		for _, f := range bytes.Fields(raw) {
			n, ok := m[string(f)] // no allocation for a map lookup by converted bytes
			if !ok {
				n = b.number(m, list, string(f))
			}
			b.pbuf = append(b.pbuf, n)
		}
		dst.add(b.pbuf)
	}
	err = s.each(`SELECT id, date, end_date, importance, category, status, title_en, title_de, people, organizations
	  FROM events ORDER BY n`, func(r *sql.Rows) error {
		if err := r.Scan(&id, &date, &end, &imp, &cat, &st, &en, &de, &people, &orgs); err != nil {
			return err
		}
		d := dateFromBytes(date)
		var e Date
		if len(end) > 0 {
			e = dateFromBytes(end)
		}
		x.ids.addBytes(id)
		x.titles[0].addBytes(en)
		x.titles[1].addBytes(de)
		x.date = append(x.date, pack(d))
		x.end = append(x.end, pack(e))
		x.imp = append(x.imp, uint8(imp))
		x.cat = append(x.cat, bytesIndex(Categories, cat))
		x.status = append(x.status, bytesIndex(Statuses, st))
		ids(people, b.persons, &x.persons, &x.people)
		ids(orgs, b.orgs, &x.orgIDs, &x.orgs)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading dataset: %w", err)
	}
	return x, nil
}

// LoadContext reads everything but the events: people, organisations, eras,
// threads and tours (small tables the UI keeps in memory).
func (s *Store) LoadContext() (*Dataset, error) {
	ds := &Dataset{Meta: s.meta}
	err := firstErr(
		func() error { return s.loadOrganizations(ds) },
		func() error { return s.loadPeople(ds) },
		func() error { return s.loadThreadsErasTours(ds) },
	)
	if err != nil {
		return nil, fmt.Errorf("reading dataset: %w", err)
	}
	return ds, nil
}

// EventAt reads event i (0-based, date order) with all its details.
func (s *Store) EventAt(i int) (Event, error) {
	var e Event
	n := i + 1
	var date, end, cat, st string
	err := s.db.QueryRow(`SELECT id, date, end_date, category, status, importance, title_en, title_de,
	  summary_en, summary_de, note_en, note_de FROM events WHERE n = ?`, n).Scan(&e.ID, &date, &end, &cat, &st,
		&e.Importance, &e.Title.EN, &e.Title.DE, &e.Summary.EN, &e.Summary.DE, &e.Note.EN, &e.Note.DE)
	if err != nil {
		return e, fmt.Errorf("event %d: %w", n, err)
	}
	e.Date, _ = ParseDate(date)
	if end != "" {
		e.End, _ = ParseDate(end)
	}
	e.Category, e.Status = Category(cat), Status(st)
	err = firstErr(
		func() error {
			return s.each("SELECT person_id, role_en, role_de FROM event_people WHERE event_n = ? ORDER BY ord", func(r *sql.Rows) error {
				var p EventPerson
				err := r.Scan(&p.PersonID, &p.Role.EN, &p.Role.DE)
				e.People = append(e.People, p)
				return err
			}, n)
		},
		func() error {
			return s.each("SELECT organization_id FROM event_organizations WHERE event_n = ? ORDER BY ord", func(r *sql.Rows) error {
				var o string
				err := r.Scan(&o)
				e.Organizations = append(e.Organizations, o)
				return err
			}, n)
		},
		func() error {
			return s.each("SELECT thread_id FROM event_threads WHERE event_n = ? ORDER BY thread_id", func(r *sql.Rows) error {
				var t string
				err := r.Scan(&t)
				e.Threads = append(e.Threads, t)
				return err
			}, n)
		},
		func() error {
			return s.each("SELECT party_id, text_en, text_de FROM accounts WHERE event_n = ? ORDER BY ord", func(r *sql.Rows) error {
				var a Account
				err := r.Scan(&a.Party, &a.Text.EN, &a.Text.DE)
				e.Accounts = append(e.Accounts, a)
				return err
			}, n)
		},
		func() error {
			return s.each(`SELECT es.account, s.id, publisher, title, date, url, archive_url, language, kind,
			  (SELECT count(DISTINCT event_n) FROM event_sources c WHERE c.source_id = s.id)
			  FROM event_sources es JOIN sources s ON s.id = es.source_id WHERE es.event_n = ? ORDER BY es.account, es.ord`, func(r *sql.Rows) error {
				var acc int
				var x Source
				if err := r.Scan(&acc, &x.ID, &x.Publisher, &x.Title, &x.Date, &x.URL, &x.ArchiveURL, &x.Language, &x.Kind, &x.Citations); err != nil {
					return err
				}
				if acc == 0 {
					e.Sources = append(e.Sources, x)
				} else if acc <= len(e.Accounts) {
					e.Accounts[acc-1].Sources = append(e.Accounts[acc-1].Sources, x)
				}
				return nil
			}, n)
		},
	)
	return e, err
}

// CountEvents returns the numbers of events and of distinct sources.
func (s *Store) CountEvents() (events, sources int, err error) {
	err = s.db.QueryRow("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM sources)").Scan(&events, &sources)
	return
}
