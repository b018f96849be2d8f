import type { Migration } from '../port.js';

/** Officers' PostgreSQL schema steps (400–499), the twin of sqlite-officers.ts. */
export const pgOfficerMigrations: Migration[] = [
	{
		version: 400,
		name: 'officer credentials, log-in challenges, verified sessions, audit log, entry decisions',
		sql: `
			CREATE TABLE officer_credentials (
				account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
				must_change_password BOOLEAN NOT NULL,
				totp_secret TEXT,
				last_totp_step BIGINT NOT NULL DEFAULT 0
			);
			CREATE TABLE officer_challenges (
				hash TEXT PRIMARY KEY,
				account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
				stage TEXT NOT NULL,
				pending_secret TEXT,
				attempts INTEGER NOT NULL DEFAULT 0,
				expires_at BIGINT NOT NULL
			);
			CREATE TABLE officer_verified_sessions (session_id TEXT PRIMARY KEY, verified_at BIGINT NOT NULL);
			-- Append only: no code path updates or deletes, and the trigger refuses it from anywhere else too.
			CREATE TABLE audit_log (
				id BIGSERIAL PRIMARY KEY,
				at BIGINT NOT NULL,
				officer_id TEXT NOT NULL,
				session_id TEXT NOT NULL,
				action TEXT NOT NULL,
				registration_id TEXT,
				owner_user_id TEXT,
				detail TEXT NOT NULL
			);
			CREATE INDEX audit_log_registration ON audit_log(registration_id);
			CREATE INDEX audit_log_officer ON audit_log(officer_id, at);
			CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
			CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
				FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
			CREATE TABLE entry_decisions (
				decision_id TEXT PRIMARY KEY,
				registration_id TEXT NOT NULL UNIQUE,
				owner_user_id TEXT NOT NULL,
				officer_id TEXT NOT NULL,
				decision TEXT NOT NULL,
				record TEXT NOT NULL,
				decided_at BIGINT NOT NULL
			);
			CREATE INDEX entry_decisions_officer ON entry_decisions(officer_id, decided_at);
			CREATE INDEX docs_by_doc_id ON docs(doc_id);
		`
	}
];
