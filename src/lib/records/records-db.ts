/// <reference types="pouchdb-core" />

export type RecordsDb = PouchDB.Database;

/** Loaded on first use, so the home page does not pay for PouchDB (~45 KB gzip). */
async function pouchDb(): Promise<PouchDB.Static> {
	return (await import('pouchdb-browser')).default;
}

/**
 * One local database per account on this device, named by a random account id (never the e-mail: database
 * names are visible to anyone who inspects the browser's storage). Replicates with the server's
 * per-traveller virtual database.
 */
export async function openRecordsDb(accountId: string): Promise<RecordsDb> {
	if (!/^[A-Za-z0-9_-]{8,64}$/.test(accountId)) throw new Error('account ids are random tokens');
	const Pouch = await pouchDb();
	// No auto-compaction: merging a conflict needs the body of the revision both devices edited from
	// (src/lib/records/conflicts.ts). Only small editable records ever get a second revision; files
	// and sent registrations are written once, so this keeps a few kilobytes, not photos.
	return new Pouch(`arribo-records-${accountId}`, { auto_compaction: false });
}

/** The traveller's virtual database on the sync-server, same origin, authenticated by the session cookie. */
export async function openRemoteDb(origin: string): Promise<RecordsDb> {
	const Pouch = await pouchDb();
	return new Pouch(new URL('/db/me', origin).href, {
		skip_setup: true,
		fetch: (url: string | Request, options?: RequestInit) =>
			fetch(url, { ...options, credentials: 'same-origin' })
	});
}
