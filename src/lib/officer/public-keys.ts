import type { CheckSignature, KeyLookup } from '$domain/receipt-token';
import { officerDb } from './officer-db';

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/**
 * The server's public signing keys (GET /api/keys, a JWK set), kept on the device so the console
 * verifies QR codes without a connection. Refreshed whenever the console starts online.
 */
export async function refreshPublicKeys(): Promise<boolean> {
	try {
		const response = await fetch('/api/keys', { credentials: 'same-origin' });
		if (!response.ok) return false;
		const set = (await response.json()) as { keys?: JsonWebKey[] };
		if (!Array.isArray(set.keys)) return false;
		await officerDb.keys.put({ id: 'jwks', keys: set.keys, fetchedAt: Date.now() });
		return true;
	} catch {
		return false; // offline: the cached set stays in use
	}
}

export async function cachedKeysInfo(): Promise<{ count: number; fetchedAt: number } | null> {
	const cached = await officerDb.keys.get('jwks');
	return cached ? { count: cached.keys.length, fetchedAt: cached.fetchedAt } : null;
}

/** A KeyLookup over the cached keys, for verifyToken; unknown key ids get null. */
export async function cachedKeyLookup(): Promise<KeyLookup> {
	const cached = await officerDb.keys.get('jwks');
	const byKid = new Map<string, JsonWebKey>();
	for (const key of cached?.keys ?? []) {
		const kid = (key as JsonWebKey & { kid?: string }).kid;
		if (kid) byKid.set(kid, key);
	}
	return async (kid) => {
		const jwk = byKid.get(kid);
		if (!jwk) return null;
		const { kty, crv, x, y } = jwk;
		const key = await crypto.subtle.importKey('jwk', { kty, crv, x, y }, ECDSA_P256, false, ['verify']);
		const check: CheckSignature = (data, signature) =>
			crypto.subtle.verify(
				{ name: 'ECDSA', hash: 'SHA-256' },
				key,
				signature as BufferSource,
				data as BufferSource
			);
		return check;
	};
}
