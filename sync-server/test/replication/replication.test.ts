import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDb, PouchDB } from './pouch.js';
import { postgresReachable, startServer, type StorageKind, type TestServer } from './harness.js';

const pgUp = await postgresReachable();
const kinds: StorageKind[] = ['sqlite', 'postgres'];

function replicate(from: unknown, to: unknown, options: Record<string, unknown> = {}) {
	return PouchDB.replicate(from, to, options) as Promise<{
		ok: boolean;
		docs_written: number;
		doc_write_failures: number;
		errors: unknown[];
	}>;
}

for (const kind of kinds) {
	describe.skipIf(kind === 'postgres' && !pgUp)(`replication with unmodified PouchDB 9 (${kind})`, () => {
		let server: TestServer;
		beforeAll(async () => {
			server = await startServer(kind);
		});
		afterAll(async () => {
			await server?.close();
		});

		it('pushes and pulls documents one-shot', async () => {
			const user = 'u-push-pull';
			const local = localDb();
			await local.bulkDocs(
				Array.from({ length: 250 }, (_, i) => ({ _id: `doc-${String(i).padStart(4, '0')}`, n: i }))
			);
			const push = await replicate(local, server.me(user));
			expect(push.ok).toBe(true);
			expect(push.docs_written).toBe(250);

			const other = localDb();
			const pull = await replicate(server.me(user), other);
			expect(pull.docs_written).toBe(250);
			const doc = await other.get('doc-0042');
			expect(doc.n).toBe(42);
			const info = await server.me(user).info();
			expect(info.doc_count).toBe(250);
			expect(info.update_seq).toBe(250);
		});

		it('replicates attachments both ways, storing each body once', async () => {
			const user = 'u-attachments';
			const local = localDb();
			const bytes = Buffer.alloc(200 * 1024, 7);
			await local.put({
				_id: 'photo',
				_attachments: { 'p.jpg': { content_type: 'image/jpeg', data: bytes.toString('base64') } }
			});
			await local.put({
				_id: 'photo-copy',
				_attachments: { 'p.jpg': { content_type: 'image/jpeg', data: bytes.toString('base64') } }
			});
			await replicate(local, server.me(user));
			const other = localDb();
			await replicate(server.me(user), other);
			const att = await other.getAttachment('photo', 'p.jpg');
			expect(Buffer.compare(att, bytes)).toBe(0);
			// Update on the client, push again: the stub path.
			const doc = await other.get('photo');
			doc.caption = 'hello';
			await other.put(doc);
			await replicate(other, server.me(user));
			const remote = await server.me(user).get('photo', { attachments: true });
			expect(remote.caption).toBe('hello');
			expect(Buffer.from(remote._attachments['p.jpg'].data, 'base64').length).toBe(bytes.length);
		});

		it('keeps conflicts and deletions as CouchDB does', async () => {
			const user = 'u-conflicts';
			const a = localDb();
			const b = localDb();
			await a.put({ _id: 'x', v: 0 });
			await replicate(a, server.me(user));
			await replicate(server.me(user), b);
			const ax = await a.get('x');
			await a.put({ ...ax, v: 'a' });
			const bx = await b.get('x');
			await b.put({ ...bx, v: 'b' });
			await replicate(a, server.me(user));
			await replicate(b, server.me(user));
			const remote = await server.me(user).get('x', { conflicts: true });
			expect(remote._conflicts).toHaveLength(1);
			await replicate(server.me(user), a);
			const local = await a.get('x', { conflicts: true });
			expect(local._rev).toBe(remote._rev);
			expect(local._conflicts).toEqual(remote._conflicts);

			// Delete on the client; the deletion replicates and the doc disappears from _all_docs.
			await a.put({ _id: 'gone', v: 1 });
			await replicate(a, server.me(user));
			await a.remove(await a.get('gone'));
			await replicate(a, server.me(user));
			await expect(server.me(user).get('gone')).rejects.toMatchObject({ status: 404 });
			const c = localDb();
			await replicate(server.me(user), c);
			await expect(c.get('gone')).rejects.toMatchObject({ status: 404 });
		});

		it('live-syncs both ways', async () => {
			const user = 'u-live';
			const a = localDb();
			const b = localDb();
			const syncA = a.sync(server.me(user), { live: true, retry: true });
			const syncB = b.sync(server.me(user), { live: true, retry: true });
			try {
				await a.put({ _id: 'from-a', v: 1 });
				await waitFor(async () => (await b.get('from-a').catch(() => null)) !== null);
				await b.put({ _id: 'from-b', v: 2 });
				await waitFor(async () => (await a.get('from-b').catch(() => null)) !== null);
			} finally {
				syncA.cancel();
				syncB.cancel();
			}
		});

		it('resumes an interrupted replication from its checkpoint', async () => {
			const user = 'u-resume';
			const local = localDb();
			await local.bulkDocs(Array.from({ length: 300 }, (_, i) => ({ _id: `r-${i}`, i })));
			const remote = server.me(user);
			// Stop after the first batch by cancelling on the first change event.
			await new Promise<void>((resolve) => {
				const rep = PouchDB.replicate(local, remote, { batch_size: 50 });
				rep.on('change', () => rep.cancel());
				rep.on('complete', () => resolve());
				rep.on('error', () => resolve());
			});
			const partial = await remote.info();
			expect(partial.doc_count).toBeGreaterThan(0);
			expect(partial.doc_count).toBeLessThan(300);
			const rest = await replicate(local, remote, { batch_size: 50 });
			expect(rest.docs_written).toBe(300 - partial.doc_count);
			expect((await remote.info()).doc_count).toBe(300);
		});
	});
}

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		if (await check()) return;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error('timed out waiting');
}
