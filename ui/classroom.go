package ui

import (
	"context"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"

	"aitimeline/data"
	"aitimeline/data/interop"
	"aitimeline/data/userdb"
	"aitimeline/i18n"
	"aitimeline/ui/printout"
)

// ErrNoEvents is returned when a tour or a date range holds no event.
var ErrNoEvents = errors.New("no events")

// EventSource reads events by their number in an index: the dataset's
// store (the dataset's events) or a window's EventView (the dataset's and
// the user's own events, so that own events in a tour reach hand-outs and
// exports). Both are safe to use off the UI goroutine.
type EventSource interface {
	Index() *data.Index
	EventAt(ctx context.Context, i int) (data.Event, error)
}

// Index is the view's numbering (it makes an EventView an EventSource).
func (v *EventView) Index() *data.Index { return v.Idx }

// TourEvents reads a tour's stops with all their details, in the tour's
// order; stops whose events src lacks are left out.
func TourEvents(ctx context.Context, src EventSource, t Tour) ([]data.Event, []Stop, error) {
	var evs []data.Event
	var stops []Stop
	idx := src.Index()
	for _, s := range t.Stops {
		i := idx.Find(s.EventID)
		if i < 0 {
			continue
		}
		ev, err := src.EventAt(ctx, i)
		if err != nil {
			return nil, nil, err
		}
		evs = append(evs, ev)
		stops = append(stops, s)
	}
	return evs, stops, nil
}

// RangeEvents reads the events from from to to (inclusive, at their
// precision; zero dates are open) in date order, with all their details.
func RangeEvents(ctx context.Context, st *data.Store, from, to data.Date) ([]data.Event, error) {
	x := st.Index()
	sel := func(i int) bool {
		t := x.Date(i).Time()
		return (from.IsZero() || !t.Before(from.Time())) && (to.IsZero() || t.Before(to.EndTime()))
	}
	var evs []data.Event
	err := st.EachEvent(ctx, sel, func(_ int, ev *data.Event) error {
		evs = append(evs, *ev)
		return nil
	})
	return evs, err
}

// HandoutDoc assembles a hand-out of events in the localizer's language:
// names of people and organisations, the dataset's version and "as of"
// date, and the teacher's notes.
func HandoutDoc(st *data.Store, loc *i18n.Localizer, title, intro string, evs []data.Event, stops []Stop) *printout.HandoutDoc {
	ctx := st.Context()
	hd := &printout.HandoutDoc{Title: title, Intro: intro, Events: evs, Notes: map[string]string{},
		People: map[string]string{}, Orgs: map[string]string{}, DatasetVersion: ctx.Meta.Version, AsOf: ctx.Meta.AsOf}
	for _, p := range ctx.People {
		hd.People[p.ID] = p.Name
	}
	for _, o := range ctx.Organizations {
		hd.Orgs[o.ID] = o.Name
	}
	for _, s := range stops {
		if n := TextIn(s.Note, loc.Lang()); n != "" {
			hd.Notes[s.EventID] = n
		}
	}
	return hd
}

// TextIn is t in lang, or in the other language when t has none in lang: a
// teacher's tour may be written in one language only, and a German note is
// better than none in an English hand-out.
func TextIn(t data.Text, lang data.Lang) string {
	if s := t.In(lang); strings.TrimSpace(s) != "" {
		return s
	}
	if lang == data.DE {
		return t.EN
	}
	return t.DE
}

// bothLangs fills a text's missing language with the other one.
func bothLangs(t data.Text) data.Text {
	if strings.TrimSpace(t.EN) == "" {
		t.EN = t.DE
	}
	if strings.TrimSpace(t.DE) == "" {
		t.DE = t.EN
	}
	return t
}

// BundledTours lists the dataset's tours as Tours.
func BundledTours(ds *data.Dataset) []Tour {
	var out []Tour
	for _, t := range ds.Tours {
		tt := Tour{ID: t.ID, Title: t.Title, Intro: t.Intro}
		for _, id := range t.Events {
			tt.Stops = append(tt.Stops, Stop{EventID: id})
		}
		out = append(out, tt)
	}
	return out
}

