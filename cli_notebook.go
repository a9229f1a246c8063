package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"aitimeline/data"
	"aitimeline/data/cite"
	"aitimeline/data/interop"
	"aitimeline/data/userdb"
	"aitimeline/i18n"
	"aitimeline/ui"
)

// The notebook's commands: note add|list, notes export|import, cite and
// tour import; and the own tours that tour list|export and handout see.
//
// Every command finds the notebook the same way (notebookPath). Commands that
// only read never create a notebook: with no file there is simply nothing in
// it. Commands that write create it when missing, refuse a read-only one (a
// newer app's notebook) in one line, and remove a notebook they created when
// the change itself is refused, so a failed command leaves nothing behind.
// The notebook is opened without the automatic daily backup: a command runs
// for a moment, and the window makes the day's backup.

// notebookEnv names the environment variable that overrides the notebook's
// default place (for scripts, and for tests that must not touch the real one).
const notebookEnv = "AITIMELINE_NOTEBOOK"

// notebookPath is --notebook FILE, else $AITIMELINE_NOTEBOOK, else the
// platform's default (userdb.DefaultPath).
func notebookPath(flagValue string, e env, loc *i18n.Localizer) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if p := e.getenv(notebookEnv); p != "" {
		return p, nil
	}
	p, err := userdb.DefaultPath()
	if err != nil {
		return "", fail(loc, "notebookcli.err.no_path", "Error", err.Error())
	}
	return p, nil
}

// notebookFlag defines --notebook FILE, which every notebook command takes.
func notebookFlag(fs *flag.FlagSet) *string {
	return fs.String("notebook", "", "notebook file (default: $"+notebookEnv+", else the app's notebook)")
}

// notebookError phrases an error of the notebook package in one line that
// names the file.
func notebookError(path string, err error, loc *i18n.Localizer) error {
	var ce *cliError
	if errors.As(err, &ce) {
		return err
	}
	msg := userdb.Message(loc, err)
	var pe *os.PathError
	if errors.As(err, &pe) {
		msg = osError(err, loc)
	}
	return fail(loc, "notebookcli.err.notebook", "File", path, "Error", msg)
}

// readNotebook opens the notebook at path for reading. A missing file is no
// notebook yet: it returns nil and creates nothing. Notices (a damaged file
// moved aside, a read-only notebook) go to stderr.
func readNotebook(path string, e env, loc *i18n.Localizer) (*userdb.Notebook, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	nb, err := userdb.Open(context.Background(), path, userdb.Options{NoAutoBackup: true})
	if err != nil {
		return nil, notebookError(path, err, loc)
	}
	if err := movedAside(nb, loc); err != nil {
		return nil, err
	}
	for _, n := range nb.Info().Notices(loc) {
		fmt.Fprintln(e.stderr, "aitimeline: "+n)
	}
	return nb, nil
}

// movedAside fails the command when Open found the file damaged or foreign:
// the file is kept under a new name, a fresh notebook has been started, and
// the command stops with the one line that says where the old file is, so a
// script learns of it (exit 1) instead of writing into the fresh notebook.
func movedAside(nb *userdb.Notebook, loc *i18n.Localizer) error {
	if nb.Info().MovedAside == "" {
		return nil
	}
	msg := strings.Join(nb.Info().Notices(loc), " ")
	nb.Close()
	return &cliError{msg}
}

