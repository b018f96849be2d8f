import type { Migration } from '../port.js';

/**
 * PostgreSQL schema history, the twin of sqlite/migrations.ts (same versions, same meaning).
 * Append only; version ranges per feature as in ARCHITECTURE.md.
 */
export const postgresMigrations: Migration[] = [
	{
		version: 1,
		name: 'server identity',
		sql: `
			CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
			INSERT INTO server_meta (key, value) VALUES ('uuid', md5(random()::text || clock_timestamp()::text));
		`
	},
	{
		version: 100,
		name: 'replication databases, documents, revisions, attachments',
		sql: `
			CREATE TABLE databases (
				id BIGSERIAL PRIMARY KEY,
				name TEXT UNIQUE,
				owner_user_id TEXT UNIQUE,
				update_seq BIGINT NOT NULL DEFAULT 0,
				created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
				CHECK ((name IS NULL) <> (owner_user_id IS NULL))
			);
			CREATE TABLE docs (
				db_id BIGINT NOT NULL REFERENCES databases (id) ON DELETE CASCADE,
				doc_id TEXT COLLATE "C" NOT NULL,
				seq BIGINT NOT NULL,
				rev_tree TEXT NOT NULL,
				winning_rev TEXT NOT NULL,
				deleted BOOLEAN NOT NULL,
				server_owned BOOLEAN NOT NULL DEFAULT false,
				PRIMARY KEY (db_id, doc_id)
			);
			CREATE UNIQUE INDEX docs_by_seq ON docs (db_id, seq);
			CREATE TABLE revs (
				db_id BIGINT NOT NULL REFERENCES databases (id) ON DELETE CASCADE,
				doc_id TEXT COLLATE "C" NOT NULL,
				rev TEXT NOT NULL,
				body TEXT NOT NULL,
				PRIMARY KEY (db_id, doc_id, rev)
			);
			-- Content-addressed: each attachment body is stored once, whoever and however often it is used.
			CREATE TABLE attachments (digest TEXT PRIMARY KEY, data BYTEA NOT NULL);
			CREATE TABLE local_docs (
				db_id BIGINT NOT NULL REFERENCES databases (id) ON DELETE CASCADE,
				doc_id TEXT NOT NULL,
				rev INTEGER NOT NULL,
				body TEXT NOT NULL,
				PRIMARY KEY (db_id, doc_id)
			);
		`
	}
];
