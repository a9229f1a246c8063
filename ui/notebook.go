package ui

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"

	"aitimeline/data"
	"aitimeline/data/userdb"
)

// NotebookPane is the researcher's notebook in the window: notes, tags,
// stars and flags on events (in the detail pane), notes on people and
// sources, own events (on the timeline, in the list, search and filters),
// the Notebook tab, and the File menu's notebook items (exports, imports,
// citations, backups). It keeps what the timeline and list need to draw
// badges and filter (every annotation, by event ID) in memory, reads
// everything else when shown, and writes through Runner.Save: off the UI
// goroutine, in order, never cancelled, so a word typed is never lost.
type NotebookPane struct {
	s  *Session
	m  *Main
	nb *userdb.Notebook

	author string
	ann    map[string]userdb.Annotation // by event ID; replaced, never changed in place
	tags   []string                     // every tag in use, most used first (suggestions); TagNames sorts them
	own    []userdb.OwnEvent            // live own events
	ownBy  map[string]userdb.OwnEvent
	tours  []userdb.Tour
	loaded bool
	// afterLoad runs once after the next Load has applied (select a new event).
	afterLoad func()
	loadGen   int // the newest Load
	// firstDue: the first load's notices and check are still to come (a
	// newer Load may supersede the first one before it applies).
	firstDue bool
	marksGen int // changes with every mark set in memory (setAnn)

	editor       *noteEditor     // the note of the event in the detail pane, if any
	dialogEditor *noteEditor     // the note on a person or source in a dialog, if any
	marks        *fyne.Container // star, flag and tags of the event shown
	marksFor     string          // that event's ID
	tagEntry     *FieldEntry
	lastForm     *ownEventForm // the own-event editor opened last (tests)
	pendingEdit  string        // open this event's note as soon as its editor is there
	tab          *notebookTab
	// undo is what the last deletion can bring back (a note, an own event).
	undo *undoable
}

type undoable struct {
	what    string // message ID of what was deleted
	restore func(ctx context.Context) error
}

// newNotebookPane wires the notebook into the main window; Load reads it.
func newNotebookPane(m *Main, nb *userdb.Notebook) *NotebookPane {
	p := &NotebookPane{s: m.S, m: m, nb: nb, ann: map[string]userdb.Annotation{}, ownBy: map[string]userdb.OwnEvent{}}
	s := p.s
	s.Marks = p
	s.OwnTours = p
	m.List.Annotation = p.badge
	s.TL.SetBadged(func(i int) bool { return !p.ann[s.Idx.ID(i)].IsZero() })
	m.Search.Extra = p.search
	m.Detail.AddSection(p.detailSection)
	m.People.Extra = p.personSection
	m.Sources.Extra = p.sourceSection
	s.OnSelect(func(i int) {
		p.flushEditor()
		if i < 0 || s.Idx.ID(i) != p.pendingEdit {
			p.pendingEdit = ""
		}
	})
	p.tab = newNotebookTab(p)
	return p
}

// AttachNotebook adds the notebook to the main window: its tab, menu items,
// badges, search, filters and detail sections. It loads in the background
// and then says what the user should know (a damaged file moved aside, a
// read-only notebook, a newer dataset since last time).
func (m *Main) AttachNotebook(nb *userdb.Notebook) *NotebookPane {
	return m.attachNotebook(nb, nil)
}

// attachNotebook attaches nb; f, if not nil, is its first load, read
// while the window was built (Options.NotebookPrefetch).
func (m *Main) attachNotebook(nb *userdb.Notebook, f *NotebookPrefetch) *NotebookPane {
	p := newNotebookPane(m, nb)
	m.Notebook = p
	m.AddTab("notebook", p)
	m.installNotebookKeys()
	m.addClassroom() // own tours can be made now (it refreshes the menus)
	if f != nil && f.nb == nb {
		p.loadFirst(f, m.opt.NotebookWait)
	} else {
		p.Load(true)
	}
	return p
}

