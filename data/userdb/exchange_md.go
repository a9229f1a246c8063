package userdb

import (
	"bufio"
	"context"
	"database/sql"
	"io"
	"math"
	"sort"
	"strings"

	"aitimeline/data"
	"aitimeline/i18n"
)

// EventSource gives the Markdown export the dataset's events. It is called
// once per annotated event, so it should answer from memory (FromDataset)
// rather than with a query per call.
type EventSource interface {
	Event(ctx context.Context, id string) (data.Event, bool, error)
}

// FromDataset is an EventSource over a dataset loaded in memory
// (data.Store.Load).
func FromDataset(ds *data.Dataset) EventSource {
	m := make(datasetEvents, len(ds.Events))
	for i := range ds.Events {
		m[ds.Events[i].ID] = &ds.Events[i]
	}
	return m
}

type datasetEvents map[string]*data.Event

// Event looks id up in the map.
func (m datasetEvents) Event(_ context.Context, id string) (data.Event, bool, error) {
	if e, ok := m[id]; ok {
		return *e, true, nil
	}
	return data.Event{}, false, nil
}

// mdEvent is one event section of the Markdown export.
type mdEvent struct {
	ev         data.Event
	own        bool
	orphan     bool
	notes      []Note
	ann        Annotation
	start, end int64 // day numbers, for sorting
}

// ExportMarkdown writes one Markdown document of the notebook in loc's
// language: every annotated event (a note, tags, a star or a flag) and every
// own event in date order, each with its date, title, marks, tags, the notes
// of every author and the event's sources as citations; then the notes on
// people and on sources. Events the dataset no longer has appear with the
// title and date their notes recorded, marked as such.
func (nb *Notebook) ExportMarkdown(ctx context.Context, w io.Writer, src EventSource, loc *i18n.Localizer) error {
	var notes []Note
	var own []OwnEvent
	var author string
	ann := map[string]Annotation{}
	err := nb.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		if author, err = metaAuthor(ctx, tx); err != nil {
			return err
		}
		err = each(ctx, tx, "SELECT "+noteCols+" FROM notes WHERE deleted IS NULL ORDER BY kind, target, author <> ?, author", func(r *sql.Rows) error {
			n, err := scanNote(r)
			notes = append(notes, n)
			return err
		}, author)
		if err != nil {
			return err
		}
		err = each(ctx, tx, "SELECT "+ownCols+" FROM own_events WHERE deleted IS NULL", func(r *sql.Rows) error {
			e, _, err := scanOwn(r)
			own = append(own, e)
			return err
		})
		if err != nil {
			return err
		}
		marks, err := exportMarks(ctx, tx)
		for _, m := range marks {
			ann[m.ID] = Annotation{Starred: m.Starred, Flag: Flag(m.Flag), Tags: m.Tags}
		}
		return err
	})
	if err != nil {
		return err
	}

	events := map[string]*mdEvent{}
	var people, sources []Note
	for _, e := range own {
		events[e.ID] = &mdEvent{ev: e.Event(), own: true}
	}
	for _, n := range notes {
		switch n.Target.Kind {
		case KindPerson:
			people = append(people, n)
			continue
		case KindSource:
			sources = append(sources, n)
			continue
		}
		e := events[n.Target.ID]
		if e == nil {
			e = &mdEvent{ev: data.Event{ID: n.Target.ID}}
			events[n.Target.ID] = e
		}
		e.notes = append(e.notes, n)
	}
	for id, a := range ann {
		if events[id] == nil {
			events[id] = &mdEvent{ev: data.Event{ID: id}}
		}
		events[id].ann = a
	}
	list := make([]*mdEvent, 0, len(events))
	for id, e := range events {
		if !e.own {
			ev, found, err := src.Event(ctx, id)
			if err != nil {
				return err
			}
			if found {
				e.ev = ev
			} else {
				e.orphan = true
				for _, n := range e.notes { // the label the notes recorded
					if !n.Label.Title.IsZero() {
						e.ev.Title, e.ev.Date = n.Label.Title, n.Label.Date
						break
					}
				}
			}
		}
		list = append(list, e)
	}
	for _, e := range list {
		e.start, e.end = e.ev.Date.DayNumber(), e.ev.End.DayNumber()
		if e.ev.Date.IsZero() { // undated (tags on an event that has gone) last
			e.start = math.MaxInt64
		}
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.start != b.start {
			return a.start < b.start
		}
		if a.end != b.end {
			return a.end < b.end
		}
		return a.ev.ID < b.ev.ID
	})

	bw := bufio.NewWriter(w)
	md := newMDWriter(bw, loc)
	md.line("# " + mdEscape(loc.T("notebook.md.title")))
	md.blank()
	intro := "notebook.md.intro"
	if Unnamed(author) {
		intro = "notebook.md.intro_unnamed" // no "Notebook of root"
	}
	md.line(mdEscape(loc.T(intro, "Author", author, "Events", len(list), "Notes", len(notes))))
	for _, e := range list {
		md.event(e)
	}
	md.targetNotes(loc.T("notebook.md.people"), people)
	md.targetNotes(loc.T("notebook.md.sources_section"), sources)
	if md.err != nil {
		return md.err
	}
	return bw.Flush()
}

