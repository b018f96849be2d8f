import type pg from 'pg';
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

/** Accounts' PostgreSQL schema steps (the accounts range, 200–299), recorded in schema_migrations. */
export const pgAccountMigrations: Migration[] = [
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
				confirmed_at BIGINT,
				privacy_accepted_at BIGINT NOT NULL,
				created_at BIGINT NOT NULL,
				password_changed_at BIGINT NOT NULL
			);
			CREATE TABLE account_tokens (
				hash TEXT PRIMARY KEY,
				account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
				purpose TEXT NOT NULL,
				created_at BIGINT NOT NULL,
				expires_at BIGINT NOT NULL,
				used_at BIGINT
			);
			CREATE INDEX account_tokens_account ON account_tokens(account_id, purpose);
			CREATE TABLE sessions (
				hash TEXT PRIMARY KEY,
				id TEXT NOT NULL UNIQUE,
				account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
				role TEXT NOT NULL,
				remember BOOLEAN NOT NULL,
				created_at BIGINT NOT NULL,
				last_seen_at BIGINT NOT NULL,
				idle_ms BIGINT NOT NULL,
				absolute_expires_at BIGINT NOT NULL
			);
			CREATE INDEX sessions_account ON sessions(account_id);
			CREATE TABLE login_throttle (
				key TEXT PRIMARY KEY,
				failures INTEGER NOT NULL,
				last_failure_at BIGINT NOT NULL,
				locked_until BIGINT
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
				created_at BIGINT NOT NULL,
				expires_at BIGINT NOT NULL,
				revoked_at BIGINT
			);
			CREATE INDEX delivery_credentials_account ON delivery_credentials(account_id);
		`
	}
];

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

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
		confirmedAt: num(row.confirmed_at),
		privacyAcceptedAt: num(row.privacy_accepted_at)!,
		createdAt: num(row.created_at)!,
		passwordChangedAt: num(row.password_changed_at)!
	};
}

function toSession(row: Row | undefined): SessionRecord | null {
	if (!row) return null;
	return {
		hash: row.hash as string,
		id: row.id as string,
		accountId: row.account_id as string,
		role: row.role as SessionRecord['role'],
		remember: row.remember === true,
		createdAt: num(row.created_at)!,
		lastSeenAt: num(row.last_seen_at)!,
		idleMs: num(row.idle_ms)!,
		absoluteExpiresAt: num(row.absolute_expires_at)!
	};
}

/** The same behaviour as SqliteAccountStore on a shared PostgreSQL pool (many server processes). */
export class PgAccountStore implements AccountStore {
	constructor(private readonly pool: pg.Pool) {}

	private async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
		return (await this.pool.query(sql, params)).rows as Row[];
	}

	/** Applies pending accounts steps; an advisory lock keeps concurrent starts from racing. */
	async migrate(): Promise<void> {
		const client = await this.pool.connect();
		try {
			await client.query('BEGIN');
			await client.query('SELECT pg_advisory_xact_lock(727200)');
			await client.query(
				'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)'
			);
			for (const migration of pgAccountMigrations) {
				const done = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
					migration.version
				]);
				if (done.rowCount) continue;
				await client.query(migration.sql);
				await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
					migration.version,
					migration.name,
					new Date().toISOString()
				]);
			}
			await client.query('COMMIT');
		} catch (error) {
			await client.query('ROLLBACK');
			throw error;
		} finally {
			client.release();
		}
	}

	async createAccount(a: AccountRecord): Promise<'created' | 'email_taken'> {
		const result = await this.pool.query(
			`INSERT INTO accounts (id, email, given_names, surnames, language, role, password_hash, confirmed_at,
			 privacy_accepted_at, created_at, password_changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
			 ON CONFLICT (email) DO NOTHING`,
			[
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
			]
		);
		return result.rowCount === 1 ? 'created' : 'email_taken';
	}

	async findAccountByEmail(email: string): Promise<AccountRecord | null> {
		return toAccount((await this.rows('SELECT * FROM accounts WHERE email = $1', [email]))[0]);
	}

	async findAccountById(id: string): Promise<AccountRecord | null> {
		return toAccount((await this.rows('SELECT * FROM accounts WHERE id = $1', [id]))[0]);
	}

	async markConfirmed(accountId: string, at: number): Promise<void> {
		await this.pool.query('UPDATE accounts SET confirmed_at = $1 WHERE id = $2 AND confirmed_at IS NULL', [
			at,
			accountId
		]);
	}

	async setPasswordHash(accountId: string, passwordHash: string, at: number): Promise<void> {
		await this.pool.query('UPDATE accounts SET password_hash = $1, password_changed_at = $2 WHERE id = $3', [
			passwordHash,
			at,
			accountId
		]);
	}

	async setLanguage(accountId: string, language: Language): Promise<void> {
		await this.pool.query('UPDATE accounts SET language = $1 WHERE id = $2', [language, accountId]);
	}

	async deleteAccount(accountId: string): Promise<void> {
		await this.pool.query('DELETE FROM accounts WHERE id = $1', [accountId]);
	}

	async insertToken(t: TokenRecord): Promise<void> {
		await this.pool.query(
			'INSERT INTO account_tokens (hash, account_id, purpose, created_at, expires_at, used_at) VALUES ($1, $2, $3, $4, $5, $6)',
			[t.hash, t.accountId, t.purpose, t.createdAt, t.expiresAt, t.usedAt]
		);
	}

	async findToken(hash: string, purpose: TokenPurpose): Promise<TokenRecord | null> {
		const row = (
			await this.rows('SELECT * FROM account_tokens WHERE hash = $1 AND purpose = $2', [hash, purpose])
		)[0];
		if (!row) return null;
		return {
			hash: row.hash as string,
			accountId: row.account_id as string,
			purpose: row.purpose as TokenPurpose,
			createdAt: num(row.created_at)!,
			expiresAt: num(row.expires_at)!,
			usedAt: num(row.used_at)
		};
	}

	async useToken(hash: string, at: number): Promise<boolean> {
		const result = await this.pool.query(
			'UPDATE account_tokens SET used_at = $1 WHERE hash = $2 AND used_at IS NULL',
			[at, hash]
		);
		return result.rowCount === 1;
	}

	async retireTokens(accountId: string, purpose: TokenPurpose, at: number): Promise<void> {
		await this.pool.query(
			'UPDATE account_tokens SET used_at = $1 WHERE account_id = $2 AND purpose = $3 AND used_at IS NULL',
			[at, accountId, purpose]
		);
	}

	async createSession(s: SessionRecord): Promise<void> {
		await this.pool.query(
			`INSERT INTO sessions (hash, id, account_id, role, remember, created_at, last_seen_at, idle_ms, absolute_expires_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			[
				s.hash,
				s.id,
				s.accountId,
				s.role,
				s.remember,
				s.createdAt,
				s.lastSeenAt,
				s.idleMs,
				s.absoluteExpiresAt
			]
		);
	}

	async findSession(hash: string): Promise<SessionRecord | null> {
		return toSession((await this.rows('SELECT * FROM sessions WHERE hash = $1', [hash]))[0]);
	}

	async touchSession(hash: string, at: number): Promise<void> {
		await this.pool.query('UPDATE sessions SET last_seen_at = $1 WHERE hash = $2', [at, hash]);
	}

	async deleteSession(hash: string): Promise<void> {
		await this.pool.query('DELETE FROM sessions WHERE hash = $1', [hash]);
	}

	async deleteSessionsOf(accountId: string): Promise<void> {
		await this.pool.query('DELETE FROM sessions WHERE account_id = $1', [accountId]);
	}

	async listSessionsOf(accountId: string): Promise<SessionRecord[]> {
		return (
			await this.rows('SELECT * FROM sessions WHERE account_id = $1 ORDER BY created_at', [accountId])
		).map((row) => toSession(row)!);
	}

	async insertDeliveryCredential(c: DeliveryCredentialRecord): Promise<void> {
		await this.pool.query(
			'INSERT INTO delivery_credentials (hash, account_id, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5)',
			[c.hash, c.accountId, c.createdAt, c.expiresAt, c.revokedAt]
		);
	}

	async findDeliveryCredential(hash: string): Promise<DeliveryCredentialRecord | null> {
		const row = (await this.rows('SELECT * FROM delivery_credentials WHERE hash = $1', [hash]))[0];
		if (!row) return null;
		return {
			hash: row.hash as string,
			accountId: row.account_id as string,
			createdAt: num(row.created_at)!,
			expiresAt: num(row.expires_at)!,
			revokedAt: num(row.revoked_at)
		};
	}

	async revokeDeliveryCredential(hash: string, at: number): Promise<void> {
		await this.pool.query(
			'UPDATE delivery_credentials SET revoked_at = $1 WHERE hash = $2 AND revoked_at IS NULL',
			[at, hash]
		);
	}

	async getThrottle(key: string): Promise<ThrottleState | null> {
		const row = (await this.rows('SELECT * FROM login_throttle WHERE key = $1', [key]))[0];
		if (!row) return null;
		return {
			failures: Number(row.failures),
			lastFailureAt: num(row.last_failure_at)!,
			lockedUntil: num(row.locked_until)
		};
	}

	async addFailure(key: string, at: number): Promise<number> {
		const row = (
			await this.rows(
				`INSERT INTO login_throttle (key, failures, last_failure_at) VALUES ($1, 1, $2)
				 ON CONFLICT (key) DO UPDATE SET failures = login_throttle.failures + 1, last_failure_at = EXCLUDED.last_failure_at
				 RETURNING failures`,
				[key, at]
			)
		)[0];
		return Number(row?.failures);
	}

	async setLock(key: string, until: number): Promise<void> {
		await this.pool.query('UPDATE login_throttle SET locked_until = $1 WHERE key = $2', [until, key]);
	}

	async clearThrottle(key: string): Promise<void> {
		await this.pool.query('DELETE FROM login_throttle WHERE key = $1', [key]);
	}
}
