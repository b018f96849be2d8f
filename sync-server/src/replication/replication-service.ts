import type { Storage } from '../storage/port.js';
import { ChangesFeed } from './changes-feed.js';
import { Databases } from './databases.js';
import { DocumentReads } from './document-reads.js';
import { DocumentWrites } from './document-writes.js';
import { LocalDocs } from './local-docs.js';
import { ServerDocuments } from './server-documents.js';

/** All replication services over one store, built once per app. */
export interface ReplicationServices {
	databases: Databases;
	reads: DocumentReads;
	writes: DocumentWrites;
	changes: ChangesFeed;
	local: LocalDocs;
	/** The server-internal API for later features (receipts, entries, officer review). */
	documents: ServerDocuments;
	serverUuid(): Promise<string>;
}

export function replicationServices(storage: Storage): ReplicationServices {
	const store = storage.documents;
	const databases = new Databases(store);
	const reads = new DocumentReads(store);
	const writes = new DocumentWrites(store);
	return {
		databases,
		reads,
		writes,
		changes: new ChangesFeed(store),
		local: new LocalDocs(store),
		documents: new ServerDocuments(databases, reads, writes),
		serverUuid: () => storage.serverUuid()
	};
}
