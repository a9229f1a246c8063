package ui

import (
	"context"
	"image/png"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/i18n"
	"aitimeline/ui/chrono"
	"aitimeline/ui/printout"
	"aitimeline/ui/timeline"
)

// PrintPane is the classroom's part of the File menu: a hand-out (or
// worksheet) of a tour or a date range, a poster of the timeline, and a
// picture of the timeline view. Each asks a few questions, then where to
// save (chooseSaveFile), and writes the file off the UI goroutine,
// atomically. The command line's handout, poster and render do the same.
type PrintPane struct {
	s     *Session
	m     *Main
	tours *TourPane
	last  *printForm // the dialog opened last (tests)
}

// printForm is an open hand-out, poster or image dialog: its fields, the
// line that says what is wrong, and the Next button's action.
type printForm struct {
	dlg       *dialog.CustomDialog
	what      *widget.RadioGroup // hand-out: a tour or a date range
	tour      *widget.Select
	tourIDs   []string
	from, to  *widget.Entry
	filtered  *widget.Check
	paper     *widget.Select
	papers    []printout.Paper
	worksheet *widget.Check
	notes     *widget.Check // the teacher's notes on the hand-out
	lang      *widget.Select
	lanes     *widget.Select
	sheets    *widget.Entry
	scale     *widget.RadioGroup
	problem   *widget.Label
	next      func()
}

// maxHandoutEvents bounds a hand-out of a date range: more is a book, not
// a hand-out, and would take minutes to lay out.
const maxHandoutEvents = 1000

func newPrintPane(m *Main) *PrintPane { return &PrintPane{s: m.S, m: m} }

// Relabel does nothing: the dialogs are built in the current language.
func (pp *PrintPane) Relabel() {}

// MenuItems adds File → Hand-out, Poster and Export view as image.
func (pp *PrintPane) MenuItems(menu string) []*fyne.MenuItem {
	if menu != "file" {
		return nil
	}
	loc := pp.s.Loc
	return []*fyne.MenuItem{fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(loc.T("classroomui.menu_handout"), func() { pp.ShowHandout("") }),
		fyne.NewMenuItem(loc.T("classroomui.menu_poster"), pp.ShowPoster),
		fyne.NewMenuItem(loc.T("classroomui.menu_image"), pp.ShowImage)}
}

func newProblem() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

func (f *printForm) say(msg string) {
	f.problem.SetText(msg)
	f.problem.Show()
}

// langSelect offers the printout's language, the window's first chosen.
func (pp *PrintPane) langSelect() *widget.Select {
	loc := pp.s.Loc
	sel := widget.NewSelect([]string{loc.T("menu.language.en"), loc.T("menu.language.de")}, nil)
	if loc.Lang() == data.DE {
		sel.SetSelectedIndex(1)
	} else {
		sel.SetSelectedIndex(0)
	}
	return sel
}

func langOf(sel *widget.Select) data.Lang {
	if sel.SelectedIndex() == 1 {
		return data.DE
	}
	return data.EN
}

func (pp *PrintPane) paperSelect(f *printForm, papers []printout.Paper, def printout.Paper) *widget.Select {
	loc := pp.s.Loc
	f.papers = papers
	var names []string
	for _, p := range papers {
		names = append(names, paperName(loc, p))
	}
	sel := widget.NewSelect(names, nil)
	for k, p := range papers {
		if p == def {
			sel.SetSelectedIndex(k)
		}
	}
	return sel
}

// paperName is a paper size's name (the IDs spelled out for the catalog test).
func paperName(loc *i18n.Localizer, p printout.Paper) string {
	switch p {
	case printout.Letter:
		return loc.T("classroomui.paper_letter")
	case printout.A3:
		return loc.T("classroomui.paper_a3")
	case printout.A2:
		return loc.T("classroomui.paper_a2")
	}
	return loc.T("classroomui.paper_a4")
}

func (f *printForm) paperChoice() printout.Paper {
	if k := f.paper.SelectedIndex(); k >= 0 && k < len(f.papers) {
		return f.papers[k]
	}
	return f.papers[0]
}

// dateEntry is a date field in the forms the filter takes (2024, 3.2024,
// 5.3.2024, 2024-03-05), filled with d when set.
func (pp *PrintPane) dateEntry(d data.Date, hint string) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(hint)
	if !d.IsZero() {
		e.SetText(pp.s.Loc.InputDate(d))
	}
	return e
}

