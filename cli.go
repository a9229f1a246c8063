package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"image/png"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"aitimeline/data"
	"aitimeline/data/bundle"
	"aitimeline/i18n"
	"aitimeline/ui"
	"aitimeline/ui/raster"
	"aitimeline/ui/timeline"
)

// env is what the command line reads of its surroundings; tests replace it.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	goos           string // runtime.GOOS; tests pretend
	gui            func(opts guiOptions) error
}

// guiOptions are the command-line choices the GUI honours.
type guiOptions struct {
	lang     data.Lang          // empty: preferences, then the locale
	dataset  string             // empty: the bundled dataset
	notebook string             // empty: $AITIMELINE_NOTEBOOK, then the platform's default
	present  *ui.PresentRequest // start presenting this tour ("present")
}

// cliError is a failure already phrased for the user (localized, one line).
type cliError struct{ msg string }

func (e *cliError) Error() string { return e.msg }

// run executes the command line and returns the process exit code.
func run(args []string, e env) int {
	loc := i18n.Must(i18n.DetectLang(e.getenv))
	// An explicit --lang decides the language of messages too, wherever it stands.
	for i, a := range args {
		v, ok := strings.CutPrefix(a, "--lang=")
		if !ok && (a == "--lang" || a == "-lang") && i+1 < len(args) {
			v, ok = args[i+1], true
		}
		if ok {
			if l, valid := i18n.ParseLang(v); valid {
				loc.SetLang(l)
			}
		}
	}
	err := dispatch(args, e, loc)
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(e.stdout, loc.T("cli.usage"))
		return 0
	}
	fmt.Fprintln(e.stderr, "aitimeline: "+err.Error())
	return 1
}

func fail(loc *i18n.Localizer, id string, kv ...any) error {
	return &cliError{loc.T(id, kv...)}
}

func dispatch(args []string, e env, loc *i18n.Localizer) error {
	cmd := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "":
		return runGUI(args, e, loc)
	case "export":
		return runExport(args, e, loc)
	case "search":
		return runSearch(args, e, loc)
	case "render":
		return runRender(args, e, loc)
	case "tour":
		return runTour(args, e, loc)
	case "handout":
		return runHandout(args, e, loc)
	case "poster":
		return runPoster(args, e, loc)
	case "note":
		return runNote(args, e, loc)
	case "notes":
		return runNotes(args, e, loc)
	case "cite":
		return runCite(args, e, loc)
	case "present":
		return runPresent(args, e, loc)
	case "help":
		return flag.ErrHelp
	}
	return fail(loc, "cli.err.unknown_command", "Name", cmd)
}

// newFlags returns a flag set that reports errors to the caller instead of
// printing them, so they can be localized.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses flags and positional arguments in any order
// ("search Klage --lang de" as well as "search --lang de Klage").
func parse(fs *flag.FlagSet, args []string, loc *i18n.Localizer) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, flagError(err, loc)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// flagError phrases the flag package's errors in the user's language.
func flagError(err error, loc *i18n.Localizer) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return fail(loc, "cli.err.unknown_flag", "Name", name)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return fail(loc, "cli.err.flag_value", "Name", name)
	}
	return fail(loc, "cli.err.flag", "Error", msg)
}

// osError phrases common file errors in the user's language.
func osError(err error, loc *i18n.Localizer) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return loc.T("cli.os.not_exist")
	case errors.Is(err, os.ErrPermission):
		return loc.T("cli.os.permission")
	}
	var pe *os.PathError
	if errors.As(err, &pe) { // the message names the file already
		return pe.Err.Error()
	}
	return err.Error()
}

// parseFlagsOnly parses a command that takes no positional arguments.
func parseFlagsOnly(fs *flag.FlagSet, args []string, loc *i18n.Localizer) error {
	pos, err := parse(fs, args, loc)
	if err == nil && len(pos) > 0 {
		err = fail(loc, "cli.err.args", "Value", pos[0])
	}
	return err
}

func langFlag(fs *flag.FlagSet) *string { return fs.String("lang", "", "language: de or en") }

func checkLang(v string, loc *i18n.Localizer) (data.Lang, error) {
	if v == "" {
		return "", nil
	}
	l, ok := i18n.ParseLang(v)
	if !ok {
		return "", fail(loc, "cli.err.lang", "Value", v)
	}
	return l, nil
}

