package data

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
)

// Store reads a dataset SQLite file. It opens the file read-only and never writes to it.
type Store struct {
	db   *sql.DB
	path string
	meta Meta
}

// Open opens the dataset file at path read-only. A missing file, a file that is
// not SQLite or a SQLite file of another kind gives an error wrapping ErrNoDataset
// or the OS error.
func Open(path string) (*Store, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	head := make([]byte, 16)
	_, err = f.Read(head)
	f.Close()
	if err != nil || !bytes.Equal(head, []byte("SQLite format 3\x00")) {
		return nil, fmt.Errorf("%s: %w", path, ErrNoDataset)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	u := url.URL{Scheme: "file", Path: abs, RawQuery: "mode=ro&immutable=1&_query_only=1"}
	db, err := sql.Open("sqlite3", u.String())
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: abs}
	if err := s.check(); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

func (s *Store) check() error {
	var app, ver int
	if err := s.db.QueryRow("PRAGMA application_id").Scan(&app); err != nil {
		return ErrNoDataset
	}
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&ver); err != nil || app != applicationID {
		return ErrNoDataset
	}
	if ver != SchemaVersion {
		return fmt.Errorf("dataset schema %d, this app reads %d: %w", ver, SchemaVersion, ErrNoDataset)
	}
	rows, err := s.db.Query("SELECT key, value FROM meta")
	if err != nil {
		return ErrNoDataset
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return err
		}
		switch k {
		case "version":
			s.meta.Version = v
		case "as_of":
			s.meta.AsOf, _ = ParseDate(v)
		case "schema_version":
			s.meta.SchemaVersion, _ = strconv.Atoi(v)
		}
	}
	return rows.Err()
}

// OpenEmbedded writes the embedded dataset bytes once to a content-addressed
// file in cacheDir (dataset-<hash>.db) and opens that file read-only. An
// existing file with the right name is reused; a damaged one is replaced.
func OpenEmbedded(content []byte, cacheDir string) (*Store, error) {
	sum := sha256.Sum256(content)
	path := filepath.Join(cacheDir, "dataset-"+hex.EncodeToString(sum[:8])+".db")
	if st, err := Open(path); err == nil {
		return st, nil
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(cacheDir, "dataset-*.tmp")
	if err != nil {
		return nil, err
	}
	_, werr := tmp.Write(content)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return nil, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return nil, err
	}
	return Open(path)
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path is the absolute path of the open dataset file.
func (s *Store) Path() string { return s.path }

// Meta returns the dataset's metadata.
func (s *Store) Meta() Meta { return s.meta }
