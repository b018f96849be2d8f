import { createHash } from 'node:crypto';
import { PostgresStorage } from '../../../sync-server/src/storage/postgres/postgres-storage.js';
import type { DocWrite, Storage } from '../../../sync-server/src/storage/port.js';
import { SqliteStorage } from '../../../sync-server/src/storage/sqlite/sqlite-storage.js';

/**
 * Fills the store with `users × perUser` records of other travellers directly through the storage
 * port, in large transactions, so `_changes` of one traveller can be timed against a big store.
 */
export async function loadOtherUsers(
	target: { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string; schema: string },
	users: number,
	perUser: number
): Promise<{ records: number; ms: number }> {
	const storage: Storage =
		target.kind === 'sqlite'
			? SqliteStorage.inDataDir(target.dataDir)
			: await PostgresStorage.open(target.url, { schema: target.schema });
	await storage.migrate();
	const start = performance.now();
	const body = { type: 'note', note: 'z'.repeat(200) };
	for (let u = 0; u < users; u++) {
		const dbId = await storage.documents.userDatabase(`other-${u}`);
		const docs: DocWrite[] = [];
		for (let d = 0; d < perUser; d++) {
			const hash = createHash('md5').update(`${u}/${d}`).digest('hex');
			docs.push({
				id: `rec-${d}`,
				revTree: [{ pos: 1, ids: [hash, { status: 'available' }, []] }],
				winningRev: `1-${hash}`,
				deleted: false,
				serverOwned: false,
				revs: [{ rev: `1-${hash}`, body }]
			});
		}
		await storage.documents.write(dbId, [], () => ({ docs, attachments: [], result: null }));
	}
	const ms = performance.now() - start;
	await storage.close();
	return { records: users * perUser, ms: Math.round(ms) };
}
