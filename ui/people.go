package ui

import (
	"hash/fnv"
	"image/color"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
)

// Initials of a name: first letters of the first and last word ("Sam Altman" → "SA").
func Initials(name string) string {
	f := strings.Fields(name)
	switch len(f) {
	case 0:
		return "?"
	case 1:
		return strings.ToUpper(string([]rune(f[0])[:1]))
	}
	return strings.ToUpper(string([]rune(f[0])[:1]) + string([]rune(f[len(f)-1])[:1]))
}

// avatar draws initials on a circle whose colour is derived from the ID, so a
// person keeps their colour everywhere. No photos: initials need no licence.
func avatar(id, name string, size float32) fyne.CanvasObject {
	h := fnv.New32a()
	h.Write([]byte(id))
	palette := []color.NRGBA{{0x00, 0x72, 0xB2, 0xff}, {0xD5, 0x5E, 0x00, 0xff}, {0x00, 0x9E, 0x73, 0xff}, {0xCC, 0x79, 0xA7, 0xff}, {0x56, 0x56, 0x56, 0xff}, {0x8C, 0x61, 0x00, 0xff}}
	c := canvas.NewCircle(palette[h.Sum32()%uint32(len(palette))])
	t := canvas.NewText(Initials(name), color.White)
	t.TextStyle.Bold = true
	t.TextSize = size * 0.38
	t.Alignment = fyne.TextAlignCenter
	return container.NewGridWrap(fyne.NewSquareSize(size), container.NewStack(c, container.NewCenter(t)))
}

// personEventCounts counts each person's events in the index.
func (m *Main) personEventCounts() map[string]int {
	out := map[string]int{}
	for i := 0; i < m.idx.Len(); i++ {
		for _, p := range m.idx.People(i) {
			out[m.idx.PersonID(p)]++
		}
	}
	return out
}

// peopleView is the People tab: a searchable grid of cards and, beside it,
// the selected person's full card.
func (m *Main) peopleView() fyne.CanvasObject {
	loc := m.loc
	counts := m.personEventCounts()
	search := widget.NewEntry()
	search.SetPlaceHolder(loc.T("people.search"))
	grid := container.NewGridWrap(fyne.NewSize(280, 172))
	card := container.NewStack(container.NewPadded(wrapLabel(loc.T("people.none"))))
	show := func(p *data.Person) {
		card.Objects = []fyne.CanvasObject{m.personCard(p, counts[p.ID])}
		card.Refresh()
	}
	fill := func(q string) {
		q = data.Fold(strings.TrimSpace(q))
		grid.Objects = nil
		for i := range m.ctx.People {
			p := &m.ctx.People[i]
			if q != "" && !strings.Contains(data.Fold(p.Name+" "+p.Summary.In(loc.Lang())), q) {
				continue
			}
			name := heading(p.Name)
			role := widget.NewLabel(m.currentRole(p))
			role.Truncation = fyne.TextTruncateEllipsis
			n := widget.NewLabel(loc.N("events.count", counts[p.ID]))
			n.Importance = widget.LowImportance
			open := widget.NewButton(loc.T("people.open"), func() { show(p) })
			grid.Add(widget.NewCard("", "", container.NewBorder(nil, open, avatar(p.ID, p.Name, 44), nil, container.NewVBox(name, role, n))))
		}
		grid.Refresh()
	}
	search.OnChanged = fill
	fill("")
	if m.personShown != "" {
		if p, ok := m.people[m.personShown]; ok {
			show(p)
		}
	}
	split := container.NewHSplit(container.NewBorder(search, nil, nil, nil, container.NewVScroll(grid)), card)
	split.Offset = 0.62
	return split
}

// currentRole is a one-line summary of a person's latest role.
func (m *Main) currentRole(p *data.Person) string {
	if len(p.Roles) == 0 {
		return ""
	}
	r := p.Roles[len(p.Roles)-1]
	for _, x := range p.Roles {
		if x.To == "" {
			r = x
		}
	}
	return m.loc.Text(r.Role) + ", " + m.orgName(r.Organization)
}

