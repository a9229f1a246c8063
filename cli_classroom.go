package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"aitimeline/data"
	"aitimeline/data/interop"
	"aitimeline/i18n"
	"aitimeline/ui"
	"aitimeline/ui/printout"
	"aitimeline/ui/timeline"
)

// The classroom's commands: tours, hand-outs and posters from the command line.

func runTour(args []string, e env, loc *i18n.Localizer) error {
	if len(args) == 0 {
		return fail(loc, "cli.err.tour_sub")
	}
	switch args[0] {
	case "list":
		return runTourList(args[1:], e, loc)
	case "export":
		return runTourExport(args[1:], e, loc)
	case "import":
		return runTourImport(args[1:], e, loc)
	}
	return fail(loc, "cli.err.tour_sub")
}

// tours lists the bundled tours and, with a notebook, the teacher's own.
func tours(st *data.Store, e env, loc *i18n.Localizer, notebook string) ([]ui.Tour, error) {
	out := ui.BundledTours(st.Context())
	own, err := ownTours(e, loc, notebook)
	if err != nil {
		return nil, err
	}
	return append(out, own...), nil
}

func runTourList(args []string, e env, loc *i18n.Localizer) error {
	fs := newFlags("tour list")
	dataset := fs.String("dataset", "", "dataset file")
	notebook := fs.String("notebook", "", "notebook file")
	lang := langFlag(fs)
	if err := parseFlagsOnly(fs, args, loc); err != nil {
		return err
	}
	l, err := langOrDefault(*lang, loc)
	if err != nil {
		return err
	}
	st, err := openDataset(*dataset, e, loc)
	if err != nil {
		return err
	}
	defer st.Close()
	ts, err := tours(st, e, loc, *notebook)
	if err != nil {
		return err
	}
	for _, t := range ts {
		fmt.Fprintf(e.stdout, "%s\t%s\n", t.ID, t.Title.In(l))
	}
	return nil
}

func findTour(ts []ui.Tour, id string, loc *i18n.Localizer) (ui.Tour, error) {
	for _, t := range ts {
		if t.ID == id {
			return t, nil
		}
	}
	return ui.Tour{}, fail(loc, "cli.err.no_tour", "ID", id)
}

func runTourExport(args []string, e env, loc *i18n.Localizer) error {
	fs := newFlags("tour export")
	format := fs.String("format", "aitour", "aitour or timelinejs")
	out := fs.String("out", "", "output file (default: standard output)")
	dataset := fs.String("dataset", "", "dataset file")
	notebook := fs.String("notebook", "", "notebook file")
	lang := langFlag(fs)
	pos, err := parse(fs, args, loc)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fail(loc, "cli.err.tour_id")
	}
	l, err := langOrDefault(*lang, loc)
	if err != nil {
		return err
	}
	if *format != "aitour" && *format != "timelinejs" {
		return fail(loc, "cli.err.tour_format", "Value", *format)
	}
	st, err := openDataset(*dataset, e, loc)
	if err != nil {
		return err
	}
	defer st.Close()
	ts, err := tours(st, e, loc, *notebook)
	if err != nil {
		return err
	}
	t, err := findTour(ts, pos[0], loc)
	if err != nil {
		return err
	}
	write := func(w io.Writer) error {
		if *format == "aitour" {
			return interop.WriteTour(w, ui.TourFile(t, st.Meta().Version))
		}
		return ui.WriteTourTimelineJS(context.Background(), w, st, t, i18n.Must(l))
	}
	return writeOut(*out, e, loc, write)
}

// writeOut writes to standard output or atomically to a file, phrasing a
// failure of the print or file-format packages in the user's language.
func writeOut(out string, e env, loc *i18n.Localizer, write func(io.Writer) error) error {
	var err error
	if out == "" {
		err = write(e.stdout)
	} else {
		err = writeFile(out, loc, write)
		var ce *cliError
		if errors.As(err, &ce) {
			return err
		}
	}
	if err != nil {
		return &cliError{ui.LocalizedError(loc, err)}
	}
	return nil
}

// parsePaper reads --paper (a4, letter, a3, a2) for the allowed sizes.
func parsePaper(v string, allowed []printout.Paper, loc *i18n.Localizer) (printout.Paper, error) {
	for _, p := range allowed {
		if strings.EqualFold(v, string(p)) {
			return p, nil
		}
	}
	var names []string
	for _, p := range allowed {
		names = append(names, strings.ToLower(string(p)))
	}
	return "", fail(loc, "cli.err.paper", "Value", v, "Allowed", strings.Join(names, ", "))
}

func dateFlag(v string, loc *i18n.Localizer) (data.Date, error) {
	if v == "" {
		return data.Date{}, nil
	}
	d, err := data.ParseDate(v)
	if err != nil {
		return data.Date{}, fail(loc, "cli.err.date", "Value", v)
	}
	return d, nil
}

