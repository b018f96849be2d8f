import { unzlibSync, zlibSync } from 'fflate';
import { decodeBase45, encodeBase45 } from './base45';
import { ClaimsError, decodeClaims, encodeClaims, type TokenClaims } from './claims';
import {
	ALG_ES256,
	decodeSign1,
	encodeProtectedHeader,
	encodeSign1,
	HEADER_ALG,
	HEADER_KID,
	sigStructure
} from './cose';

/**
 * The token a QR carries: "AR1:" + Base45(zlib(COSE_Sign1(CWT claims))), the layering of the EU Digital
 * COVID Certificate. Base45 keeps the QR in alphanumeric mode; zlib takes back part of what CBOR's field
 * names would have cost. The prefix says which format (and version) a scanner is looking at.
 */
export const TOKEN_PREFIX = 'AR1:';
/** A QR of error correction Q stays readable from a phone screen and from paper up to about this size. */
export const MAX_TOKEN_LENGTH = 600;
/** A clock on a phone may be a few minutes ahead of the server's. */
export const CLOCK_SKEW_SECONDS = 300;
const ES256_SIGNATURE_BYTES = 64;

/** Signs bytes with the private key of `kid`; returns the IEEE-P1363 (r‖s) ECDSA signature. */
export type SignBytes = (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;
/** Checks an ES256 signature over `data` with one public key. */
export type CheckSignature = (data: Uint8Array, signature: Uint8Array) => Promise<boolean>;
/** The public key known under `kid` (base64url), or null when no such key is known. */
export type KeyLookup = (kid: string) => CheckSignature | null | Promise<CheckSignature | null>;

export type VerifyFailure =
	'malformed' | 'unsupported_algorithm' | 'unknown_key' | 'bad_signature' | 'expired' | 'not_yet_valid';

export type VerifyResult =
	{ ok: true; kid: string; claims: TokenClaims } | { ok: false; reason: VerifyFailure };

export async function signToken(claims: TokenClaims, kid: Uint8Array, sign: SignBytes): Promise<string> {
	const protectedBytes = encodeProtectedHeader(kid);
	const payload = encodeClaims(claims);
	const signature = await sign(sigStructure(protectedBytes, payload));
	if (signature.length !== ES256_SIGNATURE_BYTES) throw new Error('ES256 signatures are 64 bytes (r‖s).');
	return TOKEN_PREFIX + encodeBase45(zlibSync(encodeSign1(protectedBytes, payload, signature), { level: 9 }));
}

/**
 * Verifies a token completely: structure, algorithm (ES256 in the protected header only), key id, signature,
 * claims, then time. `now` in seconds. Order matters: nothing from the payload is trusted before the
 * signature checks out.
 */
export async function verifyToken(token: string, keys: KeyLookup, now: number): Promise<VerifyResult> {
	const fail = (reason: VerifyFailure): VerifyResult => ({ ok: false, reason });
	if (!token.startsWith(TOKEN_PREFIX) || token.length > 2 * MAX_TOKEN_LENGTH) return fail('malformed');
	let sign1;
	try {
		sign1 = decodeSign1(inflateChecked(decodeBase45(token.slice(TOKEN_PREFIX.length))));
	} catch {
		// Base45, zlib and CBOR errors alike: this is not a token Arribo made.
		return fail('malformed');
	}
	// The algorithm must be signed: an unprotected "alg" could be swapped by anyone.
	if (sign1.protectedHeader.get(HEADER_ALG) !== ALG_ES256 || sign1.unprotected.size > 0) {
		return fail('unsupported_algorithm');
	}
	const kidBytes = sign1.protectedHeader.get(HEADER_KID);
	if (!(kidBytes instanceof Uint8Array) || kidBytes.length === 0 || kidBytes.length > 32)
		return fail('malformed');
	const kid = kidToString(kidBytes);
	const check = await keys(kid);
	if (!check) return fail('unknown_key');
	if (sign1.signature.length !== ES256_SIGNATURE_BYTES) return fail('bad_signature');
	if (!(await check(sigStructure(sign1.protectedBytes, sign1.payload), sign1.signature)))
		return fail('bad_signature');
	let claims: TokenClaims;
	try {
		claims = decodeClaims(sign1.payload);
	} catch (error) {
		if (error instanceof ClaimsError) return fail('malformed');
		throw error;
	}
	if (claims.expiresAt <= now) return fail('expired');
	if (claims.issuedAt > now + CLOCK_SKEW_SECONDS) return fail('not_yet_valid');
	return { ok: true, kid, claims };
}

/** Key ids travel as base64url text (JWK "kid"); in the token they are raw bytes. */
export function kidToString(kid: Uint8Array): string {
	let binary = '';
	for (const byte of kid) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function kidFromString(kid: string): Uint8Array {
	const binary = atob(kid.replace(/-/g, '+').replace(/_/g, '/'));
	return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** zlib inflate that also checks the Adler-32 trailer (fflate does not), so a changed trailer is refused. */
function inflateChecked(compressed: Uint8Array): Uint8Array {
	const out = unzlibSync(compressed);
	const n = compressed.length;
	if (n < 6) throw new Error('Too short for zlib.');
	const trailer =
		((compressed[n - 4]! << 24) |
			(compressed[n - 3]! << 16) |
			(compressed[n - 2]! << 8) |
			compressed[n - 1]!) >>>
		0;
	if (adler32(out) !== trailer) throw new Error('zlib checksum mismatch.');
	return out;
}

function adler32(bytes: Uint8Array): number {
	let a = 1;
	let b = 0;
	for (const byte of bytes) {
		a = (a + byte) % 65521;
		b = (b + a) % 65521;
	}
	return ((b << 16) | a) >>> 0;
}