// KeyHelp lists the notebook's keys for Help → Keyboard shortcuts.
func (p *NotebookPane) KeyHelp() [][2]string {
	loc := p.s.Loc
	mod := loc.T("keys.ctrl")
	return [][2]string{
		{mod + "+" + loc.T("keys.shift") + "+N", loc.T("notebook.keys.note")},
		{mod + "+" + loc.T("keys.shift") + "+S", loc.T("notebook.keys.star")},
		{mod + "+" + loc.T("keys.shift") + "+E", loc.T("notebook.keys.add_event")},
		{mod + "+Z", loc.T("notebook.menu.undo")},
		{loc.T("keys.esc"), loc.T("notebook.key_done")},
	}
}

// S is the window's session.
func (p *NotebookPane) S() *Session { return p.s }

// Notebook is the open notebook.
func (p *NotebookPane) Notebook() *userdb.Notebook { return p.nb }

// Load reads what the window shows of the notebook (annotations, own events,
// tours, the author) and applies it. It reads through the save queue, after
// every write queued before it, and prepares a new numbering of the events
// off the UI goroutine only when the own events changed. A mark changed
// while it read (its write queued after the read) is not undone: the load
// is repeated. first also checks the file and the dataset version in the
// background, a few seconds later, and tells the user.
func (p *NotebookPane) Load(first bool) {
	s := p.s
	if first {
		p.firstDue = true
	}
	p.loadGen++
	gen, marksGen := p.loadGen, p.marksGen
	old := ownSignature(p.own)
	s.Q.Save(func(ctx context.Context) func() {
		r := readNotebook(ctx, p.nb)
		if r.err == nil && ownSignature(r.own) != old {
			r.ov = s.PrepareOwnEvents(ownData(r.own))
		}
		return func() { p.apply(r, gen, marksGen, first) }
	})
}

// notebookRead is what a load reads of the notebook, and the new numbering
// of the events its own events make (nil when they did not change).
type notebookRead struct {
	ann    map[string]userdb.Annotation
	own    []userdb.OwnEvent
	tours  []userdb.Tour
	author string
	tags   []userdb.TagCount
	ov     *OwnView
	err    error
}

func readNotebook(ctx context.Context, nb *userdb.Notebook) notebookRead {
	var r notebookRead
	var err [5]error
	r.ann, err[0] = nb.Annotations(ctx)
	r.own, err[1] = nb.OwnEvents(ctx)
	r.tours, err[2] = nb.Tours(ctx)
	r.author, err[3] = nb.Author(ctx)
	r.tags, err[4] = nb.AllTags(ctx)
	r.err = errors.Join(err[:]...)
	return r
}

// ownData is own events in the dataset's shape.
func ownData(own []userdb.OwnEvent) []data.Event {
	evs := make([]data.Event, len(own))
	for k, e := range own {
		evs[k] = e.Event()
	}
	return evs
}

// apply shows what load gen read (UI goroutine).
func (p *NotebookPane) apply(r notebookRead, gen, marksGen int, first bool) {
	s := p.s
	if r.err != nil {
		p.fail(r.err)
		return
	}
	if gen != p.loadGen {
		return // a newer load is on its way
	}
	if marksGen != p.marksGen {
		p.Load(first) // marks changed while reading: read again after their writes
		return
	}
	p.ann, p.tours, p.author = r.ann, r.tours, r.author
	p.tags = p.tags[:0]
	for _, t := range r.tags {
		p.tags = append(p.tags, t.Tag) // most used first: the suggestions' order
	}
	// Only a change of the own events renumbers the window. A notebook
	// without own events leaves the dataset's numbering as it is, also on
	// the first load: at a million events a new numbering costs a full
	// timeline.NewData and SetData (BENCHMARKS.md).
	if r.ov != nil {
		p.own = r.own
		p.ownBy = make(map[string]userdb.OwnEvent, len(r.own))
		for _, e := range r.own {
			p.ownBy[e.ID] = e
		}
		s.ApplyOwnEvents(r.ov)
	}
	p.loaded = true
	p.redraw()
	if p.marksFor != "" {
		p.fillMarks()
	}
	p.m.RefreshMenu() // own tours in View → Present tour
	s.tracef("notebook ready %d %d", len(p.own), len(p.ann))
	if p.firstDue {
		p.firstDue = false
		p.afterFirstLoad()
	}
	if f := p.afterLoad; f != nil {
		p.afterLoad = nil
		f()
	}
}

