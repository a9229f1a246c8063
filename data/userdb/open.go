package userdb

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"
)

// Options adjust Open. The zero value is what the app uses.
type Options struct {
	// Author names the notebook's author when the file is created; default
	// the OS user's full name, else the login name.
	Author string
	// ReadOnly opens without writing anything: no migration, no backup, no
	// moving a damaged file aside.
	ReadOnly bool
	// NoAutoBackup turns off the automatic daily backup (for one-shot CLI
	// commands and tests).
	NoAutoBackup bool
	// AutoBackupAfter delays the daily backup after Open. It copies and
	// checks the whole file (about 0.2 s of CPU for 10,000 notes), which the
	// app keeps away from its first frames. Closing the notebook before then
	// skips it: the next Open tries again.
	AutoBackupAfter time.Duration
	// KeepBackups is how many daily backups to keep; 0 means 7.
	KeepBackups int
	// TrashDays is how long deleted notes, own events and tours can be
	// restored; 0 means 30. Older ones are purged when the notebook opens.
	TrashDays int
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	migrations []migration         // tests: another schema history
	netFS      func(string) string // tests: pretend a network file system
}

// Info says how Open found the file. The UI shows MovedAside (with
// MoveReason), ReadOnly and NetworkFS to the user; Message gives the text.
type Info struct {
	Path    string // absolute path of the notebook file
	Created bool   // a new, empty notebook was started
	// MovedAside is where a damaged or foreign file at Path was moved
	// (renamed with a timestamp, never deleted) before a new notebook was
	// started; "" if none. MoveReason wraps ErrDamaged or ErrForeign.
	MovedAside string
	MoveReason error
	// ReadOnly is nil for a writable notebook, else why not: ErrReadOnly
	// (asked for), ErrNewerSchema, ErrNoWriteAccess or ErrMigration.
	ReadOnly error
	// NetworkFS names the network file system the file is on ("nfs", "smb",
	// "cifs", …), "" for a local disk. There the notebook uses a rollback
	// journal instead of WAL, and only one person at a time should write.
	NetworkFS string
	// SchemaVersion is the file's schema version after opening;
	// MigratedFrom the version it had before, when Open upgraded it.
	SchemaVersion int
	MigratedFrom  int
}

// Notebook is an open notebook file. It is safe for concurrent use; another
// process may have the same file open (writes then wait for each other).
type Notebook struct {
	path string
	r    *sql.DB // read pool
	w    *sql.DB // the single write connection; nil when read-only
	info Info
	opts Options
	ms   []migration

	bg      sync.WaitGroup // background work (the daily backup), awaited by Close
	closing chan struct{}  // closed by Close: background work not yet begun is skipped
	closed  sync.Once
}

// busyTimeout is how long a write waits for another connection or process
// to finish its own before giving up (SQLITE_BUSY).
const busyTimeout = "10000"

