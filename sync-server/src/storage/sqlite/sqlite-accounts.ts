import type Database from 'better-sqlite3';
import type {
	AccountRecord,
	AccountStore,
	DeliveryCredentialRecord,
	SessionRecord,
	TokenRecord
} from '../../accounts/account-store.js';
import type { ThrottleState, TokenPurpose } from '../../domain/account-rules.js';
import type { Language } from '../../domain/languages.js';
import type { Migration } from '../port.js';
import { statementCache } from './statement-cache.js';

/** Accounts' SQLite schema steps (the accounts range, 200–299), recorded in the shared schema_migrations. */
export const sqliteAccountMigrations: Migration[] = [
	{
		version: 200,
		name: 'accounts, e-mail tokens, sessions, login throttle',
		sql: `
			CREATE TABLE accounts (
				id TEXT PRIMARY KEY,
				email TEXT NOT NULL UNIQUE,
				given_names TEXT NOT NULL,
				surnames TEXT NOT NULL,
				language TEXT NOT NULL,
				role TEXT NOT NULL DEFAULT 'traveller',
				password_hash TEXT NOT NULL,
				confirmed_at INTEGER,
				privacy_accepted_at INTEGER NOT NULL,
				created_at INTEGER NOT NULL,
				password_changed_at INTEGER NOT NULL
			);
			CREATE TABLE account_tokens (
				hash TEXT PRIMARY KEY,
				account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
				purpose TEXT NOT NULL,
				created_at INTEGER NOT NULL,
				expires_at INTEGER NOT NULL,
				used_at INTEGER
			);
			CREATE INDEX account_tokens_account ON account_tokens(account_id, purpose);
			CREATE TABLE sessions (
				hash TEXT PRIMARY KEY,
				id TEXT NOT NULL UNIQUE,
				account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
				role TEXT NOT NULL,
				remember INTEGER NOT NULL,
				created_at INTEGER NOT NULL,
				last_seen_at INTEGER NOT NULL,
				idle_ms INTEGER NOT NULL,
				absolute_expires_at INTEGER NOT NULL
			);
			CREATE INDEX sessions_account ON sessions(account_id);
			CREATE TABLE login_throttle (
				key TEXT PRIMARY KEY,
				failures INTEGER NOT NULL,
				last_failure_at INTEGER NOT NULL,
				locked_until INTEGER
			);
		`
	},
	{
		version: 201,
		name: 'delivery credentials for kiosk outboxes',
		sql: `
			CREATE TABLE delivery_credentials (
				hash TEXT PRIMARY KEY,
				account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
				created_at INTEGER NOT NULL,
				expires_at INTEGER NOT NULL,
				revoked_at INTEGER
			);
			CREATE INDEX delivery_credentials_account ON delivery_credentials(account_id);
		`
	}
];

type Row = Record<string, unknown>;

function toAccount(row: Row | undefined): AccountRecord | null {
	if (!row) return null;
	return {
		id: row.id as string,
		email: row.email as string,
		givenNames: row.given_names as string,
		surnames: row.surnames as string,
		language: row.language as AccountRecord['language'],
		role: row.role as AccountRecord['role'],
		passwordHash: row.password_hash as string,
		confirmedAt: (row.confirmed_at as number | null) ?? null,
		privacyAcceptedAt: row.privacy_accepted_at as number,
		createdAt: row.created_at as number,
		passwordChangedAt: row.password_changed_at as number
	};
}

function toSession(row: Row | undefined): SessionRecord | null {
	if (!row) return null;
	return {
		hash: row.hash as string,
		id: row.id as string,
		accountId: row.account_id as string,
		role: row.role as SessionRecord['role'],
		remember: row.remember === 1,
		createdAt: row.created_at as number,
		lastSeenAt: row.last_seen_at as number,
		idleMs: row.idle_ms as number,
		absoluteExpiresAt: row.absolute_expires_at as number
	};
}

