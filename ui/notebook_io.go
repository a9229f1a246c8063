package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"aitimeline/data"
	"aitimeline/data/cite"
	"aitimeline/data/interop"
	"aitimeline/data/userdb"
	"aitimeline/i18n"
)

// chooseSaveFile asks for a folder (Fyne's folder dialog) and a file name
// (an entry) with extra form rows above them, then calls ok with the path
// once the user confirmed (and, for an existing file, agreed to replace
// it). It does not use Fyne's save dialog, which truncates the chosen file
// before the app writes it: a failed write would then lose a good file.
func chooseSaveFile(s *Session, title, confirm string, extra []*widget.FormItem, defName string, ok func(path string)) {
	loc := s.Loc
	folder := s.Prefs.String(prefExportDir, defaultExportDir())
	folderLabel := widget.NewLabel(folder)
	folderLabel.Truncation = fyne.TextTruncateEllipsis
	pick := widget.NewButton(loc.T("export.choose_folder"), func() {
		fd := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil && u.Scheme() == "file" {
				folder = u.Path()
				folderLabel.SetText(folder)
			}
		}, s.Win)
		if u, err := storage.ListerForURI(storage.NewFileURI(folder)); err == nil {
			fd.SetLocation(u)
		}
		fd.SetTitleText(loc.T("dialog.choose_folder"))
		fd.Show()
	})
	name := widget.NewEntry()
	name.SetText(defName)
	items := append(append([]*widget.FormItem(nil), extra...),
		widget.NewFormItem(loc.T("export.folder"), container.NewBorder(nil, nil, nil, pick, folderLabel)),
		widget.NewFormItem(loc.T("export.file_name"), name))
	d := dialog.NewCustomConfirm(title, confirm, loc.T("filter.cancel"), widget.NewForm(items...), func(yes bool) {
		if !yes {
			return
		}
		ext := filepath.Ext(defName)
		typed := strings.TrimSpace(name.Text)
		if filepath.IsAbs(typed) || strings.HasPrefix(typed, "~"+string(filepath.Separator)) {
			// A whole path typed into the name: its folder is meant.
			if strings.HasPrefix(typed, "~") {
				if home, err := os.UserHomeDir(); err == nil {
					typed = filepath.Join(home, typed[2:])
				}
			}
			folder = filepath.Dir(typed)
		}
		file := filepath.Base(typed)
		if file == "" || file == "." || file == string(filepath.Separator) {
			file = defName
		}
		if filepath.Ext(file) == "" {
			file += ext
		}
		path := filepath.Join(folder, file)
		s.Prefs.SetString(prefExportDir, folder)
		if _, err := os.Stat(path); err == nil {
			dialog.ShowConfirm(loc.T("export.overwrite_title"), loc.T("export.overwrite", "File", file), func(yes bool) {
				if yes {
					ok(path)
				}
			}, s.Win)
			return
		}
		ok(path)
	}, s.Win)
	d.Resize(fyne.NewSize(min(640, s.Win.Canvas().Size().Width-40), 0))
	d.Show()
	s.closeOnEsc(d.Hide) // Esc = Cancel
}

// viewEvents reads events by ID through a numbering (the Markdown export's
// EventSource: the dataset's events and the user's own).
type viewEvents struct{ v *EventView }

func (ve viewEvents) Event(ctx context.Context, id string) (data.Event, bool, error) {
	i := ve.v.Idx.Find(id)
	if i < 0 {
		return data.Event{}, false, nil
	}
	e, err := ve.v.EventAt(ctx, i)
	return e, err == nil, err
}

// ShowNotesExport exports the notebook as Markdown (one document: events
// in date order with note, tags and sources as citations), CSV or JSON (the
// lossless form a colleague or another computer imports).
func (p *NotebookPane) ShowNotesExport(format string) {
	s, loc := p.s, p.s.Loc
	p.flushEditor()
	names := map[string]string{"md": "Markdown", "csv": "CSV", "json": "JSON"}
	chooseSaveFile(s, loc.T("notebook.export_title", "Format", names[format]), loc.T("export.start"), nil, "notebook."+format, func(path string) {
		// A localizer of its own: the export's language stays while the user switches.
		nb, src, fixed := p.nb, viewEvents{s.View()}, i18n.Must(loc.Lang())
		p.runFileJob(path, nil, func(ctx context.Context, w io.Writer) error {
			switch format {
			case "md":
				return nb.ExportMarkdown(ctx, w, src, fixed)
			case "csv":
				return nb.ExportNotesCSV(ctx, w)
			}
			return nb.ExportJSON(ctx, w)
		})
	})
}