// TourFile is a tour in the shareable .aitour.json form.
func TourFile(t Tour, datasetVersion string) *interop.TourFile {
	tf := &interop.TourFile{DatasetVersion: datasetVersion, Tour: interop.Tour{ID: t.ID, Title: t.Title, Intro: t.Intro}}
	for _, s := range t.Stops {
		tf.Tour.Stops = append(tf.Tour.Stops, interop.Stop{Event: s.EventID, Note: s.Note})
	}
	return tf
}

// TimelineJSDoc is a tour (or any events) in the form the TimelineJS writer
// takes. A title, intro or note written in one language only stands in for
// the other, so that a German teacher's tour exported in English is not blank.
func TimelineJSDoc(title, intro data.Text, evs []data.Event, stops []Stop) *interop.TimelineJSDoc {
	doc := &interop.TimelineJSDoc{Title: bothLangs(title), Intro: bothLangs(intro), Events: evs, Notes: map[string]data.Text{}}
	for _, s := range stops {
		if !s.Note.IsZero() {
			doc.Notes[s.EventID] = bothLangs(s.Note)
		}
	}
	return doc
}

// TimelineJSOptions are the labels of a TimelineJS file in loc's language:
// categories as TimelineJS groups and the heading of each event's sources.
func TimelineJSOptions(loc *i18n.Localizer) interop.TimelineJSOptions {
	return interop.TimelineJSOptions{Lang: loc.Lang(),
		Group:        func(c data.Category) string { return loc.T("category." + string(c)) },
		SourcesLabel: loc.T("detail.sources")}
}

// WriteTourTimelineJS writes a tour's events (read through src) with the
// teacher's notes as TimelineJS JSON in loc's language.
func WriteTourTimelineJS(ctx context.Context, w io.Writer, src EventSource, t Tour, loc *i18n.Localizer) error {
	evs, stops, err := TourEvents(ctx, src, t)
	if err != nil {
		return err
	}
	return interop.WriteTimelineJS(w, TimelineJSDoc(t.Title, t.Intro, evs, stops), TimelineJSOptions(loc))
}

// ImportTour stores a shared tour file as one of the teacher's own tours.
// known reports whether a stop's event exists (the dataset's events and the
// notebook's own events); a tour naming others is refused with
// *interop.UnknownEventsError and nothing is written. Importing a file whose
// tour the notebook already has (same title, intro, stops and notes) adds
// nothing: that tour is returned with existed true.
func ImportTour(ctx context.Context, nb *userdb.Notebook, tf *interop.TourFile, known func(eventID string) bool) (t userdb.Tour, existed bool, err error) {
	if err := tf.Check(known); err != nil {
		return userdb.Tour{}, false, err
	}
	t = userdb.Tour{Title: tf.Tour.Title, Intro: tf.Tour.Intro}
	for _, s := range tf.Tour.Stops {
		t.Stops = append(t.Stops, userdb.Stop{EventID: s.Event, Note: s.Note})
	}
	have, err := nb.Tours(ctx)
	if err != nil {
		return userdb.Tour{}, false, err
	}
	for _, x := range have {
		if x.Title == t.Title && x.Intro == t.Intro && slices.Equal(x.Stops, t.Stops) {
			return x, true, nil
		}
	}
	t, err = nb.CreateTour(ctx, t)
	return t, false, err
}

// ParseSheets reads a poster's sheets: "4" (four sheets across) or "2x2"
// (across x down), each 1 to printout.MaxSheets.
func ParseSheets(s string) (across, down int, ok bool) {
	a, d, found := strings.Cut(strings.ToLower(strings.TrimSpace(s)), "x")
	var err1, err2 error
	across, err1 = strconv.Atoi(strings.TrimSpace(a))
	down = 1
	if found {
		down, err2 = strconv.Atoi(strings.TrimSpace(d))
	}
	ok = err1 == nil && err2 == nil && across >= 1 && down >= 1 && across <= printout.MaxSheets && down <= printout.MaxSheets
	return across, down, ok
}

// LocalizedError phrases an error of the print or file-format packages in
// the user's language (they carry a message ID and arguments).
func LocalizedError(loc *i18n.Localizer, err error) string {
	var le interface {
		MessageID() string
		MessageArgs() []any
	}
	if errors.As(err, &le) {
		return loc.T(le.MessageID(), le.MessageArgs()...)
	}
	return err.Error()
}
