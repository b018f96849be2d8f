import { createRequire } from 'node:module';

// Loaded untyped on purpose: @types/pouchdb-core pulls the DOM library into the server's type check.
const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb-core');
const adapterHttp = require('pouchdb-adapter-http');
const adapterMemory = require('pouchdb-adapter-memory');
const replication = require('pouchdb-replication');

PouchDB.plugin(adapterMemory).plugin(adapterHttp).plugin(replication);
export { PouchDB };

/** Requests and bytes a client put on the wire (bodies only; headers are small and alike). */
export class Traffic {
	requests = 0;
	bytesSent = 0;
	bytesReceived = 0;
	reset(): void {
		this.requests = 0;
		this.bytesSent = 0;
		this.bytesReceived = 0;
	}
}

let counter = 0;
export function localDb(): PouchDB.Database {
	counter += 1;
	return new PouchDB(`bench-${process.pid}-${counter}`, { adapter: 'memory' });
}

export function remoteDb(url: string, headers: Record<string, string>, traffic?: Traffic): PouchDB.Database {
	return new PouchDB(url, {
		skip_setup: true,
		fetch: async (input: string | Request, init?: RequestInit) => {
			const merged = new Headers(init?.headers);
			for (const [name, value] of Object.entries(headers)) merged.set(name, value);
			const response: Response = await PouchDB.fetch(input, { ...init, headers: merged });
			if (traffic) {
				traffic.requests += 1;
				const body = init?.body;
				traffic.bytesSent +=
					typeof body === 'string' ? Buffer.byteLength(body) : body instanceof Uint8Array ? body.length : 0;
				traffic.bytesReceived += Number(response.headers.get('content-length') ?? 0);
			}
			return response;
		}
	});
}