// personCard is the full card: avatar, name, bio, roles as a small timeline,
// and the person's events (a click shows the event on the timeline).
func (m *Main) personCard(p *data.Person, count int) fyne.CanvasObject {
	loc := m.loc
	m.personShown = p.ID
	name := widget.NewLabel(p.Name)
	name.TextStyle.Bold = true
	name.SizeName = theme.SizeNameSubHeadingText
	head := container.NewBorder(nil, nil, avatar(p.ID, p.Name, 64), nil, container.NewVBox(name, widget.NewLabel(loc.N("events.count", count))))
	follow := widget.NewButtonWithIcon(loc.T("people.follow"), theme.SearchIcon(), func() {
		m.SetFilter(Filter{People: map[string]bool{p.ID: true}})
		m.tabs.SelectIndex(0)
	})
	parts := []fyne.CanvasObject{head, wrapLabel(loc.Text(p.Summary)), follow, heading(loc.T("people.roles")), m.rolesChart(p)}
	parts = append(parts, heading(loc.T("people.events")))
	evs, _ := m.store.PersonEvents(p.ID)
	for _, i := range evs {
		parts = append(parts, m.eventLink(i))
	}
	return container.NewVScroll(container.NewPadded(container.NewVBox(parts...)))
}

// eventLink is a button that shows event i on the timeline.
func (m *Main) eventLink(i int) fyne.CanvasObject {
	b := widget.NewButton(m.loc.ShortDate(m.idx.Date(i))+" · "+m.idx.Title(i, m.loc.Lang()), func() { m.Reveal(i) })
	b.Alignment = widget.ButtonAlignLeading
	b.Importance = widget.LowImportance
	return b
}

// Reveal switches to the timeline and selects and centres event i.
func (m *Main) Reveal(i int) {
	m.tabs.SelectIndex(0)
	if m.match != nil && !m.match(i) {
		m.SetFilter(Filter{}) // the event is filtered out: show it rather than nothing
	}
	m.tl.SelectAndReveal(i)
}

// rolesChart draws a person's roles as bars on a 2015–today axis with the
// role, organisation and years beside each bar.
func (m *Main) rolesChart(p *data.Person) fyne.CanvasObject {
	loc := m.loc
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	end := m.ctx.Meta.AsOf.EndTime()
	box := container.NewVBox()
	for _, r := range p.Roles {
		from, to := start, end
		if d, err := data.ParseDate(r.From); err == nil {
			from = d.Time()
		}
		if d, err := data.ParseDate(r.To); err == nil {
			to = d.EndTime()
		}
		years := yearsLabel(r.From, r.To, loc.T("people.today"))
		label := widget.NewLabel(loc.Text(r.Role) + " · " + m.orgName(r.Organization) + " · " + years)
		label.Wrapping = fyne.TextWrapWord
		box.Add(container.NewBorder(nil, nil, &roleBar{from: from, to: to, start: start, end: end}, nil, label))
	}
	return box
}

func yearsLabel(from, to, present string) string {
	y := func(s string) string {
		if len(s) >= 4 {
			return s[:4]
		}
		return s
	}
	switch {
	case from == "" && to == "":
		return ""
	case to == "":
		return y(from) + "–" + present
	case y(from) == y(to):
		return y(from)
	}
	return y(from) + "–" + y(to)
}

// roleBar is a tiny chart: the period of a role on the 2015–today axis.
type roleBar struct {
	widget.BaseWidget
	from, to, start, end time.Time
}

func (b *roleBar) CreateRenderer() fyne.WidgetRenderer {
	b.ExtendBaseWidget(b)
	track := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	bar.CornerRadius = 3
	track.CornerRadius = 3
	return &roleBarRenderer{b: b, track: track, bar: bar}
}

type roleBarRenderer struct {
	b          *roleBar
	track, bar *canvas.Rectangle
}

func (r *roleBarRenderer) Layout(s fyne.Size) {
	total := r.b.end.Sub(r.b.start).Seconds()
	x0 := float32(max(0, r.b.from.Sub(r.b.start).Seconds()/total)) * s.Width
	x1 := float32(min(1, r.b.to.Sub(r.b.start).Seconds()/total)) * s.Width
	y := s.Height/2 - 5
	r.track.Move(fyne.NewPos(0, y))
	r.track.Resize(fyne.NewSize(s.Width, 10))
	r.bar.Move(fyne.NewPos(x0, y))
	r.bar.Resize(fyne.NewSize(max(x1-x0, 3), 10))
}
func (r *roleBarRenderer) MinSize() fyne.Size           { return fyne.NewSize(140, 24) }
func (r *roleBarRenderer) Refresh()                     { r.track.Refresh(); r.bar.Refresh() }
func (r *roleBarRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.track, r.bar} }
func (r *roleBarRenderer) Destroy()                     {}

