import type { RevTree } from 'pouchdb-merge';

/**
 * The one storage port of the sync-server. Two adapters implement it with the same behaviour:
 * SQLite (embedded default, one process) and PostgreSQL (production, many processes).
 * Every method is async so that both adapters fit; nothing a caller needs may live only in one process.
 */
export interface Storage {
	/** Which adapter this is, for logs and /healthz (never a connection string). */
	readonly kind: 'sqlite' | 'postgres';
	/** Documents, revisions, attachments and change feeds of every replication database. */
	readonly documents: DocumentStore;
	/** Applies pending versioned migrations; safe to call on every start and from many processes. */
	migrate(): Promise<void>;
	/** A stable id for this installation (CouchDB's `uuid` in `GET /`), created by the first migration. */
	serverUuid(): Promise<string>;
	/** Cheap round trip used by /healthz. */
	ping(): Promise<void>;
	close(): Promise<void>;
}

/** A versioned schema step, never edited once released; add a new one instead (ranges: see sqlite/migrations.ts). */
export interface Migration {
	version: number;
	name: string;
	sql: string;
}

/** What the store keeps per document: its revision tree and the facts derived from it. */
export interface DocRecord {
	id: string;
	revTree: RevTree;
	winningRev: string;
	deleted: boolean;
	/** This database's change sequence of the document's last write. */
	seq: number;
	/** True once the server wrote a server-only record type into this document. */
	serverOwned: boolean;
}

/** One stored revision body: the document's fields without `_id`/`_rev`, attachments as stubs with digests. */
export type RevBody = Record<string, unknown>;

export interface DocWrite {
	id: string;
	revTree: RevTree;
	winningRev: string;
	deleted: boolean;
	serverOwned: boolean;
	/** New revision bodies to keep (existing ones are left as they are). */
	revs: { rev: string; body: RevBody }[];
}

export interface AttachmentBlob {
	digest: string;
	data: Buffer;
}

/** The writes one transaction makes, decided from the documents' current state by a pure planner. */
export interface WritePlan {
	docs: DocWrite[];
	attachments: AttachmentBlob[];
}

export interface AllDocsRange {
	startkey?: string;
	endkey?: string;
	inclusiveEnd: boolean;
	descending: boolean;
	limit: number;
	skip: number;
}

export interface DatabaseInfo {
	docCount: number;
	docDelCount: number;
	updateSeq: number;
}

export interface LocalDoc {
	rev: string;
	body: Record<string, unknown>;
}

/**
 * Replication databases. `dbId` is an internal number; traveller databases are keyed by the opaque
 * user id, never by anything personal. Every read and write is scoped to one `dbId`.
 */
export interface DocumentStore {
	/** The traveller's virtual database, created on first use. */
	userDatabase(ownerUserId: string): Promise<number>;
	namedDatabase(name: string): Promise<number | null>;
	/** False when it already exists. */
	createNamedDatabase(name: string): Promise<boolean>;
	/** Removes the database with all its documents; false when it did not exist. */
	deleteNamedDatabase(name: string): Promise<boolean>;
	/**
	 * Erases a traveller's virtual database: every document, revision and checkpoint, and every attachment
	 * body no other database still refers to (the passport photo must not outlive the account).
	 */
	deleteUserDatabase(ownerUserId: string): Promise<boolean>;
	listNamedDatabases(): Promise<string[]>;
	info(dbId: number): Promise<DatabaseInfo>;

	getDocs(dbId: number, ids: string[]): Promise<Map<string, DocRecord>>;
	/** Bodies of the given revisions of one document (missing ones are absent from the map). */
	getRevs(dbId: number, docId: string, revs: string[]): Promise<Map<string, RevBody>>;
	/** Bodies of many `(document, revision)` pairs in one go; keyed `${id}\u0000${rev}`. */
	getRevBodies(dbId: number, refs: { id: string; rev: string }[]): Promise<Map<string, RevBody>>;
	/** Every stored revision body of one document (used to resolve attachment stubs). */
	getAllRevs(dbId: number, docId: string): Promise<Map<string, RevBody>>;
	/** Documents whose last write is after `since`, in sequence order. */
	changes(dbId: number, since: number, limit: number): Promise<DocRecord[]>;
	/** Documents by id in raw (code point) order, deleted ones excluded. */
	allDocs(dbId: number, range: AllDocsRange): Promise<DocRecord[]>;
	getAttachment(digest: string): Promise<Buffer | null>;

	/**
	 * One transaction: locks the database, reads the current state of `ids`, asks `plan` what to write,
	 * writes it with fresh dense sequence numbers, and commits durably before resolving.
	 */
	write<T>(
		dbId: number,
		ids: string[],
		plan: (current: Map<string, DocRecord>) => WritePlan & { result: T }
	): Promise<T>;

	getLocal(dbId: number, id: string): Promise<LocalDoc | null>;
	/** Compare-and-set on the local doc's revision; returns the new revision or null on conflict. */
	putLocal(
		dbId: number,
		id: string,
		expectedRev: string | null,
		body: Record<string, unknown>
	): Promise<string | null>;
	deleteLocal(dbId: number, id: string, expectedRev: string | null): Promise<boolean>;

	/** Resolves when the database's sequence passes `since`, or after `timeoutMs`, or when `signal` aborts. */
	waitForChange(dbId: number, since: number, timeoutMs: number, signal: AbortSignal): Promise<void>;
}
