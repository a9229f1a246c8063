package ui

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/data/interop"
	"aitimeline/data/userdb"
	"aitimeline/i18n"
)

// Where a new tour's stops come from.
const (
	fromEmpty = iota
	fromSelected
	fromFilter
	fromHits
)

// newTourDialog is the open New tour dialog (tests drive it).
type newTourDialog struct {
	origin           *widget.RadioGroup
	origins          []int
	labels           []string
	titleEN, titleDE *widget.Entry
	problem          *widget.Label
	create           func()
	dlg              *dialog.CustomDialog
}

// ShowNewTour asks for a new tour's title (in one language or both) and
// where its stops come from: none yet, the selected event, the events the
// filter keeps or the search hits (in date order).
func (tp *TourPane) ShowNewTour() {
	s, loc := tp.s, tp.s.Loc
	if !tp.Writable() {
		return
	}
	nd := &newTourDialog{titleEN: widget.NewEntry(), titleDE: widget.NewEntry(), problem: widget.NewLabel("")}
	nd.problem.Wrapping = fyne.TextWrapWord
	nd.problem.Importance = widget.DangerImportance
	nd.problem.Hide()
	add := func(o int, label string) {
		nd.origins = append(nd.origins, o)
		nd.labels = append(nd.labels, label)
	}
	add(fromEmpty, loc.T("classroomui.from_empty"))
	if i := s.TL.Selected(); i >= 0 {
		add(fromSelected, loc.T("classroomui.from_selected", "Title", s.EventTitle(i)))
	}
	if s.Match() != nil {
		add(fromFilter, loc.N("classroomui.from_filter", len(s.Matched())))
	}
	if tp.m.List.Hits() {
		add(fromHits, loc.N("classroomui.from_hits", tp.m.List.Len()))
	}
	nd.origin = widget.NewRadioGroup(nd.labels, nil)
	nd.origin.SetSelected(nd.labels[len(nd.labels)-1]) // the most specific: hits, filter, selection
	for _, e := range []*widget.Entry{nd.titleEN, nd.titleDE} {
		e.SetPlaceHolder(loc.T("classroomui.title_hint"))
	}
	// The title in the window's language is asked for first.
	first := widget.NewFormItem(loc.T("classroomui.title_en"), nd.titleEN)
	second := widget.NewFormItem(loc.T("classroomui.title_de"), nd.titleDE)
	if loc.Lang() == data.DE {
		first, second = second, first
	}
	form := widget.NewForm(first, second, widget.NewFormItem(loc.T("classroomui.from"), nd.origin))
	nd.create = func() {
		title := data.Text{EN: strings.TrimSpace(nd.titleEN.Text), DE: strings.TrimSpace(nd.titleDE.Text)}
		if title.IsZero() {
			nd.setProblem(loc.T("classroomui.title_missing"))
			return
		}
		o := fromEmpty
		for k, l := range nd.labels {
			if l == nd.origin.Selected {
				o = nd.origins[k]
			}
		}
		ids := tp.originIDs(o)
		if len(ids) > interop.TourMaxStops {
			nd.setProblem(loc.T("classroomui.too_many_new", "Count", loc.Number(len(ids)), "Max", loc.Number(interop.TourMaxStops)))
			return
		}
		nd.dlg.Hide()
		t := userdb.Tour{Title: title}
		for _, id := range ids {
			t.Stops = append(t.Stops, userdb.Stop{EventID: id})
		}
		tp.create(t, "classroomui.created")
	}
	nd.titleEN.OnSubmitted = func(string) { nd.create() }
	nd.titleDE.OnSubmitted = func(string) { nd.create() }
	ok := widget.NewButtonWithIcon(loc.T("classroomui.create"), theme.ConfirmIcon(), func() { nd.create() })
	ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(loc.T("filter.cancel"), theme.CancelIcon(), func() { nd.dlg.Hide() })
	nd.dlg = dialog.NewCustomWithoutButtons(loc.T("classroomui.new_title"), container.NewVBox(form, nd.problem), s.Win)
	nd.dlg.SetButtons([]fyne.CanvasObject{cancel, ok})
	nd.dlg.Resize(fyne.NewSize(min(640, s.Win.Canvas().Size().Width-40), 0))
	nd.dlg.Show()
	tp.lastNew = nd
	s.Win.Canvas().Focus(first.Widget.(*widget.Entry))
}

func (nd *newTourDialog) setProblem(msg string) {
	nd.problem.SetText(msg)
	nd.problem.Show()
}

