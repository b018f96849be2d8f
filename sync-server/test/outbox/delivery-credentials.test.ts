import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_CREDENTIAL_TTL_MS } from '../../src/domain/delivery-scope.js';
import { postgresReachable, type StorageKind } from '../replication/harness.js';
import { fileRecord, pdf, registration } from '../registrations/records.js';
import {
	asReplicated,
	type AccountsHarness,
	startAccountsHarness,
	type Traveller
} from '../accounts/harness.js';

const pgUp = await postgresReachable();

/** What a kiosk's outbox holds for one submission: files, identity document, registration. */
function submission(tag: string) {
	const document = {
		_id: `identity-document:${tag}`,
		type: 'identity-document',
		createdAt: '2026-11-25T09:00:00.000Z',
		updatedAt: '2026-11-25T09:00:00.000Z',
		holder: { relationship: 'self' },
		documentType: 'P',
		issuingState: 'ESP',
		surnames: 'PEREZ',
		givenNames: 'LUCIA',
		documentNumber: 'AB1234567',
		nationality: 'ESP',
		birthDate: '1990-01-01',
		expiryDate: '2030-01-01',
		sex: 'F',
		source: 'manual'
	};
	return [
		fileRecord(`attachment:t-${tag}`, 'exit-ticket', pdf()),
		fileRecord(`attachment:l-${tag}`, 'lodging', pdf()),
		document,
		registration(`registration:${tag}`, { exitTicket: `attachment:t-${tag}`, lodging: `attachment:l-${tag}` })
	].map(asReplicated);
}

async function credentialFor(h: AccountsHarness, traveller: Traveller): Promise<string> {
	const issued = await h.call('POST', '/api/outbox/credentials', { cookie: traveller.cookie, body: {} });
	expect(issued.status).toBe(201);
	const body = (await issued.json()) as { token: string; expiresAt: number };
	expect(body.expiresAt).toBe(h.clock.now + DELIVERY_CREDENTIAL_TTL_MS);
	return body.token;
}

async function deliver(h: AccountsHarness, bearer: string, docs: unknown[]) {
	const response = await h.call('POST', '/api/outbox/deliver', { bearer, body: { docs } });
	return {
		status: response.status,
		body: (await response.json()) as Record<string, unknown>[] & { reason?: string }
	};
}

async function idsOf(h: AccountsHarness, traveller: Traveller): Promise<string[]> {
	const all = await h.call('GET', '/db/me/_all_docs', { cookie: traveller.cookie });
	expect(all.status).toBe(200);
	return ((await all.json()) as { rows: { id: string }[] }).rows.map((row) => row.id);
}

