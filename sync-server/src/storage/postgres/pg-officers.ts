import type pg from 'pg';
import type {
	AuditEntry,
	LoginChallenge,
	OfficerCredential,
	OfficerStore,
	StoredDecision
} from '../../officers/officer-store.js';
import { pgOfficerMigrations } from './pg-officer-migrations.js';
import { MIGRATION_LOCK } from './postgres-storage.js';

type Row = Record<string, unknown>;
const num = (v: unknown): number => Number(v);

function toDecision(row: Row | undefined): StoredDecision | null {
	if (!row) return null;
	return {
		decisionId: row.decision_id as string,
		registrationId: row.registration_id as string,
		ownerUserId: row.owner_user_id as string,
		officerId: row.officer_id as string,
		decision: row.decision as StoredDecision['decision'],
		record: JSON.parse(row.record as string) as Record<string, unknown>,
		decidedAt: num(row.decided_at)
	};
}

export class PgOfficerStore implements OfficerStore {
	constructor(private readonly pool: pg.Pool) {}

	private async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
		return (await this.pool.query(sql, params)).rows as Row[];
	}

	/** Applies pending officer steps under the shared migration lock (many processes may start at once). */
	async migrate(): Promise<void> {
		const client = await this.pool.connect();
		try {
			await client.query('BEGIN');
			await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
			await client.query(
				'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)'
			);
			for (const migration of pgOfficerMigrations) {
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

	async getCredential(accountId: string): Promise<OfficerCredential | null> {
		const [row] = await this.rows('SELECT * FROM officer_credentials WHERE account_id = $1', [accountId]);
		if (!row) return null;
		return {
			accountId,
			mustChangePassword: row.must_change_password === true,
			totpSecret: (row.totp_secret as string | null) ?? null,
			lastTotpStep: num(row.last_totp_step)
		};
	}

	async putCredential(c: OfficerCredential): Promise<void> {
		await this.pool.query(
			`INSERT INTO officer_credentials (account_id, must_change_password, totp_secret, last_totp_step)
			 VALUES ($1, $2, $3, $4) ON CONFLICT (account_id) DO UPDATE SET must_change_password = EXCLUDED.must_change_password,
			 totp_secret = EXCLUDED.totp_secret, last_totp_step = EXCLUDED.last_totp_step`,
			[c.accountId, c.mustChangePassword, c.totpSecret, c.lastTotpStep]
		);
	}

	async claimTotpStep(accountId: string, step: number): Promise<boolean> {
		const result = await this.pool.query(
			'UPDATE officer_credentials SET last_totp_step = $1 WHERE account_id = $2 AND last_totp_step < $1',
			[step, accountId]
		);
		return result.rowCount === 1;
	}

	async putChallenge(c: LoginChallenge): Promise<void> {
		await this.pool.query(
			`INSERT INTO officer_challenges (hash, account_id, stage, pending_secret, attempts, expires_at)
			 VALUES ($1, $2, $3, $4, $5, $6)`,
			[c.hash, c.accountId, c.stage, c.pendingSecret, c.attempts, c.expiresAt]
		);
	}

	async getChallenge(hash: string): Promise<LoginChallenge | null> {
		const [row] = await this.rows('SELECT * FROM officer_challenges WHERE hash = $1', [hash]);
		if (!row) return null;
		return {
			hash,
			accountId: row.account_id as string,
			stage: row.stage as LoginChallenge['stage'],
			pendingSecret: (row.pending_secret as string | null) ?? null,
			attempts: row.attempts as number,
			expiresAt: num(row.expires_at)
		};
	}

	async countChallengeAttempt(hash: string): Promise<number> {
		const [row] = await this.rows(
			'UPDATE officer_challenges SET attempts = attempts + 1 WHERE hash = $1 RETURNING attempts',
			[hash]
		);
		return row ? num(row.attempts) : Number.MAX_SAFE_INTEGER;
	}

	async deleteChallenge(hash: string): Promise<void> {
		await this.pool.query('DELETE FROM officer_challenges WHERE hash = $1', [hash]);
	}

	async markSessionVerified(sessionId: string, at: number): Promise<void> {
		await this.pool.query(
			'INSERT INTO officer_verified_sessions (session_id, verified_at) VALUES ($1, $2) ON CONFLICT DO NOTHING',
			[sessionId, at]
		);
	}

	async isSessionVerified(sessionId: string): Promise<boolean> {
		return (
			(await this.rows('SELECT 1 FROM officer_verified_sessions WHERE session_id = $1', [sessionId])).length >
			0
		);
	}

	async appendAudit(e: AuditEntry): Promise<void> {
		await this.pool.query(
			`INSERT INTO audit_log (at, officer_id, session_id, action, registration_id, owner_user_id, detail)
			 VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			[e.at, e.officerId, e.sessionId, e.action, e.registrationId, e.ownerUserId, JSON.stringify(e.detail)]
		);
	}

	async listAudit(filter: { registrationId?: string; officerId?: string }): Promise<AuditEntry[]> {
		const rows = await this.rows(
			`SELECT * FROM audit_log WHERE ($1::text IS NULL OR registration_id = $1)
			 AND ($2::text IS NULL OR officer_id = $2) ORDER BY id`,
			[filter.registrationId ?? null, filter.officerId ?? null]
		);
		return rows.map((row) => ({
			at: num(row.at),
			officerId: row.officer_id as string,
			sessionId: row.session_id as string,
			action: row.action as string,
			registrationId: (row.registration_id as string | null) ?? null,
			ownerUserId: (row.owner_user_id as string | null) ?? null,
			detail: JSON.parse(row.detail as string) as Record<string, unknown>
		}));
	}

	async insertDecision(d: StoredDecision): Promise<{ inserted: boolean; decision: StoredDecision }> {
		const result = await this.pool.query(
			`INSERT INTO entry_decisions (decision_id, registration_id, owner_user_id, officer_id, decision, record,
			 decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
			[
				d.decisionId,
				d.registrationId,
				d.ownerUserId,
				d.officerId,
				d.decision,
				JSON.stringify(d.record),
				d.decidedAt
			]
		);
		if (result.rowCount === 1) return { inserted: true, decision: d };
		const [row] = await this.rows(
			'SELECT * FROM entry_decisions WHERE registration_id = $1 OR decision_id = $2 ORDER BY decided_at LIMIT 1',
			[d.registrationId, d.decisionId]
		);
		const existing = toDecision(row);
		if (!existing) throw new Error('decision conflict without an existing decision');
		return { inserted: false, decision: existing };
	}

	async findDecision(registrationId: string): Promise<StoredDecision | null> {
		const [row] = await this.rows('SELECT * FROM entry_decisions WHERE registration_id = $1', [
			registrationId
		]);
		return toDecision(row);
	}

	async countDecisionsSince(officerId: string, since: number): Promise<number> {
		const [row] = await this.rows(
			'SELECT count(*) AS n FROM entry_decisions WHERE officer_id = $1 AND decided_at >= $2',
			[officerId, since]
		);
		return num(row?.n ?? 0);
	}

	async ownerOfServerDocument(docId: string): Promise<string[]> {
		return this.owners(docId, 'AND docs.server_owned');
	}

	async ownersOfDocument(docId: string): Promise<string[]> {
		return this.owners(docId, '');
	}

	private async owners(docId: string, extra: string): Promise<string[]> {
		const rows = await this.rows(
			`SELECT databases.owner_user_id AS owner FROM docs JOIN databases ON databases.id = docs.db_id
			 WHERE docs.doc_id = $1 AND NOT docs.deleted AND databases.owner_user_id IS NOT NULL ${extra}`,
			[docId]
		);
		return rows.map((row) => row.owner as string);
	}
}