// mdWriter writes the document. Localizing runs a template each time, so
// fixed phrases are looked up once and dates and note headings are
// remembered: 10,000 notes share a few thousand dates.
type mdWriter struct {
	w   *bufio.Writer
	loc *i18n.Localizer
	err error

	ownEvent, orphaned, starred, tags, sources string
	flags                                      map[Flag]string
	dates                                      map[[2]data.Date]string
	heads                                      map[[2]string]string
}

func newMDWriter(w *bufio.Writer, loc *i18n.Localizer) *mdWriter {
	m := &mdWriter{w: w, loc: loc,
		ownEvent: "*" + mdEscape(loc.T("notebook.md.own_event")) + "*",
		orphaned: "*" + mdEscape(loc.T("notebook.md.orphaned")) + "*",
		starred:  "★ " + mdEscape(loc.T("notebook.md.starred")),
		tags:     mdEscape(loc.T("notebook.md.tags")) + ": ",
		sources:  "**" + mdEscape(loc.T("notebook.md.sources")) + "**",
		flags:    map[Flag]string{}, dates: map[[2]data.Date]string{}, heads: map[[2]string]string{}}
	for _, f := range Flags {
		m.flags[f] = mdEscape(loc.T("notebook.md.flag", "Flag", FlagName(loc, f)))
	}
	return m
}

func (m *mdWriter) dateRange(from, to data.Date) string {
	k := [2]data.Date{from, to}
	s, ok := m.dates[k]
	if !ok {
		s = mdEscape(m.loc.DateRange(from, to))
		m.dates[k] = s
	}
	return s
}

func (m *mdWriter) line(s string) {
	if m.err == nil {
		_, m.err = m.w.WriteString(s + "\n")
	}
}

func (m *mdWriter) blank() { m.line("") }

func (m *mdWriter) event(e *mdEvent) {
	loc := m.loc
	title := loc.Text(e.ev.Title)
	if title == "" {
		title = e.ev.ID
	}
	m.blank()
	head := "## "
	if d := m.dateRange(e.ev.Date, e.ev.End); d != "" {
		head += d + " · "
	}
	m.line(head + mdEscape(title))
	var marks []string
	switch {
	case e.own:
		marks = append(marks, m.ownEvent)
	case e.orphan:
		marks = append(marks, m.orphaned)
	}
	if e.ann.Starred {
		marks = append(marks, m.starred)
	}
	if f, ok := m.flags[e.ann.Flag]; ok {
		marks = append(marks, f)
	}
	if len(e.ann.Tags) > 0 {
		tags := make([]string, len(e.ann.Tags))
		for i, t := range e.ann.Tags {
			tags[i] = "`" + strings.ReplaceAll(t, "`", "'") + "`"
		}
		marks = append(marks, m.tags+strings.Join(tags, ", "))
	}
	if len(marks) > 0 {
		m.blank()
		m.line(strings.Join(marks, " · "))
	}
	if e.own {
		if s := loc.Text(e.ev.Summary); s != "" {
			m.blank()
			m.line(s)
		}
	}
	for _, n := range e.notes {
		m.note("### ", n)
	}
	if srcs := eventSources(e.ev); len(srcs) > 0 {
		m.blank()
		m.line(m.sources)
		m.blank()
		for i, s := range srcs {
			m.line(itoa(i+1) + ". " + citation(s))
		}
	}
}