// originIDs lists the events a new tour starts with, in date order.
func (tp *TourPane) originIDs(o int) []string {
	s := tp.s
	var rows []int
	switch o {
	case fromSelected:
		if i := s.TL.Selected(); i >= 0 {
			rows = []int{i}
		}
	case fromFilter:
		rows = s.Matched()
	case fromHits:
		rows = slices.Clone(tp.m.List.Rows())
		slices.Sort(rows) // the hits by rank; a tour goes through time
	}
	ids := make([]string, 0, len(rows))
	for _, i := range rows {
		ids = append(ids, s.Idx.ID(i))
	}
	return ids
}

// create stores a new own tour and opens it; done names the message that
// says so.
func (tp *TourPane) create(t userdb.Tour, done string) {
	s, loc := tp.s, tp.s.Loc
	nb := tp.nb()
	if nb == nil || nb.ReadOnly() {
		return
	}
	tp.ed.saveNow()
	s.Q.Save(func(ctx context.Context) func() {
		created, err := nb.CreateTour(ctx, t)
		return func() {
			if err != nil {
				showInfo(s, loc.T("classroomui.tab"), loc.T("classroomui.save_failed", "Error", userdb.Message(loc, err)))
				return
			}
			tp.putOwn(created)
			tp.Open(created.ID)
			tp.m.RefreshMenu()
			s.Status.Set("tours", loc.T(done, "Title", tourTitle(TourFromNotebook(created), loc.Lang(), loc)))
		}
	})
}

// catalogs are an English and a German localizer, for texts written in
// both languages at once (a copy's title).
var catalogs = sync.OnceValue(func() [2]*i18n.Localizer { return [2]*i18n.Localizer{i18n.Must(data.EN), i18n.Must(data.DE)} })

// CopyTour makes an own copy of a tour (a bundled one, to change it; an
// own one, to make a variant) and opens it.
func (tp *TourPane) CopyTour(id string) {
	tp.ed.saveNow()
	src, ok := tp.find(id)
	if !ok || !tp.Writable() {
		return
	}
	loc := catalogs()
	title := src.Title
	if title.EN != "" {
		title.EN = loc[0].T("classroomui.copy_of", "Title", title.EN)
	}
	if title.DE != "" {
		title.DE = loc[1].T("classroomui.copy_of", "Title", title.DE)
	}
	t := userdb.Tour{Title: title, Intro: src.Intro}
	for _, st := range src.Stops {
		t.Stops = append(t.Stops, userdb.Stop(st))
	}
	tp.create(t, "classroomui.copied")
}

// DeleteTour moves an own tour to the notebook's trash; Undo (Ctrl+Z, View →
// Undo) brings it back.
func (tp *TourPane) DeleteTour(id string) {
	s := tp.s
	nb := tp.nb()
	t, ok := tp.find(id)
	if !ok || !t.Own || !tp.Writable() {
		return
	}
	tp.ed.saveNow() // the last words typed are in the trash too
	next := Tour{}
	for k, x := range tp.tours {
		if x.ID == id {
			if k+1 < len(tp.tours) && tp.tours[k+1].Own {
				next = tp.tours[k+1]
			} else if k > 0 && tp.tours[k-1].Own {
				next = tp.tours[k-1]
			}
		}
	}
	tp.dropOwn(id)
	if tp.ed.tour.ID == id {
		tp.ed.show(next)
		tp.selectInList()
	}
	p := tp.m.Notebook
	p.save(func(ctx context.Context) error { return nb.DeleteTour(ctx, id) }, func(err error) {
		if err != nil {
			p.Load(false) // it is still there: show it again
			return
		}
		p.offerUndo("classroomui.deleted", func(ctx context.Context) error { return nb.RestoreTour(ctx, id) })
		s.tracef("tour deleted %s", id)
	})
}

// ShowExport asks where to save a tour: as a tour file (.aitour.json, for a
// colleague's app) or as TimelineJS JSON (for a web page), in the window's
// language.
func (tp *TourPane) ShowExport(id, format string) {
	s, loc := tp.s, tp.s.Loc
	tp.ed.saveNow()
	t, ok := tp.find(id)
	if !ok || len(t.Stops) == 0 {
		return
	}
	ext, title := ".aitour.json", loc.T("classroomui.export_aitour_title")
	if format == "timelinejs" {
		ext, title = ".timelinejs.json", loc.T("classroomui.export_timelinejs_title")
	}
	name := fileSlug(tourTitle(t, loc.Lang(), loc), "tour") + ext
	chooseSaveFile(s, title, loc.T("export.start"), nil, name, func(path string) { tp.export(path, t, format) })
}

