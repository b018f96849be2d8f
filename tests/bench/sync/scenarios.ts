import { percentile, median } from '../report.js';
import { localDb, PouchDB, remoteDb, Traffic } from './client.js';
import type { RunningServer } from './servers.js';

export const SMALL_DOCS = 2000;
export const ATTACHMENT_DOCS = 50;
const ATTACHMENT_BYTES = 200 * 1024;

export interface Measure {
	docs: number;
	ms: number;
	docsPerSecond: number;
	requests: number;
	bytesSent: number;
	bytesReceived: number;
}

/** Creates the database where a peer needs it (sync-server's `/db/me` exists for every traveller). */
async function ensureDb(server: RunningServer, userId: string): Promise<void> {
	if (server.kind !== 'pouchdb-server') return;
	await fetch(server.dbUrl(userId), { method: 'PUT' });
}

function fixtureDocs(): Record<string, unknown>[] {
	const filler = 'x'.repeat(900);
	const docs: Record<string, unknown>[] = [];
	for (let i = 0; i < SMALL_DOCS; i++) {
		docs.push({ _id: `rec-${String(i).padStart(5, '0')}`, type: 'note', n: i, filler });
	}
	for (let i = 0; i < ATTACHMENT_DOCS; i++) {
		const bytes = Buffer.alloc(ATTACHMENT_BYTES, i % 251);
		bytes.writeUInt32BE(i, 0);
		docs.push({
			_id: `photo-${String(i).padStart(3, '0')}`,
			type: 'photo',
			_attachments: { 'passport.jpg': { content_type: 'image/jpeg', data: bytes.toString('base64') } }
		});
	}
	return docs;
}

async function timed(traffic: Traffic, docs: number, work: () => Promise<unknown>): Promise<Measure> {
	traffic.reset();
	const start = performance.now();
	await work();
	const ms = performance.now() - start;
	return {
		docs,
		ms: Math.round(ms),
		docsPerSecond: Math.round((docs / ms) * 1000),
		requests: traffic.requests,
		bytesSent: traffic.bytesSent,
		bytesReceived: traffic.bytesReceived
	};
}

export interface ThroughputResult {
	push: Measure;
	pull: Measure;
	noChangePullMs: number[];
	noChangePullMedianMs: number;
}

/** Push 2,000 small docs + 50 with 200 KB attachments, pull them into a fresh client, then no-change pulls. */
export async function throughput(server: RunningServer, userId: string): Promise<ThroughputResult> {
	await ensureDb(server, userId);
	const source = localDb();
	await source.bulkDocs(fixtureDocs());
	const total = SMALL_DOCS + ATTACHMENT_DOCS;
	const traffic = new Traffic();
	const remote = remoteDb(server.dbUrl(userId), server.headers(userId), traffic);
	const push = await timed(traffic, total, async () => {
		const result = await PouchDB.replicate(source, remote);
		if (result.docs_written !== total) throw new Error(`push wrote ${result.docs_written} of ${total}`);
	});
	const target = localDb();
	const pull = await timed(traffic, total, async () => {
		const result = await PouchDB.replicate(remote, target);
		if (result.docs_written !== total) throw new Error(`pull wrote ${result.docs_written} of ${total}`);
	});
	const noChange: number[] = [];
	for (let i = 0; i < 20; i++) {
		const start = performance.now();
		await PouchDB.replicate(remote, target);
		noChange.push(performance.now() - start);
	}
	return {
		push,
		pull,
		noChangePullMs: noChange.map((ms) => Math.round(ms * 10) / 10),
		noChangePullMedianMs: round(median(noChange))
	};
}

export interface TravellersResult {
	travellers: number;
	writes: number;
	p50Ms: number;
	p95Ms: number;
	maxMs: number;
	errors: number;
	replicatedBack: number;
	wallMs: number;
}

