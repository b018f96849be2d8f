import type { Migration } from '../port.js';

/**
 * SQLite schema history, applied in version order. Append only: a released migration is never changed.
 * Each feature owns a range so features can add steps independently: core 1–99, documents and
 * replication 100–199, accounts 200–299, registrations and receipts 300–399, officers 400–499.
 */
export const sqliteMigrations: Migration[] = [
	{
		version: 1,
		name: 'server identity',
		sql: `
			CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
			INSERT INTO server_meta (key, value) VALUES ('uuid', lower(hex(randomblob(16))));
		`
	},
	{
		version: 100,
		name: 'replication databases, documents, revisions, attachments',
		sql: `
			CREATE TABLE databases (
				id INTEGER PRIMARY KEY,
				name TEXT UNIQUE,
				owner_user_id TEXT UNIQUE,
				update_seq INTEGER NOT NULL DEFAULT 0,
				created_at TEXT NOT NULL,
				CHECK ((name IS NULL) <> (owner_user_id IS NULL))
			);
			CREATE TABLE docs (
				db_id INTEGER NOT NULL REFERENCES databases (id) ON DELETE CASCADE,
				doc_id TEXT NOT NULL,
				seq INTEGER NOT NULL,
				rev_tree TEXT NOT NULL,
				winning_rev TEXT NOT NULL,
				deleted INTEGER NOT NULL,
				server_owned INTEGER NOT NULL DEFAULT 0,
				PRIMARY KEY (db_id, doc_id)
			) WITHOUT ROWID;
			CREATE UNIQUE INDEX docs_by_seq ON docs (db_id, seq);
			CREATE TABLE revs (
				db_id INTEGER NOT NULL REFERENCES databases (id) ON DELETE CASCADE,
				doc_id TEXT NOT NULL,
				rev TEXT NOT NULL,
				body TEXT NOT NULL,
				PRIMARY KEY (db_id, doc_id, rev)
			) WITHOUT ROWID;
			-- Content-addressed: each attachment body is stored once, whoever and however often it is used.
			CREATE TABLE attachments (digest TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
			CREATE TABLE local_docs (
				db_id INTEGER NOT NULL REFERENCES databases (id) ON DELETE CASCADE,
				doc_id TEXT NOT NULL,
				rev INTEGER NOT NULL,
				body TEXT NOT NULL,
				PRIMARY KEY (db_id, doc_id)
			) WITHOUT ROWID;
		`
	},
	{
		version: 101,
		name: 'attachment bodies in a rowid table',
		// Large values read several times faster from a rowid table than from a WITHOUT ROWID one
		// (SQLite recommends WITHOUT ROWID for small rows only); the bodies stay stored once per digest.
		sql: `
			CREATE TABLE attachment_bodies (digest TEXT PRIMARY KEY, data BLOB NOT NULL);
			INSERT INTO attachment_bodies (digest, data) SELECT digest, data FROM attachments;
			DROP TABLE attachments;
			ALTER TABLE attachment_bodies RENAME TO attachments;
		`
	}
];
