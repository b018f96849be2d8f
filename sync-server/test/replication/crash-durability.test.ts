import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN, appDir, postgresReachable, TEST_DATABASE_URL, type StorageKind } from './harness.js';

const pgUp = await postgresReachable();
const root = path.resolve(import.meta.dirname, '../../..');
const auth = { authorization: 'Basic ' + Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64') };

/** Runs the real server entry point (src/main.ts through tsx) and resolves with its address. */
function startChild(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
	const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'sync-server/src/main.ts')], {
		cwd: root,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	return new Promise((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
		const onData = (chunk: Buffer) => {
			out += chunk.toString();
			const match = /"address":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
			if (match) {
				clearTimeout(timer);
				resolve({ child, url: match[1]! });
			}
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
	});
}

const kinds: StorageKind[] = ['sqlite', 'postgres'];
const children: ChildProcess[] = [];
afterAll(() => {
	for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

for (const kind of kinds) {
	describe.skipIf(kind === 'postgres' && !pgUp)(`kill -9 durability (${kind})`, () => {
		it('keeps every write a client saw acknowledged', async () => {
			const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-crash-'));
			const env: NodeJS.ProcessEnv = {
				DATA_DIR: dataDir,
				APP_DIR: appDir(),
				PORT: '0',
				HOST: '127.0.0.1',
				LOG_LEVEL: 'info',
				ADMIN_USER: ADMIN.user,
				ADMIN_PASSWORD: ADMIN.password,
				DATABASE_URL: kind === 'postgres' ? TEST_DATABASE_URL : ''
			};
			const db = `crash${randomBytes(4).toString('hex')}`;
			const first = await startChild(env);
			children.push(first.child);
			expect((await fetch(`${first.url}/db/${db}`, { method: 'PUT', headers: auth })).status).toBe(201);

			const acknowledged = new Map<string, string>();
			let stop = false;
			const client = async (clientNo: number) => {
				for (let batch = 0; batch < 10_000 && !stop; batch++) {
					const docs = Array.from({ length: 10 }, (_, i) => ({
						_id: `c${clientNo}-b${batch}-d${i}`,
						payload: 'x'.repeat(500)
					}));
					try {
						const response = await fetch(`${first.url}/db/${db}/_bulk_docs`, {
							method: 'POST',
							headers: { ...auth, 'content-type': 'application/json' },
							body: JSON.stringify({ docs })
						});
						if (response.status !== 201) continue;
						for (const result of (await response.json()) as { ok?: boolean; id: string; rev: string }[]) {
							if (result.ok) acknowledged.set(result.id, result.rev);
						}
					} catch {
						return; // the server is gone
					}
				}
			};
			const clients = Promise.all([1, 2, 3, 4].map(client));
			const deadline = Date.now() + 10_000;
			while (acknowledged.size < 400 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
			first.child.kill('SIGKILL');
			await clients;
			stop = true;
			expect(acknowledged.size).toBeGreaterThan(0);

			const second = await startChild(env);
			children.push(second.child);
			try {
				const ids = [...acknowledged.keys()];
				for (let i = 0; i < ids.length; i += 500) {
					const response = await fetch(`${second.url}/db/${db}/_all_docs`, {
						method: 'POST',
						headers: { ...auth, 'content-type': 'application/json' },
						body: JSON.stringify({ keys: ids.slice(i, i + 500) })
					});
					const { rows } = (await response.json()) as { rows: { key: string; value?: { rev: string } }[] };
					for (const row of rows) expect(row.value?.rev, row.key).toBe(acknowledged.get(row.key));
				}
				await fetch(`${second.url}/db/${db}`, { method: 'DELETE', headers: auth });
			} finally {
				second.child.kill('SIGTERM');
				fs.rmSync(dataDir, { recursive: true, force: true });
			}
		}, 90_000);
	});
}
