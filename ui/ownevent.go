package ui

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/data/userdb"
)

// ownEventForm is the editor of an own event: date with the precision typed
// (2024, 03/2024 or 2024-03, 5.3.2024 or 2024-03-05), an optional end,
// category, title and summary in either language or both, people and
// organisations picked from the dataset, and one or more sources
// (publisher, title, date, http(s) URL, checked before saving).
type ownEventForm struct {
	p                  *NotebookPane
	ev                 userdb.OwnEvent
	date, end          *FieldEntry
	category           *widget.Select
	cats               []data.Category
	titleEN, titleDE   *FieldEntry
	summaryEN          *FieldEntry
	summaryDE          *FieldEntry
	people, orgs       map[string]bool
	sources            *fyne.Container
	srcRows            []*sourceFields
	problem            *widget.Label
	dlg                *dialog.CustomDialog
	saving             bool
	opened             string // snapshot() when the form opened: Esc asks before it drops changes
	peopleKeys, orgKey []string
}

type sourceFields struct {
	publisher, title, date, url *FieldEntry
	box                         *fyne.Container
}

// ShowOwnEventEditor opens the editor: for a new own event (zero ev; the
// date is the selected event's, a handy start) or to change ev.
func (p *NotebookPane) ShowOwnEventEditor(ev userdb.OwnEvent) {
	s, loc := p.s, p.s.Loc
	if p.nb.ReadOnly() {
		s.Status.Set("notebook", loc.T("notebook.read_only_short"))
		return
	}
	f := &ownEventForm{p: p, ev: ev, people: map[string]bool{}, orgs: map[string]bool{}, sources: container.NewVBox(),
		problem: widget.NewLabel("")}
	f.problem.Wrapping = fyne.TextWrapWord
	f.problem.Importance = widget.DangerImportance
	f.problem.Hide()
	f.date, f.end = NewFieldEntry(), NewFieldEntry()
	f.date.SetPlaceHolder(loc.T("own.date_hint"))
	f.end.SetPlaceHolder(loc.T("own.end_hint"))
	if ev.ID != "" {
		f.date.SetText(ev.Date.String())
		f.end.SetText(ev.End.String())
	} else if i := s.TL.Selected(); i >= 0 {
		f.date.SetText(s.Idx.Date(i).String())
	}
	var names []string
	for _, c := range data.Categories {
		f.cats = append(f.cats, c)
		names = append(names, loc.T("category."+string(c)))
	}
	f.category = widget.NewSelect(names, nil)
	f.category.SetSelectedIndex(0)
	for k, c := range f.cats {
		if c == ev.Category {
			f.category.SetSelectedIndex(k)
		}
	}
	f.titleEN, f.titleDE = NewFieldEntry(), NewFieldEntry()
	f.titleEN.SetText(ev.Title.EN)
	f.titleDE.SetText(ev.Title.DE)
	f.summaryEN, f.summaryDE = NewFieldEntry(), NewFieldEntry()
	for _, e := range []*FieldEntry{f.summaryEN, f.summaryDE} {
		e.MultiLine = true
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(3)
	}
	f.summaryEN.SetText(ev.Summary.EN)
	f.summaryDE.SetText(ev.Summary.DE)
	for _, id := range ev.People {
		f.people[id] = true
	}
	for _, id := range ev.Organizations {
		f.orgs[id] = true
	}
	for _, src := range ev.Sources {
		f.addSource(src)
	}
	if len(ev.Sources) == 0 {
		f.addSource(data.Source{})
	}

	for _, per := range s.DS.People {
		f.peopleKeys = append(f.peopleKeys, per.ID)
	}
	for _, o := range s.DS.Organizations {
		f.orgKey = append(f.orgKey, o.ID)
	}
	sort.Slice(f.peopleKeys, func(a, b int) bool { return s.PersonName(f.peopleKeys[a]) < s.PersonName(f.peopleKeys[b]) })
	sort.Slice(f.orgKey, func(a, b int) bool { return s.OrgName(f.orgKey[a]) < s.OrgName(f.orgKey[b]) })
	pick := func(keys []string, name func(string) string, set map[string]bool, ph string) fyne.CanvasObject {
		cl := newCheckList(keys, name, func(k string) bool { return set[k] }, func(k string, on bool) { Toggle(&set, k, on) }, ph)
		return container.NewGridWrap(fyne.NewSize(230, 170), container.NewBorder(cl.search, nil, nil, nil, cl.list))
	}
	addSrc := widget.NewButtonWithIcon(loc.T("own.add_source"), theme.ContentAddIcon(), func() { f.addSource(data.Source{}) })
	form := widget.NewForm(
		widget.NewFormItem(loc.T("own.date"), container.NewGridWithColumns(2, f.date, f.end)),
		widget.NewFormItem(loc.T("detail.category"), f.category),
		widget.NewFormItem(loc.T("own.title_en"), f.titleEN),
		widget.NewFormItem(loc.T("own.title_de"), f.titleDE),
		widget.NewFormItem(loc.T("own.summary_en"), f.summaryEN),
		widget.NewFormItem(loc.T("own.summary_de"), f.summaryDE),
		// The sources (every event needs one) before the people: the
		// pickers are lists that take the mouse wheel, and below them the
		// source fields were out of sight and out of the wheel's reach.
		widget.NewFormItem(loc.T("detail.sources"), container.NewVBox(f.sources, container.NewHBox(addSrc))),
		widget.NewFormItem(loc.T("own.people_orgs"), container.NewHBox(
			pick(f.peopleKeys, s.PersonName, f.people, loc.T("filter.search_people")),
			pick(f.orgKey, s.OrgName, f.orgs, loc.T("filter.search_orgs")))),
	)
	body := container.NewVBox(secondary(loc.T("own.intro"), true), form)
	title := loc.T("own.new_title")
	if ev.ID != "" {
		title = loc.T("own.edit_title")
	}
	save := widget.NewButtonWithIcon(loc.T("own.save"), theme.DocumentSaveIcon(), f.submit)
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(loc.T("filter.cancel"), func() { f.dlg.Hide() })
	// What is wrong shows above the form, where it is seen whatever was
	// scrolled to.
	f.dlg = dialog.NewCustomWithoutButtons(title, container.NewGridWrap(
		fyne.NewSize(min(760, s.Win.Canvas().Size().Width-40), min(760, s.Win.Canvas().Size().Height-130)),
		container.NewBorder(f.problem, nil, nil, nil, container.NewVScroll(container.NewPadded(body)))), s.Win)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	f.dlg.Show()
	f.opened = f.snapshot()
	s.closeOnEsc(f.escape)
	p.lastForm = f
	s.Win.Canvas().Focus(f.date)
}

