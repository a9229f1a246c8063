package ui

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
)

// ParseUserDate reads a date typed by a user: the canonical forms YYYY,
// YYYY-MM and YYYY-MM-DD, and the German forms T.M.JJJJ (also TT.MM.JJJJ)
// and M.JJJJ. Surrounding spaces are ignored.
func ParseUserDate(s string) (data.Date, error) {
	s = strings.TrimSpace(s)
	if d, err := data.ParseDate(s); err == nil {
		return d, nil
	}
	parts := strings.Split(s, ".")
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < 0 {
			return data.Date{}, errBadUserDate
		}
		nums[i] = n
	}
	switch {
	case len(parts) == 3 && len(strings.TrimSpace(parts[2])) == 4:
		return data.ParseDate(fmt.Sprintf("%04d-%02d-%02d", nums[2], nums[1], nums[0]))
	case len(parts) == 2 && len(strings.TrimSpace(parts[1])) == 4:
		return data.ParseDate(fmt.Sprintf("%04d-%02d", nums[1], nums[0]))
	}
	return data.Date{}, errBadUserDate
}

var errBadUserDate = errors.New("unrecognised date")

// FilterPane owns the filter: the bar above the timeline with a chip per
// criterion (a click removes it), the number of events that match and a
// button that clears them all, and the dialog that edits the filter. A new
// filter fits the timeline to what matches unless the reader has zoomed or
// panned since the last fit.
type FilterPane struct {
	s       *Session
	bar     *fyne.Container
	autoFit bool // no zoom or pan by the reader since the last fit
	fitting bool

	// The open dialog's parts (tests drive them).
	dialog               *dialog.CustomDialog
	dialogApply          func()
	dialogFrom, dialogTo *FieldEntry
	dialogProblem        *widget.Label
}

func newFilterPane(s *Session) *FilterPane {
	f := &FilterPane{s: s, bar: container.NewStack(), autoFit: true}
	f.bar.Hide()
	s.OnViewport(func() {
		if !f.fitting {
			f.autoFit = false
		}
	})
	return f
}

// Bar is the filter bar.
func (f *FilterPane) Bar() fyne.CanvasObject { return f.bar }

// Set applies a filter and fits the view to it (see FilterPane).
func (f *FilterPane) Set(next Filter) {
	s := f.s
	was := s.filter.Active()
	s.SetFilter(next)
	if f.autoFit || !was {
		f.fitting = true
		s.TL.FitEvents(s.Match())
		f.fitting = false
		f.autoFit = true
	}
	f.Relabel()
}

// FitAll shows everything that matches the filter ("All").
func (f *FilterPane) FitAll() {
	f.fitting = true
	f.s.TL.FitEvents(f.s.Match())
	f.fitting = false
	f.autoFit = true
}

// Relabel rebuilds the bar in the current language.
func (f *FilterPane) Relabel() {
	s, loc := f.s, f.s.Loc
	fl := s.filter
	if !fl.Active() {
		f.bar.Hide()
		return
	}
	var chips []fyne.CanvasObject
	chip := func(label string, remove func(*Filter)) {
		b := widget.NewButtonWithIcon(label, theme.CancelIcon(), func() {
			next := s.Filter()
			remove(&next)
			f.Set(next)
		})
		b.IconPlacement = widget.ButtonIconTrailingText
		b.Importance = widget.LowImportance
		chips = append(chips, b)
	}
	for _, p := range sortedKeys(fl.People) {
		chip(s.PersonName(p), func(n *Filter) { delete(n.People, p) })
	}
	for _, o := range sortedKeys(fl.Organizations) {
		chip(s.OrgName(o), func(n *Filter) { delete(n.Organizations, o) })
	}
	for _, c := range sortedKeys(fl.Categories) {
		chip(loc.T("category."+string(c)), func(n *Filter) { delete(n.Categories, c) })
	}
	for _, st := range sortedKeys(fl.Statuses) {
		chip(loc.T("status."+string(st)), func(n *Filter) { delete(n.Statuses, st) })
	}
	if !fl.From.IsZero() || !fl.To.IsZero() {
		chip(f.rangeLabel(fl.From, fl.To), func(n *Filter) { n.From, n.To = data.Date{}, data.Date{} })
	}
	if fl.Annotated {
		chip(loc.T("filter.annotated"), func(n *Filter) { n.Annotated = false })
	}
	if fl.Starred {
		chip(loc.T("filter.starred"), func(n *Filter) { n.Starred = false })
	}
	if fl.Own {
		chip(loc.T("filter.own"), func(n *Filter) { n.Own = false })
	}
	for _, tg := range sortedKeys(fl.Tags) {
		chip("#"+tg, func(n *Filter) { delete(n.Tags, tg) })
	}
	if fl.IDs != nil {
		label := fl.Named
		if label == "" {
			label = loc.N("filter.chosen", len(fl.IDs))
		}
		chip(label, func(n *Filter) { n.IDs, n.Named = nil, "" })
	}
	clear := widget.NewButtonWithIcon(loc.T("filter.clear"), theme.ContentClearIcon(), func() { f.Set(Filter{}) })
	label := widget.NewLabel(loc.T("filter.active"))
	label.TextStyle.Bold = true
	count := widget.NewLabel(loc.N("events.count", len(s.Matched())))
	count.TextStyle.Bold = true
	f.bar.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, label, container.NewHBox(count, clear), container.NewHScroll(container.NewHBox(chips...)))}
	f.bar.Show()
	f.bar.Refresh()
}