// ownSignature identifies a list of own events and their versions.
func ownSignature(evs []userdb.OwnEvent) string {
	var b strings.Builder
	for _, e := range evs {
		b.WriteString(e.ID)
		b.WriteByte(' ')
		b.WriteString(strconv.FormatInt(e.Modified.UnixMilli(), 10))
		b.WriteByte('\n')
	}
	return b.String()
}

// redraw shows changed annotations: badges, list, filter, tab.
func (p *NotebookPane) redraw() {
	s := p.s
	s.TL.SetBadged(func(i int) bool { return !p.ann[s.Idx.ID(i)].IsZero() })
	if f := s.Filter(); f.Annotated || f.Starred || len(f.Tags) > 0 {
		s.SetFilter(f) // the marks it tests changed
	}
	p.m.List.Refresh()
	p.tab.reload()
}

// notebookCheckAfter is how long after the first load the file's
// integrity check and the dataset comparison start. They cost about 0.1 s of
// CPU with 10,000 notes and 10,000 own events; run at once, they competed
// with the window's first frames on the same cores (BENCHMARKS.md,
// "Notebook"). The tests set it to 0.
var notebookCheckAfter = 3 * time.Second

// afterFirstLoad says what the user must know about the file (a damaged
// file moved aside, a read-only notebook) at once, and checks the file and
// the dataset version a few seconds later, in the background.
func (p *NotebookPane) afterFirstLoad() {
	s, loc := p.s, p.s.Loc
	if notes := p.nb.Info().Notices(loc); len(notes) > 0 {
		showInfo(s, loc.T("notebook.title"), strings.Join(notes, "\n\n"))
	}
	s.Q.Later("notebook-check", notebookCheckAfter, p.checkFile)
}

// checkFile checks the file's integrity and compares the dataset with the
// one the notebook saw last time, off the UI goroutine, and says what the
// user should know.
func (p *NotebookPane) checkFile() {
	s, loc := p.s, p.s.Loc
	nb, base, version := p.nb, p.s.base, s.DS.Meta.Version
	s.Q.Run("notebook-check", func(ctx context.Context) func() {
		if err := nb.CheckIntegrity(ctx); err != nil && ctx.Err() == nil {
			return func() {
				showInfo(s, loc.T("notebook.title"), loc.T("notebook.damaged_now", "Error", userdb.Message(loc, err)))
			}
		}
		if nb.ReadOnly() || base.Len() > userdb.MaxSnapshot {
			return nil
		}
		stamps := make([]userdb.EventStamp, base.Len())
		for i := range stamps {
			stamps[i] = userdb.EventStamp{ID: base.ID(i), Title: data.Text{EN: base.Title(i, data.EN), DE: base.Title(i, data.DE)}, Date: base.Date(i)}
		}
		ch, err := nb.DatasetChanged(ctx, version, stamps)
		if err != nil || ch.First || ch.IsZero() {
			return nil
		}
		return func() { p.showDatasetChanges(ch) }
	})
}

