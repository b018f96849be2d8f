import { LIMITS } from '../domain/limits.js';
import type { DocRecord, DocumentStore } from '../storage/port.js';
import type { OpenDb } from './databases.js';
import { leavesOf, renderDoc } from './revisions.js';

export interface ChangesQuery {
	since: number | 'now';
	limit: number;
	allDocs: boolean;
	includeDocs: boolean;
	conflicts: boolean;
	docIds?: Set<string>;
}

export interface ChangesPage {
	results: Record<string, unknown>[];
	last_seq: number;
	pending: number;
}

/** The per-database change feed: dense sequence numbers, one row per document at its last write. */
export class ChangesFeed {
	constructor(private readonly store: DocumentStore) {}

	async resolveSince(db: OpenDb, since: number | 'now'): Promise<number> {
		return since === 'now' ? (await this.store.info(db.dbId)).updateSeq : since;
	}

	async page(db: OpenDb, since: number, query: ChangesQuery): Promise<ChangesPage> {
		const limit = Math.min(query.limit, LIMITS.changesLimit);
		const results: Record<string, unknown>[] = [];
		let cursor = since;
		// With a doc_ids filter, keep reading until the page is full or the feed ends.
		for (let round = 0; round < 100; round++) {
			const records = await this.store.changes(db.dbId, cursor, limit);
			for (const record of records) {
				cursor = record.seq;
				if (query.docIds && !query.docIds.has(record.id)) continue;
				results.push(await this.row(db, record, query));
				if (results.length >= limit) break;
			}
			if (records.length < limit || results.length >= limit || !query.docIds) break;
		}
		return { results, last_seq: cursor, pending: 0 };
	}

	private async row(db: OpenDb, record: DocRecord, query: ChangesQuery): Promise<Record<string, unknown>> {
		const revs = query.allDocs ? leavesOf(record) : [record.winningRev];
		const row: Record<string, unknown> = {
			seq: record.seq,
			id: record.id,
			changes: revs.map((rev) => ({ rev }))
		};
		if (record.deleted) row.deleted = true;
		if (query.includeDocs) {
			const body = (await this.store.getRevs(db.dbId, record.id, [record.winningRev])).get(record.winningRev);
			row.doc = body ? renderDoc(record, record.winningRev, body, { conflicts: query.conflicts }) : null;
		}
		return row;
	}

	waitForChange(db: OpenDb, since: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
		return this.store.waitForChange(db.dbId, since, timeoutMs, signal);
	}
}
