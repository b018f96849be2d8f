import { revExists } from 'pouchdb-merge';
import { badRequest, notFound } from '../domain/couch-error.js';
import { isValidRev, LIMITS, validateRev } from '../domain/limits.js';
import type { DocRecord, DocumentStore } from '../storage/port.js';
import type { AttachmentStub } from './attachments.js';
import type { OpenDb } from './databases.js';
import { latestOf, leavesOf, renderDoc, type RenderOptions } from './revisions.js';

export interface ReadOptions extends RenderOptions {
	attachments?: boolean;
	latest?: boolean;
}

type Json = Record<string, unknown>;

/** Reads, always scoped to one database: nothing outside `db.dbId` is reachable from here. */
export class DocumentReads {
	constructor(private readonly store: DocumentStore) {}

	private async record(db: OpenDb, id: string): Promise<DocRecord | undefined> {
		return (await this.store.getDocs(db.dbId, [id])).get(id);
	}

	/** One revision as JSON, or null when that revision's body is not stored. */
	private async revision(
		db: OpenDb,
		record: DocRecord,
		rev: string,
		options: ReadOptions
	): Promise<Json | null> {
		const body = (await this.store.getRevs(db.dbId, record.id, [rev])).get(rev);
		if (!body) return null;
		const doc = renderDoc(record, rev, body, options);
		if (options.attachments && doc._attachments)
			doc._attachments = await this.inline(doc._attachments as Json);
		return doc;
	}

	private async inline(attachments: Json): Promise<Json> {
		const out: Json = {};
		for (const [name, raw] of Object.entries(attachments)) {
			const stub = raw as AttachmentStub;
			const data = await this.store.getAttachment(stub.digest);
			const { stub: _stub, ...rest } = stub;
			out[name] = { ...rest, data: data ? data.toString('base64') : '' };
		}
		return out;
	}

	async getDoc(db: OpenDb, id: string, rev: string | undefined, options: ReadOptions): Promise<Json> {
		const record = await this.record(db, id);
		if (!record) throw notFound('missing');
		if (rev === undefined && record.deleted) throw notFound('deleted');
		const wanted = rev === undefined ? record.winningRev : validateRev(rev);
		const doc = await this.revision(db, record, options.latest ? latestOf(record, wanted) : wanted, options);
		if (!doc) throw notFound('missing');
		return doc;
	}

	/** `GET /{db}/{id}?open_revs=...`: one `{ok}` or `{missing}` per asked revision. */
	async openRevs(db: OpenDb, id: string, revs: string[] | 'all', options: ReadOptions): Promise<Json[]> {
		const record = await this.record(db, id);
		if (!record) {
			if (revs === 'all') return [];
			return revs.map((rev) => ({ missing: rev }));
		}
		const wanted = revs === 'all' ? leavesOf(record) : revs.map((rev) => validateRev(rev));
		const out: Json[] = [];
		const seen = new Set<string>();
		for (const asked of wanted) {
			const rev = options.latest ? latestOf(record, asked) : asked;
			if (seen.has(rev)) continue;
			seen.add(rev);
			const doc = revExists(record.revTree, rev) ? await this.revision(db, record, rev, options) : null;
			out.push(doc ? { ok: doc } : { missing: asked });
		}
		return out;
	}

