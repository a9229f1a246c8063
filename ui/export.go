package ui

import (
	"aitimeline/data"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// ExportScope says which events an export holds.
type ExportScope int

// Export scopes.
const (
	ScopeAll      ExportScope = iota // every event of the dataset
	ScopeFiltered                    // the events the filter keeps
	ScopeVisible                     // the events in the visible window (and the filter)
)

// WriteAtomic writes a file through a temporary file in the same folder and
// renames it into place, so a failed or cancelled write never leaves a half
// file where a good one was. fill writes the content.
func WriteAtomic(path string, fill func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".aitimeline-*")
	if err != nil {
		return err
	}
	err = fill(tmp)
	if err == nil {
		err = tmp.Chmod(0o644) // CreateTemp makes 0600; an export is an ordinary file
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// Exporter writes the dataset, or the part the reader chose, as JSON or CSV
// from the window: off the UI goroutine, cancellable (closing the window
// cancels it), and atomic.
type Exporter struct {
	s *Session
}

func newExporter(s *Session) *Exporter { return &Exporter{s: s} }

// selection is the event test of a scope (nil: all), in the store's
// numbering (without the user's own events). Call it on the UI goroutine.
func (x *Exporter) selection(scope ExportScope) func(int) bool {
	sel := x.windowSelection(scope)
	if v := x.s.View(); sel != nil && v.fromBase != nil {
		inner := sel
		sel = func(b int) bool { return inner(v.FromBase(b)) }
	}
	return sel
}

func (x *Exporter) windowSelection(scope ExportScope) func(int) bool {
	s := x.s
	switch scope {
	case ScopeFiltered:
		// The events kept now, not the live filter (whose marks may change
		// while the export runs).
		if m := s.Matched(); m != nil {
			in := make([]bool, s.Idx.Len())
			for _, i := range m {
				in[i] = true
			}
			return func(i int) bool { return i >= 0 && i < len(in) && in[i] }
		}
		return nil
	case ScopeVisible:
		lo, hi, rows := s.Window()
		if rows != nil {
			in := make(map[int]bool, len(rows))
			for _, r := range rows {
				in[r] = true
			}
			return func(i int) bool { return in[i] }
		}
		return func(i int) bool { return i >= lo && i < hi }
	}
	return nil
}

// Export writes the dataset's events of scope (never the user's own) as
// format ("json" or "csv") to path, atomically, and reports how many it
// wrote. Call it on the UI goroutine; it returns the work to run off it.
func (x *Exporter) Export(path, format string, scope ExportScope) func(ctx context.Context) (int, error) {
	sel, st := x.selection(scope), x.s.Store
	return func(ctx context.Context) (int, error) { return exportTo(ctx, st, path, format, sel) }
}

func exportTo(ctx context.Context, st *data.Store, path, format string, sel func(int) bool) (int, error) {
	var n int
	err := WriteAtomic(path, func(w io.Writer) error {
		var err error
		if format == "csv" {
			n, err = st.ExportCSV(ctx, w, sel)
		} else {
			n, err = st.ExportJSON(ctx, w, sel)
		}
		return err
	})
	return n, err
}

// Busy reports whether an export is running.
func (x *Exporter) Busy() bool { return x.s.Q.Busy("export") }

// ShowDialog asks which events to export and where to, then writes the
// file off the UI goroutine. It picks the folder with Fyne's folder dialog
// and takes the file name itself: Fyne's save dialog truncates the chosen
// file before handing it over, which would lose a good file if the export
// then failed.
func (x *Exporter) ShowDialog(format string) {
	s, loc := x.s, x.s.Loc
	choices := []string{loc.N("export.scope_all", s.Idx.Len())}
	scopes := []ExportScope{ScopeAll}
	if s.Match() != nil {
		choices = append(choices, loc.N("export.scope_filtered", len(s.Matched())))
		scopes = append(scopes, ScopeFiltered)
	}
	lo, hi, rows := s.Window()
	visible := hi - lo
	if rows != nil {
		visible = len(rows)
	}
	choices = append(choices, loc.N("export.scope_visible", visible))
	scopes = append(scopes, ScopeVisible)
	radio := widget.NewRadioGroup(choices, nil)
	radio.SetSelected(choices[0])
	if s.Match() != nil {
		radio.SetSelected(choices[1]) // a reader who filtered most likely wants what they see
	}
	which := []*widget.FormItem{widget.NewFormItem(loc.T("export.which"), radio)}
	chooseSaveFile(s, loc.T("export.title", "Format", formatName(format)), loc.T("export.start"), which, "aitimeline."+format, func(path string) {
		scope := ScopeAll
		for k, c := range choices {
			if c == radio.Selected {
				scope = scopes[k]
			}
		}
		x.start(path, format, scope)
	})
}

func formatName(format string) string {
	if format == "csv" {
		return "CSV"
	}
	return "JSON"
}

const prefExportDir = "export.folder"

// defaultExportDir is the user's documents folder, else home, else the
// working directory.
func defaultExportDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	for _, d := range []string{"Dokumente", "Documents"} {
		if st, err := os.Stat(filepath.Join(home, d)); err == nil && st.IsDir() {
			return filepath.Join(home, d)
		}
	}
	return home
}

// start runs the export off the UI goroutine and reports the result.
func (x *Exporter) start(path, format string, scope ExportScope) {
	s, loc := x.s, x.s.Loc
	name := filepath.Base(path)
	s.Status.Set("export", loc.T("export.running", "File", name))
	work := x.Export(path, format, scope)
	s.Q.Run("export", func(ctx context.Context) func() {
		n, err := work(ctx)
		if errors.Is(err, context.Canceled) {
			return nil
		}
		return func() {
			if err != nil {
				s.Status.Clear("export")
				dialog.ShowError(fmt.Errorf("%s", loc.T("export.failed", "Error", err)), s.Win)
				return
			}
			s.Status.Set("export", loc.N("export.written", n, "File", name))
		}
	})
}
