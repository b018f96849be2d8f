/**
 * BENCHMARK ONLY: the real sync-server app on a chosen store, with real traveller sessions: a header
 * (with a random secret from the parent process) names the traveller, whose account and session are
 * created on first sight, and every request then goes through the real session-cookie resolver (token
 * hash, session and account look-ups, last-seen update), as a signed-in browser's would. Prints its address.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AccountService } from '../../../sync-server/src/accounts/account-service.js';
import { newId, newSecretToken, tokenHash } from '../../../sync-server/src/accounts/secrets.js';
import { loadConfig } from '../../../sync-server/src/config.js';
import { sessionLifetime } from '../../../sync-server/src/domain/account-rules.js';
import { cookieName } from '../../../sync-server/src/http/accounts/session-cookie.js';
import { sessionCookieResolver } from '../../../sync-server/src/http/accounts/session-resolver.js';
import { adminPrincipalResolver } from '../../../sync-server/src/http/admin-principal.js';
import { buildApp } from '../../../sync-server/src/http/app.js';
import type { PrincipalResolver } from '../../../sync-server/src/http/principal.js';
import { createMailer } from '../../../sync-server/src/mail/mailer.js';
import { openAccountStore } from '../../../sync-server/src/storage/open-account-store.js';
import { PostgresStorage } from '../../../sync-server/src/storage/postgres/postgres-storage.js';
import { SqliteStorage } from '../../../sync-server/src/storage/sqlite/sqlite-storage.js';
import type { ServerStats } from './servers.js';

const config = loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' });
const storage = process.env.BENCH_PG_URL
	? await PostgresStorage.open(process.env.BENCH_PG_URL, {
			schema: process.env.BENCH_PG_SCHEMA,
			poolSize: 20
		})
	: SqliteStorage.inDataDir(config.dataDir);
await storage.migrate();
const accountStore = await openAccountStore(config, storage);
const silent = { info() {}, error() {} };
const accounts = new AccountService({
	store: accountStore.store,
	mailer: createMailer({ smtpUrl: undefined, dataDir: config.dataDir, from: 'bench', log: silent }),
	publicUrl: () => config.publicUrl,
	log: silent
});

/** The session token of each traveller, as their browser keeps its cookie; sessions live in the store. */
const tokens = new Map<string, Promise<string>>();
function sessionOf(userId: string): Promise<string> {
	let token = tokens.get(userId);
	if (!token) {
		token = (async () => {
			const now = Date.now();
			const store = accountStore.store;
			await store.createAccount({
				id: userId,
				email: `${userId}@bench.invalid`,
				givenNames: 'Bench',
				surnames: 'Traveller',
				language: 'en',
				role: 'traveller',
				passwordHash: 'not-a-password',
				confirmedAt: now,
				privacyAcceptedAt: now,
				createdAt: now,
				passwordChangedAt: now
			});
			const secretToken = newSecretToken();
			const lifetime = sessionLifetime('traveller', false);
			await store.createSession({
				hash: tokenHash(secretToken),
				id: newId(),
				accountId: userId,
				role: 'traveller',
				remember: false,
				createdAt: now,
				lastSeenAt: now,
				idleMs: lifetime.idleMs,
				absoluteExpiresAt: now + lifetime.absoluteMs
			});
			return secretToken;
		})();
		tokens.set(userId, token);
	}
	return token;
}

const secret = process.env.BENCH_SECRET ?? '';
const sessions = sessionCookieResolver(accounts, false);
const travellers: PrincipalResolver = async (request) => {
	const header = request.headers['x-bench-traveller'];
	if (typeof header !== 'string' || !secret) return null;
	const [given, userId] = header.split(':');
	if (given !== secret || !userId) return null;
	request.headers.cookie = `${cookieName(false)}=${await sessionOf(userId)}`;
	return sessions(request);
};

const app = await buildApp({
	config,
	storage,
	principalResolvers: [travellers, ...(config.admin ? [adminPrincipalResolver(config.admin)] : [])]
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });
// What the server did, written to DATA_DIR on stop, so the report can tell server latency from the time
// the (busy) client processes add on top: time per request kind (request received to last byte sent),
// the server's event-loop delay sampled every 20 ms, and the CPU it used after start-up.
const requests: Record<string, number[]> = {};
const loopDelayMs: number[] = [];
const cpuAtStart = process.cpuUsage();
app.server.prependListener('request', (request, response) => {
	const began = performance.now();
	const path = (request.url ?? '').split('?')[0] ?? '';
	const kind =
		request.method === 'PUT' && /^\/db\/me\/[^_/][^/]*$/.test(path)
			? 'doc write (PUT)'
			: `${request.method} ${path.replace(/^\/db\/me\/(_[a-z_]+).*$/, '$1').replace(/^\/db\/me\/[^_].*$/, 'doc')}`;
	response.on('finish', () => (requests[kind] ??= []).push(performance.now() - began));
});
let tick = performance.now();
setInterval(() => {
	const now = performance.now();
	loopDelayMs.push(Math.max(0, now - tick - 20));
	tick = now;
}, 20).unref();
console.log(`LISTENING ${address}`);
process.on('SIGTERM', () => {
	const cpu = process.cpuUsage(cpuAtStart);
	const stats: ServerStats = { requests, loopDelayMs, cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
	fs.writeFileSync(path.join(config.dataDir, 'bench-stats.json'), JSON.stringify(stats));
	void app
		.close()
		.then(() => storage.close())
		.then(() => process.exit(0));
});