// eventSources is every source an event cites: its own, then those of each
// side's account that it does not cite already (the same set the citation
// export gives for the event).
func eventSources(ev data.Event) []data.Source {
	if len(ev.Accounts) == 0 {
		return ev.Sources
	}
	seen := map[string]bool{}
	var out []data.Source
	add := func(list []data.Source) {
		for _, s := range list {
			k := strings.TrimSpace(s.URL)
			if data.CheckURL(k) != nil { // no usable address: never the same source as another
				out = append(out, s)
				continue
			}
			if !seen[k] {
				seen[k] = true
				out = append(out, s)
			}
		}
	}
	add(ev.Sources)
	for _, a := range ev.Accounts {
		add(a.Sources)
	}
	return out
}

func (m *mdWriter) note(level string, n Note) {
	d := dateOf(n.Modified)
	k := [2]string{n.Author, d.String()}
	head, ok := m.heads[k]
	if !ok {
		id := "notebook.md.note_by"
		if Unnamed(n.Author) {
			id = "notebook.md.note_unnamed"
		}
		head = mdEscape(m.loc.T(id, "Author", n.Author, "Date", m.loc.ShortDate(d)))
		m.heads[k] = head
	}
	m.blank()
	m.line(level + head)
	m.blank()
	m.line(n.Body)
}

func (m *mdWriter) targetNotes(heading string, notes []Note) {
	if len(notes) == 0 {
		return
	}
	m.blank()
	m.line("## " + mdEscape(heading))
	var last Target
	for _, n := range notes {
		if n.Target != last {
			last = n.Target
			name := m.loc.Text(n.Label.Title)
			if name == "" {
				name = n.Target.ID
			}
			if d := m.loc.Date(n.Label.Date); d != "" {
				name += " (" + d + ")"
			}
			m.blank()
			m.line("### " + mdEscape(name))
		}
		m.note("#### ", n)
	}
}

// citation is a source as a Markdown list item: publisher, linked title,
// date. Only http(s) links become links.
func citation(s data.Source) string {
	title := s.CitedTitle() // a descriptive title in brackets
	if title == "" {
		title = s.URL
	}
	out := mdEscape(title)
	if data.CheckURL(s.URL) == nil {
		out = "[" + out + "](" + mdURL(s.URL) + ")"
	}
	if s.Publisher != "" {
		out = mdEscape(s.Publisher) + ": " + out
	}
	if s.Date != "" {
		out += ", " + s.Date
	}
	return out
}

// mdEscape backslash-escapes what Markdown would read as markup in a
// one-line text (titles, names), so that a title like "*NSYNC" or "[1]"
// shows as written.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#|~!", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdURL percent-encodes the characters that would end a Markdown link
// destination early.
func mdURL(u string) string { return urlEscaper.Replace(u) }

var urlEscaper = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E")

// FlagName is a flag's localized name ("Red" / "Rot").
func FlagName(loc *i18n.Localizer, f Flag) string {
	switch f {
	case FlagRed:
		return loc.T("notebook.flag.red")
	case FlagOrange:
		return loc.T("notebook.flag.orange")
	case FlagYellow:
		return loc.T("notebook.flag.yellow")
	case FlagGreen:
		return loc.T("notebook.flag.green")
	case FlagBlue:
		return loc.T("notebook.flag.blue")
	case FlagPurple:
		return loc.T("notebook.flag.purple")
	}
	return ""
}
