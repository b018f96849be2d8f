import { describe, expect, it } from 'vitest';
import { postgresReachable, startServer, type StorageKind } from '../replication/harness.js';

const pgUp = await postgresReachable();
const photo = (fill: number) => Buffer.alloc(4096, fill).toString('base64');

for (const kind of ['sqlite', 'postgres'] as StorageKind[]) {
	describe.skipIf(kind === 'postgres' && !pgUp)(`erasing a traveller's records (${kind})`, () => {
		it('removes their documents and the files only they used, and leaves other travellers alone', async () => {
			const server = await startServer(kind);
			try {
				const ana = server.me('ana');
				const ben = server.me('ben');
				await ana.put({
					_id: 'document-image:1',
					type: 'note',
					_attachments: { file: { content_type: 'image/jpeg', data: photo(1) } }
				});
				await ana.put({
					_id: 'document-image:2',
					type: 'note',
					_attachments: { file: { content_type: 'image/jpeg', data: photo(2) } }
				});
				// Ben happens to hold the same bytes as one of Ana's files: that body is shared and must stay.
				await ben.put({
					_id: 'document-image:9',
					type: 'note',
					_attachments: { file: { content_type: 'image/jpeg', data: photo(2) } }
				});
				const digests = async () =>
					new Set(
						(await Promise.all(['1', '2'].map((n) => ana.get(`document-image:${n}`)))).map(
							(doc) => (doc._attachments as Record<string, { digest: string }>).file!.digest
						)
					);
				const [onlyAnas, shared] = [...(await digests())];
				expect(await server.storage.documents.getAttachment(onlyAnas!)).not.toBeNull();

				expect(await server.storage.documents.deleteUserDatabase('ana')).toBe(true);

				// Ana's virtual database is empty again; Ben's record and the shared body are intact.
				const after = await (
					await fetch(`${server.url}/db/me/_all_docs`, { headers: server.traveller('ana') })
				).json();
				expect(after.rows).toEqual([]);
				expect(await server.storage.documents.getAttachment(onlyAnas!)).toBeNull();
				expect(await server.storage.documents.getAttachment(shared!)).not.toBeNull();
				const bens = await ben.getAttachment('document-image:9', 'file');
				expect(bens).toBeTruthy();
				expect(await server.storage.documents.deleteUserDatabase('nobody')).toBe(false);
			} finally {
				await server.close();
			}
		});
	});
}