// writeNotebook opens the notebook at path for a change (creating it when
// missing) and runs change. A read-only notebook is refused before change
// runs. When change fails on a notebook this call created, the new file (and
// the folders made for it) are removed again.
func writeNotebook(path string, e env, loc *i18n.Localizer, change func(nb *userdb.Notebook) error) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return notebookError(path, err, loc)
	}
	_, statErr := os.Stat(abs)
	isNew := errors.Is(statErr, os.ErrNotExist)
	var newDirs []string // deepest first
	for d := filepath.Dir(abs); isNew; d = filepath.Dir(d) {
		if _, err := os.Stat(d); !errors.Is(err, os.ErrNotExist) || d == filepath.Dir(d) {
			break
		}
		newDirs = append(newDirs, d)
	}
	nb, err := userdb.Open(context.Background(), abs, userdb.Options{NoAutoBackup: true})
	if err != nil {
		return notebookError(path, err, loc)
	}
	if err := movedAside(nb, loc); err != nil {
		return err
	}
	if nb.ReadOnly() {
		reason := nb.Info().ReadOnly
		nb.Close()
		return fail(loc, "notebookcli.err.read_only", "File", path, "Reason", userdb.Message(loc, reason))
	}
	for _, n := range nb.Info().Notices(loc) {
		fmt.Fprintln(e.stderr, "aitimeline: "+n)
	}
	err = change(nb)
	if cerr := nb.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil && isNew && nb.Info().Created {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			os.Remove(abs + suffix)
		}
		for _, d := range newDirs {
			os.Remove(d) // only while empty
		}
	}
	if err != nil {
		return notebookError(path, err, loc)
	}
	return nil
}

// textIn is t in lang, else in the other language (own events and tours may
// have only one).
func textIn(t data.Text, lang data.Lang) string {
	if s := t.In(lang); s != "" {
		return s
	}
	return t.DE
}

// ownTours reads the teacher's own tours from the notebook. With no notebook
// file there are none, and none is created just to list them.
func ownTours(e env, loc *i18n.Localizer, notebook string) ([]ui.Tour, error) {
	path, err := notebookPath(notebook, e, loc)
	if err != nil {
		if notebook == "" && e.getenv(notebookEnv) == "" {
			return nil, nil // no default place (no home folder): no notebook either
		}
		return nil, err
	}
	nb, err := readNotebook(path, e, loc)
	if err != nil || nb == nil {
		return nil, err
	}
	defer nb.Close()
	ts, err := nb.Tours(context.Background())
	if err != nil {
		return nil, notebookError(path, err, loc)
	}
	out := make([]ui.Tour, 0, len(ts))
	for _, t := range ts {
		ut := ui.Tour{ID: t.ID, Title: t.Title, Intro: t.Intro, Own: true}
		for _, s := range t.Stops {
			ut.Stops = append(ut.Stops, ui.Stop{EventID: s.EventID, Note: s.Note})
		}
		out = append(out, ut)
	}
	return out, nil
}

// runTourImport stores a shared tour file as an own tour and prints its ID.
// The file is read and checked (size, encoding, JSON, version, fields) before
// the notebook is opened, and its stops' events before anything is written,
// so a hostile file changes nothing.
func runTourImport(args []string, e env, loc *i18n.Localizer) error {
	fs := newFlags("tour import")
	dataset := fs.String("dataset", "", "dataset file")
	notebook := notebookFlag(fs)
	lang := langFlag(fs)
	pos, err := parse(fs, args, loc)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fail(loc, "notebookcli.err.tour_import_args")
	}
	if _, err := checkLang(*lang, loc); err != nil {
		return err
	}
	path, err := notebookPath(*notebook, e, loc)
	if err != nil {
		return err
	}
	file := pos[0]
	f, err := os.Open(file)
	if err != nil {
		return fail(loc, "notebookcli.err.read", "File", file, "Error", osError(err, loc))
	}
	tf, err := interop.ReadTour(f, nil) // events are checked below, own events included
	f.Close()
	if err != nil {
		return fail(loc, "notebookcli.err.import", "File", file, "Error", ui.LocalizedError(loc, err))
	}
	st, err := openDataset(*dataset, e, loc)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	t := userdb.Tour{Title: tf.Tour.Title, Intro: tf.Tour.Intro}
	for _, s := range tf.Tour.Stops {
		t.Stops = append(t.Stops, userdb.Stop{EventID: s.Event, Note: s.Note})
	}
	return writeNotebook(path, e, loc, func(nb *userdb.Notebook) error {
		// Stops may be the dataset's events or this notebook's own events.
		evs, err := nb.OwnEvents(ctx)
		if err != nil {
			return err
		}
		own := make(map[string]bool, len(evs))
		for _, ev := range evs {
			own[ev.ID] = true
		}
		known := func(id string) bool { return st.Index().Find(id) >= 0 || own[id] }
		if err := tf.Check(known); err != nil {
			return fail(loc, "notebookcli.err.import", "File", file, "Error", ui.LocalizedError(loc, err))
		}
		existing, err := nb.Tours(ctx)
		if err != nil {
			return err
		}
		// Importing the same file twice adds nothing: the tour is there.
		for _, x := range existing {
			if x.Title == t.Title && x.Intro == t.Intro && slices.Equal(x.Stops, t.Stops) {
				fmt.Fprintln(e.stderr, "aitimeline: "+loc.T("notebookcli.tour.exists", "ID", x.ID))
				fmt.Fprintln(e.stdout, x.ID)
				return nil
			}
		}
		created, err := nb.CreateTour(ctx, t)
		if err != nil {
			return &cliError{loc.T("notebookcli.err.import", "File", file, "Error", userdb.Message(loc, err))}
		}
		// One sentence, the ID its last word (scripts take it from there).
		fmt.Fprintln(e.stdout, loc.N("classroom.cli.tour_imported", len(created.Stops),
			"Title", ui.TextIn(created.Title, loc.Lang()), "ID", created.ID))
		return nil
	})
}

