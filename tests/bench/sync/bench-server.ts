/**
 * BENCHMARK ONLY: the real sync-server app on a chosen store, with a header-based traveller resolver
 * (random secret from the parent process) standing in for session cookies. Prints its address.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../sync-server/src/config.js';
import { adminPrincipalResolver } from '../../../sync-server/src/http/admin-principal.js';
import { buildApp } from '../../../sync-server/src/http/app.js';
import type { PrincipalResolver } from '../../../sync-server/src/http/principal.js';
import { PostgresStorage } from '../../../sync-server/src/storage/postgres/postgres-storage.js';
import { SqliteStorage } from '../../../sync-server/src/storage/sqlite/sqlite-storage.js';

const secret = process.env.BENCH_SECRET ?? '';
const travellers: PrincipalResolver = async (request) => {
	const header = request.headers['x-bench-traveller'];
	if (typeof header !== 'string' || !secret) return null;
	const [given, userId] = header.split(':');
	return given === secret && userId
		? { role: 'traveller', userId, sessionId: 'bench', confirmed: true }
		: null;
};

const config = loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' });
const storage = process.env.BENCH_PG_URL
	? await PostgresStorage.open(process.env.BENCH_PG_URL, {
			schema: process.env.BENCH_PG_SCHEMA,
			poolSize: 20
		})
	: SqliteStorage.inDataDir(config.dataDir);
await storage.migrate();
const app = await buildApp({
	config,
	storage,
	principalResolvers: [travellers, ...(config.admin ? [adminPrincipalResolver(config.admin)] : [])]
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });
// Server-side time per request kind (from request to last byte), written to DATA_DIR on stop, so the
// report can tell server latency from the time the (busy) client process adds on top.
const timings: Record<string, number[]> = {};
app.server.prependListener('request', (request, response) => {
	const began = performance.now();
	const path = (request.url ?? '').split('?')[0] ?? '';
	const kind =
		request.method === 'PUT' && /^\/db\/me\/[^_/][^/]*$/.test(path)
			? 'doc write (PUT)'
			: `${request.method} ${path.replace(/^\/db\/me\/(_[a-z_]+).*$/, '$1').replace(/^\/db\/me\/[^_].*$/, 'doc')}`;
	response.on('finish', () => (timings[kind] ??= []).push(performance.now() - began));
});
console.log(`LISTENING ${address}`);
process.on('SIGTERM', () => {
	fs.writeFileSync(path.join(config.dataDir, 'bench-timings.json'), JSON.stringify(timings));
	void app
		.close()
		.then(() => storage.close())
		.then(() => process.exit(0));
});
