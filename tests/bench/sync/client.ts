import http from 'node:http';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';

// Loaded untyped on purpose: @types/pouchdb-core pulls the DOM library into the server's type check.
const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb-core');
const adapterHttp = require('pouchdb-adapter-http');
const adapterMemory = require('pouchdb-adapter-memory');
const replication = require('pouchdb-replication');

PouchDB.plugin(adapterMemory).plugin(adapterHttp).plugin(replication);
export { PouchDB };

/**
 * How the client uses connections. PouchDB's own Node fetch (node-fetch 2) sends `Connection: close`
 * unless it is given an agent, so each request opens a new TCP connection ('close'); browsers, where
 * the app runs, keep connections alive ('keep-alive', the default). Same for every server, the peer included.
 */
export const CONNECTIONS: 'keep-alive' | 'close' =
	process.env.BENCH_CONNECTIONS === 'close' ? 'close' : 'keep-alive';

/** A browser opens at most this many HTTP/1.1 connections to one origin. */
export const BROWSER_CONNECTIONS = 6;

/** An agent that remembers its sockets, so the bytes on the wire (headers included) can be counted. */
function countingAgent(maxSockets = Infinity): {
	agent: http.Agent;
	bytes: () => { read: number; written: number };
} {
	const agent = new http.Agent({ keepAlive: CONNECTIONS === 'keep-alive', maxSockets });
	const live = new Set<Socket>();
	let read = 0;
	let written = 0;
	const create = agent.createConnection.bind(agent) as (...args: unknown[]) => Socket;
	agent.createConnection = ((...args: unknown[]) => {
		const socket = create(...args);
		live.add(socket);
		socket.once('close', () => {
			live.delete(socket);
			read += socket.bytesRead;
			written += socket.bytesWritten;
		});
		return socket;
	}) as typeof agent.createConnection;
	return {
		agent,
		bytes: () => {
			let r = read;
			let w = written;
			for (const socket of live) {
				r += socket.bytesRead;
				w += socket.bytesWritten;
			}
			return { read: r, written: w };
		}
	};
}

/** Requests a client made and the bytes it put on and took off the wire (headers included). */
export class Traffic {
	requests = 0;
	private readonly counting = countingAgent();
	private base = { read: 0, written: 0 };
	get agent(): http.Agent {
		return this.counting.agent;
	}
	get bytesSent(): number {
		return this.counting.bytes().written - this.base.written;
	}
	get bytesReceived(): number {
		return this.counting.bytes().read - this.base.read;
	}
	reset(): void {
		this.requests = 0;
		this.base = this.counting.bytes();
	}
}

const shared = countingAgent().agent;

/** The connections of one simulated traveller's browser: at most six to the server, kept alive. */
export function browserAgent(): http.Agent {
	return countingAgent(BROWSER_CONNECTIONS).agent;
}

let counter = 0;
export function localDb(): PouchDB.Database {
	counter += 1;
	return new PouchDB(`bench-${process.pid}-${counter}`, { adapter: 'memory' });
}

export function remoteDb(
	url: string,
	headers: Record<string, string>,
	traffic?: Traffic,
	agent: http.Agent = traffic?.agent ?? shared
): PouchDB.Database {
	return new PouchDB(url, {
		skip_setup: true,
		fetch: async (input: string | Request, init?: RequestInit) => {
			const merged = new Headers(init?.headers);
			for (const [name, value] of Object.entries(headers)) merged.set(name, value);
			// node-fetch adds `Connection: close` only when it has no agent; an agent without keep-alive
			// closes each connection after its response just the same.
			if (CONNECTIONS === 'close') merged.set('Connection', 'close');
			const response: Response = await PouchDB.fetch(input, { ...init, headers: merged, agent });
			if (traffic) traffic.requests += 1;
			return response;
		}
	});
}