// showDatasetChanges says what a newer dataset changed and offers to show
// the new and changed events on the timeline (removed ones stay in the
// notebook as orphaned notes; the Notebook tab lists them).
func (p *NotebookPane) showDatasetChanges(ch userdb.DatasetChanges) {
	s, loc := p.s, p.s.Loc
	ids := map[string]bool{}
	for _, id := range append(append([]string(nil), ch.Added...), ch.Changed...) {
		ids[id] = true
	}
	msg := loc.T("notebook.dataset_changed", "Previous", ch.Previous, "Version", s.DS.Meta.Version) + "\n\n" +
		loc.N("notebook.dataset_added", len(ch.Added)) + "\n" + loc.N("notebook.dataset_changed_events", len(ch.Changed)) + "\n" +
		loc.N("notebook.dataset_removed", len(ch.Removed))
	if len(ids) == 0 {
		showInfo(s, loc.T("notebook.dataset_title"), msg)
		return
	}
	dialog.ShowCustomConfirm(loc.T("notebook.dataset_title"), loc.T("notebook.dataset_show"), loc.T("about.close"), wrapLabel(msg), func(ok bool) {
		if ok {
			s.ShowTab("timeline")
			s.setFilter(Filter{IDs: ids, Named: loc.T("notebook.dataset_named", "Version", s.DS.Meta.Version)})
		}
	}, s.Win)
}

// fail says that the notebook could not be read or written, in the user's
// language; nothing saved is touched.
func (p *NotebookPane) fail(err error) {
	if err == nil || errors.Is(err, context.Canceled) {
		return
	}
	s := p.s
	s.Status.Set("notebook", s.Loc.T("notebook.failed", "Error", userdb.Message(s.Loc, err)))
}

// --- Marks (the filter's questions) ---

// Annotated reports whether event id has a note, tag, star or flag.
func (p *NotebookPane) Annotated(id string) bool { return !p.ann[id].IsZero() }

// Starred reports whether event id is starred.
func (p *NotebookPane) Starred(id string) bool { return p.ann[id].Starred }

// Tagged reports whether event id has any of tags (compared without case).
func (p *NotebookPane) Tagged(id string, tags map[string]bool) bool {
	for _, t := range p.ann[id].Tags {
		for want := range tags {
			if strings.EqualFold(t, want) {
				return true
			}
		}
	}
	return false
}

// TagNames is every tag in use, sorted.
func (p *NotebookPane) TagNames() []string {
	return sortTags(append([]string(nil), p.tags...), p.s.Loc.Lang())
}

// chipOrder orders an event's tags as the notebook stores them (by their
// key), so that a tag added now sits where it will after a restart.
func chipOrder(tags []string) []string {
	sort.SliceStable(tags, func(i, j int) bool { return userdb.TagKey(tags[i]) < userdb.TagKey(tags[j]) })
	return tags
}

// Annotation is event id's annotation (zero when none).
func (p *NotebookPane) Annotation(id string) userdb.Annotation { return p.ann[id] }

// badge is the list row's mark for event i: a star, a pen for notes, a
// flag, the first tag (and how many more).
func (p *NotebookPane) badge(i int) string {
	a := p.ann[p.s.Idx.ID(i)]
	if a.IsZero() {
		return ""
	}
	var b []string
	if a.Starred {
		b = append(b, "★")
	}
	if a.Notes > 0 {
		b = append(b, "✎")
	}
	if a.Flag != userdb.FlagNone {
		b = append(b, "⚑")
	}
	if len(a.Tags) > 0 {
		t := a.Tags[0]
		if r := []rune(t); len(r) > 14 {
			t = string(r[:13]) + "…"
		}
		t = "#" + t
		if len(a.Tags) > 1 {
			t += fmt.Sprintf(" +%d", len(a.Tags)-1)
		}
		b = append(b, t)
	}
	return strings.Join(b, " ")
}

// setAnn replaces event id's annotation in memory (after a write) and
// redraws what shows it.
func (p *NotebookPane) setAnn(id string, change func(a *userdb.Annotation)) {
	next := make(map[string]userdb.Annotation, len(p.ann)+1)
	for k, v := range p.ann {
		next[k] = v
	}
	a := next[id]
	a.Tags = append([]string(nil), a.Tags...)
	change(&a)
	if a.IsZero() {
		delete(next, id)
	} else {
		next[id] = a
	}
	p.ann = next
	p.marksGen++
	p.redraw()
	if p.marksFor == id {
		p.fillMarks()
	}
}