// readRange reads the from and to fields (empty is open); it says what is
// wrong in the form and returns ok false for a date it cannot read. A
// reversed range is turned round, as the filter does.
func (pp *PrintPane) readRange(f *printForm) (from, to data.Date, ok bool) {
	loc := pp.s.Loc
	for _, c := range []struct {
		e   *widget.Entry
		dst *data.Date
	}{{f.from, &from}, {f.to, &to}} {
		v := strings.TrimSpace(c.e.Text)
		if v == "" {
			continue
		}
		d, err := ParseUserDate(v)
		if err != nil {
			f.say(loc.T("classroomui.date_invalid", "Value", v))
			return from, to, false
		}
		*c.dst = d
	}
	if !from.IsZero() && !to.IsZero() && to.EndTime().Before(from.Time()) {
		from, to = to, from
	}
	return from, to, true
}

// dayOf is the day at time t (seconds of the timeline).
func dayOf(t float64) data.Date {
	tm := chrono.Time(t).UTC()
	return data.Date{Year: tm.Year(), Month: int(tm.Month()), Day: tm.Day(), Precision: data.Day}
}

// defaultRange is a hand-out's date range unless the teacher types
// another: the filter's range, else the visible window.
func (pp *PrintPane) defaultRange() (from, to data.Date) {
	f := pp.s.Filter()
	if !f.From.IsZero() || !f.To.IsZero() {
		return f.From, f.To
	}
	v, td := pp.s.TL.Viewport(), pp.s.TD
	return dayOf(max(v.Start, td.First)), dayOf(min(v.End, td.Last)) // not the empty margins around the data
}

// showForm shows a print dialog with Cancel and Next; next runs on Next
// (it hides the dialog itself when all is well).
func (pp *PrintPane) showForm(f *printForm, title string, items []*widget.FormItem) {
	s, loc := pp.s, pp.s.Loc
	f.problem = newProblem()
	next := widget.NewButtonWithIcon(loc.T("classroomui.next"), theme.NavigateNextIcon(), func() { f.next() })
	next.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(loc.T("filter.cancel"), theme.CancelIcon(), func() { f.dlg.Hide() })
	f.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(widget.NewForm(items...), f.problem), s.Win)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, next})
	f.dlg.Resize(fyne.NewSize(min(680, s.Win.Canvas().Size().Width-40), 0))
	f.dlg.Show()
	pp.last = f
}

// ShowHandout asks for a hand-out: a tour (tourID, when set, is chosen) or
// a date range (the filter's, else the visible window; with a filter, only
// the events it keeps if the teacher wants), paper, worksheet or not, and
// language; then where to save the PDF.
func (pp *PrintPane) ShowHandout(tourID string) {
	s, loc := pp.s, pp.s.Loc
	f := &printForm{}
	var titles []string
	for _, t := range s.Tours() {
		if len(t.Stops) > 0 {
			f.tourIDs = append(f.tourIDs, t.ID)
			titles = append(titles, tourTitle(t, loc.Lang(), loc))
		}
	}
	f.tour = widget.NewSelect(titles, nil)
	choices := []string{loc.T("classroomui.handout_tour"), loc.T("classroomui.handout_range")}
	f.what = widget.NewRadioGroup(choices, nil)
	f.what.Horizontal = true
	f.what.SetSelected(choices[1])
	if len(titles) > 0 {
		f.tour.SetSelectedIndex(0)
	}
	for k, id := range f.tourIDs {
		if id == tourID {
			f.tour.SetSelectedIndex(k)
			f.what.SetSelected(choices[0])
		}
	}
	from, to := pp.defaultRange()
	f.from = pp.dateEntry(from, loc.T("classroomui.from_hint"))
	f.to = pp.dateEntry(to, loc.T("classroomui.to_hint"))
	f.filtered = widget.NewCheck(loc.N("classroomui.handout_filtered", len(s.Matched())), nil)
	f.filtered.SetChecked(s.Match() != nil)
	if s.Match() == nil {
		f.filtered.Hide()
	}
	f.paper = pp.paperSelect(f, []printout.Paper{printout.A4, printout.Letter}, printout.A4)
	f.worksheet = widget.NewCheck(loc.T("classroomui.worksheet"), nil)
	f.notes = widget.NewCheck(loc.T("classroomui.handout_notes"), nil) // off: a hand-out goes to students
	f.worksheet.OnChanged = func(on bool) {                            // a worksheet has no teacher's notes
		if on {
			f.notes.SetChecked(false)
			f.notes.Disable()
		} else {
			f.notes.Enable()
		}
	}
	f.lang = pp.langSelect()
	f.tour.OnChanged = func(string) { f.what.SetSelected(choices[0]) }
	pick := func(string) { f.what.SetSelected(choices[1]) }
	f.from.OnChanged, f.to.OnChanged = pick, pick
	rangeRow := container.NewGridWithColumns(2, f.from, f.to)
	f.next = func() { pp.handoutNext(f) }
	pp.showForm(f, loc.T("classroomui.handout_title"), []*widget.FormItem{
		widget.NewFormItem(loc.T("classroomui.handout_what"), f.what),
		widget.NewFormItem(loc.T("classroomui.tour"), f.tour),
		widget.NewFormItem(loc.T("classroomui.range"), container.NewVBox(rangeRow, f.filtered)),
		widget.NewFormItem(loc.T("classroomui.paper"), f.paper),
		widget.NewFormItem("", f.worksheet),
		widget.NewFormItem("", f.notes),
		widget.NewFormItem(loc.T("classroomui.language"), f.lang)})
}

