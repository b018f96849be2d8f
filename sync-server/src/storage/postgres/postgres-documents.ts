import pg from 'pg';
import { ChangeWaiter } from '../change-waiter.js';
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

/** Every process LISTENs here; each committed write NOTIFYs its database id. */
export const CHANGES_CHANNEL = 'arribo_db_changes';

const DOC_COLUMNS = 'doc_id, seq, rev_tree, winning_rev, deleted, server_owned';

type Row = Record<string, unknown>;

function toRecord(row: Row): DocRecord {
	return {
		id: row.doc_id as string,
		seq: Number(row.seq),
		revTree: JSON.parse(row.rev_tree as string),
		winningRev: row.winning_rev as string,
		deleted: row.deleted as boolean,
		serverOwned: row.server_owned as boolean
	};
}

/** At most this many traveller database ids are remembered (a cleared map is simply refilled). */
const OWNER_CACHE_SIZE = 100_000;

/**
 * Replication databases in PostgreSQL; writes serialise per database on its row lock.
 *
 * Each process remembers which database id belongs to which traveller: that pairing never changes while
 * the account exists, and ids come from a sequence, so a remembered id can only ever name that
 * traveller's database or one that was deleted (a write then finds it gone, and the id is forgotten).
 */
export class PostgresDocuments implements DocumentStore {
	private readonly waiter: ChangeWaiter;
	private listener: pg.Client | null = null;
	private stopped = false;
	private readonly ownerDbIds = new Map<string, number>();

	/**
	 * @param checkpoints connections with `synchronous_commit = off`, for replication checkpoints
	 *   (`_local` documents), which are safe to lose and so need not wait for the WAL flush.
	 */
	constructor(
		private readonly pool: pg.Pool,
		private readonly listenerConfig: () => pg.ClientConfig,
		private readonly checkpoints: pg.Pool = pool
	) {
		this.waiter = new ChangeWaiter((dbId) => this.updateSeq(dbId));
	}

	async startListening(): Promise<void> {
		const client = new pg.Client(this.listenerConfig());
		client.on('notification', (message) => {
			const dbId = Number(message.payload);
			if (Number.isInteger(dbId)) this.waiter.notify(dbId);
		});
		client.on('error', () => {
			// Reconnect; waiters fall back on their timeouts meanwhile and re-check on wake-up.
			this.listener = null;
			client.end().catch(() => {});
			if (!this.stopped) setTimeout(() => void this.startListening().catch(() => {}), 1000).unref();
		});
		await client.connect();
		await client.query(`LISTEN ${CHANGES_CHANNEL}`);
		this.listener = client;
	}

	async stopListening(): Promise<void> {
		this.stopped = true;
		await this.listener?.end().catch(() => {});
		this.listener = null;
	}

	async userDatabase(ownerUserId: string): Promise<number> {
		const cached = this.ownerDbIds.get(ownerUserId);
		if (cached !== undefined) return cached;
		const find = () => this.pool.query('SELECT id FROM databases WHERE owner_user_id = $1', [ownerUserId]);
		let found = await find();
		if (!found.rowCount) {
			await this.pool.query('INSERT INTO databases (owner_user_id) VALUES ($1) ON CONFLICT DO NOTHING', [
				ownerUserId
			]);
			found = await find();
		}
		const id = found.rows[0].id as string;
		if (this.ownerDbIds.size >= OWNER_CACHE_SIZE) this.ownerDbIds.clear();
		this.ownerDbIds.set(ownerUserId, Number(id));
		return Number(id);
	}

	private forgetDatabase(dbId: number): void {
		for (const [owner, id] of this.ownerDbIds) if (id === dbId) this.ownerDbIds.delete(owner);
	}

	async namedDatabase(name: string): Promise<number | null> {
		const result = await this.pool.query('SELECT id FROM databases WHERE name = $1', [name]);
		return result.rowCount ? Number(result.rows[0].id) : null;
	}

	async createNamedDatabase(name: string): Promise<boolean> {
		const result = await this.pool.query('INSERT INTO databases (name) VALUES ($1) ON CONFLICT DO NOTHING', [
			name
		]);
		return result.rowCount === 1;
	}