// export writes tour t to path off the UI goroutine.
func (tp *TourPane) export(path string, t Tour, format string) {
	s, loc := tp.s, tp.s.Loc
	view, version, fixed := s.View(), s.DS.Meta.Version, i18n.Must(loc.Lang())
	own := 0
	for _, st := range t.Stops {
		if i := view.Idx.Find(st.EventID); i >= 0 && view.Idx.Own(i) {
			own++
		}
	}
	more := ""
	if format == "aitour" && own > 0 {
		more = loc.N("classroomui.export_own_note", own)
	}
	writeJob(s, path, more, func(ctx context.Context, w io.Writer) error {
		if format == "timelinejs" {
			return WriteTourTimelineJS(ctx, w, view, t, fixed)
		}
		return interop.WriteTour(w, TourFile(t, version))
	})
}

// ShowImport asks for a tour file (.aitour.json) and adds its tour to the
// teacher's own.
func (tp *TourPane) ShowImport() {
	s := tp.s
	if !tp.Writable() {
		return
	}
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		tp.importFrom(r.URI().Name(), r)
	}, s.Win)
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	fd.SetTitleText(tp.s.Loc.T("dialog.open_file")) // Fyne's own reads „Öffnen Datei“ in German
	if u, err := storage.ListerForURI(storage.NewFileURI(s.Prefs.String(prefExportDir, defaultExportDir()))); err == nil {
		fd.SetLocation(u)
	}
	fd.Show()
}

// importFrom reads a tour file and stores its tour, off the UI goroutine.
// The file is checked whole first (size, encoding, JSON, version, fields,
// and that every stop is an event of this window, own events included): a
// file that fails changes nothing, and one line says why.
func (tp *TourPane) importFrom(name string, r io.ReadCloser) {
	s, loc := tp.s, tp.s.Loc
	nb := tp.nb()
	if nb == nil || nb.ReadOnly() {
		r.Close()
		return
	}
	tp.ed.saveNow()
	v := s.View()
	known := func(id string) bool { return v.Idx.Find(id) >= 0 }
	s.Status.Set("tours", loc.T("classroomui.importing", "File", name))
	s.Q.Save(func(ctx context.Context) func() {
		defer r.Close()
		tf, err := interop.ReadTour(r, known)
		var t userdb.Tour
		var existed bool
		if err == nil {
			t, existed, err = ImportTour(ctx, nb, tf, known)
		}
		return func() {
			s.Status.Clear("tours")
			title := loc.T("classroomui.import_title")
			if err != nil {
				showInfo(s, title, loc.T("classroomui.import_failed", "File", name, "Error", tourErrorText(loc, err)))
				return
			}
			ut := TourFromNotebook(t)
			if existed {
				tp.Open(t.ID)
				showInfo(s, title, loc.T("classroomui.import_exists", "Title", tourTitle(ut, loc.Lang(), loc)))
				return
			}
			tp.putOwn(t)
			tp.Open(t.ID)
			tp.m.RefreshMenu()
			showInfo(s, title, loc.N("classroomui.imported", len(t.Stops), "Title", tourTitle(ut, loc.Lang(), loc)))
		}
	})
}

// tourErrorText phrases an error of a tour file or of the notebook.
func tourErrorText(loc *i18n.Localizer, err error) string {
	if _, _, ok := interop.Message(err); ok {
		return LocalizedError(loc, err)
	}
	var pe interface{ MessageID() string }
	if errors.As(err, &pe) {
		return LocalizedError(loc, err)
	}
	return userdb.Message(loc, err)
}

// fileSlug makes a file name from a title: letters and digits (umlauts
// spelled out), the rest as single hyphens, at most 60 characters; def when
// nothing is left.
func fileSlug(title, def string) string {
	var b strings.Builder
	dash := false
	for _, r := range data.Fold(title) {
		ok := (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')
		switch {
		case ok:
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 60 {
			break // a file name, not the whole title
		}
	}
	if b.Len() == 0 {
		return def
	}
	return b.String()
}

// writeJob writes a file atomically off the UI goroutine (a failed write
// leaves a file that was there as it was) and says in the status line how
// it went, with more after the success line when set.
func writeJob(s *Session, path, more string, fill func(ctx context.Context, w io.Writer) error) {
	loc := s.Loc
	name := filepath.Base(path)
	s.Status.Set("classroom", loc.T("classroomui.writing", "File", name))
	s.Q.Run("classroom-file:"+path, func(ctx context.Context) func() {
		err := WriteAtomic(path, func(w io.Writer) error { return fill(ctx, w) })
		if errors.Is(err, context.Canceled) {
			return nil
		}
		return func() {
			if err != nil {
				s.Status.Clear("classroom")
				showInfo(s, loc.T("classroomui.write_failed_title"), loc.T("classroomui.write_failed", "File", name, "Error", LocalizedError(loc, err)))
				return
			}
			msg := loc.T("classroomui.written", "File", name)
			if more != "" {
				msg += " " + more
			}
			s.Status.Set("classroom", msg)
			s.tracef("written %s", path)
		}
	})
}
