package ui

import (
	"context"
	"regexp"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/data/userdb"
)

// nbRow is one line of the Notebook tab: an event (dataset or own) with its
// marks and note, or a note on a person or source.
type nbRow struct {
	target  userdb.Target
	title   string
	date    data.Date
	note    string // the first line of the user's note (else a colleague's)
	notes   int
	ann     userdb.Annotation
	own     bool
	orphan  bool // the dataset no longer has it: title and date as noted
	sortKey string
	folded  string // title and tags folded (data.Fold), for the text filter
}

// notebookTab lists everything in the notebook: annotated events, own
// events, notes on people and sources, and notes whose event a newer
// dataset no longer has. It filters by text (notes, own events and event
// titles, folded like the search), tag, star and kind. The list is a
// virtualised widget.List; rows are built off the UI goroutine, once per
// change of the notebook, and filtered per keystroke (typing is debounced).
type notebookTab struct {
	p    *NotebookPane
	item *container.TabItem
	text *FieldEntry
	tag  *widget.Select
	// tagBox and kindBox give the choices room for their longest option
	// at the current text size (fitChoices).
	tagBox, kindBox *fyne.Container
	// countBox is a fixed slot for the count, as wide as the widest count
	// the tab can show: a count sized to its text ("3 entries" → "12
	// entries") moved the field and the choices sideways as the user
	// filtered.
	countBox *fyne.Container
	bar      *fyne.Container
	starred  *widget.Check
	kind     *widget.Select
	count    *widget.Label
	list     *widget.List
	rows     []nbRow // the rows shown
	// all is every row, built from the notebook; nil until built and
	// whenever the notebook changes (reload). The filters only choose
	// from it: re-reading the notebook per keystroke made the list follow
	// 0.3 s late at 10,000 notes (BENCHMARKS.md, "Notebook").
	all   []nbRow
	dirty bool
	shown bool // the tab is in front
	empty *fyne.Container
	kinds []string // message IDs of the kind filter's choices
}

func newNotebookTab(p *NotebookPane) *notebookTab {
	t := &notebookTab{p: p, text: NewFieldEntry(), starred: widget.NewCheck("", nil), count: widget.NewLabel(""),
		kinds: []string{"notebook.kind_all", "notebook.kind_events", "notebook.kind_own", "notebook.kind_people", "notebook.kind_sources", "notebook.kind_orphans"}}
	t.tag = widget.NewSelect(nil, func(string) { t.refilter() })
	t.kind = widget.NewSelect(nil, func(string) { t.refilter() })
	t.text.OnChanged = func(string) { p.s.Q.Later("notebook-tab-typing", notebookFilterAfter, t.refilter) }
	t.starred.OnChanged = func(bool) { t.refilter() }
	t.list = widget.NewList(func() int { return len(t.rows) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("")
			title.TextStyle.Bold = true
			title.Truncation = fyne.TextTruncateEllipsis
			sub := secondary("", false)
			return container.NewBorder(nil, nil, container.NewGridWrap(shortDateCell(), widget.NewLabel("")), nil,
				container.NewVBox(title, sub))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(t.rows) {
				return
			}
			t.fillRow(&t.rows[id], o.(*fyne.Container))
		})
	t.list.OnSelected = func(id widget.ListItemID) {
		if id < len(t.rows) {
			t.open(t.rows[id])
		}
		t.list.UnselectAll()
	}
	t.empty = container.NewPadded(secondary("", true))
	// The choices get room for their words ("All tags", "Alle Schlagwörter").
	t.tagBox = container.NewGridWrap(fyne.NewSize(190, t.tag.MinSize().Height), t.tag)
	t.kindBox = container.NewGridWrap(fyne.NewSize(190, t.kind.MinSize().Height), t.kind)
	t.countBox = container.NewGridWrap(t.count.MinSize(), t.count)
	t.bar = container.New(nbBarLayout{}, t.text, container.NewHBox(t.tagBox, t.kindBox), container.NewHBox(t.starred, t.countBox))
	t.item = container.NewTabItemWithIcon("", theme.DocumentCreateIcon(), container.NewBorder(container.NewPadded(t.bar), nil, nil, nil,
		container.NewStack(t.list, t.empty)))
	t.relabel()
	return t
}

func (t *notebookTab) relabel() {
	loc := t.p.s.Loc
	t.item.Text = loc.T("tab.notebook")
	t.text.SetPlaceHolder(loc.T("notebook.tab_search"))
	t.starred.Text = loc.T("notebook.tab_starred")
	t.starred.Refresh()
	var kinds []string
	sel := 0
	for k, id := range t.kinds {
		kinds = append(kinds, loc.T(id))
		if t.kind.Selected != "" && t.kind.SelectedIndex() == k {
			sel = k
		}
	}
	t.kind.Options = kinds
	t.kind.SetSelectedIndex(sel)
	t.fitChoices()
	t.reload()
}

