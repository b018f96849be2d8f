/**
 * `npm run bench:sync`: sync-server (SQLite, PostgreSQL) against pouchdb-server 4.2 with PouchDB 9 in
 * Node as the client, on loopback only. Writes tests/bench/results/sync.{md,json}.
 */
import os from 'node:os';
import pg from 'pg';
import { median, percentile, writeReport } from '../report.js';
import { CONNECTIONS } from './client.js';
import { loadOtherUsers } from './big-store.js';
import {
	changesLatency,
	MAX_WRITE_PAUSE_MS,
	round,
	throughput,
	travellers,
	type ChangesLatency,
	type ThroughputResult,
	type TravellersResult
} from './scenarios.js';
import { startPeer, startSyncServer, type RunningServer } from './servers.js';

// A live sync cancelled while its long-poll is in flight rejects once the server stops: not a result.
process.on('unhandledRejection', (error) => console.warn('ignored after stop:', (error as Error).message));

const PG_URL =
	process.env.TEST_DATABASE_URL || process.env.BENCH_DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
const BIG_USERS = Number(process.env.BENCH_BIG_USERS ?? 1000);
const BIG_PER_USER = Number(process.env.BENCH_BIG_PER_USER ?? 1000);
/** Throughput rounds; every round runs each server once, in turn, so a ratio compares neighbours in time. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const loadAverage = () =>
	os
		.loadavg()
		.map((n) => n.toFixed(1))
		.join(' / ');

async function pgReachable(): Promise<boolean> {
	const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
	try {
		await client.connect();
		return true;
	} catch {
		return false;
	} finally {
		await client.end().catch(() => {});
	}
}

async function dropSchema(schema: string | undefined): Promise<void> {
	if (!schema) return;
	const client = new pg.Client({ connectionString: PG_URL });
	await client.connect();
	await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
	await client.end();
}

async function withServer<T>(
	start: () => Promise<RunningServer>,
	work: (server: RunningServer) => Promise<T>,
	keep = false
): Promise<T> {
	const server = await start();
	try {
		return await work(server);
	} finally {
		await server.stop();
		if (!keep) await dropSchema(server.pgSchema);
	}
}

type Kind = 'sqlite' | 'postgres';
const results: {
	machine: Record<string, unknown>;
	/** Per server, the median of each figure over the rounds. */
	throughput: Record<string, ThroughputResult>;
	/** Every round's figures, in the order they ran. */
	throughputRounds: Record<string, ThroughputResult>[];
	/** Per sync-server store, the median over rounds of (ours ÷ the peer's in the same round). */
	ratios: Record<string, { push: number[]; pull: number[]; pushMedian: number; pullMedian: number }>;
	travellers: Record<string, TravellersResult>;
	changesWithBigStore: Record<
		string,
		{ before: ChangesLatency; after: ChangesLatency; load: { records: number; ms: number } }
	>;
	skipped: string[];
} = {
	machine: {
		cpus: os.cpus().length,
		cpu: os.cpus()[0]?.model,
		node: process.version,
		date: new Date().toISOString(),
		loadAverageAtStart: loadAverage(),
		clientConnections: CONNECTIONS,
		rounds: ROUNDS
	},
	throughput: {},
	throughputRounds: [],
	ratios: {},
	travellers: {},
	changesWithBigStore: {},
	skipped: []
};

/** Server-side latency per request kind during the 100-traveller run. */
const serverSide: Record<string, Record<string, { count: number; p50Ms: number; p95Ms: number }>> = {};
const kinds: Kind[] = ['sqlite'];
if (await pgReachable()) kinds.push('postgres');
else results.skipped.push('postgres (unreachable)');

/** Runs one phase; a failure is reported, not fatal, so the other figures still come out. */
async function phase(name: string, work: () => Promise<void>): Promise<void> {
	console.log(name);
	try {
		await work();
	} catch (error) {
		console.error(`${name} failed:`, error);
		results.skipped.push(`${name} (failed: ${(error as Error).message.slice(0, 200)})`);
	}
}