// Open opens the notebook at path, creating it (and its folder) when
// missing, and upgrading an older schema after backing it up. A damaged or
// foreign file is moved aside and a new notebook started (Info says where the
// old file went); a notebook of a newer app version opens read-only. An
// error means there is no notebook to work with at all (no folder can be
// created, the disk refuses, the file is locked by something for too long).
func Open(ctx context.Context, path string, opts Options) (*Notebook, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.KeepBackups <= 0 {
		opts.KeepBackups = 7
	}
	if opts.TrashDays <= 0 {
		opts.TrashDays = 30
	}
	if opts.netFS == nil {
		opts.netFS = networkFS
	}
	ms := opts.migrations
	if ms == nil {
		ms = migrations
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(abs)
	if !opts.ReadOnly {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, err
		}
	}
	nb := &Notebook{path: abs, opts: opts, ms: ms, closing: make(chan struct{})}
	nb.info.Path = abs
	nb.info.NetworkFS = opts.netFS(dir)
	switch {
	case opts.ReadOnly:
		nb.info.ReadOnly = ErrReadOnly
	case !writable(abs, dir):
		nb.info.ReadOnly = ErrNoWriteAccess
	}

	st, ver, why, err := probe(ctx, abs, nb.info.ReadOnly != nil)
	if err != nil {
		return nil, err
	}
	if st == stateDamaged || st == stateForeign {
		if nb.info.ReadOnly != nil {
			return nil, fmt.Errorf("%s: %w", abs, why)
		}
		moved, err := moveAside(abs, st, opts.Now())
		if err != nil {
			return nil, fmt.Errorf("moving %s aside: %w", abs, err)
		}
		nb.info.MovedAside, nb.info.MoveReason = moved, why
		st, ver = stateNew, 0
	}
	if st == stateNew {
		if nb.info.ReadOnly != nil {
			if _, err := os.Stat(abs); err != nil {
				return nil, err
			}
			return nil, fmt.Errorf("%s: %w", abs, nb.info.ReadOnly)
		}
		nb.info.Created = true
	}
	if ver > latest(ms) && nb.info.ReadOnly == nil {
		nb.info.ReadOnly = ErrNewerSchema
	}
	if err := nb.connect(ctx); err != nil {
		return nil, err
	}
	if nb.w != nil {
		if err := nb.upgrade(ctx, ver); err != nil {
			nb.Close()
			return nil, err
		}
	}
	if err := nb.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&nb.info.SchemaVersion); err != nil {
		nb.Close()
		return nil, err
	}
	if nb.w != nil {
		// Purging old trash is housekeeping: a failure must not keep the
		// user from their notes, and the next open tries again.
		_, _ = nb.Purge(ctx, opts.Now().AddDate(0, 0, -opts.TrashDays))
		if !opts.NoAutoBackup {
			nb.bg.Add(1)
			go func() {
				defer nb.bg.Done()
				if d := opts.AutoBackupAfter; d > 0 {
					t := time.NewTimer(d)
					defer t.Stop()
					select {
					case <-t.C:
					case <-nb.closing:
						return
					}
				}
				// A failed backup is retried at the next open; the
				// notebook itself is unaffected.
				_, _ = nb.autoBackup(context.Background())
			}()
		}
	}
	return nb, nil
}

// upgrade brings the schema to the latest version. A new file is simply
// created; an existing one is backed up first, and if the backup or the
// migration fails the notebook stays as it was and opens read-only.
func (nb *Notebook) upgrade(ctx context.Context, ver int) error {
	if ver > 0 && ver < latest(nb.ms) {
		if _, err := nb.backup(ctx, kindBeforeMigration); err != nil {
			nb.dropWriter(fmt.Errorf("%w: backup before upgrading failed: %v", ErrMigration, err))
			return nil
		}
	}
	from, err := migrate(ctx, nb.w, nb.ms, authorOr(nb.opts.Author), nb.opts.Now().UnixMilli())
	switch {
	case err == nil:
		if from < latest(nb.ms) && from > 0 {
			nb.info.MigratedFrom = from
		}
		return nil
	case errors.Is(err, ErrNewerSchema):
		nb.dropWriter(ErrNewerSchema)
		return nil
	case nb.info.Created:
		return err
	}
	if !errors.Is(err, ErrMigration) {
		err = fmt.Errorf("%w: %v", ErrMigration, err)
	}
	nb.dropWriter(err)
	return nil
}

func (nb *Notebook) dropWriter(reason error) {
	nb.w.Close()
	nb.w = nil
	nb.info.ReadOnly = reason
}