// --- search ---

// search finds the events whose notes or own-event texts match q (for the
// search bar; off the UI goroutine).
func (p *NotebookPane) search(ctx context.Context, q string) []string {
	hits, err := p.nb.Search(ctx, q, 200)
	if err != nil {
		return nil
	}
	var ids []string
	for _, h := range hits {
		if h.Target.Kind == userdb.KindEvent {
			ids = append(ids, h.Target.ID)
		}
	}
	return ids
}

// --- tours ---

// OwnTours are the teacher's tours from the notebook.
func (p *NotebookPane) OwnTours() []Tour {
	out := make([]Tour, 0, len(p.tours))
	for _, t := range p.tours {
		out = append(out, TourFromNotebook(t))
	}
	return out
}

// TourFromNotebook is a notebook tour as the classroom shows it.
func TourFromNotebook(t userdb.Tour) Tour {
	tt := Tour{ID: t.ID, Title: t.Title, Intro: t.Intro, Own: true}
	for _, st := range t.Stops {
		tt.Stops = append(tt.Stops, Stop{EventID: st.EventID, Note: st.Note})
	}
	return tt
}

// --- writing ---

// save writes through the runner and applies done (with the error) on the
// UI goroutine; a failure shows in the status line.
func (p *NotebookPane) save(work func(ctx context.Context) error, done func(err error)) {
	p.s.Q.Save(func(ctx context.Context) func() {
		err := work(ctx)
		return func() {
			if err != nil {
				p.fail(err)
			}
			if done != nil {
				done(err)
			}
		}
	})
}

// offerUndo shows in the status line what was deleted, with Edit → Undo
// (Ctrl+Z outside a text field) bringing it back.
func (p *NotebookPane) offerUndo(what string, restore func(ctx context.Context) error) {
	p.undo = &undoable{what: what, restore: restore}
	p.s.Status.Set("notebook", p.s.Loc.T(what)+" "+p.s.Loc.T("notebook.undo_hint"))
	p.m.RefreshMenu()
}

// Undo brings back what was deleted last.
func (p *NotebookPane) Undo() {
	u := p.undo
	if u == nil {
		return
	}
	p.undo = nil
	p.m.RefreshMenu()
	p.save(u.restore, func(err error) {
		if err == nil {
			p.s.Status.Set("notebook", p.s.Loc.T("notebook.restored"))
			p.reloadEditors()
			p.Load(false)
		}
	})
}

// reloadEditors reads the open notes again (the file changed under them),
// saving what is being typed first.
func (p *NotebookPane) reloadEditors() {
	for _, ed := range []*noteEditor{p.editor, p.dialogEditor} {
		if ed != nil {
			ed.reload()
		}
	}
}

// flushEditor saves the note being edited now (selection change, quit).
func (p *NotebookPane) flushEditor() {
	if p.editor != nil {
		p.editor.saveNow()
	}
}

// Close saves the notes being edited; the shell waits for the writes
// (Runner.WaitSaves) before it closes the notebook.
func (p *NotebookPane) Close() {
	p.flushEditor()
	if p.dialogEditor != nil {
		p.dialogEditor.saveNow()
	}
}

// Relabel redraws the tab in the new language.
func (p *NotebookPane) Relabel() { p.tab.relabel() }

// TabShown tells the pane whether its tab is in front.
func (p *NotebookPane) TabShown(on bool) { p.tab.show(on) }

// Tab is the Notebook tab.
func (p *NotebookPane) Tab() *container.TabItem { return p.tab.item }

var (
	scNewEvent = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	scNote     = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	scStar     = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	scUndo     = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}
)

