package data

// SchemaVersion is the version of the dataset's SQLite schema (PRAGMA user_version).
// Version 2 added the events' thread lists, the sources' citation counts,
// the index on threads and the compact event index (index_parts).
const SchemaVersion = 2

// applicationID marks SQLite files written by the builder ("AICT").
const applicationID = 0x41494354

// schemaSQL creates the dataset's tables. Human-readable text has an _en and a
// _de column; dates are kept in their canonical text form (with precision)
// plus a day number for ordering and range queries.
const schemaSQL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE organizations (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
  summary_en TEXT NOT NULL, summary_de TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE people (
  id TEXT PRIMARY KEY, name TEXT NOT NULL,
  summary_en TEXT NOT NULL, summary_de TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE person_roles (
  person_id TEXT NOT NULL REFERENCES people(id), ord INTEGER NOT NULL,
  role_en TEXT NOT NULL, role_de TEXT NOT NULL,
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  from_date TEXT NOT NULL, to_date TEXT NOT NULL,
  PRIMARY KEY (person_id, ord)) WITHOUT ROWID;
CREATE TABLE threads (id TEXT PRIMARY KEY, title_en TEXT NOT NULL, title_de TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE eras (
  id TEXT PRIMARY KEY, from_date TEXT NOT NULL, to_date TEXT NOT NULL,
  title_en TEXT NOT NULL, title_de TEXT NOT NULL,
  summary_en TEXT NOT NULL, summary_de TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE events (
  n INTEGER PRIMARY KEY,           -- position in date order, 1-based; FTS rowid
  id TEXT NOT NULL UNIQUE,
  date TEXT NOT NULL, precision TEXT NOT NULL, start_day INTEGER NOT NULL,
  end_date TEXT NOT NULL, end_day INTEGER NOT NULL, -- end_day: last day covered (inclusive)
  category TEXT NOT NULL, status TEXT NOT NULL, importance INTEGER NOT NULL,
  title_en TEXT NOT NULL, title_de TEXT NOT NULL,
  summary_en TEXT NOT NULL, summary_de TEXT NOT NULL,
  note_en TEXT NOT NULL, note_de TEXT NOT NULL,
  people TEXT NOT NULL, organizations TEXT NOT NULL, threads TEXT NOT NULL); -- space-separated ids
CREATE INDEX events_start ON events(start_day);
CREATE TABLE event_people (
  event_n INTEGER NOT NULL REFERENCES events(n), ord INTEGER NOT NULL,
  person_id TEXT NOT NULL REFERENCES people(id), role_en TEXT NOT NULL, role_de TEXT NOT NULL,
  PRIMARY KEY (event_n, ord)) WITHOUT ROWID;
CREATE INDEX event_people_person ON event_people(person_id, event_n);
CREATE TABLE event_organizations (
  event_n INTEGER NOT NULL REFERENCES events(n), ord INTEGER NOT NULL,
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  PRIMARY KEY (event_n, ord)) WITHOUT ROWID;
CREATE INDEX event_organizations_org ON event_organizations(organization_id, event_n);
CREATE TABLE event_threads (
  event_n INTEGER NOT NULL REFERENCES events(n), thread_id TEXT NOT NULL REFERENCES threads(id),
  PRIMARY KEY (event_n, thread_id)) WITHOUT ROWID;
CREATE INDEX event_threads_thread ON event_threads(thread_id, event_n);
CREATE TABLE sources (
  id TEXT PRIMARY KEY, publisher TEXT NOT NULL, title TEXT NOT NULL, date TEXT NOT NULL,
  url TEXT NOT NULL UNIQUE, archive_url TEXT NOT NULL, language TEXT NOT NULL, kind TEXT NOT NULL,
  citations INTEGER NOT NULL) WITHOUT ROWID; -- citations: distinct events citing the source
-- account 0: the event's own sources; account k>0: sources of the event's k-th account.
CREATE TABLE event_sources (
  event_n INTEGER NOT NULL REFERENCES events(n), account INTEGER NOT NULL, ord INTEGER NOT NULL,
  source_id TEXT NOT NULL REFERENCES sources(id),
  PRIMARY KEY (event_n, account, ord)) WITHOUT ROWID;
CREATE INDEX event_sources_source ON event_sources(source_id, event_n);
CREATE TABLE accounts (
  event_n INTEGER NOT NULL REFERENCES events(n), ord INTEGER NOT NULL, party_id TEXT NOT NULL,
  text_en TEXT NOT NULL, text_de TEXT NOT NULL,
  PRIMARY KEY (event_n, ord)) WITHOUT ROWID;
CREATE TABLE tours (
  id TEXT PRIMARY KEY, ord INTEGER NOT NULL, title_en TEXT NOT NULL, title_de TEXT NOT NULL,
  intro_en TEXT NOT NULL, intro_de TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE tour_events (
  tour_id TEXT NOT NULL REFERENCES tours(id), ord INTEGER NOT NULL, event_id TEXT NOT NULL,
  PRIMARY KEY (tour_id, ord)) WITHOUT ROWID;
-- The compact event index (see Index) as little-endian arrays, one row per
-- part, so opening a million-event file reads a few blobs instead of a
-- million rows. The events table stays the source of truth for details.
CREATE TABLE index_parts (part TEXT PRIMARY KEY, data BLOB NOT NULL);
-- Full-text indexes hold folded text (see Fold), one per language; rowid = events.n.
CREATE VIRTUAL TABLE fts_en USING fts5(title, summary, people, sources, content='', tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE fts_de USING fts5(title, summary, people, sources, content='', tokenize='unicode61 remove_diacritics 2');
`
