import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { PostgresStorage } from '../../src/storage/postgres/postgres-storage.js';
import { appDir, postgresReachable, TEST_DATABASE_URL, testTravellerResolver } from './harness.js';
import { localDb, PouchDB, remoteDb } from './pouch.js';

const pgUp = await postgresReachable();

/** Two sync-server instances (as two processes would be) sharing one PostgreSQL schema. */
describe.skipIf(!pgUp)('several sync-servers on one PostgreSQL', () => {
	const schema = `t_${randomBytes(6).toString('hex')}`;
	const secret = randomUUID();
	const servers: { url: string; close: () => Promise<void> }[] = [];
	const headers = { 'x-test-traveller': `${secret}:multi-user` };

	beforeAll(async () => {
		for (let i = 0; i < 2; i++) {
			const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-multi-'));
			const config = loadConfig({
				DATA_DIR: dataDir,
				APP_DIR: appDir(),
				PORT: '0',
				HOST: '127.0.0.1',
				LOG_LEVEL: 'silent'
			});
			const storage = await PostgresStorage.open(TEST_DATABASE_URL, { schema, dropSchemaOnClose: i === 0 });
			await storage.migrate();
			const app = await buildApp({ config, storage, principalResolvers: [testTravellerResolver(secret)] });
			const url = await app.listen({ port: 0, host: '127.0.0.1' });
			servers.push({ url, close: async () => (await app.close(), await storage.close()) });
		}
	});
	afterAll(async () => {
		for (const server of servers.reverse()) await server.close();
	});

	it('migrates once, answers the same uuid, and wakes a longpoll on one server for a write on the other', async () => {
		const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
		const rootA = await (await fetch(`${a.url}/db/`)).json();
		const rootB = await (await fetch(`${b.url}/db/`)).json();
		expect(rootA.uuid).toBe(rootB.uuid);

		const started = Date.now();
		const poll = fetch(`${a.url}/db/me/_changes?feed=longpoll&since=0&timeout=20000&heartbeat=1000`, {
			headers
		}).then((response) => response.json());
		await new Promise((resolve) => setTimeout(resolve, 300));
		const write = await fetch(`${b.url}/db/me/from-b`, {
			method: 'PUT',
			headers: { ...headers, 'content-type': 'application/json' },
			body: JSON.stringify({ v: 1 })
		});
		expect(write.status).toBe(201);
		const page = await poll;
		expect(page.results.map((row: { id: string }) => row.id)).toEqual(['from-b']);
		expect(Date.now() - started).toBeLessThan(10_000);
	});

	it('live-syncs two clients through different servers', async () => {
		const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
		const one = localDb();
		const two = localDb();
		const s1 = one.sync(remoteDb(`${a.url}/db/me`, headers), { live: true, retry: true });
		const s2 = two.sync(remoteDb(`${b.url}/db/me`, headers), { live: true, retry: true });
		try {
			await one.put({ _id: 'via-a' });
			const deadline = Date.now() + 10_000;
			while (Date.now() < deadline && !(await two.get('via-a').catch(() => null)))
				await new Promise((r) => setTimeout(r, 50));
			expect(await two.get('via-a')).toMatchObject({ _id: 'via-a' });
		} finally {
			s1.cancel();
			s2.cancel();
		}
		void PouchDB;
	});
});
