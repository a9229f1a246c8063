package ui

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
)

// SetFilter applies a filter to the timeline, its overview and the list twin.
func (m *Main) SetFilter(f Filter) {
	m.filter = f.Clone()
	m.match = m.filter.Matcher(m.idx)
	m.tl.SetFilter(m.match)
	m.overview.SetFilter(m.match)
	m.refreshFilterBar()
	if m.hits {
		m.runSearch()
	} else {
		m.refreshRows()
	}
}

// Filter returns the current filter.
func (m *Main) Filter() Filter { return m.filter.Clone() }

// refreshFilterBar shows one chip per active criterion (a click removes it)
// and a button that clears them all; the bar hides when nothing is filtered.
func (m *Main) refreshFilterBar() {
	loc := m.loc
	f := m.filter
	if !f.Active() {
		m.filterBar.Hide()
		return
	}
	var chips []fyne.CanvasObject
	chip := func(label string, remove func(*Filter)) {
		b := widget.NewButtonWithIcon(label, theme.CancelIcon(), func() {
			next := m.filter.Clone()
			remove(&next)
			m.SetFilter(next)
		})
		b.IconPlacement = widget.ButtonIconTrailingText
		b.Importance = widget.LowImportance
		chips = append(chips, b)
	}
	for _, p := range sortedKeys(f.People) {
		chip(m.personName(p), func(n *Filter) { delete(n.People, p) })
	}
	for _, o := range sortedKeys(f.Organizations) {
		chip(m.orgName(o), func(n *Filter) { delete(n.Organizations, o) })
	}
	for _, c := range sortedKeys(f.Categories) {
		chip(loc.T("category."+string(c)), func(n *Filter) { delete(n.Categories, c) })
	}
	for _, s := range sortedKeys(f.Statuses) {
		chip(loc.T("status."+string(s)), func(n *Filter) { delete(n.Statuses, s) })
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		chip(m.rangeLabel(f.From, f.To), func(n *Filter) { n.From, n.To = data.Date{}, data.Date{} })
	}
	clear := widget.NewButtonWithIcon(loc.T("filter.clear"), theme.ContentClearIcon(), func() { m.SetFilter(Filter{}) })
	label := widget.NewLabel(loc.T("filter.active"))
	label.TextStyle.Bold = true
	m.filterBar.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, label, clear, container.NewHScroll(container.NewHBox(chips...)))}
	m.filterBar.Show()
	m.filterBar.Refresh()
}

func (m *Main) rangeLabel(from, to data.Date) string {
	switch {
	case from.IsZero():
		return m.loc.T("filter.until", "Date", m.loc.Date(to))
	case to.IsZero():
		return m.loc.T("filter.since", "Date", m.loc.Date(from))
	}
	return m.loc.DateRange(from, to)
}

// ShowFilterDialog lets the user choose people, organisations, categories,
// claim statuses and a date range.
func (m *Main) ShowFilterDialog() {
	loc := m.loc
	next := m.filter.Clone()
	group := func(keys []string, label func(string) string, on func(string) bool, set func(string, bool)) fyne.CanvasObject {
		box := container.NewVBox()
		for _, k := range keys {
			c := widget.NewCheck(label(k), func(v bool) { set(k, v) })
			c.Checked = on(k)
			box.Add(c)
		}
		return box
	}
	var cats, sts []string
	for _, c := range data.Categories {
		cats = append(cats, string(c))
	}
	for _, s := range data.Statuses {
		sts = append(sts, string(s))
	}
	people := make([]string, 0, len(m.ctx.People))
	for _, p := range m.ctx.People {
		people = append(people, p.ID)
	}
	orgs := make([]string, 0, len(m.ctx.Organizations))
	for _, o := range m.ctx.Organizations {
		orgs = append(orgs, o.ID)
	}
	sort.SliceStable(orgs, func(i, j int) bool { return strings.ToLower(m.orgName(orgs[i])) < strings.ToLower(m.orgName(orgs[j])) })
	from, to := widget.NewEntry(), widget.NewEntry()
	from.SetPlaceHolder(loc.T("filter.date_hint"))
	to.SetPlaceHolder(loc.T("filter.date_hint"))
	if !next.From.IsZero() {
		from.SetText(next.From.String())
	}
	if !next.To.IsZero() {
		to.SetText(next.To.String())
	}
	dateCheck := func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		if _, err := data.ParseDate(strings.TrimSpace(s)); err != nil {
			return fmt.Errorf("%s", loc.T("filter.bad_date"))
		}
		return nil
	}
	from.Validator, to.Validator = dateCheck, dateCheck
	col := func(title string, body fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(heading(title), nil, nil, nil, container.NewVScroll(body))
	}
	content := container.NewGridWithColumns(4,
		col(loc.T("detail.people"), group(people, m.personName, func(k string) bool { return next.People[k] }, func(k string, v bool) { Toggle(&next.People, k, v) })),
		col(loc.T("detail.organizations"), group(orgs, m.orgName, func(k string) bool { return next.Organizations[k] }, func(k string, v bool) { Toggle(&next.Organizations, k, v) })),
		col(loc.T("detail.category"), group(cats, func(k string) string { return loc.T("category." + k) },
			func(k string) bool { return next.Categories[data.Category(k)] }, func(k string, v bool) { Toggle(&next.Categories, data.Category(k), v) })),
		col(loc.T("detail.status"), group(sts, func(k string) string { return loc.T("status." + k) },
			func(k string) bool { return next.Statuses[data.Status(k)] }, func(k string, v bool) { Toggle(&next.Statuses, data.Status(k), v) })),
	)
	dates := container.NewHBox(heading(loc.T("filter.range")), widget.NewLabel(loc.T("filter.from")),
		container.NewGridWrap(fyne.NewSize(230, from.MinSize().Height), from),
		widget.NewLabel(loc.T("filter.to")), container.NewGridWrap(fyne.NewSize(230, to.MinSize().Height), to))
	body := container.NewBorder(nil, dates, nil, nil, content)
	d := dialog.NewCustomConfirm(loc.T("filter.title"), loc.T("filter.apply"), loc.T("filter.cancel"), body, func(ok bool) {
		if !ok {
			return
		}
		next.From, _ = data.ParseDate(strings.TrimSpace(from.Text))
		next.To, _ = data.ParseDate(strings.TrimSpace(to.Text))
		if !next.From.IsZero() && !next.To.IsZero() && next.To.EndTime().Before(next.From.Time()) {
			next.From, next.To = next.To, next.From
		}
		m.SetFilter(next)
	}, m.win)
	d.Resize(fyne.NewSize(1000, 560))
	d.Show()
}