func (t *notebookTab) fillRow(r *nbRow, c *fyne.Container) {
	loc := t.p.s.Loc
	dateBox := c.Objects[1].(*fyne.Container)
	if cell := shortDateCell(); dateBox.MinSize() != cell {
		dateBox.Layout = layout.NewGridWrapLayout(cell) // the text size changed
		dateBox.Refresh()
	}
	date := dateBox.Objects[0].(*widget.Label)
	box := c.Objects[0].(*fyne.Container)
	title, sub := box.Objects[0].(*widget.Label), box.Objects[1].(*widget.RichText)
	date.SetText(loc.ShortDate(r.date))
	title.SetText(r.title)
	var bits []string
	switch {
	case r.orphan:
		bits = append(bits, loc.T("notebook.orphaned"))
	case r.own:
		bits = append(bits, loc.T("notebook.own_short"))
	case r.target.Kind == userdb.KindPerson:
		bits = append(bits, loc.T("notebook.kind_person"))
	case r.target.Kind == userdb.KindSource:
		bits = append(bits, loc.T("notebook.kind_source"))
	}
	if r.ann.Starred {
		bits = append(bits, "★")
	}
	if r.ann.Flag != userdb.FlagNone {
		bits = append(bits, "⚑ "+userdb.FlagName(loc, r.ann.Flag))
	}
	for _, tg := range r.ann.Tags {
		bits = append(bits, "#"+tg)
	}
	if r.note != "" {
		bits = append(bits, "✎ "+r.note)
	}
	setSecondary(sub, strings.Join(bits, " · "))
}

// show is called when the tab comes to the front.
func (t *notebookTab) show(on bool) {
	t.shown = on
	if on {
		// The text size may have changed while the tab was hidden (a
		// hidden tab is not laid out again on a theme change).
		t.fitChoices()
		t.item.Content.Refresh()
	}
	if on && t.dirty {
		t.refilter() // (rows are built again only if the notebook changed)
	}
}

// notebookFilterAfter is how long after the last key in the text filter
// the list is filtered (one filtering for a word typed, not one per letter).
var notebookFilterAfter = 150 * time.Millisecond

// reload says that the notebook (or the language) changed: the rows are
// built again, off the UI goroutine, while the tab is in front (otherwise
// when it next is).
func (t *notebookTab) reload() {
	t.all = nil
	t.refilter()
}

// refilter shows the rows that pass the filters: it chooses from the rows
// built last, or builds them first after a change of the notebook.
func (t *notebookTab) refilter() {
	p := t.p
	if !t.shown || !p.loaded {
		t.dirty = true
		return
	}
	t.dirty = false
	all := t.all
	if all == nil {
		t.refreshTagChoices()
	}
	nb, idx, ann, own := p.nb, p.s.Idx, p.ann, p.ownBy
	people := p.s.people
	lang := p.s.Loc.Lang()
	q := t.text.Text
	tag := ""
	if t.tag.SelectedIndex() > 0 {
		tag = t.tag.Selected
	}
	starred := t.starred.Checked
	kind := t.kinds[max(t.kind.SelectedIndex(), 0)]
	me := p.author
	p.s.Q.Run("notebook-tab", func(ctx context.Context) func() {
		built := all == nil
		if built {
			notes, err := nb.Notes(ctx, userdb.NoteFilter{})
			if err != nil {
				return func() { p.fail(err) }
			}
			all = buildNotebookRows(idx, ann, own, notes, people, me, lang)
		}
		var found map[userdb.Target]bool
		toks := data.QueryTokens(q)
		if len(toks) > 0 {
			var err error
			if found, err = nb.MatchingTargets(ctx, q); err != nil {
				return func() { p.fail(err) }
			}
		}
		var out []nbRow
		for k := range all {
			if k%1024 == 0 && ctx.Err() != nil {
				return nil
			}
			if keepRow(&all[k], kind, tag, starred, toks, found) {
				out = append(out, all[k])
			}
		}
		return func() {
			if built {
				t.all = all
			}
			t.rows = out
			t.list.Refresh()
			t.count.SetText(p.s.Loc.N("notebook.tab_count", len(out))) // (in its fixed slot: the bar stays put)
			if len(out) == 0 {
				msg := p.s.Loc.T("notebook.tab_empty")
				if len(all) > 0 {
					msg = p.s.Loc.T("notebook.tab_none_match")
				}
				setSecondary(t.empty.Objects[0].(*widget.RichText), msg)
				t.empty.Show()
			} else {
				t.empty.Hide()
			}
		}
	})
}