// runFileJob writes a file atomically off the UI goroutine (after the
// queued saves) and says how it went (and, when more is set, what more
// returns then).
func (p *NotebookPane) runFileJob(path string, more func() string, fill func(ctx context.Context, w io.Writer) error) {
	s, loc := p.s, p.s.Loc
	name := filepath.Base(path)
	s.Status.Set("notebook", loc.T("export.running", "File", name))
	p.s.Q.Save(func(ctx context.Context) func() {
		err := WriteAtomic(path, func(w io.Writer) error { return fill(ctx, w) })
		return func() {
			if err != nil {
				s.Status.Clear("notebook")
				dialog.ShowError(fmt.Errorf("%s", loc.T("export.failed", "Error", err)), s.Win)
				return
			}
			msg := loc.T("notebook.exported", "File", path)
			if more != nil {
				if m := more(); m != "" {
					msg += " " + m
				}
			}
			s.Status.Set("notebook", msg)
		}
	})
}

// Citation scopes.
const (
	citeSelected = iota
	citeFiltered
	citeStarred
	citeAnnotated
)

// ShowCiteDialog exports citations of the sources of the selected, filtered,
// starred or annotated events as BibTeX, RIS or CSL-JSON (for Zotero,
// Citavi, JabRef, pandoc), optionally with a citation of each event itself.
func (p *NotebookPane) ShowCiteDialog() {
	s, loc := p.s, p.s.Loc
	// Events in the window only (a note may outlive its event); own events
	// count as in the notebook even without a mark.
	var starred, annotated []string
	for id, a := range p.ann {
		if s.Idx.Find(id) < 0 {
			continue
		}
		annotated = append(annotated, id)
		if a.Starred {
			starred = append(starred, id)
		}
	}
	for id := range p.ownBy {
		if _, ok := p.ann[id]; !ok && s.Idx.Find(id) >= 0 {
			annotated = append(annotated, id)
		}
	}
	type choice struct {
		scope int
		label string
	}
	var choices []choice
	if i := s.TL.Selected(); i >= 0 {
		choices = append(choices, choice{citeSelected, loc.T("cite.scope_selected", "Title", s.EventTitle(i))})
	}
	if s.Match() != nil {
		choices = append(choices, choice{citeFiltered, loc.N("cite.scope_filtered", len(s.Matched()))})
	}
	choices = append(choices, choice{citeStarred, loc.N("cite.scope_starred", len(starred))},
		choice{citeAnnotated, loc.N("cite.scope_annotated", len(annotated))})
	var labels []string
	for _, c := range choices {
		labels = append(labels, c.label)
	}
	radio := widget.NewRadioGroup(labels, nil)
	radio.SetSelected(labels[0])
	formats := []cite.Format{cite.BibTeX, cite.RIS, cite.CSLJSON}
	fnames := []string{"BibLaTeX (.bib)", "RIS (.ris)", "CSL-JSON (.json)"}
	exts := []string{".bib", ".ris", ".json"}
	fsel := widget.NewSelect(fnames, nil)
	fsel.SetSelectedIndex(0)
	withEvents := widget.NewCheck(loc.T("cite.with_events"), nil)
	name := "citations.bib"
	fsel.OnChanged = func(string) { name = "citations" + exts[max(fsel.SelectedIndex(), 0)] }
	pickScope := func() int {
		for _, c := range choices {
			if c.label == radio.Selected {
				return c.scope
			}
		}
		return choices[0].scope
	}
	// The format is chosen first, so the file name's extension follows it.
	form := widget.NewForm(widget.NewFormItem(loc.T("cite.which"), radio), widget.NewFormItem(loc.T("cite.format"), fsel),
		widget.NewFormItem("", withEvents))
	d := dialog.NewCustomConfirm(loc.T("cite.title"), loc.T("cite.next"), loc.T("filter.cancel"), form, func(ok bool) {
		if !ok {
			return
		}
		// The events are kept by ID: the numbering may change before the
		// file name is confirmed (own events loading or imported).
		scope, f, events := pickScope(), formats[max(fsel.SelectedIndex(), 0)], withEvents.Checked
		var ids []string
		switch scope {
		case citeSelected:
			if i := s.TL.Selected(); i >= 0 {
				ids = []string{s.Idx.ID(i)}
			}
		case citeFiltered:
			for _, i := range s.Matched() {
				ids = append(ids, s.Idx.ID(i))
			}
		case citeStarred:
			ids = starred
		case citeAnnotated:
			ids = annotated
		}
		if len(ids) == 0 {
			showInfo(s, loc.T("cite.title"), loc.T("cite.nothing"))
			return
		}
		chooseSaveFile(s, loc.T("cite.title"), loc.T("export.start"), nil, name, func(path string) {
			p.writeCitations(path, ids, f, events)
		})
	}, s.Win)
	d.Resize(fyne.NewSize(min(600, s.Win.Canvas().Size().Width-40), 0))
	d.Show()
	s.closeOnEsc(d.Hide) // Esc = Cancel: nothing written
}

