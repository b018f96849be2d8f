import type { Migration } from '../port.js';

/** SQLite schema history. Append only: a released migration is never changed. */
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
