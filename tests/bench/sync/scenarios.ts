import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { percentile, median } from '../report.js';
import { localDb, PouchDB, remoteDb, Traffic } from './client.js';
import type { RunningServer } from './servers.js';
import type { TravellerJob, TravellerReport } from './traveller-process.js';

export const SMALL_DOCS = 2000;
export const ATTACHMENT_DOCS = 50;
const ATTACHMENT_BYTES = 200 * 1024;
/**
 * A traveller's pause before each write is random up to this (BENCH_WRITE_PAUSE_MS): one write a second
 * on average, already more than a person typing into a form autosaved every 300 ms produces once
 * debounced; 100 travellers then send about 100 writes a second.
 */
export const MAX_WRITE_PAUSE_MS = Number(process.env.BENCH_WRITE_PAUSE_MS ?? 2000);

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
	/** Client processes the travellers were spread over. */
	processes: number;
	writes: number;
	p50Ms: number;
	p95Ms: number;
	maxMs: number;
	errors: number;
	replicatedBack: number;
	wallMs: number;
	/** Worst p95 event-loop delay of a client process while writing (client-side share of the latency). */
	clientLoopDelayP95Ms: number;
	/** CPU the client processes used from the first write to the last client replicated back. */
	clientCpuMs: number;
	/** CPU the server used in the whole scenario (filled in from the server's own stats). */
	serverCpuMs?: number;
}

/** A client process of this scenario (traveller-process.ts) with its IPC channel. */
function travellerProcess(): ChildProcess {
	return spawn(
		process.execPath,
		['--import', 'tsx', path.join(import.meta.dirname, 'traveller-process.ts')],
		{
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		}
	);
}

function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
	return new Promise((resolve, reject) => {
		const onMessage = (message: { type: string }) => {
			if (message.type !== type) return;
			child.off('message', onMessage);
			child.off('exit', onExit);
			resolve(message as T);
		};
		const onExit = (code: number | null) => reject(new Error(`traveller process exited with ${code}`));
		child.on('message', onMessage);
		child.once('exit', onExit);
	});
}

/**
 * 100 travellers live-syncing at once; each writes through the server while every live sync runs. The
 * travellers are spread over `processes` client processes (BENCH_TRAVELLER_PROCESSES, default 4), so
 * that the latency measured is the server's and not one overloaded client event loop's.
 */
export async function travellers(
	server: RunningServer,
	count = 100,
	writesEach = 10,
	processes = Number(process.env.BENCH_TRAVELLER_PROCESSES ?? 4)
): Promise<TravellersResult> {
	const users = Array.from({ length: count }, (_, i) => `traveller${String(i).padStart(3, '0')}`);
	for (const user of users) await ensureDb(server, user);
	const children = Array.from({ length: Math.max(1, Math.min(processes, count)) }, travellerProcess);
	try {
		await Promise.all(
			children.map((child, p) => {
				const mine = users.filter((_, i) => i % children.length === p);
				const job: TravellerJob = {
					travellers: mine.map((userId) => ({
						userId,
						url: server.dbUrl(userId),
						headers: server.headers(userId)
					})),
					writesEach,
					maxPauseMs: MAX_WRITE_PAUSE_MS,
					replicateBackMs: 20_000
				};
				const ready = nextMessage(child, 'ready');
				child.send({ type: 'start', job });
				return ready;
			})
		);
		const done = children.map((child) => nextMessage<{ report: TravellerReport }>(child, 'done'));
		for (const child of children) child.send({ type: 'go' });
		const reports = (await Promise.all(done)).map((message) => message.report);
		const latencies = reports.flatMap((r) => r.latencies);
		return {
			travellers: count,
			processes: children.length,
			writes: latencies.length,
			p50Ms: round(percentile(latencies, 50)),
			p95Ms: round(percentile(latencies, 95)),
			maxMs: round(Math.max(...latencies)),
			errors: reports.reduce((sum, r) => sum + r.errors, 0),
			replicatedBack: reports.reduce((sum, r) => sum + r.replicatedBack, 0),
			wallMs: Math.round(Math.max(...reports.map((r) => r.writesMs))),
			clientLoopDelayP95Ms: round(Math.max(...reports.map((r) => r.clientLoopDelayP95Ms))),
			clientCpuMs: reports.reduce((sum, r) => sum + r.cpuMs, 0)
		};
	} finally {
		for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
	}
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