export class SqliteAccountStore implements AccountStore {
	/** Statements of the per-request session look-up, compiled once (every signed-in request runs them). */
	private readonly sql: (text: string) => Database.Statement;

	constructor(private readonly db: Database.Database) {
		this.sql = statementCache(db);
	}

	/** Applies the accounts steps not yet recorded; runs after the core migrations. */
	async migrate(): Promise<void> {
		this.db.exec(
			'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)'
		);
		for (const migration of sqliteAccountMigrations) {
			this.db
				.transaction(() => {
					const done = this.db
						.prepare('SELECT 1 FROM schema_migrations WHERE version = ?')
						.get(migration.version);
					if (done) return;
					this.db.exec(migration.sql);
					this.db
						.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
						.run(migration.version, migration.name, new Date().toISOString());
				})
				.immediate();
		}
	}

	async createAccount(a: AccountRecord): Promise<'created' | 'email_taken'> {
		const result = this.db
			.prepare(
				`INSERT INTO accounts (id, email, given_names, surnames, language, role, password_hash, confirmed_at,
				 privacy_accepted_at, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				 ON CONFLICT (email) DO NOTHING`
			)
			.run(
				a.id,
				a.email,
				a.givenNames,
				a.surnames,
				a.language,
				a.role,
				a.passwordHash,
				a.confirmedAt,
				a.privacyAcceptedAt,
				a.createdAt,
				a.passwordChangedAt
			);
		return result.changes === 1 ? 'created' : 'email_taken';
	}

	async findAccountByEmail(email: string): Promise<AccountRecord | null> {
		return toAccount(this.db.prepare('SELECT * FROM accounts WHERE email = ?').get(email) as Row | undefined);
	}

	async findAccountById(id: string): Promise<AccountRecord | null> {
		return toAccount(this.sql('SELECT * FROM accounts WHERE id = ?').get(id) as Row | undefined);
	}

	async markConfirmed(accountId: string, at: number): Promise<void> {
		this.db
			.prepare('UPDATE accounts SET confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL')
			.run(at, accountId);
	}

	async setPasswordHash(accountId: string, passwordHash: string, at: number): Promise<void> {
		this.db
			.prepare('UPDATE accounts SET password_hash = ?, password_changed_at = ? WHERE id = ?')
			.run(passwordHash, at, accountId);
	}

	async setLanguage(accountId: string, language: Language): Promise<void> {
		this.db.prepare('UPDATE accounts SET language = ? WHERE id = ?').run(language, accountId);
	}

	async deleteAccount(accountId: string): Promise<void> {
		this.db.prepare('DELETE FROM accounts WHERE id = ?').run(accountId);
	}

	async insertToken(t: TokenRecord): Promise<void> {
		this.db
			.prepare(
				'INSERT INTO account_tokens (hash, account_id, purpose, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?)'
			)
			.run(t.hash, t.accountId, t.purpose, t.createdAt, t.expiresAt, t.usedAt);
	}

	async findToken(hash: string, purpose: TokenPurpose): Promise<TokenRecord | null> {
		const row = this.db
			.prepare('SELECT * FROM account_tokens WHERE hash = ? AND purpose = ?')
			.get(hash, purpose) as Row | undefined;
		if (!row) return null;
		return {
			hash: row.hash as string,
			accountId: row.account_id as string,
			purpose: row.purpose as TokenPurpose,
			createdAt: row.created_at as number,
			expiresAt: row.expires_at as number,
			usedAt: (row.used_at as number | null) ?? null
		};
	}

	async useToken(hash: string, at: number): Promise<boolean> {
		return (
			this.db
				.prepare('UPDATE account_tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL')
				.run(at, hash).changes === 1
		);
	}

	async retireTokens(accountId: string, purpose: TokenPurpose, at: number): Promise<void> {
		this.db
			.prepare(
				'UPDATE account_tokens SET used_at = ? WHERE account_id = ? AND purpose = ? AND used_at IS NULL'
			)
			.run(at, accountId, purpose);
	}

