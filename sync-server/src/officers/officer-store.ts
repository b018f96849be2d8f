/** Times are milliseconds since the epoch (UTC). */

/** What an officer account has beyond the shared `accounts` row (role 'officer'). */
export interface OfficerCredential {
	accountId: string;
	/** Set by `officer:add`: the printed one-time password must be replaced at the first log-in. */
	mustChangePassword: boolean;
	/** Base32 TOTP secret once enrolled; null until the officer has scanned it and proved one code. */
	totpSecret: string | null;
	/** The last TOTP time step accepted: a code is never accepted twice (RFC 6238 §5.2). */
	lastTotpStep: number;
}

export type ChallengeStage = 'change_password' | 'enroll' | 'verify';

/** A log-in in progress between the password and the second factor. Only its hash is stored. */
export interface LoginChallenge {
	hash: string;
	accountId: string;
	stage: ChallengeStage;
	/** The secret being enrolled (stage 'enroll'); it becomes the officer's only after a valid code. */
	pendingSecret: string | null;
	attempts: number;
	expiresAt: number;
}

export interface AuditEntry {
	at: number;
	officerId: string;
	sessionId: string;
	/** What was done: `view_registration`, `view_file`, `decide`, `lookup_refused`. */
	action: string;
	registrationId: string | null;
	ownerUserId: string | null;
	/** Small JSON facts (file id, decision); never the traveller's personal data. */
	detail: Record<string, unknown>;
}

export interface StoredDecision {
	decisionId: string;
	registrationId: string;
	ownerUserId: string;
	officerId: string;
	decision: 'authorized' | 'refused';
	/** The entry record as written into the traveller's database. */
	record: Record<string, unknown>;
	decidedAt: number;
}

/**
 * Officer persistence (SQLite and PostgreSQL, same behaviour). The audit log has an append and a read,
 * and nothing else; the databases refuse UPDATE and DELETE on it with triggers as well.
 */
export interface OfficerStore {
	migrate(): Promise<void>;

	getCredential(accountId: string): Promise<OfficerCredential | null>;
	putCredential(credential: OfficerCredential): Promise<void>;
	/** Advances lastTotpStep only if `step` is newer; false when that step (or a later one) was used already. */
	claimTotpStep(accountId: string, step: number): Promise<boolean>;

	putChallenge(challenge: LoginChallenge): Promise<void>;
	getChallenge(hash: string): Promise<LoginChallenge | null>;
	/** Counts one attempt and returns the new count. */
	countChallengeAttempt(hash: string): Promise<number>;
	deleteChallenge(hash: string): Promise<void>;

	/** Marks a session as having passed the second factor: only such sessions act as officers. */
	markSessionVerified(sessionId: string, at: number): Promise<void>;
	isSessionVerified(sessionId: string): Promise<boolean>;

	appendAudit(entry: AuditEntry): Promise<void>;
	listAudit(filter: { registrationId?: string; officerId?: string }): Promise<AuditEntry[]>;

	/**
	 * Records a decision unless the registration already has one. Returns the stored decision: the new
	 * one, or the earlier one for this registration (same decisionId = a retry; another = a second attempt).
	 */
	insertDecision(decision: StoredDecision): Promise<{ inserted: boolean; decision: StoredDecision }>;
	findDecision(registrationId: string): Promise<StoredDecision | null>;
	countDecisionsSince(officerId: string, since: number): Promise<number>;

	/** The traveller whose database holds a server-written document with this id (e.g. `receipt:<uuid>`). */
	ownerOfServerDocument(docId: string): Promise<string[]>;
	/** The travellers whose databases hold a live document with this id. */
	ownersOfDocument(docId: string): Promise<string[]>;
}
