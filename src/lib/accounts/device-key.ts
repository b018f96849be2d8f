/**
 * Password-derived key material, with WebCrypto only. One slow PBKDF2-SHA256 run (600,000 iterations,
 * OWASP 2023) turns the password and a per-device salt into 256 bits; HKDF then derives two independent
 * values from it: a verifier (stored, to check the password offline) and an AES-GCM key (never stored,
 * non-extractable, kept in memory while the traveller is logged in) for encrypting local records at rest.
 * Knowing the verifier does not reveal the key: they come from different HKDF info strings.
 */
export const PBKDF2_ITERATIONS = 600_000;

const encoder = new TextEncoder();

export function toBase64(bytes: ArrayBuffer | Uint8Array): string {
	const array = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
	let binary = '';
	for (const byte of array) binary += String.fromCharCode(byte);
	return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
	const binary = atob(text);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}

export function newSalt(): string {
	return toBase64(crypto.getRandomValues(new Uint8Array(16)));
}

export interface DerivedKeys {
	verifier: string;
	recordsKey: CryptoKey;
}

export async function deriveKeys(
	password: string,
	salt: string,
	iterations = PBKDF2_ITERATIONS
): Promise<DerivedKeys> {
	const passwordKey = await crypto.subtle.importKey(
		'raw',
		encoder.encode(password.normalize('NFKC')),
		'PBKDF2',
		false,
		['deriveBits']
	);
	const master = await crypto.subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(salt), iterations },
		passwordKey,
		256
	);
	const hkdf = await crypto.subtle.importKey('raw', master, 'HKDF', false, ['deriveBits', 'deriveKey']);
	const params = (info: string) => ({
		name: 'HKDF',
		hash: 'SHA-256',
		salt: new Uint8Array(32),
		info: encoder.encode(info)
	});
	const verifier = await crypto.subtle.deriveBits(params('arribo verifier v1'), hkdf, 256);
	const recordsKey = await crypto.subtle.deriveKey(
		params('arribo local records key v1'),
		hkdf,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
	return { verifier: toBase64(verifier), recordsKey };
}

/** Compares without an early exit on the first differing character. */
export function sameVerifier(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	let difference = 0;
	for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
	return difference === 0;
}

export async function encryptJson(
	key: CryptoKey,
	value: unknown
): Promise<{ iv: string; ciphertext: string }> {
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const ciphertext = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv },
		key,
		encoder.encode(JSON.stringify(value))
	);
	return { iv: toBase64(iv), ciphertext: toBase64(ciphertext) };
}

export async function decryptJson<T>(key: CryptoKey, sealed: { iv: string; ciphertext: string }): Promise<T> {
	const plain = await crypto.subtle.decrypt(
		{ name: 'AES-GCM', iv: fromBase64(sealed.iv) },
		key,
		fromBase64(sealed.ciphertext)
	);
	return JSON.parse(new TextDecoder().decode(plain)) as T;
}