// handoutJob is what a hand-out prints, taken on the UI goroutine.
type handoutJob struct {
	view     *EventView
	tour     Tour  // a tour's hand-out (zero ID: a date range)
	rows     []int // a range's events, in view's numbering
	from, to data.Date
	opt      printout.HandoutOptions
	lang     data.Lang
}

func (pp *PrintPane) handoutNext(f *printForm) {
	s, loc := pp.s, pp.s.Loc
	j := handoutJob{view: s.View(), lang: langOf(f.lang),
		opt: printout.HandoutOptions{Paper: f.paperChoice(), Worksheet: f.worksheet.Checked, TeacherNotes: f.notes.Checked}}
	name := ""
	if f.what.Selected == loc.T("classroomui.handout_tour") {
		k := f.tour.SelectedIndex()
		if k < 0 {
			f.say(loc.T("classroomui.handout_no_tour"))
			return
		}
		t, _ := s.TourByID(f.tourIDs[k])
		n := 0
		for _, st := range t.Stops {
			if j.view.Idx.Find(st.EventID) >= 0 {
				n++
			}
		}
		if n == 0 {
			f.say(loc.T("classroom.err.no_events"))
			return
		}
		j.tour = t
		name = fileSlug(TextIn(t.Title, j.lang), "tour")
	} else {
		from, to, ok := pp.readRange(f)
		if !ok {
			return
		}
		j.from, j.to = from, to
		j.rows = pp.rangeRows(from, to, f.filtered.Visible() && f.filtered.Checked)
		switch {
		case len(j.rows) == 0:
			f.say(loc.T("classroom.err.no_events"))
			return
		case len(j.rows) > maxHandoutEvents:
			f.say(loc.N("classroomui.handout_too_many", len(j.rows), "Max", loc.Number(maxHandoutEvents)))
			return
		}
	}
	if j.tour.ID == "" {
		name = yearsName(j.view.Idx, j.rows)
	}
	kind := "classroomui.file_handout"
	if j.opt.Worksheet {
		kind = "classroomui.file_worksheet"
	}
	f.dlg.Hide()
	chooseSaveFile(s, loc.T("classroomui.handout_title"), loc.T("classroomui.save"), nil, loc.T(kind, "Name", name)+".pdf", func(path string) {
		pp.writeHandout(path, j)
	})
}

// yearsName names a printout of events rows (in date order) in a file
// name by their years: "2024", "2023-2025".
func yearsName(idx *data.Index, rows []int) string {
	if len(rows) == 0 {
		return "events"
	}
	a, b := idx.Date(rows[0]).Year, idx.Date(rows[len(rows)-1]).Year
	if a == b {
		return strconv.Itoa(a)
	}
	return strconv.Itoa(a) + "-" + strconv.Itoa(b)
}

