package ui

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/data/cite"
	"aitimeline/i18n"
	"aitimeline/ui/timeline"
)

// Citation formats a source as a one-line citation in the current language,
// e.g. for a footnote: Publisher, “Title”, date. URL (accessed DATE).
func Citation(loc *i18n.Localizer, s data.Source, accessed time.Time) string {
	date := s.Date
	if d, err := data.ParseDate(s.Date); err == nil {
		date = loc.Date(d)
	}
	acc := loc.Date(data.Date{Year: accessed.Year(), Month: int(accessed.Month()), Day: accessed.Day(), Precision: data.Day})
	return loc.T("detail.cite_line", "Publisher", s.Publisher, "Title", s.Title, "Date", date, "URL", s.URL, "Accessed", acc)
}

// Domain is the host of a source link without "www.", shown so a reader
// knows where a link goes before opening it.
func Domain(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// OpenSourceURL opens raw in the browser after checking it is http(s); any
// other scheme (file:, javascript:, …) is refused with a localized message.
// status, when set, confirms "Opening example.com …".
func OpenSourceURL(a fyne.App, win fyne.Window, loc *i18n.Localizer, status *Status, raw string) error {
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
	if status != nil {
		status.Set("detail", loc.T("detail.opening", "Domain", Domain(raw)))
	}
	return nil
}

// DetailSection adds a part to the detail pane for an event (the notebook's
// notes and tags); it is called on the UI goroutine after the details arrive.
type DetailSection func(i int, ev *data.Event) fyne.CanvasObject

// DetailPane shows the selected event: what happened, when, each side's
// account, who took part, the story it belongs to, and its sources. It reads
// the details off the UI goroutine and drops a result a newer selection
// has overtaken.
type DetailPane struct {
	s         *Session
	root      *fyne.Container
	scroll    *container.Scroll
	shown     int        // the event shown (-1: none)
	shownID   string     // its ID (the user's own events may renumber it)
	numbering *EventView // the numbering shownID was shown in
	large     bool       // reader view: larger type
	sections  []DetailSection
	// Welcome, when set, is shown while no event is selected (first start).
	Welcome func() fyne.CanvasObject
	now     func() time.Time
	onShown func(i int, query, wait, build time.Duration) // after event i was shown from the index (trace)
	onFull  func(i int, query, wait, build time.Duration) // after its details were read and shown (trace)
}

func newDetailPane(s *Session, large bool) *DetailPane {
	d := &DetailPane{s: s, root: container.NewStack(), shown: -1, large: large, now: time.Now, numbering: s.View()}
	d.scroll = container.NewVScroll(d.root)
	d.show(-1)
	s.OnFilter(func() {
		// The user's own events renumbered the events: show the same event
		// under its new number (what is selected stays selected by ID too).
		if v := s.View(); v != d.numbering {
			d.numbering = v
			if d.shownID != "" {
				d.show(s.Idx.Find(d.shownID))
			}
		}
	})
	return d
}

// Widget is the pane.
func (d *DetailPane) Widget() fyne.CanvasObject { return d.scroll }

// AddSection adds a part shown after the summary and both sides' accounts.
func (d *DetailPane) AddSection(f DetailSection) { d.sections = append(d.sections, f) }

// Shown is the event the pane shows, or -1.
func (d *DetailPane) Shown() int { return d.shown }

// show reads event i's details and shows them; -1 shows the hint.
func (d *DetailPane) show(i int) {
	kind := "detail"
	if d.large {
		kind = "reader"
	}
	if i < 0 || i >= d.s.Idx.Len() {
		d.s.Q.Cancel(kind)
		d.s.Q.Cancel(kind + "-rest")
		d.shown, d.shownID = -1, ""
		if d.Welcome != nil && !d.large {
			d.set(container.NewPadded(container.NewVBox(d.Welcome(), secondary(d.s.Loc.T("detail.none"), true))))
			return
		}
		d.set(d.placeholder(d.s.Loc.T("detail.none")))
		return
	}
	s, view := d.s, d.s.View()
	// What the index knows (title, date, category, claim status, era) at
	// once, in the frame that shows the selection: the pane never shows
	// the previous event while the details are read.
	t0 := time.Now()
	pre := d.indexEvent(i)
	box := container.NewVBox(d.head(&pre)...)
	same := d.shownID == pre.ID
	d.shown, d.shownID = i, pre.ID
	d.setKeepScroll(container.NewPadded(box), same)
	if d.onShown != nil {
		d.onShown(i, 0, 0, time.Since(t0))
	}
	d.s.Q.Cancel(kind + "-rest")
	d.s.Q.Run(kind, func(ctx context.Context) func() {
		ev, err := view.EventAt(ctx, i)
		var rel []int
		if err == nil {
			rel, _ = view.Related(ctx, i, 6)
		}
		if ctx.Err() != nil {
			return nil
		}
		t1 := time.Now()
		return func() {
			t2 := time.Now()
			if s.View() != view || d.shown != i {
				return // the numbering changed meanwhile; a new show is on its way
			}
			if err != nil {
				d.set(d.placeholder(d.s.Loc.T("detail.error", "Error", err)))
				return
			}
			// Then the summary; the rest (accounts, notebook, people,
			// sources) a moment later, so the summary does not wait for
			// every wrapped line of the sources to be laid out.
			if sameHead(&pre, &ev) {
				// Title, date, category, status and era are shown
				// already: only the summary is new (building the head
				// again would measure every wrapped line again).
				if !ev.Summary.IsZero() {
					box.Objects = append(box.Objects, d.summary(&ev))
					d.relayout(box)
				}
			} else {
				box.Objects = d.head(&ev)
				d.relayout(box)
			}
			if d.onFull != nil {
				d.onFull(i, t1.Sub(t0), t2.Sub(t1), time.Since(t2))
			}
			d.s.Q.Later(kind+"-rest", 0, func() {
				if d.shown != i || s.View() != view {
					return
				}
				box.Objects = append(box.Objects, d.rest(i, &ev, rel)...)
				d.relayout(box)
			})
		}
	})
}

// indexEvent is event i as far as the index knows it (no summary, people
// or sources).
func (d *DetailPane) indexEvent(i int) data.Event {
	x := d.s.Idx
	return data.Event{ID: x.ID(i), Date: x.Date(i), End: x.End(i), Category: x.Category(i), Status: x.Status(i),
		Title: data.Text{EN: x.Title(i, data.EN), DE: x.Title(i, data.DE)}}
}

// Refresh shows the same event again (after a language switch or a change
// of its notes), where the reader had scrolled to.
func (d *DetailPane) Refresh() {
	if d.shownID == "" {
		d.show(-1)
		return
	}
	d.show(d.s.Idx.Find(d.shownID))
}

func (d *DetailPane) set(o fyne.CanvasObject) { d.setKeepScroll(o, false) }

// ScrollTo scrolls the pane so that o (a part of it) is in view, near the top.
func (d *DetailPane) ScrollTo(o fyne.CanvasObject) {
	d.scroll.Refresh() // the content may have grown (a note opened for writing)
	drv := fyne.CurrentApp().Driver()
	y := drv.AbsolutePositionForObject(o).Y - drv.AbsolutePositionForObject(d.scroll).Y + d.scroll.Offset.Y
	if top, bottom := d.scroll.Offset.Y, d.scroll.Offset.Y+d.scroll.Size().Height; y >= top && y+o.Size().Height <= bottom {
		return // already in view
	}
	d.scroll.ScrollToOffset(fyne.NewPos(0, max(0, y-theme.Padding()*4)))
}

// setKeepScroll shows o, at the top unless keep (the same event again).
func (d *DetailPane) setKeepScroll(o fyne.CanvasObject, keep bool) {
	off := d.scroll.Offset
	d.root.Objects = []fyne.CanvasObject{o}
	d.relayout(d.root)
	if keep {
		d.scroll.ScrollToOffset(off)
	} else {
		d.scroll.ScrollToTop()
	}
}

// relayout lays out c, whose objects are new (or grew): unlike
// c.Refresh, it does not refresh every object again, which would measure
// each wrapped line and decode each button's icon a second time.
func (d *DetailPane) relayout(c *fyne.Container) {
	c.Layout.Layout(c.Objects, c.Size())
	// The content's height changed: the scroll's renderer resizes it (and
	// so lays it out again if its size changed) and its bars. Scroll.Refresh
	// would also refresh the whole content.
	d.scroll.Base.Refresh()
	canvas.Refresh(c) // and draw it
}

func (d *DetailPane) placeholder(msg string) fyne.CanvasObject {
	return container.NewPadded(secondary(msg, true))
}

// head is what happened: title, date, category, claim status, era, summary.
func (d *DetailPane) head(ev *data.Event) []fyne.CanvasObject {
	loc := d.s.Loc
	title := widget.NewLabel(loc.Text(ev.Title))
	title.TextStyle.Bold = true
	title.SizeName = theme.SizeNameSubHeadingText
	if d.large {
		title.SizeName = theme.SizeNameHeadingText
	}
	title.Wrapping = fyne.TextWrapWord

	status := widget.NewFormItem(loc.T("detail.status"), container.NewBorder(nil, nil, container.NewCenter(timeline.NewSwatch(ev.Category, ev.Status, 14)), nil,
		wrapLabel(loc.T("status."+string(ev.Status))+": "+loc.T("status_help."+string(ev.Status)))))
	if ev.Status == "" { // the user's own event: no claim status of the dataset's
		status = widget.NewFormItem(loc.T("detail.status"), wrapLabel(loc.T("detail.own_event")))
	}
	items := []*widget.FormItem{
		widget.NewFormItem(loc.T("detail.date"), wrapLabel(loc.DateRange(ev.Date, ev.End))),
		widget.NewFormItem(loc.T("detail.category"), container.NewHBox(timeline.NewSwatch(ev.Category, data.StFact, 14), widget.NewLabel(loc.T("category."+string(ev.Category))))),
		status,
	}
	if era := d.eraOf(ev); era != nil {
		// In the form from the start: Form.Append lays the whole form out
		// again, every wrapped line measured twice.
		items = append(items, widget.NewFormItem(loc.T("detail.era"), wrapLabel(loc.Text(era.Title))))
	}
	facts := widget.NewForm(items...)
	if ev.Summary.IsZero() {
		return []fyne.CanvasObject{title, facts}
	}
	return []fyne.CanvasObject{title, facts, d.summary(ev)}
}

// summary is the event's summary, the last part of head.
func (d *DetailPane) summary(ev *data.Event) fyne.CanvasObject {
	return wrapLabel(d.s.Loc.Text(ev.Summary))
}

// sameHead tells whether head shows the same for both events apart from
// the summary: what the index knows agrees with what was read.
func sameHead(a, b *data.Event) bool {
	return a.ID == b.ID && a.Title == b.Title && a.Date == b.Date && a.End == b.End && a.Category == b.Category && a.Status == b.Status
}

// rest is everything after the summary: each side's account, the dataset's
// note, the notebook's sections, people, organisations, the story, the
// sources, related events and the buttons. The two sides' accounts of a
// disputed event come right after the summary: they are what a reader of
// a contested story needs next, before the sources.
func (d *DetailPane) rest(i int, ev *data.Event, related []int) []fyne.CanvasObject {
	s, loc := d.s, d.s.Loc
	var parts []fyne.CanvasObject
	if len(ev.Accounts) > 0 {
		parts = append(parts, heading(loc.T("detail.accounts")))
		// Containers are made with all their objects at once: each Add lays
		// the container out again, and wrapped text is costly to lay out.
		var boxes []fyne.CanvasObject
		for _, a := range ev.Accounts {
			items := []fyne.CanvasObject{heading(s.PartyName(a.Party)), wrapLabel(loc.Text(a.Text))}
			for _, src := range a.Sources {
				items = append(items, d.sourceRow(src))
			}
			boxes = append(boxes, container.NewVBox(items...))
		}
		parts = append(parts, container.NewGridWithColumns(min(len(ev.Accounts), 2), boxes...))
	}
	if !ev.Note.IsZero() {
		parts = append(parts, secondary(loc.T("detail.note")+": "+loc.Text(ev.Note), true))
	}
	for _, f := range d.sections {
		if o := f(i, ev); o != nil {
			parts = append(parts, o)
		}
	}
	if len(ev.People) > 0 {
		parts = append(parts, heading(loc.T("detail.people")))
		for _, p := range ev.People {
			id := p.PersonID
			text := s.PersonName(id)
			if role := loc.Text(p.Role); role != "" {
				text += " – " + role
			}
			parts = append(parts, d.link(text, func() { s.ShowPerson(id) }))
		}
	}
	if len(ev.Organizations) > 0 {
		var names []string
		for _, o := range ev.Organizations {
			names = append(names, s.OrgName(o))
		}
		parts = append(parts, heading(loc.T("detail.organizations")), wrapLabel(strings.Join(names, ", ")))
	}
	if story := d.story(i); story != nil {
		parts = append(parts, story)
	}
	parts = append(parts, heading(loc.T("detail.sources")))
	for _, src := range ev.Sources {
		parts = append(parts, d.sourceRow(src))
	}
	if len(related) > 0 {
		parts = append(parts, heading(loc.T("detail.related")))
		for _, k := range related {
			parts = append(parts, d.eventLink(k))
		}
	}
	prev := widget.NewButtonWithIcon(loc.T("detail.previous"), theme.NavigateBackIcon(), func() { s.TL.Step(-1) })
	next := widget.NewButtonWithIcon(loc.T("detail.next"), theme.NavigateNextIcon(), func() { s.TL.Step(1) })
	next.IconPlacement = widget.ButtonIconTrailingText
	nav := []fyne.CanvasObject{prev, next}
	if s.BasePos(i) >= 0 { // an own event is not the dataset's to cite
		e := *ev
		nav = append(nav, widget.NewButtonWithIcon(loc.T("detail.cite_event"), theme.ContentCopyIcon(), func() {
			s.App.Clipboard().SetContent(cite.EventCitation(e, s.DS.Meta.Version, d.now(), loc.Lang()))
			s.Status.Set("detail", loc.T("detail.event_cited"))
		}))
	}
	parts = append(parts, container.NewHBox(nav...))
	return parts
}

// story shows the story threads of event i with the previous and next
// event in each, so a reader can follow a lawsuit from complaint to verdict.
func (d *DetailPane) story(i int) fyne.CanvasObject {
	s, loc := d.s, d.s.Loc
	ths := s.Idx.Threads(i)
	if len(ths) == 0 {
		return nil
	}
	items := []fyne.CanvasObject{heading(loc.T("detail.story"))}
	for _, th := range ths {
		evs := s.TD.ThreadEvents(th)
		pos := -1
		for k, e := range evs {
			if int(e) == i {
				pos = k
				break
			}
		}
		items = append(items, secondary(loc.T("detail.story_position", "Story", s.ThreadTitle(s.Idx.ThreadID(th)), "N", pos+1, "Total", len(evs)), true))
		if pos > 0 {
			p := int(evs[pos-1])
			items = append(items, d.link("← "+loc.T("detail.story_previous")+": "+s.Loc.ShortDate(s.Idx.Date(p))+" · "+s.EventTitle(p), func() { s.Reveal(p) }))
		}
		if pos >= 0 && pos+1 < len(evs) {
			n := int(evs[pos+1])
			items = append(items, d.link("→ "+loc.T("detail.story_next")+": "+s.Loc.ShortDate(s.Idx.Date(n))+" · "+s.EventTitle(n), func() { s.Reveal(n) }))
		}
	}
	return container.NewVBox(items...)
}

// link is an in-app link whose text wraps inside the pane, so a long title
// never widens the pane and moves the divider.
func (d *DetailPane) link(text string, tapped func()) fyne.CanvasObject {
	h := widget.NewHyperlink(text, nil)
	h.Wrapping = fyne.TextWrapWord
	h.OnTapped = tapped
	return h
}

// eventLink shows event k on the timeline when tapped.
func (d *DetailPane) eventLink(k int) fyne.CanvasObject {
	s := d.s
	return d.link(s.Loc.ShortDate(s.Idx.Date(k))+" · "+s.EventTitle(k), func() { s.Reveal(k) })
}

// sourceRow shows a source: title, publisher, date, language and the domain
// the link goes to, with buttons to open it (or its archived copy) and to
// copy a citation with today's access date.
func (d *DetailPane) sourceRow(src data.Source) fyne.CanvasObject {
	s, loc := d.s, d.s.Loc
	date := src.Date
	if dt, err := data.ParseDate(src.Date); err == nil {
		date = loc.Date(dt)
	}
	title := src.Title
	if title == "" { // a user's own source may have none
		title = src.URL
	}
	t := widget.NewLabel(title)
	t.Wrapping = fyne.TextWrapWord
	t.TextStyle.Italic = true
	var bits []string
	fromURL := ""
	if src.TitleDescriptive {
		fromURL = loc.T("detail.title_descriptive")
	}
	for _, b := range []string{src.Publisher, date, languageName(loc, src.Language), Domain(src.URL), fromURL} {
		if b != "" && (len(bits) == 0 || bits[len(bits)-1] != b) {
			bits = append(bits, b)
		}
	}
	meta := secondary(strings.Join(bits, " · "), true)
	open := widget.NewButtonWithIcon(loc.T("detail.open"), externalLinkIcon, func() { OpenSourceURL(s.App, s.Win, loc, s.Status, src.URL) })
	buttons := []fyne.CanvasObject{open}
	if src.ArchiveURL != "" {
		buttons = append(buttons, widget.NewButtonWithIcon(loc.T("detail.open_archive"), theme.HistoryIcon(), func() { OpenSourceURL(s.App, s.Win, loc, s.Status, src.ArchiveURL) }))
	}
	buttons = append(buttons, widget.NewButtonWithIcon(loc.T("detail.copy_citation"), theme.ContentCopyIcon(), func() {
		s.App.Clipboard().SetContent(Citation(loc, src, d.now()))
		s.Status.Set("detail", loc.T("detail.copied"))
	}))
	return container.NewVBox(t, meta, container.NewHBox(buttons...))
}

// languageName names a source's language in the UI's language ("Deutsch",
// "German"); codes the catalogs do not know are shown as they are.
func languageName(loc *i18n.Localizer, code string) string {
	if id := "language." + code; loc.Has(id) {
		return loc.T(id)
	}
	return code
}

func (d *DetailPane) eraOf(ev *data.Event) *data.Era {
	t := ev.Date.Time()
	for i := range d.s.DS.Eras {
		e := &d.s.DS.Eras[i]
		if !t.Before(e.From.Time()) && t.Before(e.To.EndTime()) {
			return e
		}
	}
	return nil
}

func wrapLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func heading(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.TextStyle.Bold = true
	l.Wrapping = fyne.TextWrapWord
	return l
}
