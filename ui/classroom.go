package ui

import (
	"context"
	"errors"

	"aitimeline/data"
	"aitimeline/data/interop"
	"aitimeline/i18n"
	"aitimeline/ui/printout"
)

// ErrNoEvents is returned when a tour or a date range holds no event.
var ErrNoEvents = errors.New("no events")

// TourEvents reads a tour's stops with all their details, in the tour's
// order; stops whose events the dataset lacks are left out.
func TourEvents(ctx context.Context, st *data.Store, t Tour) ([]data.Event, []Stop, error) {
	var evs []data.Event
	var stops []Stop
	for _, s := range t.Stops {
		i := st.Index().Find(s.EventID)
		if i < 0 {
			continue
		}
		ev, err := st.EventAt(ctx, i)
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
		if n := loc.Text(s.Note); n != "" {
			hd.Notes[s.EventID] = n
		}
	}
	return hd
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

// TimelineJSDoc is a tour (or any events) in the form the TimelineJS writer takes.
func TimelineJSDoc(title, intro data.Text, evs []data.Event, stops []Stop) *interop.TimelineJSDoc {
	doc := &interop.TimelineJSDoc{Title: title, Intro: intro, Events: evs, Notes: map[string]data.Text{}}
	for _, s := range stops {
		if !s.Note.IsZero() {
			doc.Notes[s.EventID] = s.Note
		}
	}
	return doc
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