func (f *FilterPane) rangeLabel(from, to data.Date) string {
	loc := f.s.Loc
	switch {
	case from.IsZero():
		return loc.T("filter.until", "Date", loc.Date(to))
	case to.IsZero():
		return loc.T("filter.since", "Date", loc.Date(from))
	}
	return loc.DateRange(from, to)
}

// checkList is a searchable list of checkboxes whose labels are cut with
// "…" inside their column instead of being clipped.
type checkList struct {
	keys   []string
	label  func(string) string
	on     func(string) bool
	set    func(string, bool)
	shown  []string
	list   *widget.List
	search *FieldEntry
}

func newCheckList(keys []string, label func(string) string, on func(string) bool, set func(string, bool), placeholder string) *checkList {
	c := &checkList{keys: keys, label: label, on: on, set: set, shown: keys}
	c.list = widget.NewList(func() int { return len(c.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewCheck("", nil), nil, l)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(c.shown) {
				return
			}
			k := c.shown[id]
			row := o.(*fyne.Container)
			l := row.Objects[0].(*widget.Label)
			l.SetText(c.label(k))
			chk := row.Objects[1].(*widget.Check)
			chk.OnChanged = nil
			chk.SetChecked(c.on(k))
			chk.OnChanged = func(v bool) { c.set(k, v) }
		})
	// A click on the row's text toggles its box too.
	c.list.OnSelected = func(id widget.ListItemID) {
		if id < len(c.shown) {
			k := c.shown[id]
			c.set(k, !c.on(k))
			c.list.RefreshItem(id)
		}
		c.list.UnselectAll()
	}
	c.search = NewFieldEntry()
	c.search.SetPlaceHolder(placeholder)
	c.search.OnChanged = func(q string) {
		q = data.Fold(strings.TrimSpace(q))
		c.shown = nil
		for _, k := range c.keys {
			if q == "" || strings.Contains(data.Fold(c.label(k)), q) {
				c.shown = append(c.shown, k)
			}
		}
		c.list.Refresh()
	}
	return c
}

