package userdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// BackupKind says why a backup was made.
type BackupKind string

// Kinds of backups. Daily backups are kept for the last KeepBackups days;
// of the other kinds together the newest KeepBackups are kept.
const (
	BackupDaily           BackupKind = "daily"            // automatic, the first open of a day
	BackupManual          BackupKind = "manual"           // Backup
	BackupBeforeRestore   BackupKind = "before-restore"   // the state RestoreBackup replaced
	BackupBeforeMigration BackupKind = "before-migration" // the state before a schema upgrade
)

const kindBeforeMigration = BackupBeforeMigration

// Backup is one backup file of the notebook.
type Backup struct {
	Path          string
	Time          time.Time // when it was made (local time, to the second)
	Kind          BackupKind
	Size          int64 // bytes
	Notes         int   // live notes in it; -1 when the file cannot be read
	OwnEvents     int   // live own events in it (0 when the file cannot be read)
	Tours         int   // live tours in it (0 when the file cannot be read)
	SchemaVersion int
}

// BackupDir is the folder of the notebook's backups: backups/ beside the file.
func (nb *Notebook) BackupDir() string { return filepath.Join(filepath.Dir(nb.path), "backups") }

const stampLayout = "20060102-150405"

// backupName is NAME-YYYYMMDD-HHMMSS-KIND.db for notebook NAME.db (with
// -2, -3, … for more in the same second), so that two notebooks in one
// folder keep apart and names sort by time.
func (nb *Notebook) backupName(t time.Time, kind BackupKind, n int) string {
	if n > 1 {
		return fmt.Sprintf("%s-%s-%s-%d.db", nb.stem(), t.Format(stampLayout), kind, n)
	}
	return fmt.Sprintf("%s-%s-%s.db", nb.stem(), t.Format(stampLayout), kind)
}

func (nb *Notebook) stem() string {
	base := filepath.Base(nb.path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

var backupRE = regexp.MustCompile(`^(.*)-(\d{8}-\d{6})-(daily|manual|before-restore|before-migration)(?:-(\d{1,4}))?\.db$`)

// Backup makes a backup of the notebook now and returns it.
func (nb *Notebook) Backup(ctx context.Context) (Backup, error) {
	return nb.backup(ctx, BackupManual)
}

// backup writes a consistent copy with VACUUM INTO (a snapshot that other
// connections and processes may go on writing during) to a temporary name,
// checks it, and renames it into place, so that a crash never leaves a
// half-written file under a backup's name.
func (nb *Notebook) backup(ctx context.Context, kind BackupKind) (Backup, error) {
	if nb.w == nil {
		return Backup{}, ErrReadOnly
	}
	dir := nb.BackupDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Backup{}, err
	}
	now := nb.opts.Now()
	tmp := filepath.Join(dir, ".tmp-"+newID("")+".db")
	defer os.Remove(tmp)
	if err := vacuumInto(ctx, nb.path, tmp); err != nil {
		return Backup{}, fmt.Errorf("backup: %w", err)
	}
	b, err := readBackup(ctx, tmp)
	if err != nil {
		return Backup{}, fmt.Errorf("backup: the copy does not read back: %w", err)
	}
	// Never replace a backup: a restore undone within the same second must
	// not overwrite the safety backup it is restoring from.
	final := filepath.Join(dir, nb.backupName(now, kind, 1))
	for n := 2; exists(final); n++ {
		final = filepath.Join(dir, nb.backupName(now, kind, n))
	}
	if err := os.Rename(tmp, final); err != nil {
		return Backup{}, err
	}
	b.Path, b.Time, b.Kind = final, now.Truncate(time.Second), kind
	nb.prune()
	return b, nil
}

// vacuumInto writes a compacted snapshot of the notebook to dst. It runs on
// a connection of its own: the read pool is query-only, which SQLite applies
// to VACUUM INTO as well, and the write connection must stay free.
func vacuumInto(ctx context.Context, path, dst string) error {
	db, err := sql.Open("sqlite3", dsn(path, "_busy_timeout="+busyTimeout))
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "VACUUM INTO ?", dst)
	return err
}

