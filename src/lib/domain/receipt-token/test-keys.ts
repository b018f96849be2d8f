import type { CheckSignature, KeyLookup } from './token';

/** Test-only: a fresh P-256 key pair through WebCrypto, as the device verifies and a signer would sign. */
export async function testKeyPair(): Promise<{
	sign: (data: Uint8Array) => Promise<Uint8Array>;
	check: CheckSignature;
	publicJwk: JsonWebKey;
}> {
	const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
		'sign',
		'verify'
	]);
	const algorithm = { name: 'ECDSA', hash: 'SHA-256' };
	return {
		sign: async (data) =>
			new Uint8Array(await crypto.subtle.sign(algorithm, pair.privateKey, data as BufferSource)),
		check: (data, signature) =>
			crypto.subtle.verify(algorithm, pair.publicKey, signature as BufferSource, data as BufferSource),
		publicJwk: await crypto.subtle.exportKey('jwk', pair.publicKey)
	};
}

export function oneKey(kid: string, check: CheckSignature): KeyLookup {
	return (asked) => (asked === kid ? check : null);
}