// langOrDefault is --lang's language for the texts a command writes:
// checked, and the messages' language (loc) when the flag is not given.
func langOrDefault(v string, loc *i18n.Localizer) (data.Lang, error) {
	l, err := checkLang(v, loc)
	if err == nil && l == "" {
		l = loc.Lang()
	}
	return l, err
}

// openDataset opens --dataset FILE, or the bundled dataset, through the
// app's one opening policy (data/bundle), phrasing a refusal in one line.
func openDataset(path string, e env, loc *i18n.Localizer) (*data.Store, error) {
	st, err := bundle.Open(context.Background(), path, e.getenv)
	if err != nil {
		return nil, &cliError{bundle.Message(loc, path, err)}
	}
	return st, nil
}

// hasDisplay reports whether a graphical display is there to open a window
// on: on Linux and the BSDs an X11 or Wayland display; elsewhere always.
func hasDisplay(goos string, getenv func(string) string) bool {
	switch goos {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
		return getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != ""
	}
	return true
}

func runGUI(args []string, e env, loc *i18n.Localizer) error {
	fs := newFlags("aitimeline")
	version := fs.Bool("version", false, "print versions")
	lang := langFlag(fs)
	dataset := fs.String("dataset", "", "dataset file")
	notebook := fs.String("notebook", "", "notebook file")
	if err := parseFlagsOnly(fs, args, loc); err != nil {
		return err
	}
	l, err := checkLang(*lang, loc)
	if err != nil {
		return err
	}
	if *version {
		st, err := openDataset(*dataset, e, loc)
		if err != nil {
			return err
		}
		defer st.Close()
		m := st.Meta()
		fmt.Fprintln(e.stdout, loc.T("cli.version", "AppVersion", AppVersion, "DatasetVersion", m.Version, "AsOf", m.AsOf.String()))
		return nil
	}
	if *dataset != "" { // fail on the command line, not in a window
		st, err := openDataset(*dataset, e, loc)
		if err != nil {
			return err
		}
		st.Close()
	}
	if !hasDisplay(e.goos, e.getenv) {
		return fail(loc, "cli.err.no_display")
	}
	return e.gui(guiOptions{lang: l, dataset: *dataset, notebook: *notebook})
}

func runExport(args []string, e env, loc *i18n.Localizer) error {
	fs := newFlags("export")
	format := fs.String("format", "json", "json or csv")
	out := fs.String("out", "", "output file (default: standard output)")
	dataset := fs.String("dataset", "", "dataset file")
	langFlag(fs)
	if err := parseFlagsOnly(fs, args, loc); err != nil {
		return err
	}
	if *format != "json" && *format != "csv" {
		return fail(loc, "cli.err.format", "Value", *format)
	}
	st, err := openDataset(*dataset, e, loc)
	if err != nil {
		return err
	}
	defer st.Close()
	// Streamed: events are read in chunks and written one by one, so memory
	// stays flat however big the dataset.
	write := func(w io.Writer) error {
		var err error
		if *format == "csv" {
			_, err = st.ExportCSV(context.Background(), w, nil)
		} else {
			_, err = st.ExportJSON(context.Background(), w, nil)
		}
		var de *data.DatasetError
		if errors.As(err, &de) { // rows found bad while reading: say what, not "cannot write"
			return &cliError{bundle.Message(loc, *dataset, err)}
		}
		return err
	}
	if *out == "" {
		return write(e.stdout)
	}
	return writeFile(*out, loc, write)
}

// writeFile writes through a temporary file and renames it, so a failed
// export never leaves a truncated file where a good one was.
func writeFile(path string, loc *i18n.Localizer, fill func(io.Writer) error) error {
	if err := ui.WriteAtomic(path, fill); err != nil {
		var ce *cliError
		if errors.As(err, &ce) {
			return ce
		}
		return fail(loc, "cli.err.write", "File", path, "Error", osError(err, loc))
	}
	return nil
}

