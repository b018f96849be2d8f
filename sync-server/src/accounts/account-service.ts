import {
	ACCOUNT_BACKOFF,
	ADDRESS_BACKOFF,
	type BackoffSchedule,
	checkToken,
	EMAIL_TOKEN_TTL_MS,
	lockAfterFailure,
	MAIL_LIMIT,
	mayMail,
	type Role,
	retryAfterMs,
	sessionExpired,
	sessionLifetime,
	type TokenPurpose
} from '../domain/account-rules.js';
import { type PasswordProblem, passwordProblem } from '../domain/password-policy.js';
import { isLanguage, type Language } from '../domain/languages.js';
import type { Mailer } from '../mail/mailer.js';
import { type MailKind, renderMail } from '../mail/templates.js';
import type { AccountRecord, AccountStore, SessionRecord } from './account-store.js';
import { type ExportedRecord, exportArchive } from './export-archive.js';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password-hash.js';
import { emailKey, newId, newSecretToken, tokenHash } from './secrets.js';

export type Clock = () => number;

export interface AccountServiceDeps {
	store: AccountStore;
	mailer: Mailer;
	/** Where links in e-mails point; a function because a PORT=0 server learns its address late. */
	publicUrl: () => URL;
	clock?: Clock;
	log: { error(obj: object, msg: string): void; info(obj: object, msg: string): void };
	/** Other features' data about a traveller (replication database, registrations) deleted with the account. */
	onAccountDeleted?: ((accountId: string) => Promise<void>)[];
	/** The traveller's replicated records with their files, for the export (absent: none are exported). */
	recordsOf?: (accountId: string) => Promise<ExportedRecord[]>;
}

export interface Registration {
	email: string;
	password: string;
	givenNames: string;
	surnames: string;
	language: Language;
	acceptPrivacy: boolean;
}

export type RegistrationField =
	'email' | 'password' | 'givenNames' | 'surnames' | 'language' | 'acceptPrivacy';
export type FieldProblem = PasswordProblem | 'required' | 'invalid' | 'too_long';

export class ValidationError extends Error {
	constructor(readonly fields: Partial<Record<RegistrationField, FieldProblem>>) {
		super('invalid input');
	}
}

export type LoginResult =
	| { ok: true; token: string; session: SessionRecord; account: AccountRecord }
	| { ok: false; reason: 'invalid_credentials' }
	| { ok: false; reason: 'too_many_attempts'; retryAfterMs: number };

export type TokenResult = { ok: true } | { ok: false; reason: 'invalid' | 'used' | 'expired' };

export interface SessionView {
	userId: string;
	sessionId: string;
	role: 'traveller' | 'officer';
	confirmed: boolean;
	email: string;
	givenNames: string;
	surnames: string;
	language: Language;
	remember: boolean;
	expiresAt: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** Registration, confirmation, log-in, sessions, recovery, export and deletion of traveller accounts. */
export class AccountService {
	private readonly store: AccountStore;
	private readonly mailer: Mailer;
	private readonly clock: Clock;

	constructor(private readonly deps: AccountServiceDeps) {
		this.store = deps.store;
		this.mailer = deps.mailer;
		this.clock = deps.clock ?? Date.now;
	}

	validateRegistration(input: Partial<Registration>): Registration {
		const fields: Partial<Record<RegistrationField, FieldProblem>> = {};
		const text = (value: unknown, max: number, field: RegistrationField): string => {
			if (typeof value !== 'string' || value.trim() === '') {
				fields[field] = 'required';
				return '';
			}
			if (value.length > max) fields[field] = 'too_long';
			return value.trim();
		};
		const givenNames = text(input.givenNames, 100, 'givenNames');
		const surnames = text(input.surnames, 100, 'surnames');
		const email = normaliseEmail(text(input.email, 254, 'email'));
		if (email && !fields.email && !EMAIL.test(email)) fields.email = 'invalid';
		const password = typeof input.password === 'string' ? input.password : '';
		const problem = password ? passwordProblem(password, email) : 'required';
		if (problem) fields.password = problem;
		const language = isLanguage(input.language) ? input.language : null;
		if (!language) fields.language = 'required';
		if (input.acceptPrivacy !== true) fields.acceptPrivacy = 'required';
		if (Object.keys(fields).length > 0) throw new ValidationError(fields);
		return { email, password, givenNames, surnames, language: language!, acceptPrivacy: true };
	}