// sourcesView is the Sources tab: every source in a sortable, filterable
// table; selecting one lists the events citing it.
func (m *Main) sourcesView() fyne.CanvasObject {
	loc := m.loc
	all, err := m.store.Sources()
	if err != nil {
		return wrapLabel(loc.T("detail.error", "Error", err))
	}
	one, two, more, _ := m.store.SourceCoverage()
	summary := wrapLabel(loc.T("sources.summary", "Sources", len(all), "One", one, "Two", two, "More", more))
	rows := append([]data.Source(nil), all...)
	sortCol, desc := 0, false
	filter := widget.NewEntry()
	filter.SetPlaceHolder(loc.T("sources.filter"))
	events := container.NewVBox()
	cols := []string{loc.T("sources.publisher"), loc.T("sources.date"), loc.T("sources.title"), loc.T("sources.language"), loc.T("sources.events")}
	widths := []float32{200, 110, 420, 80, 80}
	cell := func(s *data.Source, c int) string {
		switch c {
		case 0:
			return s.Publisher
		case 1:
			return s.Date
		case 2:
			return s.Title
		case 3:
			return s.Language
		}
		return strconv.Itoa(s.Citations)
	}
	var table *widget.Table
	apply := func() {
		q := data.Fold(strings.TrimSpace(filter.Text))
		rows = rows[:0]
		for _, s := range all {
			if q == "" || strings.Contains(data.Fold(s.Publisher+" "+s.Title+" "+s.Date+" "+s.Language), q) {
				rows = append(rows, s)
			}
		}
		less := func(a, b *data.Source) bool {
			if sortCol == 4 {
				return a.Citations < b.Citations
			}
			return strings.ToLower(cell(a, sortCol)) < strings.ToLower(cell(b, sortCol))
		}
		sort.SliceStable(rows, func(i, j int) bool {
			if desc {
				return less(&rows[j], &rows[i])
			}
			return less(&rows[i], &rows[j])
		})
		table.UnselectAll()
		table.Refresh()
	}
	table = widget.NewTable(func() (int, int) { return len(rows), len(cols) },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(rows) {
				o.(*widget.Label).SetText(cell(&rows[id.Row], id.Col))
			}
		})
	table.ShowHeaderRow = true
	table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		label := cols[id.Col]
		if id.Col == sortCol {
			if desc {
				label += " ▼"
			} else {
				label += " ▲"
			}
		}
		b.SetText(label)
		b.OnTapped = func() {
			if sortCol == id.Col {
				desc = !desc
			} else {
				sortCol, desc = id.Col, id.Col == 4
			}
			apply()
		}
	}
	for c, w := range widths {
		table.SetColumnWidth(c, w)
	}
	table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= len(rows) {
			return
		}
		s := rows[id.Row]
		evs, _ := m.store.SourceEvents(s.ID)
		events.Objects = []fyne.CanvasObject{heading(loc.T("sources.cited_by", "Title", s.Title))}
		for _, i := range evs {
			events.Add(m.eventLink(i))
		}
		open := widget.NewButtonWithIcon(loc.T("detail.open"), theme.ComputerIcon(), func() { OpenSourceURL(m.app, m.win, loc, s.URL) })
		events.Add(container.NewHBox(open, widget.NewButtonWithIcon(loc.T("detail.copy_citation"), theme.ContentCopyIcon(), func() {
			m.app.Clipboard().SetContent(Citation(loc, s))
			m.status.SetText(loc.T("detail.copied"))
		})))
		events.Refresh()
	}
	filter.OnChanged = func(string) { apply() }
	apply()
	split := container.NewVSplit(table, container.NewVScroll(events))
	split.Offset = 0.65
	return container.NewBorder(container.NewVBox(summary, filter), nil, nil, nil, split)
}