func runNote(args []string, e env, loc *i18n.Localizer) error {
	if len(args) > 0 {
		switch args[0] {
		case "add":
			return runNoteAdd(args[1:], e, loc)
		case "list":
			return runNoteList(args[1:], e, loc)
		}
	}
	return fail(loc, "notebookcli.err.note_sub")
}

func runNotes(args []string, e env, loc *i18n.Localizer) error {
	if len(args) > 0 {
		switch args[0] {
		case "export":
			return runNotesExport(args[1:], e, loc)
		case "import":
			return runNotesImport(args[1:], e, loc)
		}
	}
	return fail(loc, "notebookcli.err.notes_sub")
}

// runNoteAdd writes a note on an event. The words after the ID are the text
// (quoting is optional). If the author has a note on the event already, the
// text is added to it as a new paragraph: "add" never loses what was there.
func runNoteAdd(args []string, e env, loc *i18n.Localizer) error {
	fs := newFlags("note add")
	dataset := fs.String("dataset", "", "dataset file")
	notebook := notebookFlag(fs)
	lang := langFlag(fs)
	pos, err := parse(fs, args, loc)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return fail(loc, "notebookcli.err.note_add_args")
	}
	if _, err := checkLang(*lang, loc); err != nil {
		return err
	}
	id, text := pos[0], strings.Join(pos[1:], " ")
	if strings.TrimSpace(text) == "" {
		return fail(loc, "notebookcli.err.note_empty")
	}
	path, err := notebookPath(*notebook, e, loc)
	if err != nil {
		return err
	}
	ctx := context.Background()
	var label userdb.Label
	if !userdb.IsOwnEventID(id) {
		st, err := openDataset(*dataset, e, loc)
		if err != nil {
			return err
		}
		x := st.Index()
		i := x.Find(id)
		if i < 0 {
			st.Close()
			return fail(loc, "notebookcli.err.unknown_event", "ID", id)
		}
		label = userdb.Label{Title: data.Text{EN: x.Title(i, data.EN), DE: x.Title(i, data.DE)}, Date: x.Date(i)}
		st.Close()
	}
	return writeNotebook(path, e, loc, func(nb *userdb.Notebook) error {
		if userdb.IsOwnEventID(id) {
			ev, found, err := nb.OwnEvent(ctx, id)
			if err != nil {
				return err
			}
			if !found {
				return fail(loc, "notebookcli.err.unknown_event", "ID", id)
			}
			label = userdb.Label{Title: ev.Title, Date: ev.Date}
		}
		target := userdb.EventTarget(id)
		old, found, err := nb.Note(ctx, target)
		if err != nil {
			return err
		}
		body, msg := text, "notebookcli.note.saved"
		if found {
			body, msg = strings.TrimRight(old.Body, "\n")+"\n\n"+text, "notebookcli.note.appended"
		}
		if _, err := nb.SaveNote(ctx, target, body, label); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, loc.T(msg, "Title", loc.Text(label.Title), "Date", loc.Date(label.Date)))
		return nil
	})
}

