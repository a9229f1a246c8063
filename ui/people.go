package ui

import (
	"context"
	"hash/fnv"
	"image/color"
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

// avatarPalette are dark enough that white initials read on them (AA).
var avatarPalette = []color.NRGBA{{0x00, 0x5a, 0x8e, 0xff}, {0xa8, 0x3c, 0x00, 0xff}, {0x00, 0x6b, 0x4f, 0xff}, {0x8e, 0x3b, 0x6e, 0xff}, {0x4a, 0x4a, 0x4a, 0xff}, {0x6e, 0x4c, 0x00, 0xff}}

// AvatarColor is a person's avatar colour, derived from the ID so a person
// keeps their colour everywhere. No photos: initials need no licence.
func AvatarColor(id string) color.NRGBA {
	h := fnv.New32a()
	h.Write([]byte(id))
	return avatarPalette[h.Sum32()%uint32(len(avatarPalette))]
}

// avatar draws initials on a circle of the person's colour.
func avatar(id, name string, size float32) fyne.CanvasObject {
	c := canvas.NewCircle(AvatarColor(id))
	t := canvas.NewText(Initials(name), color.White)
	t.TextStyle.Bold = true
	t.TextSize = size * 0.38
	t.Alignment = fyne.TextAlignCenter
	return container.NewGridWrap(fyne.NewSquareSize(size), container.NewStack(c, container.NewCenter(t)))
}

// showsAvatar reports whether slot already holds the avatar that avatar
// would make for id and name (the same colour and initials). The card
// itself holds what it shows: a map of cards in the pane kept every card
// the grid's item pool ever made alive.
func showsAvatar(slot *fyne.Container, id, name string) bool {
	if len(slot.Objects) != 1 {
		return false
	}
	var circle *canvas.Circle
	var text *canvas.Text
	walkAvatar(slot.Objects[0], &circle, &text)
	return circle != nil && text != nil && circle.FillColor == color.Color(AvatarColor(id)) && text.Text == Initials(name)
}

// walkAvatar finds the circle and the initials of an avatar.
func walkAvatar(o fyne.CanvasObject, circle **canvas.Circle, text **canvas.Text) {
	switch x := o.(type) {
	case *canvas.Circle:
		*circle = x
	case *canvas.Text:
		*text = x
	case *fyne.Container:
		for _, c := range x.Objects {
			walkAvatar(c, circle, text)
		}
	}
}

// PeoplePane is the People tab, built once: a searchable grid of people
// (the whole card opens the profile) and the chosen person's profile with
// their roles and events. Counts and event lists are computed off the UI
// goroutine; the grid and the event list are virtualised.
type PeoplePane struct {
	s       *Session
	tab     *container.TabItem
	search  *FieldEntry
	grid    *widget.GridWrap
	shown   []*data.Person // the people the grid shows
	counts  map[string]int // events per person (nil until counted)
	profile *fyne.Container
	person  string // the person whose profile is shown
	events  []int  // that person's events
	evList  *widget.List
	// Extra adds to a person's profile (the notebook's note on them).
	Extra func(personID string) fyne.CanvasObject
}

func newPeoplePane(s *Session) *PeoplePane {
	p := &PeoplePane{s: s, search: NewFieldEntry(), profile: container.NewStack()}
	view := s.View()
	s.OnFilter(func() { // the user's own events renumber the events: list the person's again
		if v := s.View(); v != view {
			view = v
			if p.person != "" {
				p.loadEvents(p.person)
			}
		}
	})
	p.search.OnChanged = func(string) { p.filter() }
	p.grid = widget.NewGridWrap(func() int { return len(p.shown) },
		func() fyne.CanvasObject {
			// fitLabels, not truncating widget.Labels (textcache.go): the
			// same pictures, each text shaped once.
			name := newFitLabel(s.fit, fyne.TextStyle{Bold: true}, "")
			role := newFitLabel(s.fit, fyne.TextStyle{}, "")
			count := newFitLabel(s.fit, fyne.TextStyle{}, theme.ColorNamePlaceHolder)
			// The avatar's room from the start: the card's border layout
			// sizes its left column when the card is made, and an empty
			// stack there let the avatar cover the name.
			room := canvas.NewRectangle(color.Transparent)
			room.SetMinSize(fyne.NewSquareSize(44))
			av := container.NewStack(room)
			card := container.NewPadded(container.NewBorder(nil, nil, av, nil, container.NewVBox(name, role, count)))
			// A fixed cell: the grid sizes every cell like the template;
			// wider with larger text, so that at 200 % the count and most of
			// the role still fit beside the avatar.
			// The card fills the cell (a Stack): a card made before the text
			// size changed takes the size of the grid's new template.
			w := 290 * theme.TextSize() / theme.DefaultTheme().Size(theme.SizeNameText)
			cell := canvas.NewRectangle(color.Transparent)
			cell.SetMinSize(fyne.NewSize(max(290, w), card.MinSize().Height))
			return container.NewStack(cell, card)
		},
		func(id widget.GridWrapItemID, o fyne.CanvasObject) {
			if id >= len(p.shown) {
				return
			}
			per := p.shown[id]
			b := o.(*fyne.Container).Objects[1].(*fyne.Container).Objects[0].(*fyne.Container)
			texts := b.Objects[0].(*fyne.Container)
			texts.Objects[0].(*fitLabel).SetText(per.Name)
			texts.Objects[1].(*fitLabel).SetText(p.currentRole(per))
			n := ""
			if p.counts != nil {
				n = s.Loc.N("events.count", p.counts[per.ID])
			}
			texts.Objects[2].(*fitLabel).SetText(n)
			av := b.Objects[1].(*fyne.Container)
			if !showsAvatar(av, per.ID, per.Name) { // a card keeps an avatar that looks the same
				av.Objects = []fyne.CanvasObject{avatar(per.ID, per.Name, 44)}
				av.Refresh()
			}
		})
	p.grid.OnSelected = func(id widget.GridWrapItemID) {
		if id < len(p.shown) {
			p.Show(p.shown[id].ID)
		}
	}
	p.evList = widget.NewList(func() int { return len(p.events) },
		func() fyne.CanvasObject { return newFitLabel(s.fit, fyne.TextStyle{}, "") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(p.events) {
				i := p.events[id]
				o.(*fitLabel).SetText(s.Loc.ShortDate(s.Idx.Date(i)) + " · " + s.EventTitle(i))
			}
		})
	p.evList.OnSelected = func(id widget.ListItemID) {
		if id < len(p.events) {
			s.Reveal(p.events[id])
		}
		p.evList.UnselectAll()
	}
	split := container.NewHSplit(container.NewBorder(p.search, nil, nil, nil, p.grid), p.profile)
	split.Offset = s.Prefs.Split("people", 0.55)
	p.tab = container.NewTabItemWithIcon("", theme.AccountIcon(), split)
	s.showPerson = p.Show
	p.filter()
	// Counting events per person reads the whole index: off the UI goroutine.
	idx := s.Idx
	s.Q.Run("people-counts", func(ctx context.Context) func() {
		counts := map[string]int{}
		n := make([]int, idx.PersonCount())
		for i := 0; i < idx.Len(); i++ {
			if i%65536 == 0 && ctx.Err() != nil {
				return nil
			}
			for _, q := range idx.People(i) {
				n[q]++
			}
		}
		for q, c := range n {
			counts[idx.PersonID(uint16(q))] = c
		}
		return func() {
			p.counts = counts
			p.grid.Refresh()
			if p.person != "" {
				p.renderProfile()
			}
		}
	})
	p.Relabel()
	return p
}

// Tab is the People tab.
func (p *PeoplePane) Tab() *container.TabItem { return p.tab }

// Relabel redraws the tab's texts in the current language.
func (p *PeoplePane) Relabel() {
	p.tab.Text = p.s.Loc.T("tab.people")
	p.search.SetPlaceHolder(p.s.Loc.T("people.search"))
	p.grid.Refresh()
	p.evList.Refresh()
	p.renderProfile()
}

func (p *PeoplePane) filter() {
	s := p.s
	q := data.Fold(strings.TrimSpace(p.search.Text))
	p.shown = p.shown[:0]
	// Name matches first, then role, then bio, each in the dataset's
	// order: "Musk" must list Elon Musk before the people whose bios
	// mention him.
	var byRole, byBio []*data.Person
	for i := range s.DS.People {
		per := &s.DS.People[i]
		switch {
		case q == "" || strings.Contains(data.Fold(per.Name), q):
			p.shown = append(p.shown, per)
		case strings.Contains(data.Fold(p.currentRole(per)), q):
			byRole = append(byRole, per)
		case strings.Contains(data.Fold(per.Summary.In(s.Loc.Lang())), q):
			byBio = append(byBio, per)
		}
	}
	p.shown = append(append(p.shown, byRole...), byBio...)
	p.grid.UnselectAll()
	p.grid.Refresh()
}

// Show opens the People tab on a person's profile.
func (p *PeoplePane) Show(id string) {
	s := p.s
	if _, ok := s.Person(id); !ok {
		return
	}
	p.person = id
	p.events = nil
	s.ShowTab("people")
	p.renderProfile()
	p.loadEvents(id)
}

// loadEvents finds person id's events off the UI goroutine.
func (p *PeoplePane) loadEvents(id string) {
	s := p.s
	idx := s.Idx
	s.Q.Run("person", func(ctx context.Context) func() {
		num, ok := idx.PersonNumber(id)
		var evs []int
		for i := 0; ok && i < idx.Len(); i++ {
			if i%65536 == 0 && ctx.Err() != nil {
				return nil
			}
			for _, q := range idx.People(i) {
				if q == num {
					evs = append(evs, i)
					break
				}
			}
		}
		return func() {
			if p.person == id && s.Idx == idx {
				p.events = evs
				p.evList.Refresh()
				p.evList.ScrollToTop()
			}
		}
	})
}

// Person is the person whose profile is shown ("" for none).
func (p *PeoplePane) Person() string { return p.person }

// currentRole is a one-line summary of a person's latest role.
func (p *PeoplePane) currentRole(per *data.Person) string {
	if len(per.Roles) == 0 {
		return ""
	}
	r := per.Roles[len(per.Roles)-1]
	for _, x := range per.Roles {
		if x.To == "" {
			r = x
		}
	}
	return p.s.Loc.Text(r.Role) + ", " + p.s.OrgName(r.Organization)
}

// renderProfile shows the chosen person: avatar, name, bio, roles as bars on
// a 2015–today axis, a button that filters the timeline to them, and their
// events (a click shows one on the timeline).
func (p *PeoplePane) renderProfile() {
	s, loc := p.s, p.s.Loc
	per, ok := s.Person(p.person)
	if !ok {
		p.profile.Objects = []fyne.CanvasObject{container.NewPadded(secondary(loc.T("people.none"), true))}
		p.profile.Refresh()
		return
	}
	name := widget.NewLabel(per.Name)
	name.TextStyle.Bold = true
	name.SizeName = theme.SizeNameSubHeadingText
	name.Wrapping = fyne.TextWrapWord // a long name at 200 % must not widen the window
	count := ""
	if p.counts != nil {
		count = loc.N("events.count", p.counts[per.ID])
	}
	head := container.NewBorder(nil, nil, avatar(per.ID, per.Name, 64), nil, container.NewVBox(name, secondary(count, false)))
	id := per.ID
	follow := widget.NewButtonWithIcon(loc.T("people.follow"), theme.SearchIcon(), func() {
		s.ShowTab("timeline")
		s.setFilter(Filter{People: map[string]bool{id: true}})
	})
	actions := container.NewHBox(follow)
	if p.Extra != nil {
		if o := p.Extra(id); o != nil {
			actions.Add(o)
		}
	}
	// The buttons scroll sideways when wider than the pane, so the card
	// (and the bio that wraps in it) keeps the pane's width.
	top := container.NewVBox(head, wrapLabel(loc.Text(per.Summary)), container.NewHScroll(actions), heading(loc.T("people.roles")), p.rolesChart(per))
	// The card scrolls inside the pane: laid out at its full height it
	// made the window's minimum size taller (and, with its buttons,
	// wider) than the screen at 200 % text, and that size was saved.
	card := container.NewVScroll(container.NewPadded(top))
	events := container.NewBorder(container.NewPadded(heading(loc.T("people.events"))), nil, nil, nil, p.evList)
	split := container.NewVSplit(card, events)
	split.Offset = 0.6
	p.profile.Objects = []fyne.CanvasObject{split}
	p.profile.Refresh()
}

// rolesChart draws a person's roles as bars on a 2015–today axis with the
// role, organisation and years beside each bar.
func (p *PeoplePane) rolesChart(per *data.Person) fyne.CanvasObject {
	loc := p.s.Loc
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	end := p.s.DS.Meta.AsOf.EndTime()
	box := container.NewVBox()
	for _, r := range per.Roles {
		from, to := start, end
		if d, err := data.ParseDate(r.From); err == nil {
			from = d.Time()
		}
		if d, err := data.ParseDate(r.To); err == nil {
			to = d.EndTime()
		}
		years := yearsLabel(r.From, r.To, loc.T("people.today"))
		label := widget.NewLabel(loc.Text(r.Role) + " · " + p.s.OrgName(r.Organization) + " · " + years)
		label.Wrapping = fyne.TextWrapWord
		box.Add(container.NewBorder(nil, nil, newRoleBar(from, to, start, end), nil, label))
	}
	if len(per.Roles) > 0 {
		// The axis under the bars, and what the bars mean: without them a
		// reader saw grey tracks with coloured stretches and no scale.
		caption := secondary(loc.T("people.roles_axis", "From", start.Year(), "To", end.Year()), true)
		box.Add(container.NewBorder(nil, nil, newRoleAxis(start, end), nil, caption))
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

func newRoleBar(from, to, start, end time.Time) *roleBar {
	b := &roleBar{from: from, to: to, start: start, end: end}
	b.ExtendBaseWidget(b)
	return b
}

func (b *roleBar) CreateRenderer() fyne.WidgetRenderer {
	r := &roleBarRenderer{b: b, track: canvas.NewRectangle(color.Transparent), bar: canvas.NewRectangle(color.Transparent)}
	r.bar.CornerRadius, r.track.CornerRadius = 3, 3
	r.Refresh()
	return r
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
func (r *roleBarRenderer) MinSize() fyne.Size { return fyne.NewSize(140, 24) }
func (r *roleBarRenderer) Refresh() {
	th, v := r.b.Theme(), fyne.CurrentApp().Settings().ThemeVariant()
	r.track.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.bar.FillColor = th.Color(theme.ColorNamePrimary, v)
	r.track.Refresh()
	r.bar.Refresh()
}
func (r *roleBarRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.track, r.bar} }
func (r *roleBarRenderer) Destroy()                     {}

// roleAxis is the scale under the role bars: the first and last year at
// the ends and each fifth year between, with ticks, as wide as a bar.
type roleAxis struct {
	widget.BaseWidget
	start, end time.Time
}

func newRoleAxis(start, end time.Time) *roleAxis {
	a := &roleAxis{start: start, end: end}
	a.ExtendBaseWidget(a)
	return a
}

// years are the years the axis names: the first, every fifth between
// (when not crowding an end), the last.
func (a *roleAxis) years() []int {
	first, last := a.start.Year(), a.end.Year()
	out := []int{first}
	for y := (first/5 + 1) * 5; y < last; y += 5 {
		if y-first >= 3 && last-y >= 3 {
			out = append(out, y)
		}
	}
	if last != first {
		out = append(out, last)
	}
	return out
}

func (a *roleAxis) CreateRenderer() fyne.WidgetRenderer {
	r := &roleAxisRenderer{a: a}
	for _, y := range a.years() {
		t := canvas.NewText(strconv.Itoa(y), color.Black)
		r.labels = append(r.labels, t)
		r.ticks = append(r.ticks, canvas.NewRectangle(color.Black))
	}
	r.Refresh()
	return r
}

type roleAxisRenderer struct {
	a      *roleAxis
	labels []*canvas.Text
	ticks  []*canvas.Rectangle
}

// x is where year y starts on an axis of width w (as roleBar places it).
func (r *roleAxisRenderer) x(y int, w float32) float32 {
	total := r.a.end.Sub(r.a.start).Seconds()
	t := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	if y == r.a.end.Year() && y != r.a.start.Year() {
		t = r.a.end // the last label names the axis's end
	}
	return float32(min(1, max(0, t.Sub(r.a.start).Seconds()/total))) * w
}

func (r *roleAxisRenderer) Layout(s fyne.Size) {
	years := r.a.years()
	for k, t := range r.labels {
		x := r.x(years[k], s.Width)
		m := t.MinSize()
		lx := x - m.Width/2
		switch k {
		case 0:
			lx = 0 // the ends are flush with the bars' ends
		case len(r.labels) - 1:
			lx = s.Width - m.Width
		}
		t.Move(fyne.NewPos(lx, 5))
		t.Resize(m)
		r.ticks[k].Move(fyne.NewPos(min(x, s.Width-1), 0))
		r.ticks[k].Resize(fyne.NewSize(1, 4))
	}
}

func (r *roleAxisRenderer) MinSize() fyne.Size {
	h := float32(0)
	for _, t := range r.labels {
		h = max(h, t.MinSize().Height)
	}
	return fyne.NewSize(140, h+5) // 140: a role bar's width
}

func (r *roleAxisRenderer) Refresh() {
	th, v := r.a.Theme(), fyne.CurrentApp().Settings().ThemeVariant()
	for k, t := range r.labels {
		t.Color = th.Color(theme.ColorNamePlaceHolder, v)
		t.TextSize = th.Size(theme.SizeNameCaptionText)
		t.Refresh()
		r.ticks[k].FillColor = t.Color
		r.ticks[k].Refresh()
	}
	r.Layout(r.a.Size())
}
func (r *roleAxisRenderer) Objects() []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, 0, 2*len(r.labels))
	for k := range r.labels {
		out = append(out, r.labels[k], r.ticks[k])
	}
	return out
}
func (r *roleAxisRenderer) Destroy() {}
