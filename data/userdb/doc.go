// Package userdb is the user's notebook: notes on events, people and
// sources; tags, stars and colour flags on events; own events; teachers'
// tours; and what the notebook last saw of the dataset. It never imports
// Fyne; the UI and the CLI call it with plain types.
//
// # The file
//
// Everything lives in one SQLite file, separate from the read-only dataset:
// DefaultPath (…/aitimeline/notebook.db in the platform's user data folder)
// or any path (--notebook FILE; a USB stick works the same). Keys are the
// dataset's stable IDs (event and person IDs, data.SourceID for sources), so
// a newer dataset never breaks a notebook: a note whose event has gone keeps
// the title and date it was written about (Label) and shows as orphaned.
// Daily backups go to backups/ beside the file.
//
// Files in this package: open.go (Open, connections, probing and moving a
// damaged file aside), migrate.go and schema/NNN.sql (versions), notes.go,
// marks.go (tags, stars, flags, Annotations), ownevents.go, tours.go,
// search.go, dataset.go (DatasetChanged), backup.go, exchange*.go (JSON,
// CSV, Markdown), errors.go (typed errors, Message, Notices), clean.go
// (input cleaning and limits), netfs_*.go (network drive detection).
//
// # Safety guarantees
//
//   - Atomic, durable writes: every change is one SQLite transaction in WAL
//     mode with synchronous=FULL; a write that returned nil survives a crash
//     of the app and a power cut. Imports are one transaction: all or nothing.
//     (Tested: 200+ SIGKILLs of a writing child, integrity_check after each,
//     every acknowledged write present, an import all there or all absent.)
//   - Two instances (two windows, two processes) may share a notebook: WAL,
//     a busy timeout and immediate transactions serialise their writes; none
//     is lost (tested with two processes writing at once). Within a process
//     all writes go through one connection; reads use a pool.
//   - On a network drive (NFS, SMB/CIFS, … detected on Linux and macOS) the
//     notebook uses a rollback journal instead of WAL, whose shared memory
//     cannot work across machines; Info.NetworkFS tells the UI to warn that
//     one person at a time should write.
//   - Damaged or foreign files are never deleted or overwritten: Open moves
//     a truncated file, random bytes, a file SQLite cannot read or another
//     program's SQLite file (PRAGMA application_id) aside as
//     NAME.damaged-YYYYMMDD-HHMMSS.db (or .foreign-…, with its -wal), starts
//     a new notebook and reports it in Info. Open's checks are the cheap
//     ones (header, size against the header, schema, the first table);
//     CheckIntegrity reads every page (about 10 ms per MB: run it in the
//     background), and so does every backup, which fails on a damaged file
//     rather than replace a good backup. SQLite keeps no checksums: bytes
//     changed inside a note's text cannot be detected. A notebook of a newer
//     app version (user_version above SchemaVersion) opens read-only and is
//     never migrated down; every write then returns ErrReadOnly.
//   - Upgrades back up the file first (BackupBeforeMigration) and run in one
//     transaction; if either fails, the file stays as it was and opens
//     read-only with ErrMigration.
//   - Deleting a note, own event or tour moves it to the trash; Restore*
//     brings it back; Purge (at Open, after Options.TrashDays, default 30)
//     removes it for good.
//   - One automatic backup a day (VACUUM INTO a temporary file, checked, then
//     renamed; in the background after Open, awaited by Close), the last 7
//     kept; RestoreBackup backs up the current state (or, if it is damaged,
//     keeps its bytes) before it copies a backup in through SQLite's online
//     backup API, which other open connections and processes see at once.
//   - All input is cleaned and bounded (see clean.go): control characters
//     dropped, lengths limited, IDs in the dataset's form, source URLs
//     http(s) only (data.CheckURL). Imports are read whole up to
//     MaxImportBytes and checked item by item before anything is written.
//   - Every query takes a context.Context.
//
// # JSON export format (version 1)
//
// ExportJSON writes, and ImportJSON reads, one UTF-8 JSON object. Fields may
// be added in later versions without changing "version"; readers ignore
// fields they do not know. "version" changes only when an older app could
// not read the file correctly, and an older app refuses such a file
// (ErrNewerFormat). Lists are sorted (notes by target, id, author; the
// others by id) and never null, so equal notebooks export equal bytes.
// Times are UTC with milliseconds; dates are YYYY, YYYY-MM or YYYY-MM-DD.
//
//	{
//	  "format": "aitimeline-notebook",
//	  "version": 1,
//	  "author": "Jane Doe",                      // the exporting notebook's author
//	  "notes": [{
//	    "target": "event",                       // event | person | source
//	    "id": "2015-12-11-openai-founded",       // event/person ID, or data.SourceID(url)
//	    "author": "Jane Doe",
//	    "title": {"en": "OpenAI is founded", "de": "OpenAI wird gegründet"},
//	    "date": "2015-12-11",                    // the target's title and date when written
//	    "created": "2026-01-05T09:30:00.000Z",
//	    "modified": "2026-01-06T17:02:11.250Z",
//	    "body": "Markdown text"
//	  }],
//	  "events": [{                               // marks on events
//	    "id": "2015-12-11-openai-founded",
//	    "starred": true,
//	    "flag": "red",                           // "" | red | orange | yellow | green | blue | purple
//	    "tags": ["founding", "non-profit"]       // sorted case-insensitively
//	  }],
//	  "own_events": [{
//	    "id": "own-3f9a0c2b7d1e",
//	    "date": "2024-03", "end_date": "",
//	    "category": "legal",                     // a data.Category
//	    "title": {"en": "…", "de": ""},          // one language is enough
//	    "summary": {"en": "…", "de": ""},
//	    "people": ["elon-musk"], "organizations": ["openai"],
//	    "sources": [{"publisher": "…", "title": "…", "date": "2024-03-01",
//	                 "url": "https://…", "archive_url": "", "language": "en", "kind": ""}],
//	    "author": "Jane Doe", "created": "…", "modified": "…"
//	  }],
//	  "tours": [{
//	    "id": "tour-5be0a1c9d2f4",
//	    "title": {"en": "…", "de": "…"}, "intro": {"en": "…", "de": ""},
//	    "stops": [{"event": "2015-12-11-openai-founded", "note": {"en": "…", "de": ""}}],
//	    "author": "…", "created": "…", "modified": "…"
//	  }]
//	}
//
// The trash, the dataset snapshot and backups are not exported. ImportJSON
// merges (see its comment): a colleague's notes arrive under their name and
// never overwrite yours; importing a file twice changes nothing; export →
// import into an empty notebook of the same author (or with
// ImportOptions.AdoptAuthor) → export gives the same bytes.
//
// CSV: ExportNotesCSV writes NotesCSVHeader; ImportOwnEventsCSV reads the
// columns of OwnEventsCSVHeader (documented there).
package userdb
