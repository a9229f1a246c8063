package main

import (
	"context"
	"image"
	"strings"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"

	"aitimeline/data"
	"aitimeline/data/userdb"
	"aitimeline/i18n"
	"aitimeline/ui"
)

// runPresent is "aitimeline present [--tour ID] [--lang de|en] [--start N]
// [--dataset FILE] [--notebook FILE]": the app opens presenting a tour
// (bundled or the teacher's own; without --tour the dataset's first), from
// its title screen or from stop N. Mistakes in the tour or the stop number
// fail here, in one line, not in a window.
func runPresent(args []string, e env, loc *i18n.Localizer) error {
	fs := newFlags("present")
	tour := fs.String("tour", "", "tour ID")
	lang := langFlag(fs)
	start := fs.Int("start", 0, "stop to start at (0: the title screen)")
	dataset := fs.String("dataset", "", "dataset file")
	notebook := fs.String("notebook", "", "notebook file")
	if err := parseFlagsOnly(fs, args, loc); err != nil {
		return err
	}
	l, err := checkLang(*lang, loc)
	if err != nil {
		return err
	}
	st, err := openDataset(*dataset, e, loc)
	if err != nil {
		return err
	}
	all, err := tours(st, e, loc, *notebook)
	idx := st.Index()
	st.Close()
	if err != nil {
		return err
	}
	if len(all) == 0 {
		return fail(loc, "present.cli.no_tours")
	}
	t := all[0]
	if *tour != "" {
		found := false
		var ids []string
		for _, c := range all {
			ids = append(ids, c.ID)
			if c.ID == *tour {
				t, found = c, true
			}
		}
		if !found {
			return fail(loc, "present.cli.unknown_tour", "ID", *tour, "IDs", strings.Join(ids, ", "))
		}
	}
	n, err := shownStops(t, idx, e, loc, *notebook)
	if err != nil {
		return err
	}
	if *start < 0 || *start > n {
		return fail(loc, "present.cli.start", "Value", *start, "Max", n)
	}
	if !hasDisplay(e.goos, e.getenv) {
		return fail(loc, "cli.err.no_display")
	}
	return e.gui(guiOptions{lang: l, dataset: *dataset, notebook: *notebook, present: &ui.PresentRequest{TourID: t.ID, Start: *start}})
}

// shownStops counts the stops of t the presentation will show: those whose
// event the dataset or the notebook's own events have (a tour made with
// another dataset, or through an own event deleted since, has others,
// which the presentation leaves out, see ui.newTourDeck).
func shownStops(t ui.Tour, idx *data.Index, e env, loc *i18n.Localizer, notebook string) (int, error) {
	var own map[string]bool
	n := 0
	for _, s := range t.Stops {
		if idx.Find(s.EventID) >= 0 {
			n++
			continue
		}
		if !strings.HasPrefix(s.EventID, userdb.OwnEventPrefix) {
			continue
		}
		if own == nil {
			own = map[string]bool{}
			path, err := notebookPath(notebook, e, loc)
			if err != nil {
				continue
			}
			nb, err := readNotebook(path, e, loc)
			if err != nil {
				return 0, err
			}
			if nb != nil {
				evs, err := nb.OwnEvents(context.Background())
				nb.Close()
				if err != nil {
					return 0, notebookError(path, err, loc)
				}
				for _, ev := range evs {
					own[ev.ID] = true
				}
			}
		}
		if own[s.EventID] {
			n++
		}
	}
	return n, nil
}

// blankCursor is a fully transparent pointer (made on first use, on the
// main thread, as GLFW requires).
var blankCursor *glfw.Cursor

// hidePointer hides the pointer over a window at once, without waiting
// for the next mouse movement, through the GLFW window's SetCursor; on a
// driver without it the pointer hides at its next movement (Cursorable).
func hidePointer(w fyne.Window, hide bool) {
	gw, ok := w.(interface{ SetCursor(*glfw.Cursor) })
	if !ok {
		return
	}
	if !hide {
		gw.SetCursor(nil) // the default arrow
		return
	}
	if blankCursor == nil {
		blankCursor = glfw.CreateCursor(image.NewNRGBA(image.Rect(0, 0, 1, 1)), 0, 0)
	}
	gw.SetCursor(blankCursor)
}
