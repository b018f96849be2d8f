/**
 * The one storage port of the sync-server. Two adapters implement it with the same behaviour:
 * SQLite (embedded default, one process) and PostgreSQL (production, many processes).
 * Every method is async so that both adapters fit; nothing a caller needs may live only in one process.
 */
export interface Storage {
	/** Which adapter this is, for logs and /healthz (never a connection string). */
	readonly kind: 'sqlite' | 'postgres';
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