// noteKindOrder lists events first, then people, then sources.
var noteKindOrder = map[userdb.Kind]int{userdb.KindEvent: 0, userdb.KindPerson: 1, userdb.KindSource: 2}

// runNoteList prints one note per line: target, date, title and the note's
// first line, separated by tabs. Notes on events come first in date order,
// then notes on people and on sources, whose IDs carry their kind
// ("person:elon-musk", "source:3fa2…"). A colleague's note (imported) has a
// fifth column with the author's name. Title and date are those the note
// was written about, so a note outlives its event in a newer dataset.
func runNoteList(args []string, e env, loc *i18n.Localizer) error {
	fs := newFlags("note list")
	notebook := notebookFlag(fs)
	tag := fs.String("tag", "", "only notes on events with this tag")
	starred := fs.Bool("starred", false, "only notes on starred events")
	lang := langFlag(fs)
	if err := parseFlagsOnly(fs, args, loc); err != nil {
		return err
	}
	l, err := langOrDefault(*lang, loc)
	if err != nil {
		return err
	}
	if *tag != "" {
		if *tag, err = userdb.CleanTag(*tag); err != nil {
			return &cliError{userdb.Message(loc, err)}
		}
	}
	path, err := notebookPath(*notebook, e, loc)
	if err != nil {
		return err
	}
	nb, err := readNotebook(path, e, loc)
	if err != nil || nb == nil {
		return err
	}
	defer nb.Close()
	ctx := context.Background()
	notes, err := nb.Notes(ctx, userdb.NoteFilter{})
	if err != nil {
		return notebookError(path, err, loc)
	}
	author, err := nb.Author(ctx)
	if err != nil {
		return notebookError(path, err, loc)
	}
	if *tag != "" || *starred {
		ann, err := nb.Annotations(ctx)
		if err != nil {
			return notebookError(path, err, loc)
		}
		notes = slices.DeleteFunc(notes, func(n userdb.Note) bool {
			a := ann[n.Target.ID]
			return n.Target.Kind != userdb.KindEvent || (*starred && !a.Starred) ||
				(*tag != "" && !slices.ContainsFunc(a.Tags, func(t string) bool { return strings.EqualFold(t, *tag) }))
		})
	}
	sort.SliceStable(notes, func(i, j int) bool {
		a, b := notes[i], notes[j]
		if ka, kb := noteKindOrder[a.Target.Kind], noteKindOrder[b.Target.Kind]; ka != kb {
			return ka < kb
		}
		if a.Label.Date.IsZero() != b.Label.Date.IsZero() {
			return b.Label.Date.IsZero() // undated last
		}
		if ta, tb := a.Label.Date.Time(), b.Label.Date.Time(); !ta.Equal(tb) {
			return ta.Before(tb)
		}
		if a.Target.ID != b.Target.ID {
			return a.Target.ID < b.Target.ID
		}
		if (a.Author == author) != (b.Author == author) {
			return a.Author == author
		}
		return a.Author < b.Author
	})
	w := bufio.NewWriter(e.stdout)
	for _, n := range notes {
		id := n.Target.ID
		if n.Target.Kind != userdb.KindEvent {
			id = string(n.Target.Kind) + ":" + id
		}
		fields := []string{id, n.Label.Date.String(), textIn(n.Label.Title, l), firstLine(n.Body)}
		if n.Author != author {
			fields = append(fields, n.Author)
		}
		fmt.Fprintln(w, strings.Join(fields, "\t"))
	}
	return w.Flush()
}