// writeCitations reads the events' details and writes the citations.
func (p *NotebookPane) writeCitations(path string, ids []string, f cite.Format, withEvents bool) {
	s, loc := p.s, p.s.Loc
	view, meta, lang := s.View(), s.DS.Meta, loc.Lang()
	var skipped int // set by the job, read after it
	more := func() string {
		if skipped > 0 {
			return loc.N("cite.skipped", skipped)
		}
		return ""
	}
	p.runFileJob(path, more, func(ctx context.Context, w io.Writer) error {
		var events []data.Event
		var ownSources []data.Source
		for _, id := range ids {
			i := view.Idx.Find(id)
			if i < 0 {
				continue // gone from the window meanwhile (an own event deleted)
			}
			e, err := view.EventAt(ctx, i)
			if err != nil {
				return err
			}
			if view.BasePos(i) < 0 {
				ownSources = append(ownSources, e.Sources...) // an own event is not the dataset's to cite
				continue
			}
			events = append(events, e)
		}
		_, sk := cite.Collect(ownSources, events)
		skipped = len(sk)
		return cite.Write(w, f, ownSources, events, cite.Options{Accessed: time.Now(), Lang: lang, IncludeEvents: withEvents,
			DatasetVersion: meta.Version, DatasetDate: meta.AsOf})
	})
}

// ShowImport imports a file into the notebook: a notebook export (JSON,
// a colleague's notes come in under their name), own events as CSV, or a
// TimelineJS file (its events become own events). Nothing changes when the
// file is refused; the message says why.
func (p *NotebookPane) ShowImport() {
	s := p.s
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		name := r.URI().Name()
		p.importFrom(name, r)
	}, s.Win)
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".json", ".csv"}))
	fd.SetTitleText(p.s.Loc.T("dialog.open_file")) // Fyne's own reads „Öffnen Datei“ in German
	if u, err := storage.ListerForURI(storage.NewFileURI(s.Prefs.String(prefExportDir, defaultExportDir()))); err == nil {
		fd.SetLocation(u)
	}
	fd.Show()
}

// ImportKind says what a file to import is.
type ImportKind int

// Import kinds.
const (
	ImportUnknown ImportKind = iota
	ImportNotebook
	ImportOwnCSV
	ImportTimelineJS
)

// DetectImport tells a notebook export, a TimelineJS file and a CSV of own
// events apart: by the JSON's "format" and "events" keys, else a .csv name.
func DetectImport(name string, b []byte) ImportKind {
	var head struct {
		Format string          `json:"format"`
		Events json.RawMessage `json:"events"`
	}
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\uFEFF")))
	if len(trimmed) > 0 && trimmed[0] == '{' {
		if err := json.Unmarshal(trimmed, &head); err == nil {
			switch {
			case head.Format == "aitimeline-notebook":
				return ImportNotebook
			case head.Events != nil:
				return ImportTimelineJS
			}
		}
		if strings.Contains(string(trimmed[:min(len(trimmed), 4096)]), `"aitimeline-notebook"`) {
			return ImportNotebook // a notebook file with an error further down: say where
		}
		return ImportUnknown
	}
	if strings.EqualFold(filepath.Ext(name), ".csv") {
		return ImportOwnCSV
	}
	return ImportUnknown
}

