import type Database from 'better-sqlite3';
import { ChangeWaiter } from '../change-waiter.js';
import { GroupCommit } from './group-commit.js';
import { statementCache } from './statement-cache.js';
import type {
	AllDocsRange,
	DatabaseInfo,
	DocRecord,
	DocumentStore,
	LocalDoc,
	RevBody,
	WritePlan
} from '../port.js';
import { attachmentDigests } from '../attachment-digests.js';

interface DocRow {
	doc_id: string;
	seq: number;
	rev_tree: string;
	winning_rev: string;
	deleted: number;
	server_owned: number;
}

const DOC_COLUMNS = 'doc_id, seq, rev_tree, winning_rev, deleted, server_owned';

function toRecord(row: DocRow): DocRecord {
	return {
		id: row.doc_id,
		seq: row.seq,
		revTree: JSON.parse(row.rev_tree),
		winningRev: row.winning_rev,
		deleted: row.deleted === 1,
		serverOwned: row.server_owned === 1
	};
}

/** Ids per `IN (...)` list; lists are padded with NULLs (which match nothing) to a power of two, so a
 * handful of statement texts covers every batch size and each is compiled only once. */
const MAX_IN = 512;

function bucket(n: number): number {
	let size = 1;
	while (size < n) size *= 2;
	return size;
}

function placeholders(count: number, one: string): string {
	return new Array<string>(count).fill(one).join(', ');
}

function padded<T>(values: T[], size: number): (T | null)[] {
	return values.length === size ? values : [...values, ...new Array<null>(size - values.length).fill(null)];
}

/** At most this many traveller database ids are remembered (a cleared map is simply refilled). */
const OWNER_CACHE_SIZE = 100_000;

/**
 * Replication databases in SQLite. better-sqlite3 is synchronous, so each write is one atomic step.
 * One server process owns the file (long-poll wake-ups are in-process too), which is what lets it keep
 * prepared statements and the owner → database id map in memory; every path that removes a database
 * goes through this class and forgets the id.
 */
export class SqliteDocuments implements DocumentStore {
	private readonly waiter: ChangeWaiter;
	private readonly commits: GroupCommit;
	/** A prepared statement, compiled once per SQL text. */
	private readonly sql: (text: string) => Database.Statement;
	private readonly ownerDbIds = new Map<string, number>();

	constructor(private readonly db: Database.Database) {
		this.sql = statementCache(db);
		this.waiter = new ChangeWaiter(async (dbId) => this.updateSeq(dbId));
		this.commits = new GroupCommit(db);
	}

	private updateSeq(dbId: number): number {
		const row = this.sql('SELECT update_seq FROM databases WHERE id = ?').get(dbId) as
			{ update_seq: number } | undefined;
		return row?.update_seq ?? 0;
	}

	async userDatabase(ownerUserId: string): Promise<number> {
		const cached = this.ownerDbIds.get(ownerUserId);
		if (cached !== undefined) return cached;
		const find = this.sql('SELECT id FROM databases WHERE owner_user_id = ?');
		let row = find.get(ownerUserId) as { id: number } | undefined;
		if (!row) {
			this.sql('INSERT INTO databases (owner_user_id, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING').run(
				ownerUserId,
				new Date().toISOString()
			);
			row = find.get(ownerUserId) as { id: number };
		}
		if (this.ownerDbIds.size >= OWNER_CACHE_SIZE) this.ownerDbIds.clear();
		this.ownerDbIds.set(ownerUserId, row.id);
		return row.id;
	}

	async namedDatabase(name: string): Promise<number | null> {
		const row = this.sql('SELECT id FROM databases WHERE name = ?').get(name) as { id: number } | undefined;
		return row?.id ?? null;
	}

	async createNamedDatabase(name: string): Promise<boolean> {
		const result = this.db
			.prepare('INSERT INTO databases (name, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING')
			.run(name, new Date().toISOString());
		return result.changes === 1;
	}

	async deleteNamedDatabase(name: string): Promise<boolean> {
		return this.db.prepare('DELETE FROM databases WHERE name = ?').run(name).changes === 1;
	}

	async deleteUserDatabase(ownerUserId: string): Promise<boolean> {
		this.ownerDbIds.delete(ownerUserId);
		return this.db.transaction(() => {
			const row = this.db.prepare('SELECT id FROM databases WHERE owner_user_id = ?').get(ownerUserId) as
				{ id: number } | undefined;
			if (!row) return false;
			const digests = attachmentDigests(
				this.db.prepare('SELECT body FROM revs WHERE db_id = ?').all(row.id) as { body: string }[]
			);
			this.db.prepare('DELETE FROM databases WHERE id = ?').run(row.id);
			// Bodies are shared by digest across databases: drop only those nobody else still refers to.
			const stillUsed = this.db.prepare('SELECT 1 FROM revs WHERE instr(body, ?) > 0 LIMIT 1');
			const drop = this.db.prepare('DELETE FROM attachments WHERE digest = ?');
			for (const digest of digests) if (!stillUsed.get(digest)) drop.run(digest);
			return true;
		})();
	}