// connect opens the read pool and, unless read-only, the write connection.
// All writes go through one connection (navidrome's pattern): writes within
// the process queue in Go instead of fighting over SQLite's lock, and reads
// never wait for them (WAL).
func (nb *Notebook) connect(ctx context.Context) error {
	journal := "WAL"
	if nb.info.NetworkFS != "" {
		// WAL needs shared memory between all users of the file, which a
		// network share cannot give to two machines; a rollback journal
		// relies on file locks only.
		journal = "DELETE"
	}
	if nb.info.ReadOnly == nil {
		w, err := sql.Open("sqlite3", dsn(nb.path,
			"_busy_timeout="+busyTimeout+"&_foreign_keys=1&_journal_mode="+journal+
				"&_synchronous=FULL&_txlock=immediate&_cache_size=-65536"))
		if err != nil {
			return err
		}
		w.SetMaxOpenConns(1)
		w.SetMaxIdleConns(1)
		w.SetConnMaxLifetime(0)
		if err := w.PingContext(ctx); err != nil {
			w.Close()
			return err
		}
		nb.w = w
	}
	params := "_busy_timeout=" + busyTimeout + "&_foreign_keys=1&_query_only=1"
	if nb.info.ReadOnly != nil {
		params += "&mode=ro"
	}
	r, err := openReader(ctx, nb.path, params)
	if err != nil && nb.info.ReadOnly != nil {
		// A WAL file on read-only media without its -shm cannot be opened
		// even read-only; immutable=1 reads the main file as it stands.
		r, err = openReader(ctx, nb.path, params+"&immutable=1")
	}
	if err != nil {
		if nb.w != nil {
			nb.w.Close()
		}
		return err
	}
	nb.r = r
	return nil
}

func openReader(ctx context.Context, path, params string) (*sql.DB, error) {
	r, err := sql.Open("sqlite3", dsn(path, params))
	if err != nil {
		return nil, err
	}
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4)
	r.SetConnMaxLifetime(0)
	if err := r.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(new(int)); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

// dsn builds a SQLite URI for path; escaping the path keeps "?" and "#" in
// file names from being read as URI syntax.
func dsn(path, params string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: file:///C:/…
	}
	return (&url.URL{Scheme: "file", Path: p, RawQuery: params}).String()
}

// Close waits for background work (the day's backup, which is not
// cancelled: a short session must still leave its backup) and closes the file. SQLite checkpoints the WAL into the main file when the
// last connection closes, so notebook.db alone then holds everything.
func (nb *Notebook) Close() error {
	var err error
	nb.closed.Do(func() {
		if nb.closing != nil { // nil in a Notebook Open did not make
			close(nb.closing)
		}
		nb.bg.Wait()
		if nb.w != nil {
			err = nb.w.Close()
		}
		if nb.r != nil {
			err = errors.Join(err, nb.r.Close())
		}
	})
	return err
}

// Info reports how the notebook was opened.
func (nb *Notebook) Info() Info { return nb.info }

// Path is the notebook file's absolute path.
func (nb *Notebook) Path() string { return nb.path }

// ReadOnly reports whether writes are refused (Info().ReadOnly says why).
func (nb *Notebook) ReadOnly() bool { return nb.w == nil }

// write runs fn in one immediate transaction on the write connection.
func (nb *Notebook) write(ctx context.Context, fn func(tx *wtx) error) error {
	if nb.w == nil {
		return ErrReadOnly
	}
	tx, err := nb.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(&wtx{Tx: tx}); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// wtx is a write transaction that prepares each statement once: an import
// of 10,000 notes runs the same few statements 10,000 times.
type wtx struct {
	*sql.Tx
	stmts map[string]*sql.Stmt
}

func (t *wtx) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if s, ok := t.stmts[q]; ok {
		return s, nil
	}
	s, err := t.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[q] = s
	return s, nil
}