/** 100 travellers live-syncing at once; each writes through the server while every live sync runs. */
export async function travellers(
	server: RunningServer,
	count = 100,
	writesEach = 10
): Promise<TravellersResult> {
	const latencies: number[] = [];
	let errors = 0;
	const users = Array.from({ length: count }, (_, i) => `traveller${String(i).padStart(3, '0')}`);
	for (const user of users) await ensureDb(server, user);
	const locals = users.map(() => localDb());
	const syncs = users.map((user, i) => {
		const sync = locals[i]!.sync(remoteDb(server.dbUrl(user), server.headers(user)), {
			live: true,
			retry: false
		});
		sync.on('error', () => (errors += 1));
		sync.on('denied', () => (errors += 1));
		return sync;
	});
	const start = performance.now();
	await Promise.all(
		users.map(async (user, i) => {
			const remote = remoteDb(server.dbUrl(user), server.headers(user));
			for (let w = 0; w < writesEach; w++) {
				await new Promise((resolve) => setTimeout(resolve, Math.random() * 400));
				const began = performance.now();
				try {
					await remote.put({ _id: `w-${w}`, type: 'note', i, w, note: 'y'.repeat(500) });
					latencies.push(performance.now() - began);
				} catch {
					errors += 1;
				}
			}
			// Also write locally: live push carries it up.
			await locals[i]!.put({ _id: 'local-note', type: 'note' });
		})
	);
	const wallMs = performance.now() - start;
	// Bounded wait for the live syncs to bring every server write down to each client.
	const deadline = Date.now() + 20_000;
	let replicatedBack = 0;
	while (Date.now() < deadline) {
		const counts = await Promise.all(locals.map(async (db) => (await db.info()).doc_count as number));
		replicatedBack = counts.filter((n) => n === writesEach + 1).length;
		if (replicatedBack === count) break;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	for (const sync of syncs) sync.cancel();
	await new Promise((resolve) => setTimeout(resolve, 1000));
	return {
		travellers: count,
		writes: latencies.length,
		p50Ms: round(percentile(latencies, 50)),
		p95Ms: round(percentile(latencies, 95)),
		maxMs: round(Math.max(...latencies)),
		errors,
		replicatedBack,
		wallMs: Math.round(wallMs)
	};
}

export interface ChangesLatency {
	fullReadP50Ms: number;
	fullReadP95Ms: number;
	noChangeP50Ms: number;
	noChangeP95Ms: number;
}

/** `_changes` for one traveller with 10 records: a full read from 0 and a no-change read at the tip. */
export async function changesLatency(server: RunningServer, userId: string): Promise<ChangesLatency> {
	const url = server.dbUrl(userId);
	const headers = { ...server.headers(userId), 'content-type': 'application/json' };
	const existing = await (await fetch(`${url}/_changes`, { headers })).json();
	if ((existing as { results: unknown[] }).results.length === 0) {
		await fetch(`${url}/_bulk_docs`, {
			method: 'POST',
			headers,
			body: JSON.stringify({
				docs: Array.from({ length: 10 }, (_, i) => ({ _id: `mine-${i}`, type: 'note' }))
			})
		});
	}
	const full: number[] = [];
	const none: number[] = [];
	for (let i = 0; i < 200; i++) {
		let began = performance.now();
		const page = (await (
			await fetch(`${url}/_changes?style=all_docs&since=0&limit=100`, { headers })
		).json()) as { results: unknown[]; last_seq: number };
		full.push(performance.now() - began);
		if (page.results.length !== 10) throw new Error(`expected 10 changes, got ${page.results.length}`);
		const lastSeq = page.last_seq;
		began = performance.now();
		await (await fetch(`${url}/_changes?style=all_docs&since=${lastSeq}&limit=100`, { headers })).json();
		none.push(performance.now() - began);
	}
	return {
		fullReadP50Ms: round(percentile(full, 50)),
		fullReadP95Ms: round(percentile(full, 95)),
		noChangeP50Ms: round(percentile(none, 50)),
		noChangeP95Ms: round(percentile(none, 95))
	};
}

export function round(value: number): number {
	return Math.round(value * 100) / 100;
}
