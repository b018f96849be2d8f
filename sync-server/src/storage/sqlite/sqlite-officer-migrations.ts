import type { Migration } from '../port.js';

/** Officers' SQLite schema steps (the officers range, 400–499), recorded in the shared schema_migrations. */
export const sqliteOfficerMigrations: Migration[] = [
	{
		version: 400,
		name: 'officer credentials, log-in challenges, verified sessions, audit log, entry decisions',
		sql: `
			CREATE TABLE officer_credentials (
				account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
				must_change_password INTEGER NOT NULL,
				totp_secret TEXT,
				last_totp_step INTEGER NOT NULL DEFAULT 0
			);
			CREATE TABLE officer_challenges (
				hash TEXT PRIMARY KEY,
				account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
				stage TEXT NOT NULL,
				pending_secret TEXT,
				attempts INTEGER NOT NULL DEFAULT 0,
				expires_at INTEGER NOT NULL
			);
			-- No foreign key: the session row is deleted at log-out, this marker is harmless afterwards.
			CREATE TABLE officer_verified_sessions (session_id TEXT PRIMARY KEY, verified_at INTEGER NOT NULL);
			-- Append only: no code path updates or deletes, and the triggers refuse it from anywhere else too.
			CREATE TABLE audit_log (
				id INTEGER PRIMARY KEY AUTOINCREMENT,
				at INTEGER NOT NULL,
				officer_id TEXT NOT NULL,
				session_id TEXT NOT NULL,
				action TEXT NOT NULL,
				registration_id TEXT,
				owner_user_id TEXT,
				detail TEXT NOT NULL
			);
			CREATE INDEX audit_log_registration ON audit_log(registration_id);
			CREATE INDEX audit_log_officer ON audit_log(officer_id, at);
			CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
				BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
			CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
				BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
			CREATE TABLE entry_decisions (
				decision_id TEXT PRIMARY KEY,
				registration_id TEXT NOT NULL UNIQUE,
				owner_user_id TEXT NOT NULL,
				officer_id TEXT NOT NULL,
				decision TEXT NOT NULL,
				record TEXT NOT NULL,
				decided_at INTEGER NOT NULL
			);
			CREATE INDEX entry_decisions_officer ON entry_decisions(officer_id, decided_at);
			-- Finding whose database holds a registration from the id its QR carries.
			CREATE INDEX docs_by_doc_id ON docs(doc_id);
		`
	}
];