// ShowDialog lets the reader choose people, organisations, categories,
// claim statuses and a date range. An invalid date keeps the dialog open
// and says what is wrong.
func (f *FilterPane) ShowDialog() {
	s, loc := f.s, f.s.Loc
	next := s.Filter()
	var cats, sts []string
	for _, c := range data.Categories {
		cats = append(cats, string(c))
	}
	for _, st := range data.Statuses {
		sts = append(sts, string(st))
	}
	people := make([]string, 0, len(s.DS.People))
	for _, p := range s.DS.People {
		people = append(people, p.ID)
	}
	orgs := make([]string, 0, len(s.DS.Organizations))
	for _, o := range s.DS.Organizations {
		orgs = append(orgs, o.ID)
	}
	sort.SliceStable(orgs, func(i, j int) bool { return strings.ToLower(s.OrgName(orgs[i])) < strings.ToLower(s.OrgName(orgs[j])) })
	pl := newCheckList(people, s.PersonName, func(k string) bool { return next.People[k] }, func(k string, v bool) { Toggle(&next.People, k, v) }, loc.T("filter.search_people"))
	ol := newCheckList(orgs, s.OrgName, func(k string) bool { return next.Organizations[k] }, func(k string, v bool) { Toggle(&next.Organizations, k, v) }, loc.T("filter.search_orgs"))
	group := func(keys []string, label func(string) string, on func(string) bool, set func(string, bool)) fyne.CanvasObject {
		box := container.NewVBox()
		for _, k := range keys {
			c := widget.NewCheck(label(k), func(v bool) { set(k, v) })
			c.Checked = on(k)
			box.Add(c)
		}
		return container.NewVScroll(box)
	}
	col := func(title string, top, body fyne.CanvasObject) fyne.CanvasObject {
		head := fyne.CanvasObject(heading(title))
		if top != nil {
			head = container.NewVBox(head, top)
		}
		return container.NewBorder(head, nil, nil, nil, body)
	}
	content := container.NewGridWithColumns(4,
		col(loc.T("detail.people"), pl.search, pl.list),
		col(loc.T("detail.organizations"), ol.search, ol.list),
		col(loc.T("detail.category"), nil, group(cats, func(k string) string { return loc.T("category." + k) },
			func(k string) bool { return next.Categories[data.Category(k)] }, func(k string, v bool) { Toggle(&next.Categories, data.Category(k), v) })),
		col(loc.T("detail.status"), nil, group(sts, func(k string) string { return loc.T("status." + k) },
			func(k string) bool { return next.Statuses[data.Status(k)] }, func(k string, v bool) { Toggle(&next.Statuses, data.Status(k), v) })),
	)
	from, to := NewFieldEntry(), NewFieldEntry()
	for _, e := range []*FieldEntry{from, to} {
		e.SetPlaceHolder(loc.T("filter.date_hint_user"))
	}
	if !next.From.IsZero() {
		from.SetText(loc.InputDate(next.From))
	}
	if !next.To.IsZero() {
		to.SetText(loc.InputDate(next.To))
	}
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	dateCheck := func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		if _, err := ParseUserDate(s); err != nil {
			return fmt.Errorf("%s", loc.T("filter.date_invalid", "Value", strings.TrimSpace(s)))
		}
		return nil
	}
	from.Validator, to.Validator = dateCheck, dateCheck
	rangeLabel := widget.NewLabel(loc.T("filter.range"))
	rangeLabel.TextStyle.Bold = true
	dates := container.NewBorder(nil, problem, rangeLabel, nil,
		container.NewGridWithColumns(2,
			container.NewBorder(nil, nil, widget.NewLabel(loc.T("filter.from")), nil, from),
			container.NewBorder(nil, nil, widget.NewLabel(loc.T("filter.to")), nil, to)))
	bottom := fyne.CanvasObject(dates)
	if s.Marks != nil { // the notebook's criteria
		ann := widget.NewCheck(loc.T("filter.annotated"), func(v bool) { next.Annotated = v })
		ann.Checked = next.Annotated
		star := widget.NewCheck(loc.T("filter.starred"), func(v bool) { next.Starred = v })
		star.Checked = next.Starred
		own := widget.NewCheck(loc.T("filter.own"), func(v bool) { next.Own = v })
		own.Checked = next.Own
		row := container.NewHBox(widget.NewLabelWithStyle(loc.T("filter.notebook"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), ann, star, own)
		if names := s.Marks.TagNames(); len(names) > 0 {
			tags := widget.NewCheckGroup(nil, nil)
			tags.Horizontal = true
			for _, n := range names {
				tags.Append("#" + n)
			}
			var sel []string
			for _, n := range sortedKeys(next.Tags) {
				sel = append(sel, "#"+n)
			}
			tags.SetSelected(sel)
			tags.OnChanged = func(v []string) {
				next.Tags = nil
				for _, t := range v {
					Toggle(&next.Tags, t[1:], true)
				}
			}
			// The tags on a line of their own, the dialog's full width: beside
			// the notebook's checks a scroller has no width of its own and
			// squeezed them into a 25 px strip.
			bottom = container.NewVBox(row, container.NewHScroll(tags), dates)
		} else {
			bottom = container.NewVBox(row, dates)
		}
	}
	body := container.NewBorder(nil, bottom, nil, nil, content)
	var d *dialog.CustomDialog
	apply := widget.NewButtonWithIcon(loc.T("filter.apply"), theme.ConfirmIcon(), func() {
		var bad []string
		for _, e := range []*FieldEntry{from, to} {
			if err := dateCheck(e.Text); err != nil {
				bad = append(bad, err.Error())
			}
		}
		if len(bad) > 0 {
			problem.SetText(strings.Join(bad, "\n"))
			problem.Show()
			return // refuse to apply what would silently drop a date
		}
		next.From, next.To = data.Date{}, data.Date{}
		if strings.TrimSpace(from.Text) != "" {
			next.From, _ = ParseUserDate(from.Text)
		}
		if strings.TrimSpace(to.Text) != "" {
			next.To, _ = ParseUserDate(to.Text)
		}
		if !next.From.IsZero() && !next.To.IsZero() && next.To.EndTime().Before(next.From.Time()) {
			next.From, next.To = next.To, next.From
		}
		d.Hide()
		f.Set(next)
	})
	apply.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(loc.T("filter.cancel"), theme.CancelIcon(), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(loc.T("filter.title"), body, s.Win)
	d.SetButtons([]fyne.CanvasObject{cancel, apply})
	d.Resize(fyne.NewSize(min(1100, s.Win.Canvas().Size().Width-40), min(620, s.Win.Canvas().Size().Height-40)))
	d.Show()
	s.closeOnEsc(d.Hide) // Esc = Cancel: nothing applied
	f.dialog = d
	f.dialogApply = apply.OnTapped
	f.dialogFrom, f.dialogTo, f.dialogProblem = from, to, problem
}
