import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	kidToString,
	receiptExpiry,
	signToken,
	verifyToken,
	type ReceiptClaims
} from '$domain/receipt-token';
import { oneKey, testKeyPair } from '$domain/receipt-token/test-keys';
import type { RecordsDb } from '$lib/records/records-db';
import { loadHistory, type TokenVerifier } from './history';

// PouchDB (the records db's engine) in memory, as the server tests use it.
const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb-core').plugin(require('pouchdb-adapter-memory'));

const KID = new Uint8Array([1, 1, 2, 3, 5, 8, 13, 21]);
const NOW = Math.floor(Date.now() / 1000);
const uuid = '0d5a7c1e-2b3f-4a6d-8e9f-1a2b3c4d5e6f';
const registrationId = `registration:${uuid}`;
const claims: ReceiptClaims = {
	kind: 'receipt',
	folio: 'ARR-0000-0000-0011-~',
	registrationId,
	documentNumber: 'PA1000000',
	nationality: 'ESP',
	surnames: 'PÉREZ GÓMEZ',
	givenNames: 'LUCÍA',
	birthDate: '1988-03-04',
	arrivalDate: '2026-12-20',
	portOfEntry: 'AIR-MEX',
	flight: 'AM AM402',
	issuedAt: NOW,
	expiresAt: receiptExpiry('2026-12-20', NOW)
};
const registration = {
	_id: registrationId,
	type: 'registration',
	createdAt: '2026-11-25T10:00:00.000Z',
	documentId: 'identity-document:x',
	traveller: { surnames: 'PÉREZ GÓMEZ', givenNames: 'LUCÍA', documentNumber: 'PA1000000' },
	trip: { arrivalDate: '2026-12-20', portOfEntry: 'AIR-MEX' },
	submittedAt: '2026-11-25T10:00:00.000Z'
};

let verify: TokenVerifier;
let sign: (data: Uint8Array) => Promise<Uint8Array>;
let stranger: (data: Uint8Array) => Promise<Uint8Array>;
let n = 0;

async function dbWith(receiptToken?: string): Promise<RecordsDb> {
	const db = new PouchDB(`history-${process.pid}-${++n}`, { adapter: 'memory' }) as RecordsDb;
	await db.put(registration);
	if (receiptToken) {
		await db.put({
			_id: `receipt:${uuid}`,
			type: 'receipt',
			createdAt: new Date().toISOString(),
			registrationId,
			folio: claims.folio,
			token: receiptToken,
			issuedAt: new Date().toISOString(),
			expiresAt: new Date(claims.expiresAt * 1000).toISOString()
		});
	}
	return db;
}

beforeAll(async () => {
	const keys = await testKeyPair();
	sign = keys.sign;
	stranger = (await testKeyPair()).sign;
	verify = (token) => verifyToken(token, oneKey(kidToString(KID), keys.check), NOW);
});

describe('registration history on the device', () => {
	it('shows a synced registration without a receipt as waiting, with nothing to download', async () => {
		const [item] = await loadHistory(await dbWith(), [], verify);
		expect(item).toMatchObject({ registrationId, holder: 'LUCÍA PÉREZ GÓMEZ', folio: undefined });
		expect(item!.status).toMatchObject({ stage: 'waiting', actions: [], unverified: false });
		expect(item!.receipt).toBeUndefined();
	});

	it('offers the receipt once its signed token verifies, with the folio from the token', async () => {
		const [item] = await loadHistory(await dbWith(await signToken(claims, KID, sign)), [], verify);
		expect(item!.status).toMatchObject({ stage: 'received', actions: ['receipt'] });
		expect(item!.folio).toBe(claims.folio);
		expect(item!.receipt?.claims).toEqual(claims);
	});

	it('never shows a receipt signed by another key, or one naming another registration', async () => {
		const forged = await signToken(claims, KID, stranger);
		const [byStranger] = await loadHistory(await dbWith(forged), [], verify);
		expect(byStranger!.status).toMatchObject({ stage: 'waiting', actions: [], unverified: true });
		expect(byStranger!.receipt).toBeUndefined();
		const other = await signToken(
			{ ...claims, registrationId: 'registration:99999999-2b3f-4a6d-8e9f-1a2b3c4d5e6f' },
			KID,
			sign
		);
		const [misplaced] = await loadHistory(await dbWith(other), [], verify);
		expect(misplaced!.status).toMatchObject({ stage: 'waiting', actions: [], unverified: true });
	});
});