// autoBackup makes the day's backup unless there is one already. Two
// processes opening the notebook at once agree through a lock file made
// with O_EXCL: one makes the backup, the other leaves it (a lock older
// than staleDailyLock, left by a crash, is taken over).
func (nb *Notebook) autoBackup(ctx context.Context) (Backup, error) {
	today := nb.opts.Now().Format("20060102")
	if nb.hasDaily(today) {
		return Backup{}, nil
	}
	dir := nb.BackupDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Backup{}, err
	}
	lock := filepath.Join(dir, ".daily-"+nb.stem()+"-"+today+".lock")
	for try := 0; ; try++ {
		f, err := os.OpenFile(lock, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err == nil {
			f.Close()
			break
		}
		if st, serr := os.Stat(lock); try == 0 && serr == nil && time.Since(st.ModTime()) > staleDailyLock {
			os.Remove(lock)
			continue
		}
		return Backup{}, nil // another process is making today's backup
	}
	defer os.Remove(lock)
	if nb.hasDaily(today) { // made while this process waited for the lock
		return Backup{}, nil
	}
	return nb.backup(ctx, BackupDaily)
}

// staleDailyLock is when a daily backup's lock is taken to be left by a crash.
const staleDailyLock = 10 * time.Minute

func (nb *Notebook) hasDaily(today string) bool {
	for _, f := range nb.backupFiles() {
		if f.kind == BackupDaily && f.stamp[:8] == today {
			return true
		}
	}
	return false
}

type backupFile struct {
	path, stamp string
	seq         int // the -N of a second backup of one kind in one second
	kind        BackupKind
}

// backupFiles lists this notebook's backup files, newest first.
func (nb *Notebook) backupFiles() []backupFile {
	ents, _ := os.ReadDir(nb.BackupDir())
	var out []backupFile
	for _, e := range ents {
		m := backupRE.FindStringSubmatch(e.Name())
		if m == nil || m[1] != nb.stem() || !e.Type().IsRegular() {
			continue
		}
		seq, _ := strconv.Atoi(m[4])
		out = append(out, backupFile{filepath.Join(nb.BackupDir(), e.Name()), m[2], seq, BackupKind(m[3])})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].stamp != out[j].stamp {
			return out[i].stamp > out[j].stamp
		}
		return out[i].seq > out[j].seq
	})
	return out
}

// prune deletes daily backups beyond the newest KeepBackups, other backups
// beyond the newest KeepBackups, and temporary files a crash left behind.
// (Backups are the only files this package ever deletes.)
func (nb *Notebook) prune() {
	daily, other := 0, 0
	for _, f := range nb.backupFiles() {
		n := &other
		if f.kind == BackupDaily {
			n = &daily
		}
		if *n++; *n > nb.opts.KeepBackups {
			os.Remove(f.path)
		}
	}
	ents, _ := os.ReadDir(nb.BackupDir())
	for _, e := range ents {
		if !strings.HasPrefix(e.Name(), ".tmp-") {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > time.Hour {
			os.Remove(filepath.Join(nb.BackupDir(), e.Name()))
		}
	}
}

// Backups lists the notebook's backups, newest first, with how many notes,
// own events and tours each holds (what a user tells them apart by).
func (nb *Notebook) Backups(ctx context.Context) ([]Backup, error) {
	var out []Backup
	for _, f := range nb.backupFiles() {
		b, err := readBackup(ctx, f.path)
		if err != nil {
			b = Backup{Notes: -1} // and no own events or tours: none that can be restored
		}
		t, _ := time.ParseInLocation(stampLayout, f.stamp, time.Local)
		b.Path, b.Time, b.Kind = f.path, t, f.kind
		if fi, err := os.Stat(f.path); err == nil {
			b.Size = fi.Size()
		}
		out = append(out, b)
	}
	return out, nil
}

// readBackup opens a backup file read-only and counts its live notes, own
// events and tours; it fails for anything that is not an intact notebook
// this app can read.
func readBackup(ctx context.Context, path string) (Backup, error) {
	var b Backup
	if _, err := os.Stat(path); err != nil {
		return b, err
	}
	db, err := sql.Open("sqlite3", dsn(path, "mode=ro&immutable=1"))
	if err != nil {
		return b, err
	}
	defer db.Close()
	var app int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
		return b, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if app != applicationID {
		return b, ErrForeign
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&b.SchemaVersion); err != nil {
		return b, err
	}
	var check string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&check); err != nil || check != "ok" {
		return b, fmt.Errorf("%w: %s %v", ErrDamaged, check, err)
	}
	// The file is opened immutable: the counts come from one state. The
	// notes are what makes a notebook; own events and tours are counted
	// where the file's schema has them (0 otherwise: a restore adds them).
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM notes WHERE deleted IS NULL").Scan(&b.Notes); err != nil {
		return b, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	for _, c := range []struct {
		table string
		n     *int
	}{{"own_events", &b.OwnEvents}, {"tours", &b.Tours}} {
		var has int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", c.table).Scan(&has); err != nil {
			return b, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		if has == 0 {
			continue
		}
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+c.table+" WHERE deleted IS NULL").Scan(c.n); err != nil {
			return b, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
	}
	if fi, err := os.Stat(path); err == nil {
		b.Size = fi.Size()
	}
	return b, nil
}

