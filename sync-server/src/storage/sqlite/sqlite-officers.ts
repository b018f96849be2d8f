import type Database from 'better-sqlite3';
import type {
	AuditEntry,
	LoginChallenge,
	OfficerCredential,
	OfficerStore,
	StoredDecision
} from '../../officers/officer-store.js';
import { sqliteOfficerMigrations } from './sqlite-officer-migrations.js';

type Row = Record<string, unknown>;

function toDecision(row: Row | undefined): StoredDecision | null {
	if (!row) return null;
	return {
		decisionId: row.decision_id as string,
		registrationId: row.registration_id as string,
		ownerUserId: row.owner_user_id as string,
		officerId: row.officer_id as string,
		decision: row.decision as StoredDecision['decision'],
		record: JSON.parse(row.record as string) as Record<string, unknown>,
		decidedAt: row.decided_at as number
	};
}

export class SqliteOfficerStore implements OfficerStore {
	constructor(private readonly db: Database.Database) {}

	async migrate(): Promise<void> {
		this.db.exec(
			'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)'
		);
		for (const migration of sqliteOfficerMigrations) {
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

	async getCredential(accountId: string): Promise<OfficerCredential | null> {
		const row = this.db.prepare('SELECT * FROM officer_credentials WHERE account_id = ?').get(accountId) as
			Row | undefined;
		if (!row) return null;
		return {
			accountId,
			mustChangePassword: row.must_change_password === 1,
			totpSecret: (row.totp_secret as string | null) ?? null,
			lastTotpStep: row.last_totp_step as number
		};
	}

	async putCredential(c: OfficerCredential): Promise<void> {
		this.db
			.prepare(
				`INSERT INTO officer_credentials (account_id, must_change_password, totp_secret, last_totp_step)
				 VALUES (?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET must_change_password = excluded.must_change_password,
				 totp_secret = excluded.totp_secret, last_totp_step = excluded.last_totp_step`
			)
			.run(c.accountId, c.mustChangePassword ? 1 : 0, c.totpSecret, c.lastTotpStep);
	}

	async claimTotpStep(accountId: string, step: number): Promise<boolean> {
		const result = this.db
			.prepare(
				'UPDATE officer_credentials SET last_totp_step = ? WHERE account_id = ? AND last_totp_step < ?'
			)
			.run(step, accountId, step);
		return result.changes === 1;
	}

	async putChallenge(c: LoginChallenge): Promise<void> {
		this.db
			.prepare(
				`INSERT INTO officer_challenges (hash, account_id, stage, pending_secret, attempts, expires_at)
				 VALUES (?, ?, ?, ?, ?, ?)`
			)
			.run(c.hash, c.accountId, c.stage, c.pendingSecret, c.attempts, c.expiresAt);
	}

	async getChallenge(hash: string): Promise<LoginChallenge | null> {
		const row = this.db.prepare('SELECT * FROM officer_challenges WHERE hash = ?').get(hash) as
			Row | undefined;
		if (!row) return null;
		return {
			hash,
			accountId: row.account_id as string,
			stage: row.stage as LoginChallenge['stage'],
			pendingSecret: (row.pending_secret as string | null) ?? null,
			attempts: row.attempts as number,
			expiresAt: row.expires_at as number
		};
	}

	async countChallengeAttempt(hash: string): Promise<number> {
		const row = this.db
			.prepare('UPDATE officer_challenges SET attempts = attempts + 1 WHERE hash = ? RETURNING attempts')
			.get(hash) as { attempts: number } | undefined;
		return row?.attempts ?? Number.MAX_SAFE_INTEGER;
	}

	async deleteChallenge(hash: string): Promise<void> {
		this.db.prepare('DELETE FROM officer_challenges WHERE hash = ?').run(hash);
	}

	async markSessionVerified(sessionId: string, at: number): Promise<void> {
		this.db
			.prepare('INSERT OR IGNORE INTO officer_verified_sessions (session_id, verified_at) VALUES (?, ?)')
			.run(sessionId, at);
	}

	async isSessionVerified(sessionId: string): Promise<boolean> {
		return !!this.db.prepare('SELECT 1 FROM officer_verified_sessions WHERE session_id = ?').get(sessionId);
	}

	async appendAudit(e: AuditEntry): Promise<void> {
		this.db
			.prepare(
				`INSERT INTO audit_log (at, officer_id, session_id, action, registration_id, owner_user_id, detail)
				 VALUES (?, ?, ?, ?, ?, ?, ?)`
			)
			.run(
				e.at,
				e.officerId,
				e.sessionId,
				e.action,
				e.registrationId,
				e.ownerUserId,
				JSON.stringify(e.detail)
			);
	}

	async listAudit(filter: { registrationId?: string; officerId?: string }): Promise<AuditEntry[]> {
		const rows = this.db
			.prepare(
				`SELECT * FROM audit_log WHERE (? IS NULL OR registration_id = ?) AND (? IS NULL OR officer_id = ?)
				 ORDER BY id`
			)
			.all(
				filter.registrationId ?? null,
				filter.registrationId ?? null,
				filter.officerId ?? null,
				filter.officerId ?? null
			) as Row[];
		return rows.map((row) => ({
			at: row.at as number,
			officerId: row.officer_id as string,
			sessionId: row.session_id as string,
			action: row.action as string,
			registrationId: (row.registration_id as string | null) ?? null,
			ownerUserId: (row.owner_user_id as string | null) ?? null,
			detail: JSON.parse(row.detail as string) as Record<string, unknown>
		}));
	}

	async insertDecision(d: StoredDecision): Promise<{ inserted: boolean; decision: StoredDecision }> {
		const result = this.db
			.prepare(
				`INSERT INTO entry_decisions (decision_id, registration_id, owner_user_id, officer_id, decision, record,
				 decided_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
			)
			.run(
				d.decisionId,
				d.registrationId,
				d.ownerUserId,
				d.officerId,
				d.decision,
				JSON.stringify(d.record),
				d.decidedAt
			);
		if (result.changes === 1) return { inserted: true, decision: d };
		const existing =
			(await this.findDecision(d.registrationId)) ??
			toDecision(
				this.db.prepare('SELECT * FROM entry_decisions WHERE decision_id = ?').get(d.decisionId) as
					Row | undefined
			);
		if (!existing) throw new Error('decision conflict without an existing decision');
		return { inserted: false, decision: existing };
	}

	async findDecision(registrationId: string): Promise<StoredDecision | null> {
		return toDecision(
			this.db.prepare('SELECT * FROM entry_decisions WHERE registration_id = ?').get(registrationId) as
				Row | undefined
		);
	}

	async countDecisionsSince(officerId: string, since: number): Promise<number> {
		const row = this.db
			.prepare('SELECT count(*) AS n FROM entry_decisions WHERE officer_id = ? AND decided_at >= ?')
			.get(officerId, since) as { n: number };
		return row.n;
	}

	async ownerOfServerDocument(docId: string): Promise<string[]> {
		return this.owners(docId, 'AND docs.server_owned = 1');
	}

	async ownersOfDocument(docId: string): Promise<string[]> {
		return this.owners(docId, '');
	}

	private owners(docId: string, extra: string): string[] {
		const rows = this.db
			.prepare(
				`SELECT databases.owner_user_id AS owner FROM docs JOIN databases ON databases.id = docs.db_id
				 WHERE docs.doc_id = ? AND docs.deleted = 0 AND databases.owner_user_id IS NOT NULL ${extra}`
			)
			.all(docId) as { owner: string }[];
		return rows.map((row) => row.owner);
	}
}
