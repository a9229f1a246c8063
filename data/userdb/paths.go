package userdb

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// FileName is the notebook's file name inside the app's data folder.
const FileName = "notebook.db"

// appDir is the app's folder inside the platform's user data directory.
const appDir = "aitimeline"

// DefaultPath is where the notebook lives unless --notebook says otherwise:
// $XDG_DATA_HOME/aitimeline/notebook.db (else ~/.local/share/…) on Linux and
// other Unixes, ~/Library/Application Support/aitimeline/notebook.db on macOS,
// %AppData%\aitimeline\notebook.db on Windows.
func DefaultPath() (string, error) {
	return defaultPath(runtime.GOOS, os.Getenv, os.UserHomeDir, os.UserConfigDir)
}

// defaultPath is DefaultPath with the platform and environment injected, so
// every platform's rule is tested on any machine.
func defaultPath(goos string, getenv func(string) string, home, config func() (string, error)) (string, error) {
	switch goos {
	case "windows", "darwin", "ios", "plan9":
		// os.UserConfigDir is %AppData% on Windows and ~/Library/Application
		// Support on macOS: exactly the data folders those platforms prescribe.
		dir, err := config()
		if err != nil {
			return "", err
		}
		return filepath.Join(dir, appDir, FileName), nil
	}
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, appDir, FileName), nil
	}
	h, err := home()
	if err != nil {
		return "", err
	}
	if h == "" {
		return "", errors.New("no home directory for the notebook")
	}
	return filepath.Join(h, ".local", "share", appDir, FileName), nil
}
