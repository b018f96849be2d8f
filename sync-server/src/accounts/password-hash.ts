import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Passwords are hashed with scrypt (RFC 7914), a slow, memory-hard KDF, with a random 16-byte salt.
 * Parameters: N = 2^15 (cost), r = 8 (block size), p = 1 (parallelism), 32-byte output: about 32 MiB of
 * memory and tens of milliseconds per hash. They are stored with every hash, so they can be raised later
 * and old hashes still verify (and are re-hashed at the next log-in).
 */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;

function derive(
	password: string,
	salt: Buffer,
	N: number,
	r: number,
	p: number,
	keyLength: number
): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		scrypt(password.normalize('NFKC'), salt, keyLength, { N, r, p, maxmem: 256 * N * r * p }, (error, key) =>
			error ? reject(error) : resolve(key)
		);
	});
}

export async function hashPassword(password: string): Promise<string> {
	const { N, r, p, keyLength } = SCRYPT_PARAMS;
	const salt = randomBytes(16);
	const key = await derive(password, salt, N, r, p, keyLength);
	return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, n, r, p, salt, hash] = stored.split('$');
	if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
	const expected = Buffer.from(hash, 'base64');
	const key = await derive(
		password,
		Buffer.from(salt, 'base64'),
		Number(n),
		Number(r),
		Number(p),
		expected.length
	);
	return timingSafeEqual(key, expected);
}

export function needsRehash(stored: string): boolean {
	const [, n, r, p] = stored.split('$');
	return Number(n) !== SCRYPT_PARAMS.N || Number(r) !== SCRYPT_PARAMS.r || Number(p) !== SCRYPT_PARAMS.p;
}

/** A hash of a password nobody knows: verifying against it costs the same time as a real check. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
	dummy ??= hashPassword(randomBytes(24).toString('base64'));
	return dummy;
}
