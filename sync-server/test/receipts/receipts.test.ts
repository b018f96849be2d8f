import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSign1 } from '../../src/domain/receipt-token/cose.js';
import { FOLIO_PATTERN } from '../../src/domain/receipt-token/folio.js';
import { decodeBase45 } from '../../src/domain/receipt-token/base45.js';
import { verifyToken, type KeyLookup } from '../../src/domain/receipt-token/token.js';
import { ReceiptService } from '../../src/receipts/receipt-service.js';
import { postgresReachable, type StorageKind } from '../replication/harness.js';
import { localDb, PouchDB } from '../replication/pouch.js';
import { unzlibSync } from 'fflate';
import { sentRegistration, startReceiptServer, waitFor } from './fixtures.js';

const pgUp = await postgresReachable();
type Doc = Record<string, unknown>;

/** What any device does: fetch the published JWK set and verify with it, nothing else. */
async function publishedKeys(url: string): Promise<KeyLookup> {
	const response = await fetch(`${url}/api/keys`);
	expect(response.status).toBe(200);
	const { keys } = (await response.json()) as {
		keys: (import('node:crypto').JsonWebKey & { kid: string })[];
	};
	return (kid) => {
		const jwk = keys.find((key) => key.kid === kid);
		if (!jwk) return null;
		const key = createPublicKey({ key: jwk, format: 'jwk' });
		return async (data, signature) => verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
	};
}

const now = () => Math.floor(Date.now() / 1000);