func (t *wtx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	s, err := t.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

func (t *wtx) row(ctx context.Context, q string, args ...any) *sql.Row {
	s, err := t.stmt(ctx, q)
	if err != nil {
		return t.QueryRowContext(ctx, q, args...) // reports the same error
	}
	return s.QueryRowContext(ctx, args...)
}

func (nb *Notebook) now() int64 { return nb.opts.Now().UnixMilli() }

// writable reports whether the file (or, for a new file, its folder) can be
// written. SQLite also writes -wal and -shm files beside the notebook, so
// the folder must be writable too.
func writable(path, dir string) bool {
	if f, err := os.OpenFile(path, os.O_RDWR, 0); err == nil {
		f.Close()
	} else if !errors.Is(err, os.ErrNotExist) {
		return false
	}
	f, err := os.CreateTemp(dir, ".notebook-probe-*")
	if err != nil {
		return false
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	return true
}

type fileState int

const (
	stateNew      fileState = iota // missing, empty, or an empty SQLite file
	stateNotebook                  // one of ours (at any schema version)
	stateDamaged                   // unreadable: truncated, garbage, corrupt
	stateForeign                   // another program's SQLite database
)

const sqliteMagic = "SQLite format 3\x00"

// probe looks at the file before anything writes to it. why wraps
// ErrDamaged or ErrForeign with the detail; err is for failures that say
// nothing about the file (busy, permission) and must not get it moved aside.
func probe(ctx context.Context, path string, readOnly bool) (st fileState, ver int, why, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return stateNew, 0, nil, nil
	}
	if err != nil {
		return 0, 0, nil, err
	}
	head := make([]byte, 100)
	n, _ := f.Read(head)
	f.Close()
	switch {
	case n == 0:
		// SQLite treats an empty file as an empty database; a leftover -wal
		// beside it is SQLite's to judge below.
		if _, err := os.Stat(path + "-wal"); err != nil {
			return stateNew, 0, nil, nil
		}
	case n < len(head):
		return stateDamaged, 0, fmt.Errorf("%w: only %d bytes", ErrDamaged, n), nil
	case string(head[:16]) != sqliteMagic:
		return stateDamaged, 0, fmt.Errorf("%w: not an SQLite file", ErrDamaged), nil
	}
	params := "_busy_timeout=" + busyTimeout
	if readOnly {
		params += "&mode=ro"
	}
	db, err := sql.Open("sqlite3", dsn(path, params))
	if err != nil {
		return 0, 0, nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var app, tables int
	err = db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app)
	if err == nil {
		err = db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&ver)
	}
	if err == nil {
		err = db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables)
	}
	if err != nil {
		return damagedOr(err)
	}
	switch {
	case app == 0 && tables == 0 && ver == 0:
		return stateNew, 0, nil, nil
	case app != applicationID:
		return stateForeign, 0, fmt.Errorf("%w (application id %#x, %d tables)", ErrForeign, app, tables), nil
	}
	if problem := truncated(path, head); problem != "" {
		return stateDamaged, 0, fmt.Errorf("%w: %s", ErrDamaged, problem), nil
	}
	// Read a table's first page too (meta is the first table, root page 2):
	// a notebook whose structure cannot be read is damaged. The full check
	// (CheckIntegrity) reads every page and costs ~10 ms per MB, too much
	// for every start; the daily backup reads every page as well.
	if ver >= 1 {
		var n int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM meta").Scan(&n); err != nil {
			return damagedOr(err)
		}
	}
	return stateNotebook, ver, nil, nil
}

