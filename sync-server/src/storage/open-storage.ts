import type { Config } from '../config.js';
import type { Storage } from './port.js';
import { PostgresStorage } from './postgres/postgres-storage.js';
import { SqliteStorage } from './sqlite/sqlite-storage.js';

/** Picks the adapter from configuration: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */
export async function openStorage(config: Config): Promise<Storage> {
	if (config.databaseUrl) return PostgresStorage.open(config.databaseUrl);
	return SqliteStorage.inDataDir(config.dataDir);
}