// importFrom reads and imports a file off the UI goroutine (after queued
// saves), then reloads the notebook and reports. A notebook export by
// another name asks first whether it is the user's own notebook from
// another computer (then its notes become the user's) or a colleague's.
func (p *NotebookPane) importFrom(name string, r io.ReadCloser) {
	s, loc := p.s, p.s.Loc
	s.Status.Set("notebook", loc.T("notebook.importing", "File", name))
	p.flushEditor()
	s.Q.Save(func(ctx context.Context) func() {
		defer r.Close()
		b, err := io.ReadAll(io.LimitReader(r, userdb.MaxImportBytes+1))
		if err == nil && int64(len(b)) > userdb.MaxImportBytes {
			err = &userdb.TooLargeError{Limit: userdb.MaxImportBytes}
		}
		kind := DetectImport(name, b)
		author := exportAuthor(b)
		return func() {
			if err != nil || kind != ImportNotebook || author == "" || author == p.author {
				p.runImport(name, b, kind, false, err)
				return
			}
			d := dialog.NewCustomConfirm(loc.T("notebook.import_title"), loc.T("notebook.import_mine"), loc.T("notebook.import_colleague"),
				wrapLabel(importQuestion(loc, author)), func(mine bool) { p.runImport(name, b, kind, mine, nil) }, s.Win)
			d.Resize(fyne.NewSize(min(520, s.Win.Canvas().Size().Width-60), 0))
			d.Show()
		}
	})
}

// importQuestion asks whose notebook an export by author is; an export
// that names no person (an administrator's account: "root", "me") is
// asked about without the name.
func importQuestion(loc *i18n.Localizer, author string) string {
	if userdb.Unnamed(author) {
		return loc.T("notebook.import_whose_unnamed")
	}
	return loc.T("notebook.import_whose", "Author", author)
}

// exportAuthor is the author a notebook export names ("" if none).
func exportAuthor(b []byte) string {
	var head struct {
		Author string `json:"author"`
	}
	json.Unmarshal(bytes.TrimPrefix(b, []byte("\uFEFF")), &head)
	return strings.TrimSpace(head.Author)
}

// runImport imports the file's bytes (adopting its author for one's own
// notebook) off the UI goroutine and reports.
func (p *NotebookPane) runImport(name string, b []byte, kind ImportKind, mine bool, readErr error) {
	s, loc := p.s, p.s.Loc
	nb, lang := p.nb, loc.Lang()
	s.Q.Save(func(ctx context.Context) func() {
		var rep userdb.ImportReport
		err := readErr
		if err == nil {
			switch kind {
			case ImportNotebook:
				rep, err = nb.ImportJSON(ctx, bytes.NewReader(b), userdb.ImportOptions{AdoptAuthor: mine})
			case ImportOwnCSV:
				rep, err = nb.ImportOwnEventsCSV(ctx, bytes.NewReader(b))
			case ImportTimelineJS:
				rep, err = nb.ImportTimelineJS(ctx, bytes.NewReader(b), lang)
			default:
				err = errUnknownImport
			}
		}
		author, _ := nb.Author(ctx)
		return func() {
			s.Status.Clear("notebook")
			if err != nil {
				showInfo(s, loc.T("notebook.import_title"), loc.T("notebook.import_failed", "File", name, "Error", p.errorText(err)))
				return
			}
			msg := rep.Message(loc)
			if fileAuthor := exportAuthor(b); mine && fileAuthor != "" && author != fileAuthor {
				msg += "\n\n" + loc.T("notebook.import_not_adopted", "Author", fileAuthor, "Me", author)
			}
			showInfo(s, loc.T("notebook.import_title"), msg)
			if author != "" {
				p.author = author
			}
			p.undo = nil
			p.m.RefreshMenu()
			p.reloadEditors() // notes may have changed under them
			p.Load(false)
		}
	})
}

var errUnknownImport = errors.New("unknown import file")

// errorText phrases an error of the notebook or of a file format.
func (p *NotebookPane) errorText(err error) string {
	loc := p.s.Loc
	if errors.Is(err, errUnknownImport) {
		return loc.T("notebook.import_unknown")
	}
	if _, _, ok := interop.Message(err); ok {
		return LocalizedError(loc, err)
	}
	return userdb.Message(loc, err)
}

