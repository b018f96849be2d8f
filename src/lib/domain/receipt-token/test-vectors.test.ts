import { describe, expect, it } from 'vitest';
import vectors from './test-vectors.json';
import { verifyToken, type KeyLookup } from './token';

/** Verification as a device does it (WebCrypto), over the vectors the server's suite made and checks. */
const keys: KeyLookup = async (kid) => {
	const jwk = vectors.keys.find((key) => key.kid === kid);
	if (!jwk) return null;
	const key = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
		'verify'
	]);
	return (data, signature) =>
		crypto.subtle.verify(
			{ name: 'ECDSA', hash: 'SHA-256' },
			key,
			signature as BufferSource,
			data as BufferSource
		);
};

describe('shared receipt-token vectors (app, WebCrypto)', () => {
	for (const vector of vectors.cases) {
		it(vector.name, async () => {
			expect(await verifyToken(vector.token, keys, vectors.now)).toMatchObject(vector.expect);
		});
	}
});