// truncated compares the file's size with the size its header records. A
// -wal or -journal file beside it may still hold the missing pages (a crash
// during a checkpoint), so the comparison is made only without them.
func truncated(path string, head []byte) string {
	for _, j := range []string{"-wal", "-journal"} {
		if fi, err := os.Stat(path + j); err == nil && fi.Size() > 0 {
			return ""
		}
	}
	fi, err := os.Stat(path)
	if err != nil || len(head) < 100 {
		return ""
	}
	pageSize := int64(binary.BigEndian.Uint16(head[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	pages := int64(binary.BigEndian.Uint32(head[28:32]))
	// The page count is valid only when "version-valid-for" matches the
	// change counter (SQLite file format, section 1.3.7).
	if binary.BigEndian.Uint32(head[92:96]) != binary.BigEndian.Uint32(head[24:28]) || pages == 0 {
		return ""
	}
	if want := pages * pageSize; fi.Size() < want {
		return fmt.Sprintf("truncated: %d of %d bytes", fi.Size(), want)
	}
	return ""
}

// CheckIntegrity runs SQLite's quick_check over every page of the file. It
// costs about 10 ms of CPU per MB (0.2 s for 10,000 notes and 10,000 own
// events), so Open does only cheap checks; call this from a goroutine (or a
// "check notebook" command). A problem wraps ErrDamaged: the UI should offer
// to restore a backup.
func (nb *Notebook) CheckIntegrity(ctx context.Context) error {
	var problems []string
	err := each(ctx, nb.r, "PRAGMA quick_check(5)", func(r *sql.Rows) error {
		var s string
		err := r.Scan(&s)
		if s != "ok" {
			problems = append(problems, s)
		}
		return err
	})
	if err != nil {
		_, _, why, other := damagedOr(err)
		if other != nil {
			return other
		}
		return why
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: %s", ErrDamaged, strings.Join(problems, "; "))
	}
	return nil
}

// damagedOr classifies a SQLite error met while probing: "not a database"
// and "malformed" are the file's fault; anything else (busy, I/O, no
// permission) is not, and must not cost the user their file's place.
func damagedOr(err error) (fileState, int, error, error) {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrNotADB || se.Code == sqlite3.ErrCorrupt) {
		return stateDamaged, 0, fmt.Errorf("%w: %v", ErrDamaged, err), nil
	}
	return 0, 0, nil, err
}

// moveAside renames a damaged or foreign file (and its journal files) to
// NAME.damaged-YYYYMMDD-HHMMSS.EXT beside it. The journals go first: a
// crash half-way must not leave the old -wal beside a new notebook.
func moveAside(path string, st fileState, now time.Time) (string, error) {
	what := "damaged"
	if st == stateForeign {
		what = "foreign"
	}
	ext := filepath.Ext(path)
	stem := strings.TrimSuffix(path, ext)
	base := fmt.Sprintf("%s.%s-%s", stem, what, now.Format("20060102-150405"))
	dst := base + ext
	for i := 2; exists(dst) || exists(dst+"-wal"); i++ {
		dst = fmt.Sprintf("%s-%d%s", base, i, ext)
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if exists(path + suffix) {
			if err := os.Rename(path+suffix, dst+suffix); err != nil {
				return "", err
			}
		}
	}
	if err := os.Rename(path, dst); err != nil {
		return "", err
	}
	return dst, nil
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// NoName is the author a new notebook gets when the OS account is no
// person's (root, Administrator, a service account) and no name was given.
// It is stored as a name (the file format needs one) and shown as a neutral
// word (Unnamed). It stays "me", what earlier versions stored, so their
// notebooks read the same.
const NoName = "me"

// Unnamed reports whether author is no person's name but NoName or the name
// of an administrator account ("root"): the UI then says nothing about who
// wrote it (it is the user's own) or uses a neutral word, never "added by
// root". A notebook made by an earlier version as root is stored as "root".
func Unnamed(author string) bool {
	a := strings.ToLower(strings.TrimSpace(author))
	return a == NoName || a == "" || adminAccounts[a]
}

// adminAccounts are login names of accounts that are nobody's own: a
// researcher running the app in a container or as an administrator is not
// called "root".
var adminAccounts = map[string]bool{"root": true, "administrator": true, "admin": true, "toor": true, "system": true, "nobody": true}

// currentUser is user.Current (tests: another account).
var currentUser = user.Current

// authorOr is name, or else the OS user's full name (the passwd GECOS
// field's first part), else the login name, else NoName: a researcher's
// notes carry "Ada Lovelace", or "ada"; an administrator's carry no name.
func authorOr(name string) string {
	if n, err := cleanAuthor(name); err == nil {
		return n
	}
	person := func(s string) (string, bool) {
		n, err := cleanAuthor(s)
		return n, err == nil && !Unnamed(n)
	}
	if u, err := currentUser(); err == nil {
		if u.Uid == "0" {
			return NoName // root under any login name
		}
		if n, ok := person(strings.Split(u.Name, ",")[0]); ok {
			return n
		}
		login := u.Username
		if i := strings.LastIndexByte(login, '\\'); i >= 0 {
			login = login[i+1:] // Windows: DOMAIN\user
		}
		if login != "" {
			if n, ok := person(login); ok {
				return n
			}
			return NoName
		}
	}
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if v := os.Getenv(k); v != "" {
			if n, ok := person(v); ok {
				return n
			}
			return NoName
		}
	}
	return NoName
}
