import type { Databases } from './databases.js';
import type { DocumentReads } from './document-reads.js';
import type { DocumentWrites } from './document-writes.js';

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