// snapshot is everything the form holds, to tell whether the user changed
// anything since it opened.
func (f *ownEventForm) snapshot() string {
	parts := []string{f.date.Text, f.end.Text, strconv.Itoa(f.category.SelectedIndex()), f.titleEN.Text, f.titleDE.Text, f.summaryEN.Text, f.summaryDE.Text}
	for _, r := range f.srcRows {
		if r.publisher.Text+r.title.Text+r.date.Text+r.url.Text == "" {
			continue // an empty row added is no work to lose
		}
		parts = append(parts, r.publisher.Text, r.title.Text, r.date.Text, r.url.Text)
	}
	for _, set := range []map[string]bool{f.people, f.orgs} {
		var on []string
		for k, v := range set {
			if v {
				on = append(on, k)
			}
		}
		sort.Strings(on)
		parts = append(parts, strings.Join(on, ","))
	}
	return strings.Join(parts, "\x00")
}

// escape is Esc in the form: it closes an untouched form as Cancel does;
// with changes typed it asks first, so Esc never drops work silently.
func (f *ownEventForm) escape() {
	if f.snapshot() == f.opened {
		f.dlg.Hide()
		return
	}
	loc, win := f.p.s.Loc, f.p.s.Win
	ask := dialog.NewConfirm(loc.T("own.discard_title"), loc.T("own.discard_question"), func(drop bool) {
		if drop {
			f.dlg.Hide()
		}
	}, win)
	ask.SetConfirmText(loc.T("own.discard"))
	ask.SetDismissText(loc.T("own.keep_editing"))
	ask.Show()
	f.p.s.closeOnEsc(ask.Hide) // a second Esc: back to the form
}

// addSource adds a row of source fields.
func (f *ownEventForm) addSource(src data.Source) {
	loc := f.p.s.Loc
	sf := &sourceFields{publisher: NewFieldEntry(), title: NewFieldEntry(), date: NewFieldEntry(), url: NewFieldEntry()}
	sf.publisher.SetPlaceHolder(loc.T("own.source_publisher"))
	sf.title.SetPlaceHolder(loc.T("own.source_title"))
	sf.date.SetPlaceHolder(loc.T("own.source_date"))
	sf.url.SetPlaceHolder("https://…")
	sf.publisher.SetText(src.Publisher)
	sf.title.SetText(src.Title)
	sf.date.SetText(src.Date)
	sf.url.SetText(src.URL)
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	sf.box = container.NewBorder(nil, nil, nil, remove, container.NewVBox(
		container.NewGridWithColumns(2, sf.publisher, sf.date), sf.title, sf.url, widget.NewSeparator()))
	remove.OnTapped = func() {
		for k, r := range f.srcRows {
			if r == sf {
				f.srcRows = append(f.srcRows[:k], f.srcRows[k+1:]...)
			}
		}
		f.sources.Remove(sf.box)
	}
	f.srcRows = append(f.srcRows, sf)
	f.sources.Add(sf.box)
}

