import { type KeyLookup, type TokenClaims, verifyToken } from '$domain/receipt-token';
import { deviceKeys } from '$lib/receipts/device-keys';

/** What the console says about a scanned code, each verdict in plain words on screen. */
export type QrVerdict =
	| { kind: 'valid'; claims: TokenClaims }
	| { kind: 'expired' }
	| { kind: 'unknown_key' }
	| { kind: 'tampered' }
	| { kind: 'not_yet_valid' }
	| { kind: 'not_arribo' };

/** Verifies a scanned token against the keys cached on this device (the network only for an unknown key id). */
export async function verifyScannedToken(
	text: string,
	now = Date.now(),
	keys: KeyLookup = deviceKeys
): Promise<QrVerdict> {
	const result = await verifyToken(text.trim(), keys, Math.floor(now / 1000));
	if (result.ok) return { kind: 'valid', claims: result.claims };
	switch (result.reason) {
		case 'expired':
			return { kind: 'expired' };
		case 'unknown_key':
			return { kind: 'unknown_key' };
		case 'not_yet_valid':
			return { kind: 'not_yet_valid' };
		// A wrong signature or a swapped algorithm: someone changed the code after the server signed it.
		case 'bad_signature':
		case 'unsupported_algorithm':
			return { kind: 'tampered' };
		case 'malformed':
			return { kind: 'not_arribo' };
	}
}
