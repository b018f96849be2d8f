import { createRequire } from 'node:module';

// Loaded untyped on purpose: @types/pouchdb-core pulls the DOM library into the server's type check.
const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb-core');
const adapterHttp = require('pouchdb-adapter-http');
const adapterMemory = require('pouchdb-adapter-memory');
const replication = require('pouchdb-replication');

/** Unmodified PouchDB 9 for Node: in-memory local databases, HTTP remotes, the replicator. */
PouchDB.plugin(adapterMemory).plugin(adapterHttp).plugin(replication);

export { PouchDB };

let counter = 0;
/** A fresh in-memory local database. */
export function localDb(): PouchDB.Database {
	counter += 1;
	return new PouchDB(`local-${process.pid}-${Date.now()}-${counter}`, { adapter: 'memory' });
}

/** A remote database whose every request carries the given headers (test principal or basic auth). */
export function remoteDb(url: string, headers: Record<string, string>): PouchDB.Database {
	return new PouchDB(url, {
		skip_setup: true,
		fetch: (input: string | Request, init?: RequestInit) => {
			const merged = new Headers(init?.headers);
			for (const [name, value] of Object.entries(headers)) merged.set(name, value);
			return PouchDB.fetch(input, { ...init, headers: merged });
		}
	} as PouchDB.Configuration.RemoteDatabaseConfiguration);
}
