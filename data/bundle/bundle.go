// Package bundle is the app's one policy for opening a dataset: the bundled
// one (written once to a content-addressed file in the user's cache folder,
// else a temporary folder, else held in memory, so a read-only home or a
// school computer still works) or a file the user names, which is checked as
// untrusted input. It also phrases the refusals for the user. The command
// line and the window both open datasets through it.
package bundle

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"aitimeline/assets"
	"aitimeline/data"
	"aitimeline/i18n"
)

// CacheDirs lists the folders the bundled dataset may be written to, in
// order: AITIMELINE_CACHE_DIR if set, the user's cache folder, a temporary folder.
func CacheDirs(getenv func(string) string) []string {
	var dirs []string
	if d := getenv("AITIMELINE_CACHE_DIR"); d != "" {
		dirs = append(dirs, d)
	}
	if d, err := os.UserCacheDir(); err == nil {
		dirs = append(dirs, filepath.Join(d, "aitimeline"))
	}
	return append(dirs, filepath.Join(os.TempDir(), "aitimeline-cache-"+uid()))
}

// Open opens the dataset file at path, or the bundled dataset when path is
// empty. Errors are the OS's (missing file, permission) or *data.DatasetError;
// Message phrases either for the user.
func Open(ctx context.Context, path string, getenv func(string) string) (*data.Store, error) {
	if path == "" {
		return data.OpenEmbedded(assets.Dataset, CacheDirs(getenv)...)
	}
	return data.OpenContext(ctx, path)
}

// Message phrases an Open error in one line in the user's language. file is
// the path the user gave ("" for the bundled dataset).
func Message(loc *i18n.Localizer, file string, err error) string {
	var de *data.DatasetError
	switch {
	case errors.As(err, &de):
		detail := loc.T("dataset.err."+string(de.Reason), "Event", de.Event, "Value", de.Value, "Have", de.Have, "Max", de.Max)
		if de.Event != "" && de.Reason != data.ReasonNewerSchema && de.Reason != data.ReasonOlderSchema {
			detail = loc.T("dataset.err.in_event", "Event", de.Event, "Problem", detail)
		}
		if file == "" {
			return loc.T("dataset.err.bundled", "Problem", detail)
		}
		if de.Reason == data.ReasonNotDataset {
			return loc.T("cli.err.not_dataset", "File", file)
		}
		return loc.T("dataset.err.refused", "File", file, "Problem", detail)
	case file == "":
		return loc.T("cli.err.cache", "Error", osMessage(loc, err))
	}
	return loc.T("cli.err.dataset", "File", file, "Error", osMessage(loc, err))
}

// osMessage phrases common file errors in the user's language.
func osMessage(loc *i18n.Localizer, err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return loc.T("cli.os.not_exist")
	case errors.Is(err, os.ErrPermission):
		return loc.T("cli.os.permission")
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