func (m *Main) installNotebookKeys() {
	c, p := m.S.Win.Canvas(), m.Notebook
	addWindowKey(c, scNewEvent, func() { p.ShowOwnEventEditor(userdb.OwnEvent{}) })
	addWindowKey(c, scNote, func() { p.EditSelectedNote() })
	addWindowKey(c, scStar, func() { p.ToggleStarSelected() })
	c.AddShortcut(scUndo, func(fyne.Shortcut) { p.Undo() })
	// The driver delivers Ctrl+Z as Fyne's own undo shortcut when no field
	// has the focus (a focused field undoes its typing itself).
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { p.Undo() })
}

// MenuItems adds the notebook's items to the File and View menus.
func (p *NotebookPane) MenuItems(menu string) []*fyne.MenuItem {
	loc := p.s.Loc
	item := func(id string, f func()) *fyne.MenuItem { return fyne.NewMenuItem(loc.T(id), f) }
	switch menu {
	case "file":
		add := item("notebook.menu.add_event", func() { p.ShowOwnEventEditor(userdb.OwnEvent{}) })
		add.Shortcut = scNewEvent
		exp := item("notebook.menu.export", nil)
		exp.ChildMenu = fyne.NewMenu("",
			item("notebook.menu.export_md", func() { p.ShowNotesExport("md") }),
			item("notebook.menu.export_csv", func() { p.ShowNotesExport("csv") }),
			item("notebook.menu.export_json", func() { p.ShowNotesExport("json") }))
		cite := item("notebook.menu.cite", p.ShowCiteDialog)
		imp := item("notebook.menu.import", p.ShowImport)
		restore := item("notebook.menu.restore", p.ShowRestore)
		author := item("notebook.menu.author", p.ShowAuthor)
		items := []*fyne.MenuItem{fyne.NewMenuItemSeparator(), add, exp, cite, imp, restore, author}
		if p.nb.ReadOnly() {
			add.Disabled, imp.Disabled, restore.Disabled, author.Disabled = true, true, true, true
		}
		return items
	case "view":
		note := item("notebook.menu.note", p.EditSelectedNote)
		note.Shortcut = scNote
		star := item("notebook.menu.star", p.ToggleStarSelected)
		star.Shortcut = scStar
		undo := item("notebook.menu.undo", p.Undo)
		undo.Shortcut = scUndo
		undo.Disabled = p.undo == nil
		return []*fyne.MenuItem{fyne.NewMenuItemSeparator(), note, star, undo}
	}
	return nil
}

// selectedID is the ID of the selected event ("" for none).
func (p *NotebookPane) selectedID() string {
	if i := p.s.TL.Selected(); i >= 0 {
		return p.s.Idx.ID(i)
	}
	return ""
}

// ToggleStarSelected stars or unstars the selected event.
func (p *NotebookPane) ToggleStarSelected() {
	if id := p.selectedID(); id != "" {
		p.setStar(id, !p.ann[id].Starred)
	}
}

func (p *NotebookPane) setStar(id string, on bool) {
	nb := p.nb
	p.setAnn(id, func(a *userdb.Annotation) { a.Starred = on })
	p.save(func(ctx context.Context) error { return nb.SetStar(ctx, id, on) }, func(err error) {
		if err != nil {
			p.setAnn(id, func(a *userdb.Annotation) { a.Starred = !on })
		}
	})
}

func (p *NotebookPane) setFlag(id string, f userdb.Flag) {
	nb := p.nb
	old := p.ann[id].Flag
	p.setAnn(id, func(a *userdb.Annotation) { a.Flag = f })
	p.save(func(ctx context.Context) error { return nb.SetFlag(ctx, id, f) }, func(err error) {
		if err != nil {
			p.setAnn(id, func(a *userdb.Annotation) { a.Flag = old })
		}
	})
}

