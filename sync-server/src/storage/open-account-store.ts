import pg from 'pg';
import type { AccountStore } from '../accounts/account-store.js';
import type { Config } from '../config.js';
import type { Storage } from './port.js';
import { PgAccountStore } from './postgres/pg-accounts.js';
import { SqliteAccountStore } from './sqlite/sqlite-accounts.js';
import type { SqliteStorage } from './sqlite/sqlite-storage.js';

export interface OpenedAccountStore {
	store: AccountStore;
	close(): Promise<void>;
}

/** The account store beside the document storage: the same SQLite file, or the same PostgreSQL database. */
export async function openAccountStore(config: Config, storage: Storage): Promise<OpenedAccountStore> {
	if (storage.kind === 'sqlite') {
		const store = new SqliteAccountStore((storage as SqliteStorage).db);
		await store.migrate();
		return { store, close: async () => {} };
	}
	const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
	const store = new PgAccountStore(pool);
	await store.migrate();
	return { store, close: () => pool.end() };
}
