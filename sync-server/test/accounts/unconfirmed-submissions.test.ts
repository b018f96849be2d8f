import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresReachable, type StorageKind } from '../replication/harness.js';
import { fileRecord, pdf, registration } from '../registrations/records.js';
import { type AccountsHarness, startAccountsHarness } from './harness.js';

const pgUp = await postgresReachable();

for (const kind of ['sqlite', 'postgres'] as StorageKind[]) {
	describe.skipIf(kind === 'postgres' && !pgUp)(`unconfirmed accounts cannot submit (${kind})`, () => {
		let h: AccountsHarness;
		beforeAll(async () => {
			h = await startAccountsHarness(kind);
		});
		afterAll(async () => h?.close());

		it('refuses their registrations per document, keeps their documents and files, accepts once confirmed', async () => {
			const pending = await h.traveller({ confirmed: false });
			const reg = registration('registration:p1', { exitTicket: 'attachment:t', lodging: 'attachment:l' });
			const bulk = async () =>
				h.call('POST', '/db/me/_bulk_docs', {
					cookie: pending.cookie,
					body: {
						docs: [
							fileRecord('attachment:t', 'exit-ticket', pdf()),
							fileRecord('attachment:l', 'lodging', pdf()),
							{ _id: 'identity-document:1', type: 'identity-document', surnames: 'PEREZ' },
							reg
						]
					}
				});
			const first = await bulk();
			expect(first.status).toBe(201);
			const results = (await first.json()) as { ok?: boolean; error?: string; reason?: string }[];
			expect(results.slice(0, 3).every((result) => result.ok === true)).toBe(true);
			expect(results[3]).toEqual({
				id: 'registration:p1',
				error: 'forbidden',
				reason: 'registration:unconfirmed'
			});
			expect((await h.call('GET', '/db/me/registration:p1', { cookie: pending.cookie })).status).toBe(404);
			// A single-document PUT is the same write path.
			const put = await h.call('PUT', '/db/me/registration:p1', { cookie: pending.cookie, body: reg });
			expect(put.status).toBe(403);
			expect(await put.json()).toMatchObject({ error: 'forbidden', reason: 'registration:unconfirmed' });

			// The same session, once the e-mail is confirmed: the registration goes through.
			await pending.confirm();
			const sent = await h.call('POST', '/db/me/_bulk_docs', {
				cookie: pending.cookie,
				body: { docs: [reg] }
			});
			expect(await sent.json()).toEqual([expect.objectContaining({ ok: true, id: 'registration:p1' })]);
		});
	});
}