	async createSession(s: SessionRecord): Promise<void> {
		this.db
			.prepare(
				`INSERT INTO sessions (hash, id, account_id, role, remember, created_at, last_seen_at, idle_ms, absolute_expires_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
			)
			.run(
				s.hash,
				s.id,
				s.accountId,
				s.role,
				s.remember ? 1 : 0,
				s.createdAt,
				s.lastSeenAt,
				s.idleMs,
				s.absoluteExpiresAt
			);
	}

	async findSession(hash: string): Promise<SessionRecord | null> {
		return toSession(this.sql('SELECT * FROM sessions WHERE hash = ?').get(hash) as Row | undefined);
	}

	/**
	 * Last-seen has minute precision and is safe to lose in a power cut (the session then looks idle
	 * since its previous touch and expires sooner, never later), so, like replication checkpoints, it
	 * commits without making the whole server wait for the disk; the next durable commit flushes it.
	 */
	async touchSession(hash: string, at: number): Promise<void> {
		this.sql('PRAGMA synchronous = NORMAL').run();
		try {
			this.sql('UPDATE sessions SET last_seen_at = ? WHERE hash = ?').run(at, hash);
		} finally {
			this.sql('PRAGMA synchronous = FULL').run();
		}
	}

	async deleteSession(hash: string): Promise<void> {
		this.db.prepare('DELETE FROM sessions WHERE hash = ?').run(hash);
	}

	async deleteSessionsOf(accountId: string): Promise<void> {
		this.db.prepare('DELETE FROM sessions WHERE account_id = ?').run(accountId);
	}

	async listSessionsOf(accountId: string): Promise<SessionRecord[]> {
		return (
			this.db
				.prepare('SELECT * FROM sessions WHERE account_id = ? ORDER BY created_at')
				.all(accountId) as Row[]
		).map((row) => toSession(row)!);
	}

	async insertDeliveryCredential(c: DeliveryCredentialRecord): Promise<void> {
		this.db
			.prepare(
				'INSERT INTO delivery_credentials (hash, account_id, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?)'
			)
			.run(c.hash, c.accountId, c.createdAt, c.expiresAt, c.revokedAt);
	}

	async findDeliveryCredential(hash: string): Promise<DeliveryCredentialRecord | null> {
		const row = this.db.prepare('SELECT * FROM delivery_credentials WHERE hash = ?').get(hash) as
			Row | undefined;
		if (!row) return null;
		return {
			hash: row.hash as string,
			accountId: row.account_id as string,
			createdAt: row.created_at as number,
			expiresAt: row.expires_at as number,
			revokedAt: (row.revoked_at as number | null) ?? null
		};
	}

	async revokeDeliveryCredential(hash: string, at: number): Promise<void> {
		this.db
			.prepare('UPDATE delivery_credentials SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL')
			.run(at, hash);
	}

	async getThrottle(key: string): Promise<ThrottleState | null> {
		const row = this.db.prepare('SELECT * FROM login_throttle WHERE key = ?').get(key) as Row | undefined;
		if (!row) return null;
		return {
			failures: row.failures as number,
			lastFailureAt: row.last_failure_at as number,
			lockedUntil: (row.locked_until as number | null) ?? null
		};
	}

	async addFailure(key: string, at: number): Promise<number> {
		const row = this.db
			.prepare(
				`INSERT INTO login_throttle (key, failures, last_failure_at) VALUES (?, 1, ?)
				 ON CONFLICT (key) DO UPDATE SET failures = failures + 1, last_failure_at = excluded.last_failure_at
				 RETURNING failures`
			)
			.get(key, at) as { failures: number };
		return row.failures;
	}

	async setLock(key: string, until: number): Promise<void> {
		this.db.prepare('UPDATE login_throttle SET locked_until = ? WHERE key = ?').run(until, key);
	}

	async clearThrottle(key: string): Promise<void> {
		this.db.prepare('DELETE FROM login_throttle WHERE key = ?').run(key);
	}
}
