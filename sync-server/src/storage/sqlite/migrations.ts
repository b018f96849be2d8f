import type { Migration } from '../port.js';

/**
 * SQLite schema history, applied in version order. Append only: a released migration is never changed.
 * Each feature owns a range so features can add steps independently: core 1–99, documents and
 * replication 100–199, accounts 200–299, registrations and receipts 300–399, officers 400–499.
 */
export const sqliteMigrations: Migration[] = [
	{
		version: 1,
		name: 'server identity',
		sql: `
			CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
			INSERT INTO server_meta (key, value) VALUES ('uuid', lower(hex(randomblob(16))));
		`
	}
];