for (let n = 1; n <= ROUNDS; n++) {
	const figures: Record<string, ThroughputResult> = {};
	for (const kind of kinds) {
		await phase(`throughput ${n}/${ROUNDS}: sync-server on ${kind}`, async () => {
			figures[kind] = await withServer(
				() => startSyncServer(kind, PG_URL),
				(s) => throughput(s, 'bench-user')
			);
		});
	}
	await phase(`throughput ${n}/${ROUNDS}: pouchdb-server 4.2`, async () => {
		figures['pouchdb-server'] = await withServer(startPeer, (s) => throughput(s, 'benchuser'));
	});
	results.throughputRounds.push(figures);
}
for (const name of [...kinds, 'pouchdb-server']) {
	const rounds = results.throughputRounds.flatMap((figures) => (figures[name] ? [figures[name]] : []));
	if (rounds.length > 0) results.throughput[name] = medianThroughput(rounds);
}
for (const kind of kinds) {
	const pairs = results.throughputRounds.filter((figures) => figures[kind] && figures['pouchdb-server']);
	const push = pairs.map((f) => round(f[kind]!.push.docsPerSecond / f['pouchdb-server']!.push.docsPerSecond));
	const pull = pairs.map((f) => round(f[kind]!.pull.docsPerSecond / f['pouchdb-server']!.pull.docsPerSecond));
	if (pairs.length > 0)
		results.ratios[kind] = { push, pull, pushMedian: round(median(push)), pullMedian: round(median(pull)) };
}

for (const kind of kinds) {
	await phase(`100 travellers live: sync-server on ${kind}`, async () => {
		const server = await startSyncServer(kind, PG_URL);
		try {
			results.travellers[kind] = await travellers(server);
		} finally {
			await server.stop();
			await dropSchema(server.pgSchema);
		}
		const stats = server.serverStats?.();
		const summary = (values: number[]) => ({
			count: values.length,
			p50Ms: round(percentile(values, 50)),
			p95Ms: round(percentile(values, 95))
		});
		serverSide[kind] = {
			...Object.fromEntries(Object.entries(stats?.requests ?? {}).map(([name, v]) => [name, summary(v)])),
			'(server event-loop delay, 20 ms samples)': summary(stats?.loopDelayMs ?? [])
		};
		results.travellers[kind]!.serverCpuMs = stats?.cpuMs;
	});
}
for (const kind of kinds) {
	await phase(`_changes with ${BIG_USERS * BIG_PER_USER} records of other users: ${kind}`, async () => {
		const first = await withServer(
			() => startSyncServer(kind, PG_URL),
			async (s) => ({
				before: await changesLatency(s, 'the-one'),
				dataDir: s.dataDir!,
				pgSchema: s.pgSchema
			}),
			true
		);
		const load =
			kind === 'sqlite'
				? await loadOtherUsers({ kind, dataDir: first.dataDir }, BIG_USERS, BIG_PER_USER)
				: await loadOtherUsers({ kind, url: PG_URL, schema: first.pgSchema! }, BIG_USERS, BIG_PER_USER);
		console.log(`  loaded ${load.records} records in ${load.ms} ms`);
		const after = await withServer(
			() => startSyncServer(kind, PG_URL, { dataDir: first.dataDir, pgSchema: first.pgSchema }),
			(s) => changesLatency(s, 'the-one')
		);
		results.changesWithBigStore[kind] = { before: first.before, after, load };
	});
}

