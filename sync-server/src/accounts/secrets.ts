import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session cookies, confirmation and reset links. */
export function newSecretToken(): string {
	return randomBytes(32).toString('base64url');
}

/** Random ids for accounts and sessions (128 bits). */
export function newId(): string {
	return randomBytes(16).toString('hex');
}

/** We store only this hash of a token; a copy of the database cannot be replayed as cookies or links. */
export function tokenHash(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Throttle keys for e-mails hold a hash, so the throttle table carries no address in clear. */
export function emailKey(email: string): string {
	return 'email:' + createHash('sha256').update(email, 'utf8').digest('hex');
}
