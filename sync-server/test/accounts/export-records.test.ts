import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresReachable, type StorageKind } from '../replication/harness.js';
import { fileRecord, pdf, registration } from '../registrations/records.js';
import { type AccountsHarness, startAccountsHarness, type Traveller } from './harness.js';

const pgUp = await postgresReachable();
/** A passport photo's bytes: a JPEG header and a body unique to its owner. */
const photo = (owner: string) =>
	Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`photo of ${owner} `.repeat(200))]);

async function registerEverything(
	h: AccountsHarness,
	traveller: Traveller,
	surnames: string,
	number: string
) {
	const docs = [
		{
			_id: `document-image:${number}`,
			type: 'document-image',
			createdAt: '2026-11-25T09:00:00.000Z',
			purpose: 'passport',
			contentType: 'image/jpeg',
			byteLength: photo(surnames).length,
			_attachments: { file: { content_type: 'image/jpeg', data: photo(surnames).toString('base64') } }
		},
		{
			_id: `identity-document:${number}`,
			type: 'identity-document',
			surnames,
			givenNames: 'LUCIA',
			documentNumber: number,
			imageId: `document-image:${number}`
		},
		fileRecord(`attachment:t${number}`, 'exit-ticket', pdf(`ticket of ${surnames}`)),
		fileRecord(`attachment:l${number}`, 'lodging', pdf(`hotel of ${surnames}`)),
		{
			...registration(`registration:${number}`, {
				exitTicket: `attachment:t${number}`,
				lodging: `attachment:l${number}`
			}),
			traveller: { ...registration('x', {}).traveller, surnames, documentNumber: number }
		}
	];
	const response = await h.call('POST', '/db/me/_bulk_docs', { cookie: traveller.cookie, body: { docs } });
	const results = (await response.json()) as { ok?: boolean }[];
	expect(results.every((result) => result.ok === true)).toBe(true);
}

for (const kind of ['sqlite', 'postgres'] as StorageKind[]) {
	describe.skipIf(kind === 'postgres' && !pgUp)(`"download my data" (${kind})`, () => {
		let h: AccountsHarness;
		beforeAll(async () => {
			h = await startAccountsHarness(kind);
		});
		afterAll(async () => h?.close());

		it("holds the traveller's account, every replicated record and each file as itself, and nobody else's", async () => {
			const ana = await h.traveller({ surnames: 'Anaya' });
			const ben = await h.traveller({ surnames: 'Benitez' });
			await registerEverything(h, ana, 'ANAYA', 'AN1111111');
			await registerEverything(h, ben, 'BENITEZ', 'BE2222222');

			const response = await h.call('GET', '/api/accounts/export', { cookie: ana.cookie });
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('application/zip');
			expect(response.headers.get('content-disposition')).toMatch(
				/attachment; filename="arribo-my-data\.zip"/
			);
			const zip = unzipSync(new Uint8Array(await response.arrayBuffer()));
			const data = JSON.parse(strFromU8(zip['arribo-my-data.json']!)) as {
				account: { email: string };
				records: { _id: string; type: string; _attachments?: Record<string, { file: string }> }[];
			};
			expect(data.account.email).toBe(ana.email);
			expect(data.records.map((record) => record._id).sort()).toEqual(
				[
					'attachment:lAN1111111',
					'attachment:tAN1111111',
					'document-image:AN1111111',
					'identity-document:AN1111111',
					'registration:AN1111111'
				].sort()
			);
			const image = data.records.find((record) => record.type === 'document-image')!;
			const imagePath = image._attachments!.file!.file;
			expect(imagePath).toMatch(/^files\/.+\.jpg$/);
			expect(Buffer.from(zip[imagePath]!)).toEqual(photo('ANAYA'));
			const ticket = data.records.find((record) => record._id === 'attachment:tAN1111111')!;
			expect(Buffer.from(zip[ticket._attachments!.file!.file]!)).toEqual(pdf('ticket of ANAYA'));
			expect(Object.keys(zip).filter((name) => name.startsWith('files/'))).toHaveLength(3);

			// Nothing of Ben: not his records, not his files' bytes.
			const everything = Object.values(zip)
				.map((bytes) => Buffer.from(bytes).toString('latin1'))
				.join('\n');
			expect(everything).not.toMatch(/BENITEZ|BE2222222|Benitez/);
			expect(everything).not.toContain(ben.email);
			expect(JSON.stringify(data)).not.toMatch(/scrypt|hash/i);
		});
	});
}