	/**
	 * Creates the account and sends the confirmation e-mail. For an e-mail that already has an account the
	 * answer is the same (that address gets a notice instead), so registration reveals nothing either.
	 */
	async register(input: Partial<Registration>): Promise<void> {
		const registration = this.validateRegistration(input);
		const now = this.clock();
		const passwordHash = await hashPassword(registration.password);
		const account: AccountRecord = {
			id: newId(),
			email: registration.email,
			givenNames: registration.givenNames,
			surnames: registration.surnames,
			language: registration.language,
			role: 'traveller',
			passwordHash,
			confirmedAt: null,
			privacyAcceptedAt: now,
			createdAt: now,
			passwordChangedAt: now
		};
		const outcome = await this.store.createAccount(account);
		if (outcome === 'created') {
			await this.sendLink(account, 'confirm');
		} else {
			const existing = await this.store.findAccountByEmail(registration.email);
			if (existing) await this.sendMail(existing, 'already_registered', this.link('/reset'));
		}
	}

	/** Sends a fresh confirmation link (retiring older ones) to unconfirmed accounts; silent otherwise. */
	async resendConfirmation(emailInput: unknown): Promise<void> {
		if (typeof emailInput !== 'string') return;
		const account = await this.store.findAccountByEmail(normaliseEmail(emailInput));
		if (!account || account.confirmedAt !== null) return;
		await this.sendLink(account, 'confirm');
	}

	async confirm(token: unknown): Promise<TokenResult> {
		const used = await this.useToken(token, 'confirm');
		if (!used.ok) return used;
		const account = await this.store.findAccountById(used.accountId);
		if (account && account.confirmedAt === null) await this.store.markConfirmed(account.id, this.clock());
		return { ok: true };
	}

	async requestReset(emailInput: unknown): Promise<void> {
		if (typeof emailInput !== 'string') return;
		const account = await this.store.findAccountByEmail(normaliseEmail(emailInput));
		if (!account) return;
		await this.sendLink(account, 'reset');
	}

	/** Sets a new password from a reset link; all sessions end, and the link proves the e-mail is theirs. */
	async resetPassword(
		token: unknown,
		password: unknown
	): Promise<TokenResult | { ok: false; reason: PasswordProblem }> {
		if (typeof password !== 'string') return { ok: false, reason: 'too_short' };
		const candidate =
			typeof token === 'string' ? await this.store.findToken(tokenHash(token), 'reset') : null;
		const account = candidate ? await this.store.findAccountById(candidate.accountId) : null;
		const problem = passwordProblem(password, account?.email);
		if (problem) return { ok: false, reason: problem };
		const used = await this.useToken(token, 'reset');
		if (!used.ok) return used;
		const now = this.clock();
		await this.store.setPasswordHash(used.accountId, await hashPassword(password), now);
		await this.store.retireTokens(used.accountId, 'reset', now);
		await this.store.deleteSessionsOf(used.accountId);
		const target = await this.store.findAccountById(used.accountId);
		if (target && target.confirmedAt === null) await this.store.markConfirmed(target.id, now);
		return { ok: true };
	}