// rangeRows lists the events of the window (the dataset's and own) from
// from to to (inclusive, at their precision; zero is open), in date order;
// with filtered only those the filter keeps.
func (pp *PrintPane) rangeRows(from, to data.Date, filtered bool) []int {
	s := pp.s
	ts := s.TD.T
	lo, hi := 0, len(ts)
	if !from.IsZero() {
		lo = sort.SearchFloat64s(ts, chrono.Seconds(from.Time()))
	}
	if !to.IsZero() {
		hi = sort.SearchFloat64s(ts, chrono.Seconds(to.EndTime()))
	}
	var keep func(int) bool
	if filtered {
		keep = s.Match()
	}
	var rows []int
	for i := lo; i < hi; i++ {
		if keep == nil || keep(i) {
			rows = append(rows, i)
		}
	}
	return rows
}

// writeHandout reads the events and writes the hand-out PDF.
func (pp *PrintPane) writeHandout(path string, j handoutJob) {
	st := pp.s.Store
	writeJob(pp.s, path, "", func(ctx context.Context, w io.Writer) error {
		loc := i18n.Must(j.lang)
		var hd *printout.HandoutDoc
		if j.tour.ID != "" {
			evs, stops, err := TourEvents(ctx, j.view, j.tour)
			if err != nil {
				return err
			}
			hd = HandoutDoc(st, loc, tourTitle(j.tour, j.lang, loc), TextIn(j.tour.Intro, j.lang), evs, stops)
		} else {
			evs, err := rowsEvents(ctx, j.view, j.rows)
			if err != nil {
				return err
			}
			from, to := j.from, j.to
			if from.IsZero() {
				from = evs[0].Date
			}
			if to.IsZero() {
				to = evs[len(evs)-1].Date
			}
			hd = HandoutDoc(st, loc, loc.T("handout.range_title", "Range", loc.DateRange(from, to)), "", evs, nil)
		}
		opt := j.opt
		opt.Created = time.Now()
		return printout.WriteHandout(w, hd, loc, opt)
	})
}

// rowsEvents reads events of a numbering with all their details, in the
// order of rows: the dataset's in a few range reads, own ones from memory.
func rowsEvents(ctx context.Context, v *EventView, rows []int) ([]data.Event, error) {
	out := make([]data.Event, len(rows))
	at := map[int]int{} // store position → place in out
	for k, i := range rows {
		if b := v.BasePos(i); b >= 0 {
			at[b] = k
			continue
		}
		e, err := v.EventAt(ctx, i)
		if err != nil {
			return nil, err
		}
		out[k] = e
	}
	if len(at) == 0 {
		return out, nil
	}
	err := v.store.EachEvent(ctx, func(b int) bool { _, ok := at[b]; return ok }, func(b int, ev *data.Event) error {
		out[at[b]] = *ev
		return nil
	})
	return out, err
}

// ShowPoster asks for a poster of the timeline: the range (empty: all),
// lanes (the window's), paper, sheets (N across, or AxB) and language; then
// where to save the PDF.
func (pp *PrintPane) ShowPoster() {
	s, loc := pp.s, pp.s.Loc
	f := &printForm{}
	f.from = pp.dateEntry(data.Date{}, loc.T("classroomui.from_start"))
	f.to = pp.dateEntry(data.Date{}, loc.T("classroomui.to_end"))
	var names []string
	for _, id := range laneNames {
		names = append(names, loc.T(id))
	}
	f.lanes = widget.NewSelect(names, nil)
	f.lanes.SetSelectedIndex(int(s.TL.LaneMode()))
	f.paper = pp.paperSelect(f, []printout.Paper{printout.A4, printout.A3, printout.A2}, printout.A3)
	f.sheets = widget.NewEntry()
	f.sheets.SetText("1")
	f.lang = pp.langSelect()
	f.next = func() { pp.posterNext(f) }
	pp.showForm(f, loc.T("classroomui.poster_title"), []*widget.FormItem{
		widget.NewFormItem(loc.T("classroomui.range"), container.NewGridWithColumns(2, f.from, f.to)),
		widget.NewFormItem(loc.T("menu.view.lanes"), f.lanes),
		widget.NewFormItem(loc.T("classroomui.paper"), f.paper),
		widget.NewFormItem(loc.T("classroomui.sheets"), container.NewVBox(f.sheets, secondary(loc.T("classroomui.sheets_hint"), true))),
		widget.NewFormItem(loc.T("classroomui.language"), f.lang)})
}

// laneNames are the lane modes' names, in LaneMode order.
var laneNames = []string{"menu.view.lanes_single", "menu.view.lanes_category", "menu.view.lanes_person", "menu.view.lanes_organization", "menu.view.lanes_thread"}

