import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DocumentStore, Migration, Storage } from '../port.js';
import { sqliteMigrations } from './migrations.js';
import { SqliteDocuments } from './sqlite-documents.js';

export class SqliteStorage implements Storage {
	readonly kind = 'sqlite' as const;
	readonly db: Database.Database;
	readonly documents: DocumentStore;
	private readonly sqliteDocuments: SqliteDocuments;

	constructor(
		file: string,
		private readonly migrations: Migration[] = sqliteMigrations
	) {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		this.db = new Database(file);
		// WAL lets readers run beside the single writer; synchronous=FULL makes every acknowledged
		// commit survive a power cut or kill -9, which is the promise we make to travellers.
		this.db.pragma('journal_mode = WAL');
		this.db.pragma('synchronous = FULL');
		this.db.pragma('foreign_keys = ON');
		this.db.pragma('busy_timeout = 5000');
		this.sqliteDocuments = new SqliteDocuments(this.db);
		this.documents = this.sqliteDocuments;
	}

	static inDataDir(dataDir: string): SqliteStorage {
		return new SqliteStorage(path.join(dataDir, 'arribo.sqlite'));
	}

	async migrate(): Promise<void> {
		this.db.exec(
			'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)'
		);
		const applied = new Set(
			this.db
				.prepare('SELECT version FROM schema_migrations')
				.all()
				.map((row) => (row as { version: number }).version)
		);
		const record = this.db.prepare(
			'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)'
		);
		for (const migration of this.migrations) {
			if (applied.has(migration.version)) continue;
			// Each step commits whole or not at all, so a crash mid-migration leaves the previous version.
			this.db.transaction(() => {
				this.db.exec(migration.sql);
				record.run(migration.version, migration.name, new Date().toISOString());
			})();
		}
	}

	async appliedVersions(): Promise<number[]> {
		return this.db
			.prepare('SELECT version FROM schema_migrations ORDER BY version')
			.all()
			.map((row) => (row as { version: number }).version);
	}

	async serverUuid(): Promise<string> {
		const row = this.db.prepare("SELECT value FROM server_meta WHERE key = 'uuid'").get() as
			{ value: string } | undefined;
		if (!row) throw new Error('storage is not migrated');
		return row.value;
	}

	async ping(): Promise<void> {
		this.db.prepare('SELECT 1').get();
	}

	async close(): Promise<void> {
		this.sqliteDocuments.close();
		if (this.db.open) this.db.close();
	}
}