for (const kind of ['sqlite', 'postgres'] as StorageKind[]) {
	describe.skipIf(kind === 'postgres' && !pgUp)(`kiosk delivery credentials (${kind})`, () => {
		let h: AccountsHarness;
		beforeAll(async () => {
			h = await startAccountsHarness(kind);
		});
		afterAll(async () => h?.close());

		it('delivers a submission once, idempotently, and the traveller finds it in their database', async () => {
			const ana = await h.traveller();
			const token = await credentialFor(h, ana);
			const docs = submission('a1');
			const first = await deliver(h, token, docs);
			expect(first.status).toBe(201);
			expect(first.body).toEqual(docs.map((doc) => ({ ok: true, id: doc._id, rev: doc._rev })));
			// The answer was lost, the kiosk sends again: accepted, nothing new.
			const again = await deliver(h, token, docs);
			expect(again.body.every((result) => result.ok === true)).toBe(true);
			expect(await idsOf(h, ana)).toEqual(docs.map((doc) => doc._id).sort());
			const stored = await h.call('GET', '/db/me/registration:a1', { cookie: ana.cookie });
			expect(((await stored.json()) as { _rev: string })._rev).toBe(docs[3]!._rev);
		});

		it('is stored only as a hash', async () => {
			const ana = await h.traveller();
			const token = await credentialFor(h, ana);
			expect(await h.store.findDeliveryCredential(token)).toBeNull();
			const hash = createHash('sha256').update(token).digest('hex');
			expect(await h.store.findDeliveryCredential(hash)).toMatchObject({
				accountId: ana.userId,
				revokedAt: null
			});
		});

		it('cannot read anything, on /db/ or elsewhere', async () => {
			const ana = await h.traveller();
			const token = await credentialFor(h, ana);
			await deliver(h, token, submission('r1'));
			for (const pathname of [
				'/db/me',
				'/db/me/_all_docs?include_docs=true',
				'/db/me/registration:r1',
				'/db/me/attachment:t-r1/file',
				'/db/me/_changes?include_docs=true',
				'/api/accounts/session',
				'/api/accounts/export'
			]) {
				const response = await h.call('GET', pathname, { bearer: token });
				expect(response.status, pathname).toBe(401);
			}
			// Nor write through the replication endpoint: only /api/outbox/deliver knows the credential.
			const bulk = await h.call('POST', '/db/me/_bulk_docs', {
				bearer: token,
				body: { docs: submission('r2') }
			});
			expect(bulk.status).toBe(401);
			// The delivery answer says nothing beyond what was sent.
			const answer = await deliver(h, token, submission('r1'));
			expect(JSON.stringify(answer.body)).not.toContain('PEREZ');
		});

		it('writes only the records of a submission, each once, never other records', async () => {
			const ana = await h.traveller();
			const token = await credentialFor(h, ana);
			const [ticket, lodging, document, reg] = submission('s1');
			await deliver(h, token, [ticket, lodging, document]);
			const changedDocument = { ...document!, documentNumber: 'XX0000000', _rev: `2-${'a'.repeat(32)}` };
			const { body } = await deliver(h, token, [
				asReplicated({ _id: 'note:1', type: 'note', text: 'hello' }),
				asReplicated({ _id: 'receipt:s1', type: 'receipt', folio: 'ARR-FAKE' }),
				asReplicated({ _id: 'entry:s1', type: 'entry', decision: 'authorized' }),
				asReplicated({ _id: 'registration:disguised', type: 'attachment' }),
				changedDocument,
				{ ...ticket!, _rev: `2-${'b'.repeat(32)}`, _deleted: true },
				asReplicated({ _id: '_design/x', type: 'registration' }),
				{ _id: 'attachment:norev', type: 'attachment' },
				reg
			]);
			expect(body.map((result) => result.reason ?? 'ok')).toEqual([
				'delivery:type',
				'delivery:type',
				'delivery:type',
				'delivery:id',
				'delivery:existing',
				'delivery:deleted',
				'delivery:id',
				'Each record needs its _id and _rev.',
				'ok'
			]);
			expect((await idsOf(h, ana)).sort()).toEqual(
				['attachment:l-s1', 'attachment:t-s1', 'identity-document:s1', 'registration:s1'].sort()
			);
			const stored = (await (
				await h.call('GET', '/db/me/identity-document:s1', { cookie: ana.cookie })
			).json()) as {
				documentNumber: string;
			};
			expect(stored.documentNumber).toBe('AB1234567');
		});

		it("never reaches another traveller's records", async () => {
			const ana = await h.traveller();
			const ben = await h.traveller({ surnames: 'Otro' });
			const bens = submission('ben');
			const benToken = await credentialFor(h, ben);
			await deliver(h, benToken, bens);
			const before = await idsOf(h, ben);
			// Ana's credential sending Ben's very ids writes into Ana's database only.
			const anaToken = await credentialFor(h, ana);
			const changed = bens.map((doc) => ({ ...doc, _rev: `1-${'c'.repeat(32)}` }));
			const { body } = await deliver(h, anaToken, changed);
			expect(body.every((result) => result.ok === true)).toBe(true);
			expect(await idsOf(h, ben)).toEqual(before);
			const bensRegistration = (await (
				await h.call('GET', '/db/me/registration:ben', { cookie: ben.cookie })
			).json()) as { _rev: string };
			expect(bensRegistration._rev).toBe(bens[3]!._rev);
		});

		it('expires after 24 hours and can be revoked; it dies with the account', async () => {
			const ana = await h.traveller();
			const expiring = await credentialFor(h, ana);
			const revoked = await credentialFor(h, ana);
			expect((await h.call('DELETE', '/api/outbox/credentials/current', { bearer: revoked })).status).toBe(
				204
			);
			const afterRevoke = await deliver(h, revoked, submission('x1'));
			expect(afterRevoke).toMatchObject({ status: 401, body: { reason: 'delivery:revoked' } });

			h.clock.now += DELIVERY_CREDENTIAL_TTL_MS - 1000;
			expect((await deliver(h, expiring, submission('x2'))).status).toBe(201);
			h.clock.now += 1000;
			const expired = await deliver(h, expiring, submission('x3'));
			expect(expired).toMatchObject({ status: 401, body: { reason: 'delivery:expired' } });
			expect((await deliver(h, 'made-up-credential', submission('x4'))).status).toBe(401);
			expect((await deliver(h, '', submission('x5'))).status).toBe(401);

			const fresh = await h.traveller();
			const token = await credentialFor(h, fresh);
			expect((await h.call('DELETE', '/api/accounts/me', { cookie: fresh.cookie })).status).toBe(204);
			expect((await deliver(h, token, submission('x6'))).status).toBe(401);
		});

		it('is issued to signed-in, confirmed travellers only', async () => {
			expect((await h.call('POST', '/api/outbox/credentials', { body: {} })).status).toBe(401);
			const pending = await h.traveller({ confirmed: false });
			const refused = await h.call('POST', '/api/outbox/credentials', { cookie: pending.cookie, body: {} });
			expect(refused.status).toBe(403);
			expect(await refused.json()).toMatchObject({ reason: 'registration:unconfirmed' });
		});
	});
}
