import type { Config } from '../config.js';
import type { Storage } from './port.js';
import { SqliteStorage } from './sqlite/sqlite-storage.js';

/** Picks the adapter from configuration: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */
export async function openStorage(config: Config): Promise<Storage> {
	if (config.databaseUrl) {
		throw new Error(
			'PostgreSQL storage is not available in this build yet; unset DATABASE_URL to use SQLite'
		);
	}
	return SqliteStorage.inDataDir(config.dataDir);
}