// refreshTagChoices offers every tag in use, keeping the choice.
func (t *notebookTab) refreshTagChoices() {
	loc := t.p.s.Loc
	cur := ""
	if t.tag.SelectedIndex() > 0 {
		cur = t.tag.Selected
	}
	// Sorted again here: the language may have changed since the load.
	opts := append([]string{loc.T("notebook.tab_all_tags")}, sortTags(append([]string(nil), t.p.tags...), loc.Lang())...)
	t.tag.OnChanged = nil
	t.tag.Options = opts
	t.tag.SetSelectedIndex(0)
	for k, o := range opts {
		if k > 0 && o == cur {
			t.tag.SetSelectedIndex(k)
		}
	}
	t.tag.OnChanged = func(string) { t.refilter() }
	t.fitChoices()
}

// countSlotMax is the count the count's slot is sized for: six digits,
// ten times the largest notebook measured (BENCHMARKS.md, "Notebook").
const countSlotMax = 999999

// fitChoices sizes the tag and kind choices for their longest option at
// the current text size (a fixed 190 px read "Alle Sc…" at 200 %), and the
// count's slot for the widest count in the current language and text size.
func (t *notebookTab) fitChoices() {
	if t.tagBox == nil {
		return
	}
	th := fyne.CurrentApp().Settings().Theme()
	loc := t.p.s.Loc
	slot := fyne.Size{}
	for _, n := range []int{1, countSlotMax} {
		slot = slot.Max(widget.NewLabel(loc.N("notebook.tab_count", n)).MinSize())
	}
	slot.Width = float32(int(slot.Width + 1))
	if t.countBox.MinSize() != slot {
		t.countBox.Layout = layout.NewGridWrapLayout(slot)
		if t.bar != nil {
			t.bar.Refresh()
		}
	}
	text, pad := th.Size(theme.SizeNameText), th.Size(theme.SizeNameInnerPadding)
	for _, c := range []struct {
		box *fyne.Container
		sel *widget.Select
	}{{t.tagBox, t.tag}, {t.kindBox, t.kind}} {
		w := float32(0)
		for _, o := range c.sel.Options {
			w = max(w, fyne.MeasureText(o, text, fyne.TextStyle{}).Width)
		}
		// The select's own margins: three inner paddings, the arrow and one more.
		w = min(w, 10*text) + pad*4 + th.Size(theme.SizeNameInlineIcon) + 2
		cell := fyne.NewSize(float32(int(max(w, 120))), c.sel.MinSize().Height)
		if c.box.MinSize() != cell {
			c.box.Layout = layout.NewGridWrapLayout(cell)
			if t.bar != nil {
				t.bar.Refresh() // lay the bar out again, not only the box
			}
		}
	}
}

// buildNotebookRows makes one row per annotated or own event and per person
// or source with a note, in date order (people and sources last, by name).
func buildNotebookRows(idx *data.Index, ann map[string]userdb.Annotation, own map[string]userdb.OwnEvent, notes []userdb.Note,
	people map[string]*data.Person, me string, lang data.Lang) []nbRow {
	byTarget := map[userdb.Target]*nbRow{}
	row := func(t userdb.Target) *nbRow {
		r := byTarget[t]
		if r == nil {
			r = &nbRow{target: t}
			byTarget[t] = r
		}
		return r
	}
	for id, a := range ann {
		row(userdb.EventTarget(id)).ann = a
	}
	for id := range own {
		row(userdb.EventTarget(id)).own = true
	}
	for _, n := range notes {
		r := row(n.Target)
		r.notes++
		if r.note == "" || n.Author == me {
			r.note = firstLine(n.Body)
		}
		if r.title == "" {
			r.title, r.date = n.Label.Title.In(lang), n.Label.Date
		}
	}
	out := make([]nbRow, 0, len(byTarget))
	for t, r := range byTarget {
		switch t.Kind {
		case userdb.KindEvent:
			if i := idx.Find(t.ID); i >= 0 {
				r.title, r.date = idx.Title(i, lang), idx.Date(i)
			} else if e, ok := own[t.ID]; ok {
				r.title, r.date = e.Title.In(lang), e.Date
			} else {
				r.orphan = true
			}
			r.sortKey = "0" + r.date.String() + "\x00" + r.title
		case userdb.KindPerson:
			if per, ok := people[t.ID]; ok {
				r.title = per.Name
			} else {
				r.orphan = true
			}
			r.sortKey = "1" + strings.ToLower(r.title)
		default:
			r.sortKey = "2" + strings.ToLower(r.title)
		}
		if r.title == "" {
			r.title = t.ID
		}
		r.folded = data.Fold(r.title + " " + strings.Join(r.ann.Tags, " "))
		out = append(out, *r)
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].sortKey != out[b].sortKey {
			return out[a].sortKey < out[b].sortKey
		}
		return out[a].target.ID < out[b].target.ID
	})
	return out
}

