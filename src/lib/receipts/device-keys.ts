import { verifyToken, type KeyLookup, type VerifyResult } from '$domain/receipt-token';

/**
 * The server's public signing keys on this device, so receipts and entry records verify offline. Kept in
 * Cache Storage (they are public: no encryption needed), refreshed whenever the app is online, and asked
 * for again when a token names a key id the cache does not know (a rotation since the last refresh).
 */
const CACHE_NAME = 'arribo-signing-keys-v1';
export const KEYS_PATH = '/api/keys';

type PublishedKey = JsonWebKey & { kid: string };

async function cachedKeys(): Promise<PublishedKey[]> {
	try {
		const response = await (await caches.open(CACHE_NAME)).match(KEYS_PATH);
		return response ? ((await response.json()) as { keys: PublishedKey[] }).keys : [];
	} catch {
		return [];
	}
}

/** Fetches the key set and caches it; false when offline or the server did not answer. */
export async function refreshKeys(): Promise<boolean> {
	try {
		const response = await fetch(KEYS_PATH, { credentials: 'omit', cache: 'no-store' });
		if (!response.ok) return false;
		await (await caches.open(CACHE_NAME)).put(KEYS_PATH, response);
		return true;
	} catch {
		return false;
	}
}

const imported = new Map<string, Promise<CryptoKey>>();

function importKey(jwk: PublishedKey): Promise<CryptoKey> {
	let key = imported.get(jwk.kid);
	if (!key) {
		const { kty, crv, x, y } = jwk;
		key = crypto.subtle.importKey('jwk', { kty, crv, x, y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
			'verify'
		]);
		imported.set(jwk.kid, key);
	}
	return key;
}

/** Looks a key id up in the cache, refreshing once from the server if it is not there. */
export const deviceKeys: KeyLookup = async (kid) => {
	let jwk = (await cachedKeys()).find((key) => key.kid === kid);
	if (!jwk && (await refreshKeys())) jwk = (await cachedKeys()).find((key) => key.kid === kid);
	if (!jwk) return null;
	const key = await importKey(jwk);
	return (data, signature) =>
		crypto.subtle.verify(
			{ name: 'ECDSA', hash: 'SHA-256' },
			key,
			signature as BufferSource,
			data as BufferSource
		);
};

export function verifyOnDevice(token: string, now = Date.now()): Promise<VerifyResult> {
	return verifyToken(token, deviceKeys, Math.floor(now / 1000));
}