func runHandout(args []string, e env, loc *i18n.Localizer) error {
	fs := newFlags("handout")
	tourID := fs.String("tour", "", "tour ID")
	from := fs.String("from", "", "first date")
	to := fs.String("to", "", "last date")
	paper := fs.String("paper", "a4", "a4 or letter")
	worksheet := fs.Bool("worksheet", false, "a worksheet: shuffled events without dates, answer key at the end")
	seed := fs.Int64("seed", 0, "the worksheet's shuffle (0: from the tour)")
	notes := fs.Bool("notes", false, "print the teacher's note for each stop (off: a hand-out goes to students)")
	out := fs.String("out", "", "PDF file to write")
	dataset := fs.String("dataset", "", "dataset file")
	notebook := fs.String("notebook", "", "notebook file")
	langFlag(fs)
	if err := parseFlagsOnly(fs, args, loc); err != nil {
		return err
	}
	if *out == "" {
		return fail(loc, "cli.err.out_pdf")
	}
	if (*tourID == "") == (*from == "" && *to == "") {
		return fail(loc, "cli.err.handout_what")
	}
	if *worksheet && *notes {
		return fail(loc, "classroom.err.worksheet_notes")
	}
	p, err := parsePaper(*paper, []printout.Paper{printout.A4, printout.Letter}, loc)
	if err != nil {
		return err
	}
	f, err := dateFlag(*from, loc)
	if err != nil {
		return err
	}
	t2, err := dateFlag(*to, loc)
	if err != nil {
		return err
	}
	st, err := openDataset(*dataset, e, loc)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	var hd *printout.HandoutDoc
	if *tourID != "" {
		ts, err := tours(st, e, loc, *notebook)
		if err != nil {
			return err
		}
		t, err := findTour(ts, *tourID, loc)
		if err != nil {
			return err
		}
		evs, stops, err := ui.TourEvents(ctx, st, t)
		if err != nil {
			return fail(loc, "cli.err.dataset", "File", *dataset, "Error", err)
		}
		hd = ui.HandoutDoc(st, loc, loc.Text(t.Title), loc.Text(t.Intro), evs, stops)
	} else {
		evs, err := ui.RangeEvents(ctx, st, f, t2)
		if err != nil {
			return fail(loc, "cli.err.dataset", "File", *dataset, "Error", err)
		}
		hd = ui.HandoutDoc(st, loc, loc.T("handout.range_title", "Range", loc.DateRange(f, t2)), "", evs, nil)
	}
	if len(hd.Events) == 0 {
		return fail(loc, "cli.err.no_events")
	}
	opt := printout.HandoutOptions{Paper: p, Worksheet: *worksheet, Seed: *seed, TeacherNotes: *notes, Created: time.Now()}
	return writeOut(*out, e, loc, func(w io.Writer) error { return printout.WriteHandout(w, hd, loc, opt) })
}

func runPoster(args []string, e env, loc *i18n.Localizer) error {
	fs := newFlags("poster")
	from := fs.String("from", "", "first date")
	to := fs.String("to", "", "last date")
	lanes := fs.String("lanes", "category", "single, category, person, organization or thread")
	paper := fs.String("paper", "a3", "a4, a3 or a2")
	pages := fs.String("pages", "1", "sheets across, or ACROSSxDOWN (e.g. 4 or 2x2)")
	out := fs.String("out", "", "PDF file to write")
	dataset := fs.String("dataset", "", "dataset file")
	langFlag(fs)
	if err := parseFlagsOnly(fs, args, loc); err != nil {
		return err
	}
	if *out == "" {
		return fail(loc, "cli.err.out_pdf")
	}
	p, err := parsePaper(*paper, []printout.Paper{printout.A4, printout.A3, printout.A2}, loc)
	if err != nil {
		return err
	}
	mode, ok := timeline.ParseLaneMode(*lanes)
	if !ok {
		return fail(loc, "cli.err.lanes", "Value", *lanes)
	}
	across, down, ok := ui.ParseSheets(*pages)
	if !ok {
		return fail(loc, "cli.err.pages", "Value", *pages, "Max", printout.MaxSheets)
	}
	f, err := dateFlag(*from, loc)
	if err != nil {
		return err
	}
	t2, err := dateFlag(*to, loc)
	if err != nil {
		return err
	}
	if !f.IsZero() && !t2.IsZero() && !f.Time().Before(t2.EndTime()) {
		return fail(loc, "cli.err.range")
	}
	st, err := openDataset(*dataset, e, loc)
	if err != nil {
		return err
	}
	defer st.Close()
	td := timeline.NewData(st.Index(), st.Context())
	opt := printout.PosterOptions{Paper: p, Across: across, Down: down, Lanes: mode, From: f, To: t2, Meta: st.Meta(), Created: time.Now()}
	return writeOut(*out, e, loc, func(w io.Writer) error { return printout.WritePoster(w, td, loc, opt) })
}
