import { randomBytes } from 'node:crypto';
import { type AccountService, normaliseEmail } from '../accounts/account-service.js';
import type { AccountRecord, AccountStore, SessionRecord } from '../accounts/account-store.js';
import { hashPassword } from '../accounts/password-hash.js';
import { newId, newSecretToken, tokenHash } from '../accounts/secrets.js';
import { MINUTE, sessionLifetime } from '../domain/account-rules.js';
import { type PasswordProblem, passwordProblem } from '../domain/password-policy.js';
import type { ChallengeStage, LoginChallenge, OfficerStore } from './officer-store.js';
import { matchingTotpStep, newTotpSecret, totpUri } from './totp.js';

/** A log-in in progress lives 10 minutes and allows 5 wrong codes. */
const CHALLENGE_TTL_MS = 10 * MINUTE;
const MAX_CODE_ATTEMPTS = 5;

export type LoginStep =
	| { ok: true; challenge: string; next: ChallengeStage; otpauthUri?: string }
	| { ok: false; reason: 'invalid_credentials' }
	| { ok: false; reason: 'too_many_attempts'; retryAfterMs: number };

export type StepResult =
	| { ok: true; challenge: string; next: 'enroll'; otpauthUri: string }
	| { ok: true; token: string; session: SessionRecord; account: AccountRecord }
	| { ok: false; reason: 'invalid_challenge' | 'invalid_code' | PasswordProblem };

/**
 * Officer log-in: password (shared with travellers' accounts, with their back-off), then a new password
 * when the current one was printed by `officer:add`, then TOTP enrolment or verification. Only then is
 * a session created and marked verified; an officer session without that mark acts as nobody.
 */
export class OfficerAuth {
	constructor(
		private readonly deps: {
			accounts: AccountService;
			accountStore: AccountStore;
			officers: OfficerStore;
			clock?: () => number;
		}
	) {}

	private now(): number {
		return (this.deps.clock ?? Date.now)();
	}

	/** Creates an officer (or resets one: new one-time password, TOTP to enrol again). Returns the password. */
	async addOfficer(emailInput: string): Promise<{ password: string; created: boolean }> {
		const email = normaliseEmail(emailInput);
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error(`not an e-mail address: ${emailInput}`);
		const password = randomBytes(12).toString('base64url'); // 96 bits, shown once
		const passwordHash = await hashPassword(password);
		const now = this.now();
		const existing = await this.deps.accountStore.findAccountByEmail(email);
		if (existing && existing.role !== 'officer')
			throw new Error('this e-mail belongs to a traveller account');
		let accountId = existing?.id;
		if (!existing) {
			accountId = newId();
			await this.deps.accountStore.createAccount({
				id: accountId,
				email,
				givenNames: email.split('@')[0]!,
				surnames: '',
				language: 'es',
				role: 'officer',
				passwordHash,
				confirmedAt: now, // created by an operator: nothing to confirm by e-mail
				privacyAcceptedAt: now,
				createdAt: now,
				passwordChangedAt: now
			});
		} else {
			await this.deps.accountStore.setPasswordHash(existing.id, passwordHash, now);
			await this.deps.accountStore.deleteSessionsOf(existing.id);
		}
		await this.deps.officers.putCredential({
			accountId: accountId!,
			mustChangePassword: true,
			totpSecret: null,
			lastTotpStep: 0
		});
		return { password, created: !existing };
	}

	/** Step 1: e-mail and password. Travellers get exactly the answer of a wrong password. */
	async start(email: unknown, password: unknown, clientAddress: string): Promise<LoginStep> {
		const result = await this.deps.accounts.login(email, password, {
			remember: false,
			clientAddress,
			roles: ['officer']
		});
		if (!result.ok) return result;
		// The password check (and its back-off) is the accounts' one; its session is not a second factor.
		await this.deps.accountStore.deleteSession(tokenHash(result.token));
		const credential = await this.deps.officers.getCredential(result.account.id);
		if (result.account.role !== 'officer' || !credential) return { ok: false, reason: 'invalid_credentials' };
		if (credential.mustChangePassword) return this.newChallenge(result.account, 'change_password');
		if (!credential.totpSecret) return this.newChallenge(result.account, 'enroll');
		return this.newChallenge(result.account, 'verify');
	}

