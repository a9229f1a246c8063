package ui

import (
	"fmt"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/i18n"
	"aitimeline/ui/timeline"
)

// Citation formats a source as a one-line citation in the current language,
// e.g. for a footnote: Publisher, “Title”, date. URL.
func Citation(loc *i18n.Localizer, s data.Source) string {
	date := s.Date
	if d, err := data.ParseDate(s.Date); err == nil {
		date = loc.Date(d)
	}
	return loc.T("detail.citation", "Publisher", s.Publisher, "Title", s.Title, "Date", date, "URL", s.URL)
}

// OpenSourceURL opens raw in the browser after checking it is http(s); any
// other scheme (file:, javascript:, …) is refused with a localized message.
func OpenSourceURL(a fyne.App, win fyne.Window, loc *i18n.Localizer, raw string) error {
	if err := data.CheckURL(raw); err != nil {
		e := fmt.Errorf("%s", loc.T("detail.bad_url", "URL", raw))
		if win != nil {
			dialog.ShowError(e, win)
		}
		return e
	}
	u, _ := url.Parse(strings.TrimSpace(raw))
	if err := a.OpenURL(u); err != nil {
		e := fmt.Errorf("%s", loc.T("detail.open_failed", "Error", err))
		if win != nil {
			dialog.ShowError(e, win)
		}
		return e
	}
	return nil
}

// detailView builds the pane for event i from its details (read by
// showDetail off the UI goroutine). It holds no state of its own.
func (m *Main) detailView(i int, ev *data.Event, related []int, err error) fyne.CanvasObject {
	loc := m.loc
	none := func(msg string) fyne.CanvasObject {
		l := widget.NewLabel(msg)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.LowImportance
		return container.NewPadded(l)
	}
	if i < 0 || ev == nil {
		return none(loc.T("detail.none"))
	}
	if err != nil {
		return none(loc.T("detail.error", "Error", err))
	}
	title := widget.NewLabel(loc.Text(ev.Title))
	title.TextStyle.Bold = true
	title.SizeName = theme.SizeNameSubHeadingText
	title.Wrapping = fyne.TextWrapWord

	facts := widget.NewForm(
		widget.NewFormItem(loc.T("detail.date"), widget.NewLabel(loc.DateRange(ev.Date, ev.End))),
		widget.NewFormItem(loc.T("detail.category"), container.NewHBox(timeline.NewSwatch(ev.Category, data.StFact, 12), widget.NewLabel(loc.T("category."+string(ev.Category))))),
		widget.NewFormItem(loc.T("detail.status"), wrapLabel(loc.T("status."+string(ev.Status))+": "+loc.T("status_help."+string(ev.Status)))),
	)
	if era := m.eraOf(ev); era != nil {
		facts.Append(loc.T("detail.era"), widget.NewLabel(loc.Text(era.Title)))
	}
	parts := []fyne.CanvasObject{title, facts, wrapLabel(loc.Text(ev.Summary))}
	if !ev.Note.IsZero() {
		n := wrapLabel(loc.T("detail.note") + ": " + loc.Text(ev.Note))
		n.Importance = widget.LowImportance
		parts = append(parts, n)
	}
	if len(ev.People) > 0 {
		parts = append(parts, heading(loc.T("detail.people")))
		for _, p := range ev.People {
			id := p.PersonID
			b := widget.NewButtonWithIcon(m.personName(id)+" – "+loc.Text(p.Role), theme.AccountIcon(), func() { m.ShowPerson(id) })
			b.Alignment = widget.ButtonAlignLeading
			b.Importance = widget.LowImportance
			parts = append(parts, b)
		}
	}
	if len(ev.Organizations) > 0 {
		var names []string
		for _, o := range ev.Organizations {
			names = append(names, m.orgName(o))
		}
		parts = append(parts, heading(loc.T("detail.organizations")), wrapLabel(strings.Join(names, ", ")))
	}
	parts = append(parts, heading(loc.T("detail.sources")))
	for _, s := range ev.Sources {
		parts = append(parts, m.sourceRow(s))
	}
	if len(ev.Accounts) > 0 {
		parts = append(parts, heading(loc.T("detail.accounts")))
		cols := container.NewGridWithColumns(min(len(ev.Accounts), 2))
		for _, a := range ev.Accounts {
			name := m.personName(a.Party)
			if name == a.Party {
				name = m.orgName(a.Party)
			}
			box := container.NewVBox(heading(name), wrapLabel(loc.Text(a.Text)))
			for _, s := range a.Sources {
				box.Add(m.sourceRow(s))
			}
			cols.Add(box)
		}
		parts = append(parts, cols)
	}
	if len(related) > 0 {
		parts = append(parts, heading(loc.T("detail.related")))
		for _, k := range related {
			parts = append(parts, m.eventLink(k))
		}
	}
	prev := widget.NewButtonWithIcon(loc.T("detail.previous"), theme.NavigateBackIcon(), func() { m.step(-1) })
	next := widget.NewButtonWithIcon(loc.T("detail.next"), theme.NavigateNextIcon(), func() { m.step(1) })
	next.IconPlacement = widget.ButtonIconTrailingText
	parts = append(parts, container.NewHBox(prev, next))
	return container.NewVScroll(container.NewPadded(container.NewVBox(parts...)))
}

func (m *Main) sourceRow(s data.Source) fyne.CanvasObject {
	loc := m.loc
	date := s.Date
	if d, err := data.ParseDate(s.Date); err == nil {
		date = loc.Date(d)
	}
	t := widget.NewLabel(s.Title)
	t.Wrapping = fyne.TextWrapWord
	t.TextStyle.Italic = true
	meta := widget.NewLabel(loc.T("detail.source_line", "Publisher", s.Publisher, "Date", date, "Language", s.Language))
	meta.Importance = widget.LowImportance
	meta.Wrapping = fyne.TextWrapWord
	open := widget.NewButtonWithIcon(loc.T("detail.open"), theme.ComputerIcon(), func() { OpenSourceURL(m.app, m.win, loc, s.URL) })
	buttons := container.NewHBox(open)
	if s.ArchiveURL != "" {
		buttons.Add(widget.NewButtonWithIcon(loc.T("detail.open_archive"), theme.HistoryIcon(), func() { OpenSourceURL(m.app, m.win, loc, s.ArchiveURL) }))
	}
	buttons.Add(widget.NewButtonWithIcon(loc.T("detail.copy_citation"), theme.ContentCopyIcon(), func() {
		m.app.Clipboard().SetContent(Citation(loc, s))
		m.status.SetText(loc.T("detail.copied"))
	}))
	return container.NewVBox(t, meta, buttons)
}

// ShowPerson opens the People tab on a person's card.
func (m *Main) ShowPerson(id string) {
	m.personShown = id
	m.tabs.Select(m.peopleTab)
}

func wrapLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func heading(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.TextStyle.Bold = true
	return l
}

func (m *Main) eraOf(ev *data.Event) *data.Era {
	t := ev.Date.Time()
	for i := range m.ctx.Eras {
		e := &m.ctx.Eras[i]
		if !t.Before(e.From.Time()) && t.Before(e.To.EndTime()) {
			return e
		}
	}
	return nil
}

func (m *Main) personName(id string) string {
	if p, ok := m.people[id]; ok {
		return p.Name
	}
	return id
}

func (m *Main) orgName(id string) string {
	if o, ok := m.orgs[id]; ok {
		return o.Name
	}
	return id
}
