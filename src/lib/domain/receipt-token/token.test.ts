import { zlibSync, unzlibSync } from 'fflate';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeBase45, encodeBase45 } from './base45';
import type { EntryClaims, ReceiptClaims } from './claims';
import { cbor, decodeSign1, encodeSign1, sigStructure } from './cose';
import { receiptExpiry } from './expiry';
import { oneKey, testKeyPair } from './test-keys';
import { kidToString, MAX_TOKEN_LENGTH, signToken, TOKEN_PREFIX, verifyToken, type KeyLookup } from './token';

const NOW = Date.parse('2026-11-20T12:00:00Z') / 1000;
const KID = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);

export const receipt: ReceiptClaims = {
	kind: 'receipt',
	folio: 'ARR-7K2M-9QXD-4R8T-Z',
	registrationId: 'registration:0b6f3c1e-5d2a-4f8e-9c71-2a4b6d8e0f13',
	documentNumber: 'L898902C3',
	nationality: 'UTO',
	surnames: 'ERIKSSON',
	givenNames: 'ANNA MARIA',
	birthDate: '1974-08-12',
	arrivalDate: '2026-12-01',
	portOfEntry: 'MEX',
	flight: 'AM 0401',
	issuedAt: NOW,
	expiresAt: receiptExpiry('2026-12-01', NOW)
};

const entry: EntryClaims = {
	kind: 'entry',
	folio: receipt.folio,
	registrationId: receipt.registrationId,
	fmmNumber: 'FMM-2026-000123',
	entryDate: '2026-12-01',
	portOfEntry: 'MEX',
	daysAuthorized: 180,
	conditionOfStay: 'visitante',
	officerId: 'officer:12',
	issuedAt: NOW,
	expiresAt: NOW + 200 * 86_400
};

let keys: Awaited<ReturnType<typeof testKeyPair>>;
let lookup: KeyLookup;
let token: string;
const kid = kidToString(KID);

/** Re-wraps COSE bytes the way signToken does, so a tampered structure still reaches the signature check. */
const wrap = (cose: Uint8Array) => TOKEN_PREFIX + encodeBase45(zlibSync(cose));
const unwrap = (t: string) => unzlibSync(decodeBase45(t.slice(TOKEN_PREFIX.length)));

beforeAll(async () => {
	keys = await testKeyPair();
	lookup = oneKey(kid, keys.check);
	token = await signToken(receipt, KID, keys.sign);
});

describe('receipt token', () => {
	it('round-trips receipt and entry claims through sign and verify', async () => {
		expect(await verifyToken(token, lookup, NOW)).toEqual({ ok: true, kid, claims: receipt });
		const entryToken = await signToken(entry, KID, keys.sign);
		expect(await verifyToken(entryToken, lookup, NOW)).toEqual({ ok: true, kid, claims: entry });
	});

	it('fits a QR in alphanumeric mode', () => {
		expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
		expect(token).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
	});

	it('refuses an unknown key id, an expired token and one from the future', async () => {
		expect(await verifyToken(token, oneKey('other', keys.check), NOW)).toEqual({
			ok: false,
			reason: 'unknown_key'
		});
		expect(await verifyToken(token, lookup, receipt.expiresAt)).toEqual({ ok: false, reason: 'expired' });
		expect(await verifyToken(token, lookup, NOW - 3600)).toEqual({ ok: false, reason: 'not_yet_valid' });
	});

	it('refuses a token signed by another key under the same key id', async () => {
		const other = await testKeyPair();
		const forged = await signToken(receipt, KID, other.sign);
		expect(await verifyToken(forged, lookup, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
	});

	it('refuses a changed algorithm, even when re-signed, and an algorithm in the unprotected header', async () => {
		const sign1 = decodeSign1(unwrap(token));
		for (const alg of [-35, -8, 0, 'none']) {
			const header = cbor.encode(
				new Map<number, unknown>([
					[1, alg],
					[4, KID]
				])
			);
			const signature = await keys.sign(sigStructure(header, sign1.payload));
			const changed = wrap(encodeSign1(header, sign1.payload, signature));
			expect(await verifyToken(changed, lookup, NOW)).toEqual({ ok: false, reason: 'unsupported_algorithm' });
		}
		const withUnprotected = cbor.encode([
			sign1.protectedBytes,
			new Map([[1, -7]]),
			sign1.payload,
			sign1.signature
		]);
		expect((await verifyToken(wrap(withUnprotected), lookup, NOW)).ok).toBe(false);
	});

	it('refuses every truncation', async () => {
		for (let length = 0; length < token.length; length++) {
			expect((await verifyToken(token.slice(0, length), lookup, NOW)).ok).toBe(false);
		}
	});

	it('refuses any flipped bit in the signed bytes or the signature (1,000 seeded cases)', async () => {
		const cose = unwrap(token);
		await fc.assert(
			fc.asyncProperty(fc.nat({ max: cose.length * 8 - 1 }), async (bit) => {
				const tampered = cose.slice();
				tampered[bit >> 3]! ^= 1 << (bit & 7);
				expect((await verifyToken(wrap(tampered), lookup, NOW)).ok).toBe(false);
			}),
			{ seed: 7, numRuns: 1000 }
		);
	});

	it('refuses any changed character of the token text (1,000 seeded cases)', async () => {
		const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
		await fc.assert(
			fc.asyncProperty(fc.nat({ max: token.length - 1 }), fc.constantFrom(...alphabet), async (at, char) => {
				fc.pre(token[at] !== char);
				const tampered = token.slice(0, at) + char + token.slice(at + 1);
				const result = await verifyToken(tampered, lookup, NOW);
				// Deflate's last byte may end in padding bits that no decoder reads: such a change leaves the
				// signed bytes identical. Anything that changes what was signed must be refused.
				if (result.ok) expect(unwrap(tampered)).toEqual(unwrap(token));
			}),
			{ seed: 11, numRuns: 1000 }
		);
	});
});