func runSearch(args []string, e env, loc *i18n.Localizer) error {
	fs := newFlags("search")
	lang := langFlag(fs)
	dataset := fs.String("dataset", "", "dataset file")
	limit := fs.Int("limit", 20, "maximum number of results")
	pos, err := parse(fs, args, loc)
	if err != nil {
		return err
	}
	l, err := langOrDefault(*lang, loc)
	if err != nil {
		return err
	}
	q := strings.Join(pos, " ")
	if strings.TrimSpace(q) == "" {
		return fail(loc, "cli.err.query")
	}
	st, err := openDataset(*dataset, e, loc)
	if err != nil {
		return err
	}
	defer st.Close()
	hits, err := st.Search(context.Background(), q, l, *limit)
	if err != nil {
		return fail(loc, "cli.err.dataset", "File", *dataset, "Error", err)
	}
	if len(hits) == 0 {
		fmt.Fprintln(e.stdout, loc.T("cli.no_results"))
		return nil
	}
	for _, h := range hits {
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", h.ID, h.Date, h.Title.In(l))
	}
	return nil
}

func parseSize(s string) (int, int, bool) {
	w, h, ok := strings.Cut(strings.ToLower(s), "x")
	if !ok {
		return 0, 0, false
	}
	wi, err1 := strconv.Atoi(w)
	hi, err2 := strconv.Atoi(h)
	if err1 != nil || err2 != nil || wi < 200 || hi < 200 || wi > 8000 || hi > 8000 {
		return 0, 0, false
	}
	return wi, hi, true
}

func runRender(args []string, e env, loc *i18n.Localizer) error {
	fs := newFlags("render")
	out := fs.String("out", "", "PNG file to write")
	lang := langFlag(fs)
	from := fs.String("from", "", "first date shown")
	to := fs.String("to", "", "last date shown")
	size := fs.String("size", "1600x900", "image size WxH")
	dataset := fs.String("dataset", "", "dataset file")
	themeName := fs.String("theme", "light", "light or dark")
	lanes := fs.String("lanes", "single", "single, category, person, organization or thread")
	if err := parseFlagsOnly(fs, args, loc); err != nil {
		return err
	}
	if _, err := checkLang(*lang, loc); err != nil {
		return err
	}
	if *out == "" {
		return fail(loc, "cli.err.out")
	}
	opt := ui.RenderOptions{Now: time.Now(), Scale: 1}
	th, ok := ui.ParseThemeChoice(*themeName)
	if !ok || th == ui.ThemeSystem {
		return fail(loc, "cli.err.theme", "Value", *themeName)
	}
	mode, ok := timeline.ParseLaneMode(*lanes)
	if !ok {
		return fail(loc, "cli.err.lanes", "Value", *lanes)
	}
	opt.Lanes = mode
	var okSize bool
	if opt.Width, opt.Height, okSize = parseSize(*size); !okSize {
		return fail(loc, "cli.err.size", "Value", *size)
	}
	for _, d := range []struct {
		s   string
		dst *data.Date
	}{{*from, &opt.From}, {*to, &opt.To}} {
		if d.s == "" {
			continue
		}
		v, err := data.ParseDate(d.s)
		if err != nil {
			return fail(loc, "cli.err.date", "Value", d.s)
		}
		*d.dst = v
	}
	if !opt.From.IsZero() && !opt.To.IsZero() && !opt.From.Time().Before(opt.To.EndTime()) {
		return fail(loc, "cli.err.range")
	}
	// A soft memory limit helps here: a million-event render stays near
	// its live heap instead of twice it (peak RSS 270 MB at 240 MiB, 331 MB
	// at 300 MiB, 244 MB but 10 % slower at 200 MiB; 2026-11-30). Not for
	// the window, where the collector working at the limit would compete
	// with painting.
	if e.getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(240 << 20)
	}
	st, err := openDataset(*dataset, e, loc)
	if err != nil {
		return err
	}
	defer st.Close()
	app := raster.NewHeadless(ui.NewTheme(th, 1))
	opt.Fonts, opt.Selected = app.Fonts(), -1
	td := timeline.NewData(st.Index(), st.Context())
	img := ui.RenderTimeline(td, st.Meta(), loc, opt)
	enc := png.Encoder{CompressionLevel: png.BestSpeed} // a third of the default's time, a little larger
	return writeFile(*out, loc, func(w io.Writer) error { return enc.Encode(w, img) })
}