// read checks what was typed and returns the event, or a localized problem.
func (f *ownEventForm) read() (userdb.OwnEvent, string) {
	loc := f.p.s.Loc
	ev := f.ev
	if strings.TrimSpace(f.date.Text) == "" {
		return ev, loc.T("own.need_date") // not „“ is no date
	}
	d, err := ParseUserDate(f.date.Text)
	if err != nil {
		return ev, loc.T("own.bad_date", "Text", f.date.Text)
	}
	ev.Date = d
	ev.End = data.Date{}
	if strings.TrimSpace(f.end.Text) != "" {
		e, err := ParseUserDate(f.end.Text)
		if err != nil {
			return ev, loc.T("own.bad_end", "Text", f.end.Text)
		}
		if e.EndTime().Before(d.EndTime()) {
			return ev, loc.T("own.end_before")
		}
		ev.End = e
	}
	ev.Category = f.cats[max(f.category.SelectedIndex(), 0)]
	ev.Title = data.Text{EN: strings.TrimSpace(f.titleEN.Text), DE: strings.TrimSpace(f.titleDE.Text)}
	if ev.Title.IsZero() {
		return ev, loc.T("own.need_title")
	}
	ev.Summary = data.Text{EN: strings.TrimSpace(f.summaryEN.Text), DE: strings.TrimSpace(f.summaryDE.Text)}
	ev.People, ev.Organizations = nil, nil
	for _, k := range f.peopleKeys {
		if f.people[k] {
			ev.People = append(ev.People, k)
		}
	}
	for _, k := range f.orgKey {
		if f.orgs[k] {
			ev.Organizations = append(ev.Organizations, k)
		}
	}
	ev.Sources = nil
	for k, r := range f.srcRows {
		src := data.Source{Publisher: strings.TrimSpace(r.publisher.Text), Title: strings.TrimSpace(r.title.Text),
			Date: strings.TrimSpace(r.date.Text), URL: strings.TrimSpace(r.url.Text)}
		if src == (data.Source{}) {
			continue
		}
		if src.URL == "" {
			return ev, loc.T("own.source_needs_url", "N", k+1)
		}
		if err := data.CheckURL(src.URL); err != nil {
			return ev, loc.T("own.source_bad_url", "N", k+1, "URL", src.URL)
		}
		if src.Date != "" {
			sd, err := ParseUserDate(src.Date)
			if err != nil {
				return ev, loc.T("own.source_bad_date", "N", k+1, "Text", src.Date)
			}
			src.Date = sd.String()
		}
		if src.Publisher == "" {
			src.Publisher = Domain(src.URL)
		}
		ev.Sources = append(ev.Sources, src)
	}
	if len(ev.Sources) == 0 {
		return ev, loc.T("own.need_source")
	}
	return ev, ""
}

// submit saves the event off the UI goroutine; a problem keeps the dialog
// open and says what to fix.
func (f *ownEventForm) submit() {
	if f.saving {
		return
	}
	p, loc := f.p, f.p.s.Loc
	ev, problem := f.read()
	if problem != "" {
		f.problem.SetText(problem)
		f.problem.Show()
		return
	}
	f.saving = true
	nb := p.nb
	var saved userdb.OwnEvent
	p.save(func(ctx context.Context) (err error) {
		if ev.ID == "" {
			saved, err = nb.AddOwnEvent(ctx, ev)
		} else {
			saved, err = nb.UpdateOwnEvent(ctx, ev)
		}
		return err
	}, func(err error) {
		f.saving = false
		if err != nil {
			f.problem.SetText(userdb.Message(loc, err))
			f.problem.Show()
			return
		}
		f.dlg.Hide()
		p.reloadThenReveal(saved.ID)
		p.s.Status.Set("notebook", loc.T("own.saved", "Title", saved.Title.In(loc.Lang())))
	})
}

// reloadThenReveal reads the notebook again and selects event id.
func (p *NotebookPane) reloadThenReveal(id string) {
	p.afterLoad = func() { p.s.Reveal(p.s.Idx.Find(id)) }
	p.Load(false)
}

// deleteOwn moves an own event to the trash, with Undo.
func (p *NotebookPane) deleteOwn(e userdb.OwnEvent) {
	nb, id := p.nb, e.ID
	p.save(func(ctx context.Context) error { return nb.DeleteOwnEvent(ctx, id) }, func(err error) {
		if err != nil {
			return
		}
		p.Load(false)
		p.offerUndo("own.deleted", func(ctx context.Context) error { return nb.RestoreOwnEvent(ctx, id) })
	})
}