func (p *NotebookPane) addTag(id, tag string) {
	nb := p.nb
	clean, err := userdb.CleanTag(tag)
	if err != nil {
		p.fail(err)
		return
	}
	for _, t := range p.ann[id].Tags {
		if strings.EqualFold(t, clean) {
			return
		}
	}
	p.setAnn(id, func(a *userdb.Annotation) { a.Tags = chipOrder(append(a.Tags, clean)) })
	p.noteTag(clean)
	p.save(func(ctx context.Context) error { _, err := nb.AddTag(ctx, id, clean); return err }, func(err error) {
		if err != nil {
			p.Load(false)
		}
	})
}

func (p *NotebookPane) removeTag(id, tag string) {
	nb := p.nb
	p.setAnn(id, func(a *userdb.Annotation) {
		var keep []string
		for _, t := range a.Tags {
			if !strings.EqualFold(t, tag) {
				keep = append(keep, t)
			}
		}
		a.Tags = keep
	})
	p.save(func(ctx context.Context) error { return nb.RemoveTag(ctx, id, tag) }, func(err error) {
		if err != nil {
			p.Load(false)
		}
		p.refreshTags()
	})
}

// noteTag adds a tag to the suggestions at once.
func (p *NotebookPane) noteTag(tag string) {
	for _, t := range p.tags {
		if strings.EqualFold(t, tag) {
			return
		}
	}
	p.tags = append(p.tags, tag) // used once so far: last among the suggestions
}

// refreshTags reads the tags in use again (a tag's last use was removed).
func (p *NotebookPane) refreshTags() {
	nb := p.nb
	p.s.Q.Run("notebook-tags", func(ctx context.Context) func() {
		tags, err := nb.AllTags(ctx)
		if err != nil {
			return nil
		}
		return func() {
			p.tags = p.tags[:0]
			for _, t := range tags {
				p.tags = append(p.tags, t.Tag)
			}
			p.tab.reload()
		}
	})
}

// suggestTags are up to limit tags in use that start with prefix (at a
// word), not already on the event.
func (p *NotebookPane) suggestTags(prefix string, have []string, limit int) []string {
	f := data.Fold(strings.TrimSpace(prefix))
	var out []string
	for _, t := range p.tags {
		if len(out) == limit {
			break
		}
		if containsFold(have, t) {
			continue
		}
		ft := data.Fold(t)
		if f == "" || strings.HasPrefix(ft, f) || strings.Contains(ft, " "+f) {
			out = append(out, t)
		}
	}
	return out
}

func containsFold(ss []string, s string) bool {
	for _, x := range ss {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// sortTags sorts tags in place as a dictionary in lang does: case and
// umlauts do not set a tag apart (Gründung comes between Glossar and
// Haftung, klage next to Klage-Argument), and ties fall back to the
// plain text so the order never depends on the order read.
func sortTags(t []string, lang data.Lang) []string {
	tag := language.English
	if lang == data.DE {
		tag = language.German
	}
	col := collate.New(tag, collate.Loose)
	sort.SliceStable(t, func(a, b int) bool {
		if c := col.CompareString(t[a], t[b]); c != 0 {
			return c < 0
		}
		return t[a] < t[b]
	})
	return t
}

// showInfo is an information dialog with wrapped text of a readable width.
func showInfo(s *Session, title, msg string) {
	d := dialog.NewCustom(title, s.Loc.T("about.close"), container.NewGridWrap(fyne.NewSize(min(520, s.Win.Canvas().Size().Width-60), wrappedHeight(msg)), wrapLabel(msg)), s.Win)
	d.Show()
}

// wrappedHeight is a rough height for msg wrapped at about 60 characters a
// line (dialogs need a size; Fyne's wrapped labels have no height of their own).
func wrappedHeight(msg string) float32 {
	lines := 0
	for _, l := range strings.Split(msg, "\n") {
		lines += 1 + len([]rune(l))/60
	}
	return float32(lines)*22 + 20
}
