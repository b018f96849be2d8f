import { unzlibSync, zlibSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	decodeBase45,
	encodeBase45,
	kidToString,
	type ReceiptClaims,
	signToken,
	TOKEN_PREFIX
} from '$domain/receipt-token';
import { oneKey, testKeyPair } from '$domain/receipt-token/test-keys';
import { verifyScannedToken } from './verify-qr';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const KID = new Uint8Array([9, 8, 7, 6, 5, 4, 3, 2]);
const claims: ReceiptClaims = {
	kind: 'receipt',
	folio: 'ARR-7K2M-9QXD-4R8T-Z',
	registrationId: 'registration:0b6f3c1e-5d2a-4f8e-9c71-2a4b6d8e0f13',
	documentNumber: 'L898902C3',
	nationality: 'UTO',
	surnames: 'ERIKSSON',
	givenNames: 'ANNA MARIA',
	birthDate: '1974-08-12',
	arrivalDate: '2026-12-01',
	portOfEntry: 'AIR-MEX',
	flight: 'AM 0401',
	issuedAt: NOW / 1000 - 3600,
	expiresAt: NOW / 1000 + 86_400
};

let keys: Awaited<ReturnType<typeof testKeyPair>>;
let token: string;
beforeAll(async () => {
	keys = await testKeyPair();
	token = await signToken(claims, KID, keys.sign);
});
const lookup = () => oneKey(kidToString(KID), keys.check);

describe('the console says plainly what a scanned code is', () => {
	it('valid: with the claims the officer compares with the passport', async () => {
		const verdict = await verifyScannedToken(` ${token}\n`, NOW, lookup());
		expect(verdict).toEqual({ kind: 'valid', claims });
	});

	it('expired, once its time has passed', async () => {
		const verdict = await verifyScannedToken(token, NOW + 2 * 86_400_000, lookup());
		expect(verdict).toEqual({ kind: 'expired' });
	});

	it('unknown key, when no cached key has its id', async () => {
		expect(await verifyScannedToken(token, NOW, () => null)).toEqual({ kind: 'unknown_key' });
	});

	it('tampered, when the signed bytes were changed', async () => {
		const bytes = unzlibSync(decodeBase45(token.slice(TOKEN_PREFIX.length)));
		bytes[bytes.length - 10]! ^= 0x40; // inside the signature
		const forged = TOKEN_PREFIX + encodeBase45(zlibSync(bytes));
		expect(await verifyScannedToken(forged, NOW, lookup())).toEqual({ kind: 'tampered' });
	});

	it('not an Arribo code: another QR, or one damaged beyond reading', async () => {
		expect(await verifyScannedToken('https://example.org/', NOW, lookup())).toEqual({ kind: 'not_arribo' });
		expect(await verifyScannedToken(token.slice(0, 40), NOW, lookup())).toEqual({ kind: 'not_arribo' });
	});
});