// firstLine is the first non-blank line of a note, with tabs made spaces so
// that it stays one column.
func firstLine(body string) string {
	for _, l := range strings.Split(body, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return strings.ReplaceAll(l, "\t", " ")
		}
	}
	return ""
}

// annotatedEvents reads the dataset events the notebook annotates, with all
// their details: what the Markdown export needs, without loading the whole
// dataset.
func annotatedEvents(ctx context.Context, st *data.Store, nb *userdb.Notebook) (*data.Dataset, error) {
	ann, err := nb.Annotations(ctx)
	if err != nil {
		return nil, err
	}
	sel := map[int]bool{}
	for id := range ann {
		if i := st.Index().Find(id); i >= 0 {
			sel[i] = true
		}
	}
	ds := &data.Dataset{}
	err = st.EachEvent(ctx, func(i int) bool { return sel[i] }, func(_ int, ev *data.Event) error {
		ds.Events = append(ds.Events, *ev)
		return nil
	})
	return ds, err
}

// runNotesExport writes the whole notebook as JSON (the exchange format),
// CSV (one row per note) or Markdown (readable, with the events' sources).
func runNotesExport(args []string, e env, loc *i18n.Localizer) error {
	fs := newFlags("notes export")
	format := fs.String("format", "json", "json, csv or md")
	out := fs.String("out", "", "output file (default: standard output)")
	dataset := fs.String("dataset", "", "dataset file (for md)")
	notebook := notebookFlag(fs)
	lang := langFlag(fs)
	if err := parseFlagsOnly(fs, args, loc); err != nil {
		return err
	}
	if _, err := checkLang(*lang, loc); err != nil {
		return err
	}
	switch *format {
	case "json", "csv", "md":
	default:
		return fail(loc, "notebookcli.err.notes_format", "Value", *format)
	}
	path, err := notebookPath(*notebook, e, loc)
	if err != nil {
		return err
	}
	ctx := context.Background()
	nb, err := readNotebook(path, e, loc)
	if err != nil {
		return err
	}
	if nb == nil {
		return fail(loc, "notebookcli.err.no_notebook", "File", path)
	}
	defer nb.Close()
	var src userdb.EventSource
	if *format == "md" {
		st, err := openDataset(*dataset, e, loc)
		if err != nil {
			return err
		}
		ds, err := annotatedEvents(ctx, st, nb)
		st.Close()
		if err != nil {
			return notebookError(path, err, loc)
		}
		src = userdb.FromDataset(ds)
	}
	write := func(w io.Writer) error {
		var err error
		switch *format {
		case "json":
			err = nb.ExportJSON(ctx, w)
		case "csv":
			err = nb.ExportNotesCSV(ctx, w)
		default:
			err = nb.ExportMarkdown(ctx, w, src, loc)
		}
		if err != nil {
			return &cliError{userdb.Message(loc, err)}
		}
		return nil
	}
	if *out == "" {
		return write(e.stdout)
	}
	return writeFile(*out, loc, write)
}

// importKind decides how notes import reads a file: by its extension (.json
// is a notebook export; .csv, .tsv and .txt are own events as CSV), else by
// its first character ("{" starts a notebook export, anything else is CSV).
func importKind(name string, head []byte) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return "json"
	case ".csv", ".tsv", ".txt":
		return "csv"
	}
	head = []byte(strings.TrimLeft(strings.TrimPrefix(string(head), "\uFEFF"), " \t\r\n"))
	if len(head) > 0 && head[0] == '{' {
		return "json"
	}
	return "csv"
}