	/**
	 * Checks the password, slowing down failures per e-mail and per client address. Unknown e-mails cost a
	 * scrypt verification too and get exactly the same answer as a wrong password.
	 */
	async login(
		emailInput: unknown,
		password: unknown,
		options: {
			remember: boolean;
			clientAddress: string;
			previousToken?: string;
			/** Roles this door admits; others get the wrong-password answer (officers have their own log-in). */
			roles?: readonly Role[];
		}
	): Promise<LoginResult> {
		const email = typeof emailInput === 'string' ? normaliseEmail(emailInput) : '';
		const keys: [string, BackoffSchedule][] = [
			[emailKey(email), ACCOUNT_BACKOFF],
			[`addr:${options.clientAddress}`, ADDRESS_BACKOFF]
		];
		let wait = 0;
		for (const [key, schedule] of keys) {
			wait = Math.max(wait, retryAfterMs(await this.store.getThrottle(key), schedule, this.clock()));
		}
		if (wait > 0) return { ok: false, reason: 'too_many_attempts', retryAfterMs: wait };

		const account = email ? await this.store.findAccountByEmail(email) : null;
		const secret = typeof password === 'string' ? password : '';
		const matches = await verifyPassword(secret, account?.passwordHash ?? (await dummyHash()));
		if (!account || !matches || secret === '') {
			const now = this.clock();
			let lockMs = 0;
			for (const [key, schedule] of keys) {
				const state = await this.store.getThrottle(key);
				if (state?.lockedUntil !== null && state?.lockedUntil !== undefined && now >= state.lockedUntil) {
					await this.store.clearThrottle(key); // an expired lock starts the count afresh
				}
				const failures = await this.store.addFailure(key, now);
				const lockedUntil = lockAfterFailure(failures, schedule, now);
				if (lockedUntil !== null) {
					await this.store.setLock(key, lockedUntil);
					lockMs = Math.max(lockMs, lockedUntil - now);
				}
			}
			if (lockMs > 0) return { ok: false, reason: 'too_many_attempts', retryAfterMs: lockMs };
			return { ok: false, reason: 'invalid_credentials' };
		}

		if (options.roles && !options.roles.includes(account.role))
			return { ok: false, reason: 'invalid_credentials' };
		await this.store.clearThrottle(emailKey(email));
		if (needsRehash(account.passwordHash)) {
			await this.store.setPasswordHash(account.id, await hashPassword(secret), account.passwordChangedAt);
		}
		// Rotation: whatever session this browser had ends; the new one gets a new random token.
		if (options.previousToken) await this.store.deleteSession(tokenHash(options.previousToken));
		const { token, session } = await this.openSession(account, options.remember);
		return { ok: true, token, session, account };
	}

	/** Remembers the traveller's language for their e-mails and for every device they log in on. */
	async setLanguage(accountId: string, language: unknown): Promise<Language | null> {
		if (!isLanguage(language)) return null;
		await this.store.setLanguage(accountId, language);
		return language;
	}

	/**
	 * Changes the password of a logged-in traveller who proves the current one. Every session of the account
	 * ends; the caller gets a fresh session for this browser.
	 */
	async changePassword(
		accountId: string,
		currentPassword: unknown,
		newPassword: unknown
	): Promise<
		| { ok: true; token: string; session: SessionRecord; account: AccountRecord }
		| { ok: false; reason: 'invalid_credentials' | PasswordProblem }
	> {
		const account = await this.store.findAccountById(accountId);
		if (!account || typeof currentPassword !== 'string' || typeof newPassword !== 'string') {
			return { ok: false, reason: 'invalid_credentials' };
		}
		if (!(await verifyPassword(currentPassword, account.passwordHash)))
			return { ok: false, reason: 'invalid_credentials' };
		const problem = passwordProblem(newPassword, account.email);
		if (problem) return { ok: false, reason: problem };
		const now = this.clock();
		await this.store.setPasswordHash(account.id, await hashPassword(newPassword), now);
		await this.store.deleteSessionsOf(account.id);
		await this.store.retireTokens(account.id, 'reset', now);
		const { token, session } = await this.openSession(account, false);
		return { ok: true, token, session, account };
	}

	private async openSession(
		account: AccountRecord,
		remember: boolean
	): Promise<{ token: string; session: SessionRecord }> {
		const now = this.clock();
		const lifetime = sessionLifetime(account.role, remember);
		const token = newSecretToken();
		const session: SessionRecord = {
			hash: tokenHash(token),
			id: newId(),
			accountId: account.id,
			role: account.role,
			remember,
			createdAt: now,
			lastSeenAt: now,
			idleMs: lifetime.idleMs,
			absoluteExpiresAt: now + lifetime.absoluteMs
		};
		await this.store.createSession(session);
		return { token, session };
	}

	/** The live session a cookie names, refreshing its idle timer; null (and deleted) when expired. */
	async resolveSession(token: string): Promise<{ session: SessionRecord; account: AccountRecord } | null> {
		if (!token || token.length > 100) return null;
		const hash = tokenHash(token);
		const session = await this.store.findSession(hash);
		if (!session) return null;
		const now = this.clock();
		if (sessionExpired(session, now)) {
			await this.store.deleteSession(hash);
			return null;
		}
		const account = await this.store.findAccountById(session.accountId);
		if (!account) return null;
		// Writes at most once a minute per session; the idle timeout has minute precision.
		if (now - session.lastSeenAt >= 60_000) {
			await this.store.touchSession(hash, now);
			session.lastSeenAt = now;
		}
		return { session, account };
	}