	async listNamedDatabases(): Promise<string[]> {
		return (
			this.db.prepare('SELECT name FROM databases WHERE name IS NOT NULL ORDER BY name').all() as {
				name: string;
			}[]
		).map((row) => row.name);
	}

	async info(dbId: number): Promise<DatabaseInfo> {
		const counts = this.sql(
			'SELECT sum(deleted = 0) AS live, sum(deleted = 1) AS gone FROM docs WHERE db_id = ?'
		).get(dbId) as { live: number | null; gone: number | null };
		return { docCount: counts.live ?? 0, docDelCount: counts.gone ?? 0, updateSeq: this.updateSeq(dbId) };
	}

	async getDocs(dbId: number, ids: string[]): Promise<Map<string, DocRecord>> {
		return this.getDocsSync(dbId, ids);
	}

	/** Documents by id, in chunks of at most 512 ids per statement. */
	private getDocsSync(dbId: number, ids: string[]): Map<string, DocRecord> {
		const found = new Map<string, DocRecord>();
		const unique = [...new Set(ids)];
		for (let i = 0; i < unique.length; i += MAX_IN) {
			const chunk = unique.slice(i, i + MAX_IN);
			const size = bucket(chunk.length);
			const rows = this.sql(
				`SELECT ${DOC_COLUMNS} FROM docs WHERE db_id = ? AND doc_id IN (${placeholders(size, '?')})`
			).all(dbId, ...padded(chunk, size)) as DocRow[];
			for (const row of rows) found.set(row.doc_id, toRecord(row));
		}
		return found;
	}

	async getRevs(dbId: number, docId: string, revs: string[]): Promise<Map<string, RevBody>> {
		const found = new Map<string, RevBody>();
		const unique = [...new Set(revs)];
		for (let i = 0; i < unique.length; i += MAX_IN) {
			const chunk = unique.slice(i, i + MAX_IN);
			const size = bucket(chunk.length);
			const rows = this.sql(
				`SELECT rev, body FROM revs WHERE db_id = ? AND doc_id = ? AND rev IN (${placeholders(size, '?')})`
			).all(dbId, docId, ...padded(chunk, size)) as { rev: string; body: string }[];
			for (const row of rows) found.set(row.rev, JSON.parse(row.body));
		}
		return found;
	}

	async getRevBodies(dbId: number, refs: { id: string; rev: string }[]): Promise<Map<string, RevBody>> {
		const found = new Map<string, RevBody>();
		for (let i = 0; i < refs.length; i += MAX_IN) {
			const chunk = refs.slice(i, i + MAX_IN);
			const size = bucket(chunk.length);
			const rows = this.sql(
				`SELECT doc_id, rev, body FROM revs WHERE db_id = ? AND (doc_id, rev) IN (VALUES ${placeholders(size, '(?, ?)')})`
			).all(dbId, ...padded(chunk, size).flatMap((ref) => (ref ? [ref.id, ref.rev] : [null, null]))) as {
				doc_id: string;
				rev: string;
				body: string;
			}[];
			for (const row of rows) found.set(`${row.doc_id}\u0000${row.rev}`, JSON.parse(row.body));
		}
		return found;
	}

	async getAllRevs(dbId: number, docId: string): Promise<Map<string, RevBody>> {
		const rows = this.sql('SELECT rev, body FROM revs WHERE db_id = ? AND doc_id = ?').all(dbId, docId) as {
			rev: string;
			body: string;
		}[];
		return new Map(rows.map((row) => [row.rev, JSON.parse(row.body)]));
	}

	async changes(dbId: number, since: number, limit: number): Promise<DocRecord[]> {
		const rows = this.sql(
			`SELECT ${DOC_COLUMNS} FROM docs WHERE db_id = ? AND seq > ? ORDER BY seq LIMIT ?`
		).all(dbId, since, limit) as DocRow[];
		return rows.map(toRecord);
	}

