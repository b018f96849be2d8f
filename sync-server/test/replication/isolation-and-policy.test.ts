import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDb, PouchDB, remoteDb } from './pouch.js';
import { postgresReachable, startServer, type StorageKind, type TestServer } from './harness.js';

const pgUp = await postgresReachable();
const kinds: StorageKind[] = ['sqlite', 'postgres'];

for (const kind of kinds) {
	describe.skipIf(kind === 'postgres' && !pgUp)(`access, isolation and bad input (${kind})`, () => {
		let server: TestServer;
		const call = async (
			method: string,
			path: string,
			headers: Record<string, string>,
			body?: unknown,
			raw?: string | Buffer
		) => {
			const response = await fetch(server.url + path, {
				method,
				headers: {
					...headers,
					...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {})
				},
				body:
					typeof raw === 'string'
						? raw
						: raw
							? new Uint8Array(raw)
							: body !== undefined
								? JSON.stringify(body)
								: undefined
			});
			const text = await response.text();
			let json: unknown;
			try {
				json = JSON.parse(text);
			} catch {
				json = text;
			}
			// eslint-disable-next-line @typescript-eslint/no-explicit-any
			return { status: response.status, json: json as any };
		};
		const alice = () => server.traveller('alice-id');
		const bob = () => server.traveller('bob-id');

		beforeAll(async () => {
			server = await startServer(kind);
			// Alice has a document with an attachment, a conflict-free history and a checkpoint.
			const local = localDb();
			await local.put({
				_id: 'alice-secret',
				v: 'alice',
				_attachments: {
					'a.txt': { content_type: 'text/plain', data: Buffer.from('alice bytes').toString('base64') }
				}
			});
			await PouchDB.replicate(local, server.me('alice-id'));
			await call('PUT', '/db/me/_local/alice-checkpoint', alice(), { last_seq: 7 });
		});
		afterAll(async () => {
			await server?.close();
		});

		it('answers the CouchDB root with a stable uuid', async () => {
			const first = await call('GET', '/db/', {});
			const second = await call('GET', '/db/', {});
			expect(first.json).toMatchObject({ couchdb: 'Welcome' });
			expect(typeof first.json.uuid).toBe('string');
			expect(second.json.uuid).toBe(first.json.uuid);
		});

		it('refuses requests without a principal with 401 on every endpoint', async () => {
			for (const [method, path, body] of [
				['GET', '/db/me/', undefined],
				['GET', '/db/me/_changes', undefined],
				['POST', '/db/me/_bulk_docs', { docs: [] }],
				['GET', '/db/me/alice-secret', undefined],
				['GET', '/db/me/_local/alice-checkpoint', undefined]
			] as const) {
				const response = await call(method, path, {}, body);
				expect(response.status, path).toBe(401);
				expect(response.json.error).toBe('unauthorized');
			}
		});

		it('gives every traveller a database of their own: nothing of alice is visible to bob', async () => {
			const bobDb = `/db/me`;
			const info = await call('GET', `${bobDb}/`, bob());
			expect(info.json.doc_count).toBe(0);
			expect((await call('GET', `${bobDb}/_changes?since=0`, bob())).json.results).toEqual([]);
			expect(
				(await call('POST', `${bobDb}/_changes`, bob(), { doc_ids: ['alice-secret'] })).json.results
			).toEqual([]);
			expect((await call('GET', `${bobDb}/alice-secret`, bob())).status).toBe(404);
			expect((await call('GET', `${bobDb}/alice-secret?open_revs=all`, bob())).json).toEqual([]);
			expect((await call('GET', `${bobDb}/alice-secret/a.txt`, bob())).status).toBe(404);
			expect((await call('GET', `${bobDb}/_local/alice-checkpoint`, bob())).status).toBe(404);
			const allDocs = await call('POST', `${bobDb}/_all_docs`, bob(), {
				keys: ['alice-secret'],
				include_docs: true
			});
			expect(allDocs.json.rows).toEqual([{ key: 'alice-secret', error: 'not_found' }]);
			expect((await call('GET', `${bobDb}/_all_docs`, bob())).json.rows).toEqual([]);

			const aliceDoc = (await call('GET', '/db/me/alice-secret', alice())).json;
			const rev = aliceDoc._rev as string;
			const bulkGet = await call('POST', `${bobDb}/_bulk_get?revs=true`, bob(), {
				docs: [{ id: 'alice-secret', rev }]
			});
			expect(JSON.stringify(bulkGet.json)).not.toContain('"v"');
			expect(bulkGet.json.results[0].docs[0].error.error).toBe('not_found');
			// revs_diff: bob's database does not have alice's revision, so it is "missing" for him.
			const diff = await call('POST', `${bobDb}/_revs_diff`, bob(), { 'alice-secret': [rev] });
			expect(diff.json).toEqual({ 'alice-secret': { missing: [rev] } });
			// An attachment stub cannot link to bytes bob never had, even knowing the digest.
			const digest = (aliceDoc._attachments as Record<string, { digest: string }>)['a.txt']!.digest;
			const stub = await call('POST', `${bobDb}/_bulk_docs`, bob(), {
				docs: [
					{
						_id: 'steal',
						_attachments: { 'a.txt': { stub: true, digest, content_type: 'text/plain', length: 11 } }
					}
				]
			});
			expect(stub.json[0].error).toBe('missing_stub');

			// Bob writing the same id creates his own document; alice's stays untouched.
			const write = await call('PUT', `${bobDb}/alice-secret`, bob(), { v: 'bob' });
			expect(write.status).toBe(201);
			expect((await call('GET', '/db/me/alice-secret', alice())).json.v).toBe('alice');
			const over = await call('POST', `${bobDb}/_bulk_docs`, bob(), {
				new_edits: false,
				docs: [{ _id: 'alice-secret', _rev: rev, v: 'overwrite' }]
			});
			expect(over.status).toBe(201);
			expect((await call('GET', '/db/me/alice-secret', alice())).json.v).toBe('alice');
			expect((await call('GET', '/db/me/_local/alice-checkpoint', alice())).json.last_seq).toBe(7);
		});

		it('keeps a checkpoint only for the writer who knows its current revision', async () => {
			const carol = () => server.traveller('carol-id');
			const path = '/db/me/_local/carol-checkpoint';
			const created = await call('PUT', path, carol(), { last_seq: 1 });
			expect(created.status).toBe(201);
			expect(created.json.rev).toBe('0-1');
			// Creating it again, or writing with a revision that is not the current one, is a conflict.
			expect((await call('PUT', path, carol(), { last_seq: 2 })).status).toBe(409);
			expect((await call('PUT', path, carol(), { _rev: '0-7', last_seq: 2 })).status).toBe(409);
			expect((await call('PUT', path, carol(), { _rev: 'nonsense', last_seq: 2 })).status).toBe(409);
			const updated = await call('PUT', path, carol(), { _rev: '0-1', last_seq: 2 });
			expect(updated.json.rev).toBe('0-2');
			// The revision it replaced no longer wins.
			expect((await call('PUT', path, carol(), { _rev: '0-1', last_seq: 3 })).status).toBe(409);
			expect((await call('GET', path, carol())).json).toMatchObject({ _rev: '0-2', last_seq: 2 });
			expect((await call('DELETE', `${path}?rev=0-2`, carol())).status).toBe(200);
			expect((await call('GET', path, carol())).status).toBe(404);
			expect((await call('PUT', path, carol(), { last_seq: 4 })).json.rev).toBe('0-1');
		});

		it('lets exactly one of several simultaneous creators of a document win; the others get 409', async () => {
			const erin = () => server.traveller('erin-id');
			for (let round = 0; round < 5; round++) {
				const path = `/db/me/race-${round}`;
				const answers = await Promise.all(
					Array.from({ length: 6 }, (_, writer) => call('PUT', path, erin(), { writer }))
				);
				const statuses = answers.map((answer) => answer.status).sort();
				expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
				const winner = answers.find((answer) => answer.status === 201)!.json;
				const stored = await call('GET', `${path}?conflicts=true`, erin());
				expect(stored.json._rev).toBe(winner.rev);
				expect(stored.json._conflicts).toBeUndefined();
			}
		});

		it('hides other database names from travellers and keeps _all_dbs for admins', async () => {
			expect((await call('GET', '/db/other/', alice())).status).toBe(404);
			expect((await call('PUT', '/db/newdb', alice())).status).toBe(403);
			expect((await call('GET', '/db/_all_dbs', alice())).status).toBe(403);
			expect((await call('GET', '/db/_all_dbs', {})).status).toBe(401);
		});

		it('refuses server-only record types per document, and replication carries on', async () => {
			const result = await call('POST', '/db/me/_bulk_docs', alice(), {
				docs: [
					{ _id: 'ok-1', type: 'note' },
					{ _id: 'fake-receipt', type: 'receipt', signature: 'forged' },
					{ _id: 'fake-entry', type: 'entry' }
				]
			});
			expect(result.status).toBe(201);
			expect(result.json[0]).toMatchObject({ ok: true, id: 'ok-1' });
			expect(result.json[1]).toMatchObject({ id: 'fake-receipt', error: 'forbidden' });
			expect(result.json[2]).toMatchObject({ id: 'fake-entry', error: 'forbidden' });

			// PouchDB pushes past forbidden documents and reports them as write failures.
			const local = localDb();
			await local.bulkDocs([
				{ _id: 'push-ok', type: 'note' },
				{ _id: 'push-receipt', type: 'receipt' }
			]);
			const push = await PouchDB.replicate(local, server.me('carol-id'));
			expect(push.docs_written).toBe(1);
			expect(push.doc_write_failures).toBe(1);
		});

		it('lets the server write receipts that travellers can pull but not change', async () => {
			const services = (await import('../../src/replication/replication-service.js')).replicationServices(
				server.storage
			);
			const { rev } = await services.documents.writeAsServer('dave-id', {
				_id: 'receipt-1',
				type: 'receipt',
				sig: 'ok'
			});
			expect(rev).toMatch(/^1-/);
			const local = localDb();
			await PouchDB.replicate(server.me('dave-id'), local);
			const receipt = await local.get('receipt-1');
			expect(receipt.sig).toBe('ok');
			const edit = await call('PUT', '/db/me/receipt-1', server.traveller('dave-id'), {
				_rev: rev,
				type: 'note'
			});
			expect(edit.status).toBe(403);
			const del = await call('DELETE', `/db/me/receipt-1?rev=${rev}`, server.traveller('dave-id'));
			expect(del.status).toBe(403);
			expect((await services.documents.listByOwner('dave-id')).map((d) => d._id)).toEqual(['receipt-1']);
			const aliceIds = (await services.documents.listByOwner('alice-id')).map((d) => d._id);
			expect(aliceIds).toContain('alice-secret');
			expect(aliceIds).not.toContain('receipt-1');
		});

		it('answers malformed requests with 4xx in CouchDB shape and keeps running', async () => {
			const cases = [
				await call('POST', '/db/me/_bulk_docs', alice(), undefined, '{"docs": [ {'),
				await call('POST', '/db/me/_bulk_docs', alice(), { docs: 'nope' }),
				await call('POST', '/db/me/_bulk_docs', alice(), { docs: [], new_edits: 'yes' }),
				await call('POST', '/db/me/_revs_diff', alice(), { x: ['not-a-rev'] }),
				await call('GET', '/db/me/x?rev=garbage', alice()),
				await call('GET', '/db/me/_changes?since=abc', alice()),
				await call('GET', '/db/me/_changes?limit=-1', alice()),
				await call('GET', '/db/me/_all_docs?startkey=%7Bbad', alice()),
				await call('POST', '/db/me/_bulk_get', alice(), { docs: 5 }),
				await call('POST', '/db/me/_bulk_docs', alice(), {
					docs: Array.from({ length: 1001 }, (_, i) => ({ _id: `d${i}` }))
				}),
				await call('PUT', '/db/me/deep', alice(), undefined, '{"a":'.repeat(100) + '1' + '}'.repeat(100)),
				await call('PUT', `/db/me/${'x'.repeat(300)}`, alice(), { v: 1 }),
				await call('GET', '/db/me/_nonsense_endpoint', alice()),
				await call('PUT', '/db/me/big-upload/f.bin', alice(), undefined, Buffer.alloc(4 * 1024 * 1024))
			];
			for (const response of cases) {
				expect(response.status, JSON.stringify(response.json)).toBeGreaterThanOrEqual(400);
				expect(response.status).toBeLessThan(500);
				if (!Array.isArray(response.json)) expect(typeof response.json.error).toBe('string');
			}
			// Per-document errors in a batch still come back as 201 with one answer per input.
			const mixed = await call('POST', '/db/me/_bulk_docs', alice(), {
				docs: [{ _id: 'fine' }, { _id: 'bad-rev', _rev: 'zzz' }, 'not an object', { _id: '_bad' }]
			});
			expect(mixed.status).toBe(201);
			expect(mixed.json).toHaveLength(4);
			expect(mixed.json[3]).toMatchObject({ id: '_bad', error: 'bad_request' });
			expect(mixed.json[0]).toMatchObject({ ok: true });
			expect(mixed.json[1]).toMatchObject({ error: 'bad_request' });
			expect(mixed.json[2]).toMatchObject({ error: 'bad_request' });
			const big = await call('POST', '/db/me/_bulk_docs', alice(), {
				docs: [
					{
						_id: 'big',
						_attachments: { f: { content_type: 'x', data: Buffer.alloc(4 * 1024 * 1024).toString('base64') } }
					}
				]
			});
			expect(big.json[0]).toMatchObject({ id: 'big', error: 'attachment_too_large' });
			expect((await call('GET', '/db/me/big', alice())).status).toBe(404);
			expect((await call('GET', '/db/me/', alice())).status).toBe(200);
		});

		it('puts, reads and deletes attachments over HTTP, only in the owner database', async () => {
			const put = await fetch(`${server.url}/db/me/scan/page%201.png`, {
				method: 'PUT',
				headers: { ...alice(), 'content-type': 'image/png' },
				body: new Uint8Array(Buffer.from('png bytes'))
			});
			expect(put.status).toBe(201);
			const { rev } = (await put.json()) as { rev: string };
			const get = await fetch(`${server.url}/db/me/scan/page%201.png`, { headers: alice() });
			expect(get.headers.get('content-type')).toBe('image/png');
			expect(Buffer.from(await get.arrayBuffer()).toString()).toBe('png bytes');
			expect((await call('GET', '/db/me/scan/page%201.png', bob())).status).toBe(404);
			expect([404, 409]).toContain(
				(await call('DELETE', `/db/me/scan/page%201.png?rev=${rev}`, bob())).status
			);
			const del = await call('DELETE', `/db/me/scan/page%201.png?rev=${rev}`, alice());
			expect(del.status).toBe(200);
			expect((await call('GET', '/db/me/scan/page%201.png', alice())).status).toBe(404);
			expect((await call('GET', '/db/me/scan', alice())).json._attachments).toEqual({});
			// Content a browser could run is served as plain bytes, never as a page of this origin.
			await fetch(`${server.url}/db/me/page/x.html`, {
				method: 'PUT',
				headers: { ...alice(), 'content-type': 'text/html' },
				body: '<script>alert(1)</script>'
			});
			const html = await fetch(`${server.url}/db/me/page/x.html`, { headers: alice() });
			expect(html.headers.get('content-type')).toBe('application/octet-stream');
			expect(html.headers.get('content-disposition')).toBe('attachment');
		});

		it('gives the server admin named databases through the same protocol', async () => {
			expect((await call('PUT', '/db/ops-data', server.admin)).status).toBe(201);
			expect((await call('PUT', '/db/ops-data', server.admin)).status).toBe(412);
			expect((await call('PUT', '/db/Bad%20Name', server.admin)).status).toBe(400);
			expect((await call('GET', '/db/_all_dbs', server.admin)).json).toEqual(['ops-data']);
			expect(
				(
					await call('GET', '/db/ops-data/', {
						authorization: 'Basic ' + Buffer.from('operator:wrong-password!!').toString('base64')
					})
				).status
			).toBe(401);
			const local = localDb();
			await local.bulkDocs([{ _id: 'a' }, { _id: 'b' }]);
			const admin = remoteDb(`${server.url}/db/ops-data`, server.admin);
			await PouchDB.replicate(local, admin);
			expect((await admin.info()).doc_count).toBe(2);
			// The admin's named database is not any traveller's.
			expect((await call('GET', '/db/me/a', alice())).status).toBe(404);
			expect((await call('DELETE', '/db/ops-data', server.admin)).status).toBe(200);
			expect((await call('GET', '/db/ops-data/', server.admin)).status).toBe(404);
		});
	});
}