// runNotesImport merges a notebook export (a colleague's notes arrive under
// their name) or adds own events from a CSV file, and prints what it did.
// Either the whole file is imported or nothing is.
func runNotesImport(args []string, e env, loc *i18n.Localizer) error {
	fs := newFlags("notes import")
	notebook := notebookFlag(fs)
	adopt := fs.Bool("adopt-author", false, "take the file's author as this notebook's (moving your own notebook)")
	lang := langFlag(fs)
	pos, err := parse(fs, args, loc)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fail(loc, "notebookcli.err.import_args")
	}
	textLang, err := langOrDefault(*lang, loc)
	if err != nil {
		return err
	}
	path, err := notebookPath(*notebook, e, loc)
	if err != nil {
		return err
	}
	file := pos[0]
	f, err := os.Open(file)
	if err != nil {
		return fail(loc, "notebookcli.err.read", "File", file, "Error", osError(err, loc))
	}
	defer f.Close()
	r := bufio.NewReader(f)
	head, err := r.Peek(64)
	if err != nil && !errors.Is(err, io.EOF) {
		return fail(loc, "notebookcli.err.read", "File", file, "Error", osError(err, loc))
	}
	kind := importKind(file, head)
	ctx := context.Background()
	return writeNotebook(path, e, loc, func(nb *userdb.Notebook) error {
		var rep userdb.ImportReport
		var err error
		if kind == "json" {
			// A notebook export, or a TimelineJS file (its events become
			// own events, their texts in --lang).
			var b []byte
			if b, err = io.ReadAll(io.LimitReader(r, userdb.MaxImportBytes+1)); err == nil && int64(len(b)) > userdb.MaxImportBytes {
				err = &userdb.TooLargeError{Limit: userdb.MaxImportBytes}
			}
			if err == nil && ui.DetectImport(file, b) == ui.ImportTimelineJS {
				rep, err = nb.ImportTimelineJS(ctx, bytes.NewReader(b), textLang)
			} else if err == nil {
				rep, err = nb.ImportJSON(ctx, bytes.NewReader(b), userdb.ImportOptions{AdoptAuthor: *adopt})
			}
		} else {
			rep, err = nb.ImportOwnEventsCSV(ctx, r)
		}
		if err != nil {
			msg := userdb.Message(loc, err)
			if _, _, ok := interop.Message(err); ok {
				msg = ui.LocalizedError(loc, err)
			}
			var pe *os.PathError
			if errors.As(err, &pe) {
				msg = osError(err, loc)
			}
			return fail(loc, "notebookcli.err.import", "File", file, "Error", msg)
		}
		fmt.Fprintln(e.stdout, rep.Message(loc))
		return nil
	})
}

// eventsFlag collects a repeated --event ID.
type eventsFlag []string

func (f *eventsFlag) String() string { return strings.Join(*f, ",") }

func (f *eventsFlag) Set(v string) error {
	*f = append(*f, v)
	return nil
}