// RestoreBackup replaces the notebook's content with the backup at path
// (one from Backups, or any notebook file the user picks), after backing up
// the current state first; it returns that safety backup. The copy goes
// through SQLite's online backup API into the open file, so other
// connections (and another instance of the app) see the restored notebook
// and nothing writes to a replaced file. An older backup is upgraded
// afterwards; a damaged, foreign or newer file is refused and nothing changes.
func (nb *Notebook) RestoreBackup(ctx context.Context, path string) (Backup, error) {
	if nb.w == nil {
		return Backup{}, ErrReadOnly
	}
	if a, err := os.Stat(path); err == nil {
		if b, err := os.Stat(nb.path); err == nil && os.SameFile(a, b) {
			return Backup{}, fmt.Errorf("%w: a notebook cannot be restored from itself", ErrInvalid)
		}
	}
	src, err := readBackup(ctx, path)
	if err != nil {
		return Backup{}, err
	}
	if src.SchemaVersion > latest(nb.ms) {
		return Backup{}, ErrNewerSchema
	}
	safety, err := nb.backup(ctx, BackupBeforeRestore)
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB) {
		// The notebook itself is damaged, which is why the user restores:
		// keep its bytes as they are instead.
		safety, err = nb.rawCopy(BackupBeforeRestore)
	}
	if err != nil {
		return Backup{}, err
	}
	if err := copyInto(ctx, nb.w, path); err != nil {
		return safety, err
	}
	if _, err := migrate(ctx, nb.w, nb.ms, authorOr(nb.opts.Author), nb.now()); err != nil {
		return safety, err
	}
	return safety, nil
}

// rawCopy keeps the notebook file's bytes (and its -wal, which may hold
// committed changes) as a backup, for a file too damaged to VACUUM.
func (nb *Notebook) rawCopy(kind BackupKind) (Backup, error) {
	now := nb.opts.Now()
	final := filepath.Join(nb.BackupDir(), nb.backupName(now, kind, 1))
	for n := 2; exists(final); n++ {
		final = filepath.Join(nb.BackupDir(), nb.backupName(now, kind, n))
	}
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(nb.path + suffix)
		if errors.Is(err, os.ErrNotExist) && suffix != "" {
			continue
		}
		if err != nil {
			return Backup{}, err
		}
		if err := os.WriteFile(final+suffix, b, 0o600); err != nil {
			return Backup{}, err
		}
	}
	return Backup{Path: final, Time: now.Truncate(time.Second), Kind: kind, Notes: -1}, nil
}

// copyInto copies the database file src over the main database of db's
// (single) connection with the online backup API, retrying while another
// connection holds the lock.
func copyInto(ctx context.Context, db *sql.DB, src string) error {
	sdb, err := sql.Open("sqlite3", dsn(src, "mode=ro&immutable=1"))
	if err != nil {
		return err
	}
	defer sdb.Close()
	sconn, err := sdb.Conn(ctx)
	if err != nil {
		return err
	}
	defer sconn.Close()
	dconn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer dconn.Close()
	return dconn.Raw(func(d any) error {
		return sconn.Raw(func(s any) error {
			bk, err := d.(*sqlite3.SQLiteConn).Backup("main", s.(*sqlite3.SQLiteConn), "main")
			if err != nil {
				return err
			}
			for {
				done, err := bk.Step(-1)
				if done {
					return bk.Finish()
				}
				var se sqlite3.Error
				if err != nil && !(errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)) {
					bk.Finish()
					return err
				}
				select {
				case <-ctx.Done():
					bk.Finish()
					return ctx.Err()
				case <-time.After(20 * time.Millisecond):
				}
			}
		})
	})
}
