import type { Databases } from './databases.js';
import type { DocumentReads } from './document-reads.js';
import type { DocumentWrites } from './document-writes.js';

/** A record as the traveller's export holds it: the document, its attachments as bytes beside it. */
export interface OwnedRecord {
	doc: Record<string, unknown>;
	files: { name: string; contentType: string; data: Buffer }[];
}

function toOwnedRecord(doc: Record<string, unknown>): OwnedRecord {
	const inline = (doc._attachments ?? {}) as Record<string, { content_type?: string; data?: string }>;
	const files = Object.entries(inline).map(([name, attachment]) => ({
		name,
		contentType: attachment.content_type ?? 'application/octet-stream',
		data: Buffer.from(attachment.data ?? '', 'base64')
	}));
	const { _attachments: _inline, ...rest } = doc;
	return { doc: rest, files };
}

/**
 * What the server itself does in a traveller's virtual database: write records only it may write
 * (receipts, entry authorizations) and read a traveller's records by owner (officer review).
 * Never reachable from HTTP directly.
 */
export class ServerDocuments {
	constructor(
		private readonly databases: Databases,
		private readonly reads: DocumentReads,
		private readonly writes: DocumentWrites
	) {}

	/** Writes (creates or updates, with `_rev`) one document as the server; it replicates to the traveller. */
	async writeAsServer(
		ownerUserId: string,
		doc: Record<string, unknown>
	): Promise<{ id: string; rev: string }> {
		const db = await this.databases.forOwner(ownerUserId);
		const { id, rev } = await this.writes.writeOne(db, doc);
		return { id, rev };
	}

	async getByOwner(ownerUserId: string, id: string): Promise<Record<string, unknown> | null> {
		const db = await this.databases.forOwner(ownerUserId);
		try {
			return await this.reads.getDoc(db, id, undefined, {});
		} catch {
			return null;
		}
	}

	/**
	 * Every live record of one traveller with the bytes of its attachments, for "download my data".
	 * Pages through the whole database (a page holds at most `pageSize` records, with their files).
	 */
	async exportByOwner(ownerUserId: string, pageSize = 100): Promise<OwnedRecord[]> {
		const db = await this.databases.forOwner(ownerUserId);
		const out: OwnedRecord[] = [];
		let startkey: string | undefined;
		for (;;) {
			const page = await this.reads.allDocs(db, {
				startkey,
				inclusiveEnd: true,
				descending: false,
				limit: pageSize,
				skip: startkey === undefined ? 0 : 1,
				includeDocs: true,
				conflicts: false,
				attachments: true,
				updateSeq: false
			});
			const rows = page.rows as { id: string; doc?: Record<string, unknown> | null }[];
			for (const row of rows) if (row.doc) out.push(toOwnedRecord(row.doc));
			if (rows.length < pageSize) return out;
			startkey = rows[rows.length - 1]!.id;
		}
	}

	/** Every live document of one traveller (winning revisions), in id order. */
	async listByOwner(ownerUserId: string, limit = 10_000): Promise<Record<string, unknown>[]> {
		const db = await this.databases.forOwner(ownerUserId);
		const page = await this.reads.allDocs(db, {
			inclusiveEnd: true,
			descending: false,
			limit,
			skip: 0,
			includeDocs: true,
			conflicts: false,
			attachments: false,
			updateSeq: false
		});
		return (page.rows as { doc?: Record<string, unknown> }[]).flatMap((row) => (row.doc ? [row.doc] : []));
	}
}