	/** Step 2 (first log-in only): replaces the one-time password, then enrolment follows. */
	async changePassword(challenge: unknown, password: unknown): Promise<StepResult> {
		const found = await this.challenge(challenge, 'change_password');
		if (!found) return { ok: false, reason: 'invalid_challenge' };
		const account = await this.deps.accountStore.findAccountById(found.accountId);
		if (!account) return { ok: false, reason: 'invalid_challenge' };
		const secret = typeof password === 'string' ? password : '';
		const problem = passwordProblem(secret, account.email);
		if (problem) return { ok: false, reason: problem };
		await this.deps.accountStore.setPasswordHash(account.id, await hashPassword(secret), this.now());
		const credential = (await this.deps.officers.getCredential(account.id))!;
		await this.deps.officers.putCredential({ ...credential, mustChangePassword: false });
		await this.deps.officers.deleteChallenge(found.hash);
		const next = await this.newChallenge(account, credential.totpSecret ? 'verify' : 'enroll');
		return next as StepResult;
	}

	/** Step 3: a code from the authenticator, which enrols the pending secret or checks the enrolled one. */
	async verifyCode(challenge: unknown, code: unknown): Promise<StepResult> {
		const found = await this.challenge(challenge, null);
		if (!found || found.stage === 'change_password') return { ok: false, reason: 'invalid_challenge' };
		if ((await this.deps.officers.countChallengeAttempt(found.hash)) > MAX_CODE_ATTEMPTS) {
			await this.deps.officers.deleteChallenge(found.hash);
			return { ok: false, reason: 'invalid_challenge' };
		}
		const credential = await this.deps.officers.getCredential(found.accountId);
		const secret = found.stage === 'enroll' ? found.pendingSecret : credential?.totpSecret;
		if (!credential || !secret) return { ok: false, reason: 'invalid_challenge' };
		const now = this.now();
		const step = matchingTotpStep(secret, code, now);
		if (step === null) return { ok: false, reason: 'invalid_code' };
		if (found.stage === 'enroll')
			await this.deps.officers.putCredential({ ...credential, totpSecret: secret });
		if (!(await this.deps.officers.claimTotpStep(found.accountId, step)))
			return { ok: false, reason: 'invalid_code' };
		await this.deps.officers.deleteChallenge(found.hash);
		const account = (await this.deps.accountStore.findAccountById(found.accountId))!;
		const lifetime = sessionLifetime('officer', false);
		const token = newSecretToken();
		const session: SessionRecord = {
			hash: tokenHash(token),
			id: newId(),
			accountId: account.id,
			role: 'officer',
			remember: false,
			createdAt: now,
			lastSeenAt: now,
			idleMs: lifetime.idleMs,
			absoluteExpiresAt: now + lifetime.absoluteMs
		};
		await this.deps.accountStore.createSession(session);
		await this.deps.officers.markSessionVerified(session.id, now);
		return { ok: true, token, session, account };
	}

	private async newChallenge(account: AccountRecord, stage: ChallengeStage): Promise<LoginStep> {
		const token = newSecretToken();
		const pendingSecret = stage === 'enroll' ? newTotpSecret() : null;
		const record: LoginChallenge = {
			hash: tokenHash(token),
			accountId: account.id,
			stage,
			pendingSecret,
			attempts: 0,
			expiresAt: this.now() + CHALLENGE_TTL_MS
		};
		await this.deps.officers.putChallenge(record);
		return {
			ok: true,
			challenge: token,
			next: stage,
			...(pendingSecret ? { otpauthUri: totpUri(pendingSecret, account.email) } : {})
		};
	}

	private async challenge(token: unknown, stage: ChallengeStage | null): Promise<LoginChallenge | null> {
		if (typeof token !== 'string' || token.length === 0 || token.length > 100) return null;
		const found = await this.deps.officers.getChallenge(tokenHash(token));
		if (!found || (stage && found.stage !== stage)) return null;
		if (this.now() >= found.expiresAt) {
			await this.deps.officers.deleteChallenge(found.hash);
			return null;
		}
		return found;
	}
}
