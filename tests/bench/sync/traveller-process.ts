/**
 * BENCHMARK ONLY: one client process of the 100-traveller scenario. The parent (scenarios.ts) spreads the
 * travellers over several of these so that one busy client event loop does not pass for server latency.
 *
 * Protocol over the IPC channel: the parent sends `start` (which travellers, where); this process opens
 * every live sync and answers `ready` once they have all caught up, so the writes meet live syncs in their
 * steady state rather than 100 travellers connecting at once; the parent sends `go` once all processes are
 * ready; this process makes its writes and answers `done` with its latencies.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type http from 'node:http';
import { BROWSER_CONNECTIONS, browserAgent, localDb, remoteDb } from './client.js';

export interface TravellerJob {
	travellers: { userId: string; url: string; headers: Record<string, string> }[];
	writesEach: number;
	/** Each traveller pauses a random time up to this before each write (mean: half of it). */
	maxPauseMs: number;
	/** How long to wait for every server write to come back down through the live syncs. */
	replicateBackMs: number;
}

export interface TravellerReport {
	latencies: number[];
	errors: number;
	replicatedBack: number;
	writesMs: number;
	/** p95 of this process's event-loop delay during the writes: how busy the client side itself was. */
	clientLoopDelayP95Ms: number;
	/** CPU this process used from the first write until every traveller was replicated back. */
	cpuMs: number;
}

type FromParent = { type: 'start'; job: TravellerJob } | { type: 'go' };

// A live sync cancelled while its long-poll is in flight may reject afterwards: not a result.
process.on('unhandledRejection', () => {});

const send = (message: unknown) => process.send?.(message);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let job: TravellerJob | undefined;
let errors = 0;
let syncs: { cancel(): void }[] = [];
let locals: PouchDB.Database[] = [];
/** Each traveller's own connections, as their browser would have them, for the live sync and the writes. */
let agents: http.Agent[] = [];

/** Opens every live sync and reports ready once each has caught up (both directions paused). */
async function start(given: TravellerJob): Promise<void> {
	job = given;
	locals = job.travellers.map(() => localDb());
	agents = job.travellers.map(() => browserAgent());
	const caughtUp: Promise<unknown>[] = [];
	syncs = job.travellers.map((t, i) => {
		const sync = locals[i]!.sync(remoteDb(t.url, t.headers, undefined, agents[i]), {
			live: true,
			retry: false
		});
		sync.on('error', () => (errors += 1));
		sync.on('denied', () => (errors += 1));
		caughtUp.push(new Promise((resolve) => sync.once('paused', resolve)));
		return sync;
	});
	await Promise.race([Promise.all(caughtUp), sleep(120_000)]);
	// A browser that has been syncing for a while holds its connections open: open each traveller's
	// (six concurrent requests), so the writes measure the server rather than connection set-up.
	await Promise.all(
		job.travellers.map((t, i) => {
			const remote = remoteDb(t.url, t.headers, undefined, agents[i]);
			return Promise.all(Array.from({ length: BROWSER_CONNECTIONS }, () => remote.info()));
		})
	);
	send({ type: 'ready' });
}

async function go(): Promise<void> {
	const { travellers, writesEach, maxPauseMs, replicateBackMs } = job!;
	const latencies: number[] = [];
	const loop = monitorEventLoopDelay({ resolution: 10 });
	loop.enable();
	const began = performance.now();
	const cpuAtStart = process.cpuUsage();
	await Promise.all(
		travellers.map(async (t, i) => {
			const remote = remoteDb(t.url, t.headers, undefined, agents[i]);
			for (let w = 0; w < writesEach; w++) {
				await sleep(Math.random() * maxPauseMs);
				const start = performance.now();
				try {
					await remote.put({ _id: `w-${w}`, type: 'note', i, w, note: 'y'.repeat(500) });
					latencies.push(performance.now() - start);
				} catch {
					errors += 1;
				}
			}
			// Also write locally: live push carries it up.
			await locals[i]!.put({ _id: 'local-note', type: 'note' });
		})
	);
	const writesMs = performance.now() - began;
	loop.disable();
	// Bounded wait for the live syncs to bring every server write down to each client.
	const deadline = Date.now() + replicateBackMs;
	let replicatedBack = 0;
	while (Date.now() < deadline) {
		const counts = await Promise.all(locals.map(async (db) => (await db.info()).doc_count as number));
		replicatedBack = counts.filter((n) => n === writesEach + 1).length;
		if (replicatedBack === travellers.length) break;
		await sleep(200);
	}
	const cpu = process.cpuUsage(cpuAtStart);
	for (const sync of syncs) sync.cancel();
	const report: TravellerReport = {
		latencies,
		errors,
		replicatedBack,
		writesMs,
		clientLoopDelayP95Ms: loop.percentile(95) / 1e6,
		cpuMs: Math.round((cpu.user + cpu.system) / 1000)
	};
	send({ type: 'done', report });
	await sleep(500);
	process.exit(0);
}

process.on('message', (message: FromParent) => {
	if (message.type === 'start') void start(message.job);
	else if (message.type === 'go') void go();
});
