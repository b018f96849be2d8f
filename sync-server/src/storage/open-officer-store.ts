import type { OfficerStore } from '../officers/officer-store.js';
import type { Storage } from './port.js';
import { PgOfficerStore } from './postgres/pg-officers.js';
import type { PostgresStorage } from './postgres/postgres-storage.js';
import { SqliteOfficerStore } from './sqlite/sqlite-officers.js';
import type { SqliteStorage } from './sqlite/sqlite-storage.js';

/**
 * The officer store beside the document storage, on the same connection (its tables join `docs` to find
 * a registration's owner). Call after the accounts store migrated: officer tables reference accounts.
 */
export async function openOfficerStore(storage: Storage): Promise<OfficerStore> {
	const store =
		storage.kind === 'sqlite'
			? new SqliteOfficerStore((storage as SqliteStorage).db)
			: new PgOfficerStore((storage as PostgresStorage).pool);
	await store.migrate();
	return store;
}
