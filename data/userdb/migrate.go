package userdb

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"strconv"
)

// applicationID marks notebook files ("AINB" in PRAGMA application_id), so
// that another program's SQLite file is never mistaken for a notebook.
const applicationID = 0x41494e42

// migration brings a notebook from version-1 to version. Migrations run in
// one transaction, in order, each at most once; user_version records the
// last one applied.
type migration struct {
	version int
	sql     string                                      // schema/NNN.sql
	fn      func(ctx context.Context, tx *sql.Tx) error // optional data step after sql
}

//go:embed schema/*.sql
var schemaFS embed.FS

// migrations is every schema step so far; the tests build a notebook at each
// earlier version from this list and check that opening upgrades it with its
// data intact. A new version appends here and adds schema/NNN.sql; it never
// edits an earlier step. Later versions should only add tables and columns,
// so that an older app can still read a newer notebook (read-only).
var migrations = []migration{
	{version: 1, sql: mustSchema(1)},
}

func mustSchema(v int) string {
	b, err := schemaFS.ReadFile(fmt.Sprintf("schema/%03d.sql", v))
	if err != nil {
		panic(err)
	}
	return string(b)
}

// SchemaVersion is the notebook schema this build writes (PRAGMA user_version).
func SchemaVersion() int { return latest(migrations) }

func latest(ms []migration) int {
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// migrate applies every migration above the file's version in one immediate
// transaction: another instance migrating at the same moment waits, then
// finds nothing left to do. A new notebook (version 0) also gets its
// application ID and author. A failure rolls everything back.
func migrate(ctx context.Context, db *sql.DB, ms []migration, author string, now int64) (from int, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&from); err != nil {
		return 0, err
	}
	if from > latest(ms) {
		return from, ErrNewerSchema
	}
	if from == latest(ms) {
		return from, nil
	}
	for _, m := range ms {
		if m.version <= from {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return from, fmt.Errorf("%w: step %d: %v", ErrMigration, m.version, err)
		}
		if m.fn != nil {
			if err := m.fn(ctx, tx); err != nil {
				return from, fmt.Errorf("%w: step %d: %v", ErrMigration, m.version, err)
			}
		}
		// PRAGMA takes no bound parameters; the value is our own integer.
		if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(m.version)); err != nil {
			return from, err
		}
	}
	if from == 0 {
		if _, err := tx.ExecContext(ctx, "PRAGMA application_id = "+strconv.Itoa(applicationID)); err != nil {
			return from, err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO meta(key, value) VALUES ('author', ?), ('created', ?)`,
			author, strconv.FormatInt(now, 10)); err != nil {
			return from, err
		}
	}
	return from, tx.Commit()
}
