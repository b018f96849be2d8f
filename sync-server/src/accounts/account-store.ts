import type { Role, ThrottleState, TokenPurpose } from '../domain/account-rules.js';
import type { Language } from '../domain/languages.js';

/** Times are milliseconds since the epoch (UTC). Ids are random and never derived from the e-mail. */
export interface AccountRecord {
	id: string;
	/** Normalised: trimmed and lower-cased. */
	email: string;
	givenNames: string;
	surnames: string;
	language: Language;
	role: Role;
	/** scrypt$N$r$p$salt$hash (see password-hash.ts). */
	passwordHash: string;
	confirmedAt: number | null;
	privacyAcceptedAt: number;
	createdAt: number;
	passwordChangedAt: number;
}

export interface TokenRecord {
	/** SHA-256 of the token in hex; the token itself is only ever in the e-mail. */
	hash: string;
	accountId: string;
	purpose: TokenPurpose;
	createdAt: number;
	expiresAt: number;
	usedAt: number | null;
}

export interface SessionRecord {
	/** SHA-256 of the cookie value in hex. */
	hash: string;
	/** A random public id (for the principal and logs), unrelated to the cookie value. */
	id: string;
	accountId: string;
	role: Role;
	remember: boolean;
	createdAt: number;
	lastSeenAt: number;
	idleMs: number;
	absoluteExpiresAt: number;
}

/**
 * A kiosk's credential to deliver one traveller's queued submission after they have left (see
 * sync-server/src/outbox/). Only its SHA-256 is stored; it expires and can be revoked.
 */
export interface DeliveryCredentialRecord {
	/** SHA-256 of the credential in hex. */
	hash: string;
	accountId: string;
	createdAt: number;
	expiresAt: number;
	revokedAt: number | null;
}

/**
 * Account persistence, one implementation per storage adapter (SQLite, PostgreSQL) with the same
 * behaviour. Nothing a caller needs may live only in process memory: several server processes share it.
 */
export interface AccountStore {
	/** 'email_taken' when an account with this (normalised) e-mail exists. */
	createAccount(account: AccountRecord): Promise<'created' | 'email_taken'>;
	findAccountByEmail(email: string): Promise<AccountRecord | null>;
	findAccountById(id: string): Promise<AccountRecord | null>;
	markConfirmed(accountId: string, at: number): Promise<void>;
	setPasswordHash(accountId: string, passwordHash: string, at: number): Promise<void>;
	/** The language of the account's e-mails and of the app wherever the traveller logs in. */
	setLanguage(accountId: string, language: Language): Promise<void>;
	/** Deletes the account and everything hanging off it (tokens, sessions). */
	deleteAccount(accountId: string): Promise<void>;

	insertToken(token: TokenRecord): Promise<void>;
	findToken(hash: string, purpose: TokenPurpose): Promise<TokenRecord | null>;
	/** Marks the token used if it is still unused; false when another request used it first. */
	useToken(hash: string, at: number): Promise<boolean>;
	/** Marks every unused token of this purpose used (a new link replaces the old ones). */
	retireTokens(accountId: string, purpose: TokenPurpose, at: number): Promise<void>;

	createSession(session: SessionRecord): Promise<void>;
	findSession(hash: string): Promise<SessionRecord | null>;
	touchSession(hash: string, at: number): Promise<void>;
	deleteSession(hash: string): Promise<void>;
	deleteSessionsOf(accountId: string): Promise<void>;
	listSessionsOf(accountId: string): Promise<SessionRecord[]>;

	insertDeliveryCredential(credential: DeliveryCredentialRecord): Promise<void>;
	findDeliveryCredential(hash: string): Promise<DeliveryCredentialRecord | null>;
	/** Marks it revoked (if it was not already); unknown hashes are ignored. */
	revokeDeliveryCredential(hash: string, at: number): Promise<void>;

	getThrottle(key: string): Promise<ThrottleState | null>;
	/** Adds one failure atomically and returns the new count. */
	addFailure(key: string, at: number): Promise<number>;
	setLock(key: string, until: number): Promise<void>;
	clearThrottle(key: string): Promise<void>;
}