	async allDocs(dbId: number, range: AllDocsRange): Promise<DocRecord[]> {
		const where = ['db_id = ?', 'deleted = 0'];
		const params: unknown[] = [dbId];
		const [low, high] = range.descending ? [range.endkey, range.startkey] : [range.startkey, range.endkey];
		const lowInclusive = range.descending ? range.inclusiveEnd : true;
		const highInclusive = range.descending ? true : range.inclusiveEnd;
		if (low !== undefined) {
			where.push(lowInclusive ? 'doc_id >= ?' : 'doc_id > ?');
			params.push(low);
		}
		if (high !== undefined) {
			where.push(highInclusive ? 'doc_id <= ?' : 'doc_id < ?');
			params.push(high);
		}
		const rows = this.sql(
			`SELECT ${DOC_COLUMNS} FROM docs WHERE ${where.join(' AND ')} ORDER BY doc_id ${range.descending ? 'DESC' : 'ASC'} LIMIT ? OFFSET ?`
		).all(...params, range.limit, range.skip) as DocRow[];
		return rows.map(toRecord);
	}

	async getAttachment(digest: string): Promise<Buffer | null> {
		const row = this.sql('SELECT data FROM attachments WHERE digest = ?').get(digest) as
			{ data: Buffer } | undefined;
		return row?.data ?? null;
	}

	async write<T>(
		dbId: number,
		ids: string[],
		plan: (current: Map<string, DocRecord>) => WritePlan & { result: T }
	): Promise<T> {
		let wrote = false;
		const run = () => {
			const decided = plan(this.getDocsSync(dbId, ids));
			const putAttachment = this.sql(
				'INSERT INTO attachments (digest, data) VALUES (?, ?) ON CONFLICT DO NOTHING'
			);
			for (const blob of decided.attachments) putAttachment.run(blob.digest, blob.data);
			let seq = this.updateSeq(dbId);
			const putDoc = this.sql(
				`INSERT INTO docs (db_id, doc_id, seq, rev_tree, winning_rev, deleted, server_owned) VALUES (?, ?, ?, ?, ?, ?, ?)
				 ON CONFLICT (db_id, doc_id) DO UPDATE SET seq = excluded.seq, rev_tree = excluded.rev_tree,
				 winning_rev = excluded.winning_rev, deleted = excluded.deleted, server_owned = excluded.server_owned`
			);
			const putRev = this.sql(
				'INSERT INTO revs (db_id, doc_id, rev, body) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'
			);
			for (const doc of decided.docs) {
				seq += 1;
				putDoc.run(
					dbId,
					doc.id,
					seq,
					JSON.stringify(doc.revTree),
					doc.winningRev,
					doc.deleted ? 1 : 0,
					doc.serverOwned ? 1 : 0
				);
				for (const rev of doc.revs) putRev.run(dbId, doc.id, rev.rev, JSON.stringify(rev.body));
			}
			if (decided.docs.length > 0) {
				this.sql('UPDATE databases SET update_seq = ? WHERE id = ?').run(seq, dbId);
				wrote = true;
			}
			return decided.result;
		};
		const result = await this.commits.run(run);
		if (wrote) this.waiter.notify(dbId);
		return result;
	}

	async getLocal(dbId: number, id: string): Promise<LocalDoc | null> {
		const row = this.sql('SELECT rev, body FROM local_docs WHERE db_id = ? AND doc_id = ?').get(dbId, id) as
			{ rev: number; body: string } | undefined;
		return row ? { rev: `0-${row.rev}`, body: JSON.parse(row.body) } : null;
	}

	async putLocal(
		dbId: number,
		id: string,
		expectedRev: string | null,
		body: Record<string, unknown>
	): Promise<string | null> {
		const text = JSON.stringify(body);
		return this.commits.run(() => {
			const row = this.sql('SELECT rev FROM local_docs WHERE db_id = ? AND doc_id = ?').get(dbId, id) as
				{ rev: number } | undefined;
			const current = row ? `0-${row.rev}` : null;
			if (current !== expectedRev) return null;
			const next = (row?.rev ?? 0) + 1;
			this.sql(
				`INSERT INTO local_docs (db_id, doc_id, rev, body) VALUES (?, ?, ?, ?)
				 ON CONFLICT (db_id, doc_id) DO UPDATE SET rev = excluded.rev, body = excluded.body`
			).run(dbId, id, next, text);
			return `0-${next}`;
		}, false);
	}

	async deleteLocal(dbId: number, id: string, expectedRev: string | null): Promise<boolean> {
		return this.commits.run(() => {
			const row = this.sql('SELECT rev FROM local_docs WHERE db_id = ? AND doc_id = ?').get(dbId, id) as
				{ rev: number } | undefined;
			if (!row || `0-${row.rev}` !== expectedRev) return false;
			this.sql('DELETE FROM local_docs WHERE db_id = ? AND doc_id = ?').run(dbId, id);
			return true;
		}, false);
	}

	/** Releases what this store holds besides the connection (the WAL descriptor). */
	close(): void {
		this.commits.close();
	}

	waitForChange(dbId: number, since: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
		return this.waiter.wait(dbId, since, timeoutMs, signal);
	}
}