// runCite writes citations of the sources of the chosen events: events by
// ID, a date range, the notebook's starred events, or any mix (their union).
// With no choice at all it refuses with a hint rather than dump every source
// of the dataset (--from 2015 does that on purpose). --events adds a
// citation of each dataset event itself. Own events (own-…) contribute their
// sources; they are not cited as dataset entries, since the dataset does not
// have them.
func runCite(args []string, e env, loc *i18n.Localizer) error {
	fs := newFlags("cite")
	format := fs.String("format", "bibtex", "bibtex, ris or csl-json")
	var ids eventsFlag
	fs.Var(&ids, "event", "an event ID (repeatable)")
	from := fs.String("from", "", "first date")
	to := fs.String("to", "", "last date")
	starred := fs.Bool("starred", false, "the notebook's starred events")
	withEvents := fs.Bool("events", false, "also cite each event itself")
	out := fs.String("out", "", "output file (default: standard output)")
	dataset := fs.String("dataset", "", "dataset file")
	notebook := notebookFlag(fs)
	lang := langFlag(fs)
	if err := parseFlagsOnly(fs, args, loc); err != nil {
		return err
	}
	l, err := langOrDefault(*lang, loc)
	if err != nil {
		return err
	}
	cf, ok := cite.ParseFormat(*format)
	if !ok {
		return fail(loc, "cite.err.format", "Value", *format)
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
	ranged := !f.IsZero() || !t2.IsZero()
	if len(ids) == 0 && !ranged && !*starred {
		return fail(loc, "notebookcli.err.cite_what")
	}
	st, err := openDataset(*dataset, e, loc)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	x := st.Index()
	sel := map[int]bool{}
	var ownIDs []string
	for _, id := range ids {
		if userdb.IsOwnEventID(id) {
			ownIDs = append(ownIDs, id)
		} else if i := x.Find(id); i >= 0 {
			sel[i] = true
		} else {
			return fail(loc, "notebookcli.err.unknown_event", "ID", id)
		}
	}
	var ownSources []data.Source
	if *starred || len(ownIDs) > 0 {
		path, err := notebookPath(*notebook, e, loc)
		if err != nil {
			return err
		}
		nb, err := readNotebook(path, e, loc)
		if err != nil {
			return err
		}
		if nb != nil {
			ownSources, err = citeFromNotebook(ctx, nb, x, sel, ownIDs, *starred, loc)
			nb.Close()
			if err != nil {
				var ce *cliError
				if errors.As(err, &ce) {
					return err
				}
				return notebookError(path, err, loc)
			}
		} else if len(ownIDs) > 0 {
			return fail(loc, "notebookcli.err.unknown_event", "ID", ownIDs[0])
		}
	}
	inRange := func(i int) bool {
		if !ranged {
			return false
		}
		t := x.Date(i).Time()
		return (f.IsZero() || !t.Before(f.Time())) && (t2.IsZero() || t.Before(t2.EndTime()))
	}
	var evs []data.Event
	err = st.EachEvent(ctx, func(i int) bool { return sel[i] || inRange(i) }, func(_ int, ev *data.Event) error {
		evs = append(evs, *ev)
		return nil
	})
	if err != nil {
		return fail(loc, "cli.err.dataset", "File", *dataset, "Error", err)
	}
	if len(evs) == 0 && len(ownSources) == 0 {
		return fail(loc, "notebookcli.err.cite_none")
	}
	if _, skipped := cite.Collect(ownSources, evs); len(skipped) > 0 {
		fmt.Fprintln(e.stderr, "aitimeline: "+loc.N("cite.skipped", len(skipped)))
	}
	meta := st.Meta()
	opt := cite.Options{Accessed: time.Now(), Lang: l, IncludeEvents: *withEvents, DatasetVersion: meta.Version, DatasetDate: meta.AsOf}
	return writeOut(*out, e, loc, func(w io.Writer) error { return cite.Write(w, cf, ownSources, evs, opt) })
}

// citeFromNotebook adds the starred dataset events to sel and returns the
// sources of the chosen own events (by ID, and starred ones). Starred events
// the dataset no longer has are left out; an own event asked for by ID that
// the notebook lacks is refused.
func citeFromNotebook(ctx context.Context, nb *userdb.Notebook, x *data.Index, sel map[int]bool, ownIDs []string, starred bool, loc *i18n.Localizer) ([]data.Source, error) {
	want := map[string]bool{}
	for _, id := range ownIDs {
		want[id] = true
	}
	if starred {
		ann, err := nb.Annotations(ctx)
		if err != nil {
			return nil, err
		}
		for id, a := range ann {
			if !a.Starred {
				continue
			}
			if userdb.IsOwnEventID(id) {
				want[id] = true
			} else if i := x.Find(id); i >= 0 {
				sel[i] = true
			}
		}
	}
	if len(want) == 0 {
		return nil, nil
	}
	evs, err := nb.OwnEvents(ctx)
	if err != nil {
		return nil, err
	}
	var out []data.Source
	found := map[string]bool{}
	for _, ev := range evs {
		if want[ev.ID] {
			found[ev.ID] = true
			out = append(out, ev.Sources...)
		}
	}
	for _, id := range ownIDs {
		if !found[id] {
			return nil, fail(loc, "notebookcli.err.unknown_event", "ID", id)
		}
	}
	return out, nil
}
