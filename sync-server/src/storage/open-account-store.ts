import type { AccountStore } from '../accounts/account-store.js';
import type { Config } from '../config.js';
import type { Storage } from './port.js';
import { PgAccountStore } from './postgres/pg-accounts.js';
import type { PostgresStorage } from './postgres/postgres-storage.js';
import { SqliteAccountStore } from './sqlite/sqlite-accounts.js';
import type { SqliteStorage } from './sqlite/sqlite-storage.js';

export interface OpenedAccountStore {
	store: AccountStore;
	close(): Promise<void>;
}

/**
 * The account store beside the document storage, on the same connection: the same SQLite file, or the same
 * PostgreSQL pool (and schema). Closing the storage closes it too.
 */
export async function openAccountStore(_config: Config, storage: Storage): Promise<OpenedAccountStore> {
	const store =
		storage.kind === 'sqlite'
			? new SqliteAccountStore((storage as SqliteStorage).db)
			: new PgAccountStore((storage as PostgresStorage).pool);
	await store.migrate();
	return { store, close: async () => {} };
}