// keepRow applies the tab's filters to a row.
func keepRow(r *nbRow, kind, tag string, starred bool, toks []string, found map[userdb.Target]bool) bool {
	switch kind {
	case "notebook.kind_events":
		if r.target.Kind != userdb.KindEvent {
			return false
		}
	case "notebook.kind_own":
		if !r.own {
			return false
		}
	case "notebook.kind_people":
		if r.target.Kind != userdb.KindPerson {
			return false
		}
	case "notebook.kind_sources":
		if r.target.Kind != userdb.KindSource {
			return false
		}
	case "notebook.kind_orphans":
		if !r.orphan {
			return false
		}
	}
	if starred && !r.ann.Starred {
		return false
	}
	if tag != "" && !containsFold(r.ann.Tags, tag) {
		return false
	}
	if len(toks) > 0 && !found[r.target] {
		for _, tk := range toks {
			if !strings.Contains(r.folded, tk) {
				return false
			}
		}
	}
	return true
}

// mdLink is a Markdown link or image: [text](url) or ![text](url).
var mdLink = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)

// mdMarks are Markdown's emphasis and code marks.
var mdMarks = strings.NewReplacer("**", "", "__", "", "`", "", "*", "", "~~", "")

// firstLine is the first line of a Markdown note as plain text, for a list row.
func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimLeft(s, "#>*- ")
	s = mdMarks.Replace(mdLink.ReplaceAllString(s, "$1"))
	if r := []rune(s); len(r) > 160 {
		s = string(r[:159]) + "…"
	}
	return s
}

// open shows a row's item: an event on the timeline, a person's profile,
// the note on a source; an orphaned note in a dialog.
func (t *notebookTab) open(r nbRow) {
	p := t.p
	s := p.s
	switch {
	case r.orphan:
		p.showNoteDialog(r.target, userdb.Label{Title: data.Text{EN: r.title, DE: r.title}, Date: r.date}, r.title+" ("+s.Loc.T("notebook.orphaned")+")")
	case r.target.Kind == userdb.KindEvent:
		s.Reveal(s.Idx.Find(r.target.ID)) // (clears a filter that hides it)
	case r.target.Kind == userdb.KindPerson:
		s.ShowPerson(r.target.ID)
	default:
		p.showNoteDialog(r.target, userdb.Label{Title: data.Text{EN: r.title, DE: r.title}, Date: r.date}, r.title)
	}
}

// Rows are the rows shown (tests).
func (t *notebookTab) Rows() []nbRow { return t.rows }

// nbBarLayout lays out the notebook tab's bar: the search field, then the
// tag and kind choices, then the starred check and the count. With large
// text (above 125 %) the choices go on a second line, since beside the
// field they made the window wider than the screen. It reads the theme
// each time, so it follows a change of the text size while the app runs.
type nbBarLayout struct{}

func (nbBarLayout) twoRows() bool {
	th := fyne.CurrentApp().Settings().Theme()
	return th.Size(theme.SizeNameText) > 1.25*theme.DefaultTheme().Size(theme.SizeNameText)
}

func (l nbBarLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	text, choices, extras := objs[0], objs[1], objs[2]
	tm, cm, em := text.MinSize(), choices.MinSize(), extras.MinSize()
	pad := theme.Padding()
	right := []fyne.CanvasObject{choices, extras}
	h := max(tm.Height, cm.Height, em.Height)
	if l.twoRows() {
		right = right[1:]
		h = max(tm.Height, em.Height)
		choices.Move(fyne.NewPos(0, h+pad))
		choices.Resize(fyne.NewSize(min(size.Width, cm.Width), cm.Height))
	}
	x := size.Width
	for k := len(right) - 1; k >= 0; k-- {
		m := right[k].MinSize()
		x -= m.Width
		right[k].Move(fyne.NewPos(x, (h-m.Height)/2))
		right[k].Resize(m)
		x -= pad
	}
	text.Move(fyne.NewPos(0, (h-tm.Height)/2))
	text.Resize(fyne.NewSize(max(tm.Width, x), tm.Height))
}

func (l nbBarLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	tm, cm, em := objs[0].MinSize(), objs[1].MinSize(), objs[2].MinSize()
	pad := theme.Padding()
	if l.twoRows() {
		first := fyne.NewSize(tm.Width+pad+em.Width, max(tm.Height, em.Height))
		return fyne.NewSize(max(first.Width, cm.Width), first.Height+pad+cm.Height)
	}
	return fyne.NewSize(tm.Width+pad+cm.Width+pad+em.Width, max(tm.Height, cm.Height, em.Height))
}