results.machine.loadAverageAtEnd = loadAverage();
const row = (name: string, t: ThroughputResult) => {
	const ratio = results.ratios[name];
	const times = (value: number | undefined) => (value === undefined ? 'n/a' : `${value.toFixed(2)}×`);
	return `| ${name} | ${t.push.docsPerSecond} | ${t.push.ms} | ${t.push.requests} | ${(t.push.bytesSent / 1e6).toFixed(1)} MB | ${name === 'pouchdb-server' ? '1.00×' : times(ratio?.pushMedian)} | ${t.pull.docsPerSecond} | ${t.pull.ms} | ${t.pull.requests} | ${(t.pull.bytesReceived / 1e6).toFixed(1)} MB | ${name === 'pouchdb-server' ? '1.00×' : times(ratio?.pullMedian)} | ${t.noChangePullMedianMs} |`;
};
const md = [
	'# Sync benchmark',
	'',
	`${results.machine.cpus} cores (${results.machine.cpu}), Node ${results.machine.node}, ${results.machine.date}; load average (1/5/15 min) ${results.machine.loadAverageAtStart} at start, ${results.machine.loadAverageAtEnd} at end. Client: PouchDB 9 (memory adapter) in Node, connections ${CONNECTIONS}; loopback only.`,
	'',
	'## Replication throughput (2,000 docs of ~1 KB + 50 docs with a 200 KB attachment)',
	'',
	`Medians of ${ROUNDS} rounds; each round runs every server in turn. "vs peer" is the median of the per-round ratios.`,
	'Bytes are counted on the wire, headers included.',
	'',
	'| server | push docs/s | push ms | push requests | push sent | push vs peer | pull docs/s | pull ms | pull requests | pull received | pull vs peer | no-change pull ms (median of 20) |',
	'|---|---|---|---|---|---|---|---|---|---|---|---|',
	...Object.entries(results.throughput).map(([name, t]) => row(name, t)),
	'',
	...Object.entries(results.ratios).map(
		([name, r]) =>
			`${name} vs peer by round: push ${r.push.map((x) => `${x}×`).join(', ')}; pull ${r.pull.map((x) => `${x}×`).join(', ')}.`
	),
	'',
	'## 100 travellers live-syncing at once (10 writes each through the server)',
	'',
	`Each traveller pauses a random 0–${MAX_WRITE_PAUSE_MS} ms before each write (about ${Math.round(200_000 / MAX_WRITE_PAUSE_MS)} writes/s offered in all;`,
	'BENCH_WRITE_PAUSE_MS changes it). Travellers are spread over several client processes on the same two cores;',
	'"client loop p95" is the worst client event-loop delay while writing, the part of the latency the client side adds.',
	'',
	'| server | client processes | writes | p50 ms | p95 ms | max ms | errors | clients fully replicated back | wall ms | client loop p95 ms | CPU s clients / server |',
	'|---|---|---|---|---|---|---|---|---|---|---|',
	...Object.entries(results.travellers).map(
		([name, t]) =>
			`| ${name} | ${t.processes} | ${t.writes} | ${t.p50Ms} | ${t.p95Ms} | ${t.maxMs} | ${t.errors} | ${t.replicatedBack}/${t.travellers} | ${t.wallMs} | ${t.clientLoopDelayP95Ms} | ${(t.clientCpuMs / 1000).toFixed(1)} / ${t.serverCpuMs === undefined ? '?' : (t.serverCpuMs / 1000).toFixed(1)} |`
	),
	'',
	'Server-side time per request kind during that run (request received to last byte sent; `_changes` includes',
	"long-polls waiting for a change), and the server process's own event-loop delay:",
	'',
	'| server | request kind | count | p50 ms | p95 ms |',
	'|---|---|---|---|---|',
	...Object.entries(serverSide).flatMap(([name, kinds]) =>
		Object.entries(kinds)
			.sort((a, b) => b[1].count - a[1].count)
			.map(([kind, t]) => `| ${name} | ${kind} | ${t.count} | ${t.p50Ms} | ${t.p95Ms} |`)
	),
	'',
	`## \`_changes\` for one traveller with 10 records, before and after ${BIG_USERS * BIG_PER_USER} records of other users`,
	'',
	'| store | load ms | full read p50/p95 before | after | no-change p50/p95 before | after |',
	'|---|---|---|---|---|---|',
	...Object.entries(results.changesWithBigStore).map(
		([name, c]) =>
			`| ${name} | ${c.load.ms} | ${c.before.fullReadP50Ms}/${c.before.fullReadP95Ms} ms | ${c.after.fullReadP50Ms}/${c.after.fullReadP95Ms} ms | ${c.before.noChangeP50Ms}/${c.before.noChangeP95Ms} ms | ${c.after.noChangeP50Ms}/${c.after.noChangeP95Ms} ms |`
	),
	'',
	results.skipped.length ? `Skipped: ${results.skipped.join('; ')}` : ''
].join('\n');
writeReport('sync', { ...results, serverSide }, md);

/** The median of every figure over the rounds (per-round figures stay in the JSON report). */
function medianThroughput(rounds: ThroughputResult[]): ThroughputResult {
	const of = (pick: (t: ThroughputResult) => number) => round(median(rounds.map(pick)));
	const measure = (which: 'push' | 'pull') => ({
		docs: rounds[0]![which].docs,
		ms: of((t) => t[which].ms),
		docsPerSecond: of((t) => t[which].docsPerSecond),
		requests: of((t) => t[which].requests),
		bytesSent: of((t) => t[which].bytesSent),
		bytesReceived: of((t) => t[which].bytesReceived)
	});
	return {
		push: measure('push'),
		pull: measure('pull'),
		noChangePullMs: rounds.flatMap((t) => t.noChangePullMs),
		noChangePullMedianMs: of((t) => t.noChangePullMedianMs)
	};
}
process.exit(0);
