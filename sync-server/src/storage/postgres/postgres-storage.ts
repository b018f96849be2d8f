import pg from 'pg';
import type { DocumentStore, Migration, Storage } from '../port.js';
import { postgresMigrations } from './migrations.js';
import { PostgresDocuments } from './postgres-documents.js';

/** The advisory lock every migrator of this database takes (shared with the accounts migrations). */
export const MIGRATION_LOCK = 727200;

export interface PostgresOptions {
	/** Work in this schema (tests give each file its own); created if missing. */
	schema?: string;
	dropSchemaOnClose?: boolean;
	poolSize?: number;
}

/** PostgreSQL storage: any number of sync-server processes may share one database. */
export class PostgresStorage implements Storage {
	readonly kind = 'postgres' as const;
	readonly documents: DocumentStore;
	private readonly docs: PostgresDocuments;

	private constructor(
		readonly pool: pg.Pool,
		private readonly checkpointPool: pg.Pool,
		private readonly connectionString: string,
		private readonly options: PostgresOptions,
		private readonly migrations: Migration[]
	) {
		this.docs = new PostgresDocuments(pool, () => this.listenerConfig(), checkpointPool);
		this.documents = this.docs;
	}

	static async open(
		connectionString: string,
		options: PostgresOptions = {},
		migrations: Migration[] = postgresMigrations
	): Promise<PostgresStorage> {
		if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
			throw new Error('schema must be a plain lower-case identifier');
		}
		if (options.schema) {
			const admin = new pg.Client({ connectionString });
			await admin.connect();
			try {
				await admin.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
			} finally {
				await admin.end();
			}
		}
		const searchPath = options.schema ? `-c search_path=${options.schema}` : '';
		const pool = new pg.Pool({
			connectionString,
			max: options.poolSize ?? 10,
			...(searchPath ? { options: searchPath } : {})
		});
		// Replication checkpoints only: they are safe to lose, so their commits skip the WAL flush wait.
		const checkpointPool = new pg.Pool({
			connectionString,
			max: Math.max(2, Math.ceil((options.poolSize ?? 10) / 4)),
			options: `${searchPath} -c synchronous_commit=off`.trim()
		});
		// An idle client that loses its connection must not crash the process; the pool replaces it.
		pool.on('error', () => {});
		checkpointPool.on('error', () => {});
		const storage = new PostgresStorage(pool, checkpointPool, connectionString, options, migrations);
		await storage.docs.startListening();
		return storage;
	}

	private listenerConfig(): pg.ClientConfig {
		return { connectionString: this.connectionString };
	}

	async migrate(): Promise<void> {
		const client = await this.pool.connect();
		try {
			// Many processes may start at once: one migrates, the others wait and then find nothing to do.
			await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
			await client.query(
				'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)'
			);
			const applied = new Set(
				(await client.query('SELECT version FROM schema_migrations')).rows.map((row) => Number(row.version))
			);
			for (const migration of this.migrations) {
				if (applied.has(migration.version)) continue;
				// Each step commits whole or not at all, as in SQLite.
				await client.query('BEGIN');
				try {
					await client.query(migration.sql);
					await client.query(
						'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
						[migration.version, migration.name, new Date().toISOString()]
					);
					await client.query('COMMIT');
				} catch (error) {
					await client.query('ROLLBACK');
					throw error;
				}
			}
		} finally {
			await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
			client.release();
		}
	}

	async appliedVersions(): Promise<number[]> {
		const result = await this.pool.query('SELECT version FROM schema_migrations ORDER BY version');
		return result.rows.map((row) => Number(row.version));
	}

	async serverUuid(): Promise<string> {
		const result = await this.pool.query("SELECT value FROM server_meta WHERE key = 'uuid'");
		if (result.rowCount === 0) throw new Error('storage is not migrated');
		return result.rows[0].value as string;
	}

	async ping(): Promise<void> {
		await this.pool.query('SELECT 1');
	}

	async close(): Promise<void> {
		await this.docs.stopListening();
		if (this.options.dropSchemaOnClose && this.options.schema) {
			await this.pool.query(`DROP SCHEMA IF EXISTS ${this.options.schema} CASCADE`).catch(() => {});
		}
		await this.pool.end();
		await this.checkpointPool.end();
	}
}