	view(session: SessionRecord, account: AccountRecord): SessionView {
		return {
			userId: account.id,
			sessionId: session.id,
			role: account.role,
			confirmed: account.confirmedAt !== null,
			email: account.email,
			givenNames: account.givenNames,
			surnames: account.surnames,
			language: account.language,
			remember: session.remember,
			expiresAt: Math.min(session.absoluteExpiresAt, session.lastSeenAt + session.idleMs)
		};
	}

	async logout(token: string): Promise<void> {
		if (token) await this.store.deleteSession(tokenHash(token));
	}

	/**
	 * Everything the server holds about the account as a ZIP: the account, its sessions (without their
	 * hashes) and every replicated record (documents, pre-registrations, receipts, entry records…) with
	 * its files.
	 */
	async exportData(accountId: string): Promise<Uint8Array> {
		const account = await this.store.findAccountById(accountId);
		if (!account) throw new Error('account not found');
		const sessions = await this.store.listSessionsOf(accountId);
		const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
		const summary = {
			format: 'arribo-export/2',
			exportedAt: iso(this.clock()),
			account: {
				id: account.id,
				email: account.email,
				givenNames: account.givenNames,
				surnames: account.surnames,
				language: account.language,
				role: account.role,
				confirmedAt: iso(account.confirmedAt),
				privacyAcceptedAt: iso(account.privacyAcceptedAt),
				createdAt: iso(account.createdAt),
				passwordChangedAt: iso(account.passwordChangedAt)
			},
			sessions: sessions.map((s) => ({
				id: s.id,
				createdAt: iso(s.createdAt),
				lastSeenAt: iso(s.lastSeenAt),
				rememberedDevice: s.remember
			}))
		};
		return exportArchive(summary, (await this.deps.recordsOf?.(accountId)) ?? []);
	}

	async deleteAccount(accountId: string): Promise<void> {
		for (const hook of this.deps.onAccountDeleted ?? []) await hook(accountId);
		await this.store.deleteAccount(accountId);
	}

	private link(pathname: string, token?: string): string {
		const url = new URL(pathname, this.deps.publicUrl());
		// In the fragment: it never reaches a server log or a Referer header.
		if (token) url.hash = `token=${token}`;
		return url.toString();
	}

	private async sendLink(account: AccountRecord, purpose: TokenPurpose): Promise<void> {
		const now = this.clock();
		await this.store.retireTokens(account.id, purpose, now);
		const token = newSecretToken();
		await this.store.insertToken({
			hash: tokenHash(token),
			accountId: account.id,
			purpose,
			createdAt: now,
			expiresAt: now + EMAIL_TOKEN_TTL_MS,
			usedAt: null
		});
		await this.sendMail(account, purpose, this.link(purpose === 'confirm' ? '/confirm' : '/reset', token));
	}

	private async sendMail(account: AccountRecord, kind: MailKind, link: string): Promise<void> {
		// Nobody can use register/resend/reset to flood an inbox: past the limit we stay silent (same answer).
		const key = 'mail:' + emailKey(account.email);
		const now = this.clock();
		const state = await this.store.getThrottle(key);
		if (!mayMail(state, now)) return;
		if (state && now - state.lastFailureAt >= MAIL_LIMIT.windowMs) await this.store.clearThrottle(key);
		await this.store.addFailure(key, now);
		const mail = renderMail(kind, account.language, account.givenNames, link);
		try {
			await this.mailer.send({ to: account.email, ...mail, link });
		} catch (error) {
			// The traveller can press "resend"; the log names neither the address nor the link.
			this.deps.log.error({ kind, err: (error as Error).message }, 'sending an account e-mail failed');
		}
	}

	private async useToken(
		token: unknown,
		purpose: TokenPurpose
	): Promise<{ ok: true; accountId: string } | { ok: false; reason: 'invalid' | 'used' | 'expired' }> {
		if (typeof token !== 'string' || token.length === 0 || token.length > 100)
			return { ok: false, reason: 'invalid' };
		const hash = tokenHash(token);
		const record = await this.store.findToken(hash, purpose);
		const check = checkToken(record, this.clock());
		if (check === 'unknown') return { ok: false, reason: 'invalid' };
		if (check !== 'ok') return { ok: false, reason: check };
		if (!(await this.store.useToken(hash, this.clock()))) return { ok: false, reason: 'used' };
		return { ok: true, accountId: record!.accountId };
	}
}