// ShowRestore lists the notebook's backups (date, kind, notes) and restores
// the one chosen, after backing up the current state.
func (p *NotebookPane) ShowRestore() {
	s, loc := p.s, p.s.Loc
	nb := p.nb
	s.Q.Run("notebook-backups", func(ctx context.Context) func() {
		bs, err := nb.Backups(ctx)
		return func() {
			if err != nil {
				p.fail(err)
				return
			}
			if len(bs) == 0 {
				showInfo(s, loc.T("notebook.restore_title"), loc.T("notebook.restore_none", "Dir", nb.BackupDir()))
				return
			}
			var labels []string
			for _, b := range bs {
				labels = append(labels, loc.T("notebook.restore_item", "Date", loc.Date(dateOfTime(b.Time)), "Time", b.Time.Format("15:04"),
					"Kind", backupKindName(loc, b.Kind), "Contents", backupContents(loc, b)))
			}
			chosen := 0 // the newest, chosen until the user picks another
			list := widget.NewList(func() int { return len(labels) }, func() fyne.CanvasObject {
				l := widget.NewLabel("")
				l.Truncation = fyne.TextTruncateEllipsis // a narrow window: cut, never spill over the dialog
				return l
			},
				func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(labels[id]) })
			list.OnSelected = func(id widget.ListItemID) { chosen = id }
			list.Select(0)
			body := container.NewBorder(wrapLabel(loc.T("notebook.restore_intro")), nil, nil, nil, list)
			d := dialog.NewCustomConfirm(loc.T("notebook.restore_title"), loc.T("notebook.restore_do"), loc.T("filter.cancel"),
				container.NewGridWrap(fyne.NewSize(min(760, s.Win.Canvas().Size().Width-60), 320), body), func(ok bool) {
					if ok && chosen >= 0 {
						p.restore(bs[chosen])
					}
				}, s.Win)
			d.Show()
			s.closeOnEsc(d.Hide) // Esc = Cancel: nothing restored
		}
	})
}

// backupContents says what a backup holds, so that backups with the same
// notes tell apart: "3 notes, 2 own events, 1 tour" (own events and tours
// only when there are some).
func backupContents(loc *i18n.Localizer, b userdb.Backup) string {
	if b.Notes < 0 {
		return loc.T("notebook.restore_unreadable")
	}
	parts := []string{loc.N("notebook.restore_notes", b.Notes)}
	if b.OwnEvents > 0 {
		parts = append(parts, loc.N("notebook.restore_own_events", b.OwnEvents))
	}
	if b.Tours > 0 {
		parts = append(parts, loc.N("notebook.restore_tours", b.Tours))
	}
	return strings.Join(parts, ", ")
}

func (p *NotebookPane) restore(b userdb.Backup) {
	s, loc, nb := p.s, p.s.Loc, p.nb
	p.flushEditor()
	p.save(func(ctx context.Context) error { _, err := nb.RestoreBackup(ctx, b.Path); return err }, func(err error) {
		if err != nil {
			showInfo(s, loc.T("notebook.restore_title"), userdb.Message(loc, err))
			return
		}
		s.Status.Set("notebook", loc.T("notebook.restored_backup", "Date", loc.Date(dateOfTime(b.Time))))
		p.undo = nil
		p.m.RefreshMenu()
		p.reloadEditors()
		p.Load(false)
	})
}

// ShowAuthor sets the name the user's notes carry (colleagues see it).
func (p *NotebookPane) ShowAuthor() {
	s, loc, nb := p.s, p.s.Loc, p.nb
	e := widget.NewEntry()
	e.SetPlaceHolder(loc.T("notebook.author_placeholder"))
	if !userdb.Unnamed(p.author) { // no "root" or "me" to delete first
		e.SetText(p.author)
	}
	d := dialog.NewForm(loc.T("notebook.author_title"), loc.T("own.save"), loc.T("filter.cancel"),
		[]*widget.FormItem{widget.NewFormItem(loc.T("notebook.author_name"), e)}, func(ok bool) {
			if !ok {
				return
			}
			name := strings.TrimSpace(e.Text)
			p.flushEditor() // what is being typed is saved under the old name first
			var stored string
			p.save(func(ctx context.Context) error {
				if err := nb.SetAuthor(ctx, name); err != nil {
					return err
				}
				var err error
				stored, err = nb.Author(ctx) // as the notebook cleaned it
				return err
			}, func(err error) {
				if err != nil {
					showInfo(s, loc.T("notebook.author_title"), userdb.Message(loc, err))
					return
				}
				p.author = stored
				p.reloadEditors()
			})
		}, s.Win)
	d.Resize(fyne.NewSize(min(480, s.Win.Canvas().Size().Width-40), 0))
	d.Show()
	s.closeOnEsc(d.Hide) // Esc = Cancel
}

// backupKindName says why a backup was made, in the user's language.
func backupKindName(loc *i18n.Localizer, k userdb.BackupKind) string {
	switch k {
	case userdb.BackupDaily:
		return loc.T("notebook.backup_daily")
	case userdb.BackupBeforeRestore:
		return loc.T("notebook.backup_before_restore")
	case userdb.BackupBeforeMigration:
		return loc.T("notebook.backup_before_migration")
	}
	return loc.T("notebook.backup_manual")
}