for (const kind of ['sqlite', 'postgres'] as StorageKind[]) {
	describe.skipIf(kind === 'postgres' && !pgUp)(`receipts and entry records (${kind})`, () => {
		let server: Awaited<ReturnType<typeof startReceiptServer>>;
		beforeAll(async () => {
			server = await startReceiptServer(kind);
		});
		afterAll(async () => server?.close());

		it('issues one signed receipt for an accepted registration, which replicates back to the traveller', async () => {
			const { files, registration } = sentRegistration();
			const local = localDb();
			await local.bulkDocs([...files, registration]);
			await PouchDB.replicate(local, server.me('traveller-1'));
			const receiptId = registration._id.replace('registration:', 'receipt:');
			const pulled = await waitFor(async () => {
				await PouchDB.replicate(server.me('traveller-1'), local);
				return (await local.get(receiptId).catch(() => null)) as Doc | null;
			});
			expect(pulled).toMatchObject({ type: 'receipt', registrationId: registration._id });
			expect(pulled.folio).toMatch(FOLIO_PATTERN);
			const result = await verifyToken(pulled.token as string, await publishedKeys(server.url), now());
			expect(result).toMatchObject({
				ok: true,
				claims: {
					kind: 'receipt',
					folio: pulled.folio,
					registrationId: registration._id,
					documentNumber: 'AB1234567',
					nationality: 'ESP',
					surnames: 'PÉREZ GARCÍA',
					givenNames: 'LUCÍA',
					birthDate: '1990-01-01',
					arrivalDate: '2026-12-20',
					portOfEntry: 'AIR-MEX',
					flight: 'AM AM402'
				}
			});
			// Only what an officer needs: no contacts, no address, no answers in the signed payload.
			const payload = new TextDecoder().decode(
				decodeSign1(unzlibSync(decodeBase45((pulled.token as string).slice(4)))).payload
			);
			for (const secret of ['+34612345678', 'Donceles', 'Ingeniera', 'cash'])
				expect(payload).not.toContain(secret);
		});

		it('keeps exactly one receipt when the registration is re-sent and when a late issuer tries again', async () => {
			const { files, registration } = sentRegistration();
			const me = server.me('traveller-2');
			await me.bulkDocs([...files, registration]);
			const receiptId = registration._id.replace('registration:', 'receipt:');
			const first = await waitFor(() => me.get(receiptId).catch(() => null) as Promise<Doc | null>);
			// A retry after a lost response re-sends the same revision.
			const stored = await me.get(registration._id, { revs: true });
			await me.bulkDocs([stored] as never, { new_edits: false });
			// Other server processes with the same keys and store, after the fact.
			const late = new ReceiptService(server.replication.documents, server.keyring);
			expect((await late.issueReceipt('traveller-2', registration))?.folio).toBe(first.folio);
			await new Promise((resolve) => setTimeout(resolve, 200));
			const last = (await me.get(receiptId)) as Doc;
			expect(last._rev).toBe(first._rev);
			const all = await me.allDocs({ startkey: 'receipt:', endkey: 'receipt:\uffff' });
			expect(all.rows).toHaveLength(1);
		});

		it('issues a missing receipt when the traveller re-sends a registration the server already has', async () => {
			// As after a crash between the commit and the receipt: stored, but no receipt was written.
			const { files, registration } = sentRegistration();
			for (const doc of [...files, registration])
				await server.replication.documents.writeAsServer('traveller-6', doc);
			const me = server.me('traveller-6');
			const receiptId = registration._id.replace('registration:', 'receipt:');
			expect(await me.get(receiptId).catch(() => null)).toBeNull();
			// PouchDB's retry of the lost response: the same revision again, with new_edits=false.
			const stored = await me.get(registration._id, { revs: true });
			await me.bulkDocs([stored] as never, { new_edits: false });
			const receipt = await waitFor(() => me.get(receiptId).catch(() => null) as Promise<Doc | null>);
			expect(receipt.folio).toMatch(FOLIO_PATTERN);
		});

		it('gives one receipt when five issuers race on the same registration', async () => {
			const { registration } = sentRegistration();
			// Stored as the server (no write hook), so the racers below are the only issuers.
			await server.replication.documents.writeAsServer('traveller-5', registration);
			const racers = Array.from(
				{ length: 5 },
				() => new ReceiptService(server.replication.documents, server.keyring)
			);
			const raced = await Promise.all(racers.map((r) => r.issueReceipt('traveller-5', registration)));
			const folios = new Set(raced.map((r) => r?.folio));
			expect(folios.size).toBe(1);
			const stored = (await server
				.me('traveller-5')
				.get(registration._id.replace('registration:', 'receipt:'))) as Doc;
			expect(folios.has(stored.folio as string)).toBe(true);
			const revs = (await server
				.me('traveller-5')
				.get(stored._id as string, { revs_info: true, conflicts: true })) as Doc;
			expect(revs._conflicts ?? []).toEqual([]);
			expect(String(stored._rev)).toMatch(/^1-/);
		});

		it('issues a refused registration no receipt', async () => {
			const { registration } = sentRegistration(); // its files were never sent: the rules refuse it
			const me = server.me('traveller-3');
			const [result] = await me.bulkDocs([registration]);
			expect(result).toMatchObject({ error: 'forbidden' });
			await new Promise((resolve) => setTimeout(resolve, 200));
			const receipts = await me.allDocs({ startkey: 'receipt:', endkey: 'receipt:\uffff' });
			expect(receipts.rows).toHaveLength(0);
		});

		it('signs and writes an entry record once; the token carries the authorization', async () => {
			const { files, registration } = sentRegistration();
			const me = server.me('traveller-4');
			await me.bulkDocs([...files, registration]);
			const uuid = registration._id.slice('registration:'.length);
			const receipt = await waitFor(() => me.get(`receipt:${uuid}`).catch(() => null) as Promise<Doc | null>);
			const service = new ReceiptService(server.replication.documents, server.keyring);
			const record = {
				_id: `entry:${uuid}`,
				type: 'entry',
				createdAt: new Date().toISOString(),
				registrationId: registration._id,
				folio: receipt.folio,
				decision: 'authorized',
				entryAt: '2026-12-20T15:30:00.000Z',
				officerId: 'officer-7',
				fmmNumber: 'FMM2026000000042',
				portOfEntry: 'AIR-MEX',
				daysAuthorized: 90,
				conditionOfStay: 'visitor_without_permission_to_work'
			};
			const written = await service.issueEntryRecord('traveller-4', record);
			const again = await service.issueEntryRecord('traveller-4', { ...record, daysAuthorized: 10 });
			expect(again._rev).toBe(written._rev);
			const entry = (await me.get(`entry:${uuid}`)) as Doc;
			const result = await verifyToken(entry.token as string, await publishedKeys(server.url), now());
			expect(result).toMatchObject({
				ok: true,
				claims: {
					kind: 'entry',
					folio: receipt.folio,
					daysAuthorized: 90,
					entryDate: '2026-12-20',
					fmmNumber: 'FMM2026000000042'
				}
			});
		});
	});
}