func (pp *PrintPane) posterNext(f *printForm) {
	s, loc := pp.s, pp.s.Loc
	from, to, ok := pp.readRange(f)
	if !ok {
		return
	}
	across, down, ok := ParseSheets(f.sheets.Text)
	if !ok {
		f.say(loc.T("classroomui.sheets_bad", "Value", strings.TrimSpace(f.sheets.Text), "Max", printout.MaxSheets))
		return
	}
	rows := pp.rangeRows(from, to, false)
	if len(rows) == 0 {
		f.say(loc.T("classroom.err.no_events"))
		return
	}
	name := loc.T("classroomui.file_poster", "Name", yearsName(s.Idx, rows))
	td := *s.TD // a copy: drawing a timeline extends its limits to today
	opt := printout.PosterOptions{Paper: f.paperChoice(), Across: across, Down: down, Lanes: timeline.LaneMode(max(f.lanes.SelectedIndex(), 0)),
		From: from, To: to, Meta: s.Store.Meta()}
	lang := langOf(f.lang)
	f.dlg.Hide()
	chooseSaveFile(s, loc.T("classroomui.poster_title"), loc.T("classroomui.save"), nil, name+".pdf", func(path string) {
		writeJob(s, path, "", func(ctx context.Context, w io.Writer) error {
			opt := opt
			opt.Created = time.Now()
			return printout.WritePoster(w, &td, i18n.Must(lang), opt)
		})
	})
}

// imageSize is the size of a picture of the view (in units; the scale
// multiplies it): the window's, within sensible bounds.
func (pp *PrintPane) imageSize() (w, h int) {
	sz := pp.s.Win.Canvas().Size()
	return min(max(int(sz.Width), 400), 3000), min(max(int(sz.Height), 300), 2000)
}

// ShowImage asks for the scale of a picture of the timeline view (1×, 2×
// or 3× the window's size) and where to save the PNG.
func (pp *PrintPane) ShowImage() {
	loc := pp.s.Loc
	f := &printForm{}
	w, h := pp.imageSize()
	var labels []string
	for k := 1; k <= 3; k++ {
		labels = append(labels, loc.T("classroomui.image_scale", "Scale", k, "Width", w*k, "Height", h*k))
	}
	f.scale = widget.NewRadioGroup(labels, nil)
	f.scale.SetSelected(labels[1])
	f.next = func() {
		scale := 1
		for k, l := range labels {
			if l == f.scale.Selected {
				scale = k + 1
			}
		}
		f.dlg.Hide()
		s := pp.s
		chooseSaveFile(s, loc.T("classroomui.image_title"), loc.T("classroomui.save"), nil, "timeline.png", func(path string) {
			pp.writeImage(path, scale)
		})
	}
	pp.showForm(f, loc.T("classroomui.image_title"), []*widget.FormItem{
		widget.NewFormItem(loc.T("classroomui.image_size"), f.scale),
		widget.NewFormItem("", secondary(loc.T("classroomui.image_note"), true))})
}

// writeImage paints the timeline view as the window shows it (window,
// lanes, filter, search marks, selection) into a PNG, off the UI goroutine.
// It draws a timeline of its own: the window's is not touched. What it
// needs of the window is copied here, on the UI goroutine.
func (pp *PrintPane) writeImage(path string, scale int) {
	s := pp.s
	w, h := pp.imageSize()
	vp := s.TL.Viewport()
	opt := RenderOptions{Width: w, Height: h, Scale: float32(scale), View: &vp, Lanes: s.TL.LaneMode(),
		Selected: s.TL.Selected(), Now: time.Now()}
	n := s.Idx.Len()
	if m := s.Matched(); m != nil {
		keep := make([]bool, n)
		for _, i := range m {
			keep[i] = true
		}
		opt.Filter = func(i int) bool { return keep[i] }
	}
	if mk := s.TL.Marked(); mk != nil {
		marked := make([]bool, n)
		for i := range marked {
			marked[i] = mk(i)
		}
		opt.Marked = func(i int) bool { return marked[i] }
	}
	td := *s.TD // a copy: drawing a timeline extends its limits to today
	meta, lang := s.Store.Meta(), s.Loc.Lang()
	writeJob(s, path, "", func(ctx context.Context, wr io.Writer) error {
		img := RenderTimeline(&td, meta, i18n.Must(lang), opt)
		if err := ctx.Err(); err != nil {
			return err
		}
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		return enc.Encode(wr, img)
	})
}