	async deleteNamedDatabase(name: string): Promise<boolean> {
		const result = await this.pool.query('DELETE FROM databases WHERE name = $1', [name]);
		return result.rowCount === 1;
	}

	async deleteUserDatabase(ownerUserId: string): Promise<boolean> {
		this.ownerDbIds.delete(ownerUserId);
		const client = await this.pool.connect();
		try {
			await client.query('BEGIN');
			const found = await client.query('SELECT id FROM databases WHERE owner_user_id = $1 FOR UPDATE', [
				ownerUserId
			]);
			const id = found.rows[0]?.id as string | undefined;
			if (id === undefined) {
				await client.query('ROLLBACK');
				return false;
			}
			const revs = await client.query('SELECT body FROM revs WHERE db_id = $1', [id]);
			const digests = attachmentDigests(revs.rows as { body: string }[]);
			await client.query('DELETE FROM databases WHERE id = $1', [id]);
			// Bodies are shared by digest across databases: drop only those nobody else still refers to.
			for (const digest of digests) {
				await client.query(
					'DELETE FROM attachments WHERE digest = $1 AND NOT EXISTS (SELECT 1 FROM revs WHERE position($1 in body) > 0)',
					[digest]
				);
			}
			await client.query('COMMIT');
			return true;
		} catch (error) {
			await client.query('ROLLBACK').catch(() => {});
			throw error;
		} finally {
			client.release();
		}
	}

	async listNamedDatabases(): Promise<string[]> {
		const result = await this.pool.query('SELECT name FROM databases WHERE name IS NOT NULL ORDER BY name');
		return result.rows.map((row) => row.name as string);
	}

	async info(dbId: number): Promise<DatabaseInfo> {
		const result = await this.pool.query(
			`SELECT d.update_seq,
				(SELECT count(*) FROM docs WHERE db_id = d.id AND NOT deleted) AS live,
				(SELECT count(*) FROM docs WHERE db_id = d.id AND deleted) AS gone
			 FROM databases d WHERE d.id = $1`,
			[dbId]
		);
		const row = result.rows[0] ?? { update_seq: 0, live: 0, gone: 0 };
		return { docCount: Number(row.live), docDelCount: Number(row.gone), updateSeq: Number(row.update_seq) };
	}

	async getDocs(dbId: number, ids: string[]): Promise<Map<string, DocRecord>> {
		return this.getDocsWith(this.pool, dbId, ids);
	}

	private async getDocsWith(
		client: pg.Pool | pg.PoolClient,
		dbId: number,
		ids: string[]
	): Promise<Map<string, DocRecord>> {
		const found = new Map<string, DocRecord>();
		if (ids.length === 0) return found;
		const result = await client.query(
			`SELECT ${DOC_COLUMNS} FROM docs WHERE db_id = $1 AND doc_id = ANY($2::text[])`,
			[dbId, [...new Set(ids)]]
		);
		for (const row of result.rows) found.set(row.doc_id, toRecord(row));
		return found;
	}

	async getRevs(dbId: number, docId: string, revs: string[]): Promise<Map<string, RevBody>> {
		const result = await this.pool.query(
			'SELECT rev, body FROM revs WHERE db_id = $1 AND doc_id = $2 AND rev = ANY($3::text[])',
			[dbId, docId, [...new Set(revs)]]
		);
		return new Map(result.rows.map((row) => [row.rev as string, JSON.parse(row.body)]));
	}

	async getRevBodies(dbId: number, refs: { id: string; rev: string }[]): Promise<Map<string, RevBody>> {
		if (refs.length === 0) return new Map();
		const result = await this.pool.query(
			`SELECT r.doc_id, r.rev, r.body FROM revs r
			 JOIN unnest($2::text[], $3::text[]) AS wanted (doc_id, rev) ON r.doc_id = wanted.doc_id AND r.rev = wanted.rev
			 WHERE r.db_id = $1`,
			[dbId, refs.map((ref) => ref.id), refs.map((ref) => ref.rev)]
		);
		return new Map(result.rows.map((row) => [`${row.doc_id}\u0000${row.rev}`, JSON.parse(row.body)]));
	}