	async bulkGet(db: OpenDb, requests: unknown, options: ReadOptions): Promise<{ results: Json[] }> {
		if (!Array.isArray(requests)) throw badRequest('docs must be an array.');
		if (requests.length > LIMITS.docsPerBatch)
			throw badRequest(`At most ${LIMITS.docsPerBatch} documents per request.`);
		const results: Json[] = [];
		type Wanted = { id?: string; rev?: string; error?: string; reason?: string };
		const wanted: Wanted[] = requests.map((request) => {
			const r = request as { id?: unknown; rev?: unknown };
			const id = typeof r?.id === 'string' ? r.id : undefined;
			const rev = typeof r?.rev === 'string' ? r.rev : undefined;
			if (!id) return { id, rev, error: 'bad_request', reason: 'id must be a string' };
			if (r.rev !== undefined && !isValidRev(rev))
				return { id, rev, error: 'bad_request', reason: 'Invalid rev format' };
			return { id, rev };
		});
		// One read for all the documents and one for all the bodies: no round trip per document.
		const records = await this.store.getDocs(
			db.dbId,
			wanted.flatMap((w) => (w.id && !w.error ? [w.id] : []))
		);
		const targets = wanted.map((w) => {
			const record = w.id && !w.error ? records.get(w.id) : undefined;
			if (!record) return null;
			const target =
				w.rev === undefined ? record.winningRev : options.latest ? latestOf(record, w.rev) : w.rev;
			return revExists(record.revTree, target) ? { record, rev: target } : null;
		});
		const bodies = await this.store.getRevBodies(
			db.dbId,
			targets.flatMap((t) => (t ? [{ id: t.record.id, rev: t.rev }] : []))
		);
		for (const [index, w] of wanted.entries()) {
			const failure = (error: string, reason: string) => ({
				id: w.id,
				docs: [{ error: { id: w.id, rev: w.rev, error, reason } }]
			});
			if (w.error) {
				results.push(failure(w.error, w.reason!));
				continue;
			}
			const target = targets[index];
			const body = target && bodies.get(`${target.record.id}\u0000${target.rev}`);
			if (!target || !body) {
				results.push(failure('not_found', 'missing'));
				continue;
			}
			const doc = renderDoc(target.record, target.rev, body, options);
			if (options.attachments && doc._attachments)
				doc._attachments = await this.inline(doc._attachments as Json);
			results.push({ id: w.id, docs: [{ ok: doc }] });
		}
		return { results };
	}

	async revsDiff(db: OpenDb, input: unknown): Promise<Json> {
		if (input === null || typeof input !== 'object' || Array.isArray(input))
			throw badRequest('Request body must be a JSON object.');
		const entries = Object.entries(input as Record<string, unknown>);
		if (entries.length > LIMITS.docsPerBatch)
			throw badRequest(`At most ${LIMITS.docsPerBatch} documents per request.`);
		for (const [, revs] of entries) {
			if (!Array.isArray(revs) || !revs.every(isValidRev)) throw badRequest('Invalid rev format');
		}
		const records = await this.store.getDocs(
			db.dbId,
			entries.map(([id]) => id)
		);
		const out: Json = {};
		for (const [id, revs] of entries as [string, string[]][]) {
			const record = records.get(id);
			const missing = revs.filter((rev) => !record || !revExists(record.revTree, rev));
			if (missing.length > 0) out[id] = { missing: [...new Set(missing)] };
		}
		return out;
	}

	async allDocs(db: OpenDb, query: AllDocsQuery): Promise<Json> {
		const info = await this.store.info(db.dbId);
		const rows: Json[] = [];
		const render = async (record: DocRecord): Promise<Json> => {
			const row: Json = { id: record.id, key: record.id, value: { rev: record.winningRev } };
			if (record.deleted) {
				(row.value as Json).deleted = true;
				if (query.includeDocs) row.doc = null;
			} else if (query.includeDocs) {
				row.doc = await this.revision(db, record, record.winningRev, {
					conflicts: query.conflicts,
					attachments: query.attachments
				});
			}
			return row;
		};
		if (query.keys) {
			const records = await this.store.getDocs(db.dbId, query.keys);
			const keys = query.descending ? [...query.keys].reverse() : query.keys;
			for (const key of keys.slice(query.skip, query.skip + query.limit)) {
				const record = records.get(key);
				rows.push(record ? await render(record) : { key, error: 'not_found' });
			}
		} else {
			const records = await this.store.allDocs(db.dbId, query);
			for (const record of records) rows.push(await render(record));
		}
		const out: Json = { total_rows: info.docCount, offset: query.skip, rows };
		if (query.updateSeq) out.update_seq = info.updateSeq;
		return out;
	}

	async attachment(
		db: OpenDb,
		id: string,
		name: string,
		rev: string | undefined
	): Promise<{ data: Buffer; stub: AttachmentStub }> {
		const doc = await this.getDoc(db, id, rev, {});
		const stub = (doc._attachments as Record<string, AttachmentStub> | undefined)?.[name];
		if (!stub) throw notFound('Document is missing attachment');
		const data = await this.store.getAttachment(stub.digest);
		if (!data) throw notFound('Document is missing attachment');
		return { data, stub };
	}
}

export interface AllDocsQuery {
	keys?: string[];
	startkey?: string;
	endkey?: string;
	inclusiveEnd: boolean;
	descending: boolean;
	limit: number;
	skip: number;
	includeDocs: boolean;
	conflicts: boolean;
	attachments: boolean;
	updateSeq: boolean;
}
