import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDb, PouchDB } from '../replication/pouch.js';
import { postgresReachable, startServer, type StorageKind, type TestServer } from '../replication/harness.js';
import { fileRecord, pdf, registration } from './records.js';

const pgUp = await postgresReachable();
for (const kind of ['sqlite', 'postgres'] as StorageKind[]) {
	describe.skipIf(kind === 'postgres' && !pgUp)(`sent registrations are checked again (${kind})`, () => {
		let server: TestServer;
		beforeAll(async () => {
			server = await startServer(kind);
		});
		afterAll(async () => server?.close());

		it('serves the current question set to anyone, uncached', async () => {
			const response = await fetch(`${server.url}/api/question-sets/current`);
			expect(response.status).toBe(200);
			expect(response.headers.get('cache-control')).toMatch(/no-(store|cache)/);
			const set = (await response.json()) as { id: string; version: number; questions: { id: string }[] };
			expect(set.id).toBe('inm-control-migratorio');
			expect(set.version).toBeGreaterThanOrEqual(1);
			expect(set.questions.map((q) => q.id)).toContain('refused-entry');
		});

		it('accepts a valid registration whose files came in an earlier batch, refuses one without files', async () => {
			const me = server.me('traveller-a');
			await me.bulkDocs([
				fileRecord('attachment:t1', 'exit-ticket', pdf()),
				fileRecord('attachment:l1', 'lodging', pdf())
			]);
			const [ok, missing] = await me.bulkDocs([
				registration('registration:ok', { exitTicket: 'attachment:t1', lodging: 'attachment:l1' }),
				registration('registration:nolodging', { exitTicket: 'attachment:t1' })
			]);
			expect(ok).toMatchObject({ ok: true });
			expect(missing).toMatchObject({
				error: 'forbidden',
				reason: 'registration:missing_attachment:lodging'
			});
		});

		it('refuses bad files by content and a registration pointing to a file of the wrong purpose', async () => {
			const me = server.me('traveller-b');
			const [text, script, wrong] = await me.bulkDocs([
				fileRecord('attachment:txt', 'exit-ticket', Buffer.from('renamed text file')),
				fileRecord('attachment:js', 'lodging', pdf('<< /S /JavaScript /JS (app.alert(1)) >>')),
				fileRecord('attachment:ok', 'itinerary', pdf())
			]);
			expect(text).toMatchObject({ error: 'forbidden', reason: 'attachment:type' });
			expect(script).toMatchObject({ error: 'forbidden', reason: 'attachment:pdf_javascript' });
			expect(wrong).toMatchObject({ ok: true });
			const [result] = await me.bulkDocs([
				registration('registration:wrong', { exitTicket: 'attachment:ok', lodging: 'attachment:ok' })
			]);
			expect(result).toMatchObject({
				error: 'forbidden',
				reason: 'registration:attachment_purpose:exitTicket'
			});
		});

		it('refuses a registration that breaks the rules (stay over 180 days, local phone)', async () => {
			const me = server.me('traveller-c');
			const files = [
				fileRecord('attachment:t', 'exit-ticket', pdf()),
				fileRecord('attachment:l', 'lodging', pdf())
			];
			const long = registration('registration:long', { exitTicket: 'attachment:t', lodging: 'attachment:l' });
			long.trip.departureDate = '2027-07-01';
			const phone = registration('registration:phone', {
				exitTicket: 'attachment:t',
				lodging: 'attachment:l'
			});
			phone.additional.contactMexico.phone = '5555185232';
			const results = await me.bulkDocs([...files, long, phone]);
			expect(results[2]).toMatchObject({ error: 'forbidden', reason: 'registration:invalid:trip.stay' });
			expect(results[3]).toMatchObject({
				error: 'forbidden',
				reason: 'registration:invalid:additional.contactMexico.phone'
			});
		});

		it('replicates idempotently, and a sent registration cannot be changed', async () => {
			const local = localDb();
			await local.bulkDocs([
				fileRecord('attachment:t', 'exit-ticket', pdf()),
				fileRecord('attachment:l', 'lodging', pdf())
			]);
			await local.put(
				registration('registration:r', { exitTicket: 'attachment:t', lodging: 'attachment:l' })
			);
			const remote = server.me('traveller-d');
			const first = await PouchDB.replicate(local, remote);
			expect(first.docs_written).toBe(3);
			// A retry after a lost response re-sends the same revisions: accepted, nothing new stored.
			const again = await remote.bulkDocs([await local.get('registration:r', { revs: true })] as never, {
				new_edits: false
			});
			expect(again).toEqual([]);
			const stored = await remote.get<{ trip: { arrivalDate: string } }>('registration:r');
			const [edit] = await remote.bulkDocs([
				{ ...stored, trip: { ...stored.trip, arrivalDate: '2026-12-21' } }
			]);
			expect(edit).toMatchObject({ error: 'forbidden', reason: 'registration:immutable' });
			const all = await remote.allDocs({ startkey: 'registration:', endkey: 'registration:\uffff' });
			expect(all.rows.map((row: { id: string }) => row.id)).toEqual(['registration:r']);
		});
	});
}