	private async updateSeq(dbId: number): Promise<number> {
		const result = await this.pool.query('SELECT update_seq FROM databases WHERE id = $1', [dbId]);
		return result.rowCount ? Number(result.rows[0].update_seq) : 0;
	}

	async getAllRevs(dbId: number, docId: string): Promise<Map<string, RevBody>> {
		const result = await this.pool.query('SELECT rev, body FROM revs WHERE db_id = $1 AND doc_id = $2', [
			dbId,
			docId
		]);
		return new Map(result.rows.map((row) => [row.rev as string, JSON.parse(row.body)]));
	}

	async changes(dbId: number, since: number, limit: number): Promise<DocRecord[]> {
		const result = await this.pool.query(
			`SELECT ${DOC_COLUMNS} FROM docs WHERE db_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
			[dbId, since, limit]
		);
		return result.rows.map(toRecord);
	}

	async allDocs(dbId: number, range: AllDocsRange): Promise<DocRecord[]> {
		const where = ['db_id = $1', 'NOT deleted'];
		const params: unknown[] = [dbId];
		const [low, high] = range.descending ? [range.endkey, range.startkey] : [range.startkey, range.endkey];
		const lowInclusive = range.descending ? range.inclusiveEnd : true;
		const highInclusive = range.descending ? true : range.inclusiveEnd;
		if (low !== undefined) {
			params.push(low);
			where.push(`doc_id ${lowInclusive ? '>=' : '>'} $${params.length}`);
		}
		if (high !== undefined) {
			params.push(high);
			where.push(`doc_id ${highInclusive ? '<=' : '<'} $${params.length}`);
		}
		params.push(range.limit, range.skip);
		const result = await this.pool.query(
			`SELECT ${DOC_COLUMNS} FROM docs WHERE ${where.join(' AND ')} ORDER BY doc_id ${range.descending ? 'DESC' : 'ASC'}
			 LIMIT $${params.length - 1} OFFSET $${params.length}`,
			params
		);
		return result.rows.map(toRecord);
	}

	async getAttachment(digest: string): Promise<Buffer | null> {
		const result = await this.pool.query('SELECT data FROM attachments WHERE digest = $1', [digest]);
		return result.rowCount ? (result.rows[0].data as Buffer) : null;
	}

	private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
		const client = await this.pool.connect();
		try {
			await client.query('BEGIN');
			const result = await work(client);
			await client.query('COMMIT');
			return result;
		} catch (error) {
			await client.query('ROLLBACK').catch(() => {});
			throw error;
		} finally {
			client.release();
		}
	}

	/**
	 * Five round trips: BEGIN; lock the database row; read the documents' state; one statement for every
	 * row the plan writes, the new sequence and the NOTIFY; COMMIT (which waits for the WAL flush: the
	 * write is durable when we answer).
	 *
	 * The lock and the read must stay two statements: under READ COMMITTED a statement reads from the
	 * snapshot taken when it started, so a read joined to the `FOR UPDATE` that waited for another writer
	 * would still see the documents as they were before that writer committed, and two writers of the
	 * same new document would both believe it absent (the receipts' five-issuer race test catches this).
	 */
	async write<T>(
		dbId: number,
		ids: string[],
		plan: (current: Map<string, DocRecord>) => WritePlan & { result: T }
	): Promise<T> {
		return this.transaction(async (client) => {
			const locked = await client.query('SELECT update_seq FROM databases WHERE id = $1 FOR UPDATE', [dbId]);
			if (!locked.rowCount) {
				this.forgetDatabase(dbId);
				throw new Error('database vanished');
			}
			let seq = Number(locked.rows[0].update_seq);
			const decided = plan(await this.getDocsWith(client, dbId, ids));
			if (decided.attachments.length > 0) {
				const unique = new Map(decided.attachments.map((blob) => [blob.digest, blob.data]));
				const digests = [...unique.keys()].sort();
				await client.query(
					'INSERT INTO attachments (digest, data) SELECT * FROM unnest($1::text[], $2::bytea[]) ON CONFLICT DO NOTHING',
					[digests, digests.map((digest) => unique.get(digest))]
				);
			}
			if (decided.docs.length === 0) return decided.result;
			const docIds: string[] = [];
			const seqs: number[] = [];
			const trees: string[] = [];
			const winners: string[] = [];
			const deleted: boolean[] = [];
			const owned: boolean[] = [];
			const revDocs: string[] = [];
			const revIds: string[] = [];
			const bodies: string[] = [];
			for (const doc of decided.docs) {
				seq += 1;
				docIds.push(doc.id);
				seqs.push(seq);
				trees.push(JSON.stringify(doc.revTree));
				winners.push(doc.winningRev);
				deleted.push(doc.deleted);
				owned.push(doc.serverOwned);
				for (const rev of doc.revs) {
					revDocs.push(doc.id);
					revIds.push(rev.rev);
					bodies.push(JSON.stringify(rev.body));
				}
			}
			// The NOTIFY is delivered to every listening process when (and only if) the transaction commits.
			await client.query(
				`WITH put_docs AS (
					INSERT INTO docs (db_id, doc_id, seq, rev_tree, winning_rev, deleted, server_owned)
					SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::boolean[], $7::boolean[])
					ON CONFLICT (db_id, doc_id) DO UPDATE SET seq = excluded.seq, rev_tree = excluded.rev_tree,
					winning_rev = excluded.winning_rev, deleted = excluded.deleted, server_owned = excluded.server_owned
				 ), put_revs AS (
					INSERT INTO revs (db_id, doc_id, rev, body) SELECT $1, * FROM unnest($8::text[], $9::text[], $10::text[])
					ON CONFLICT DO NOTHING
				 ), put_seq AS (
					UPDATE databases SET update_seq = $11 WHERE id = $1
				 )
				 SELECT pg_notify($12, $13)`,
				[
					dbId,
					docIds,
					seqs,
					trees,
					winners,
					deleted,
					owned,
					revDocs,
					revIds,
					bodies,
					seq,
					CHANGES_CHANNEL,
					String(dbId)
				]
			);
			return decided.result;
		});
	}

	async getLocal(dbId: number, id: string): Promise<LocalDoc | null> {
		const result = await this.pool.query(
			'SELECT rev, body FROM local_docs WHERE db_id = $1 AND doc_id = $2',
			[dbId, id]
		);
		if (!result.rowCount) return null;
		return { rev: `0-${result.rows[0].rev}`, body: JSON.parse(result.rows[0].body) };
	}

	/** Compare-and-set in one statement; row locking orders concurrent writers of the same checkpoint. */
	async putLocal(
		dbId: number,
		id: string,
		expectedRev: string | null,
		body: Record<string, unknown>
	): Promise<string | null> {
		const text = JSON.stringify(body);
		if (expectedRev === null) {
			const created = await this.checkpoints.query(
				`INSERT INTO local_docs (db_id, doc_id, rev, body) VALUES ($1, $2, 1, $3)
				 ON CONFLICT (db_id, doc_id) DO NOTHING RETURNING rev`,
				[dbId, id, text]
			);
			return created.rowCount ? '0-1' : null;
		}
		const expected = /^0-(\d{1,9})$/.exec(expectedRev);
		if (!expected) return null;
		const updated = await this.checkpoints.query(
			`UPDATE local_docs SET rev = rev + 1, body = $3 WHERE db_id = $1 AND doc_id = $2 AND rev = $4
			 RETURNING rev`,
			[dbId, id, text, Number(expected[1])]
		);
		return updated.rowCount ? `0-${updated.rows[0].rev}` : null;
	}

	async deleteLocal(dbId: number, id: string, expectedRev: string | null): Promise<boolean> {
		const result = await this.pool.query(
			"DELETE FROM local_docs WHERE db_id = $1 AND doc_id = $2 AND '0-' || rev = $3",
			[dbId, id, expectedRev]
		);
		return result.rowCount === 1;
	}

	waitForChange(dbId: number, since: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
		return this.waiter.wait(dbId, since, timeoutMs, signal);
	}
}
