import { badRequest, CouchError, conflict, notFound } from '../domain/couch-error.js';
import { LIMITS, validateDocId, validateRev } from '../domain/limits.js';
import type { DocumentStore, RevBody } from '../storage/port.js';
import { storeAttachment } from './attachments.js';
import type { OpenDb } from './databases.js';
import { registrationRefusals } from './registration-checks.js';
import { errorResult, planWrites, prepareDoc, type PreparedDoc, type WriteResult } from './write-planner.js';

/** A document a write accepted (new, or a revision the store already had), as committed listeners see it. */
export interface CommittedDoc {
	id: string;
	type: unknown;
	deleted: boolean;
	body: Record<string, unknown>;
}

/** Called after the transaction commits; must not throw (receipts use it to issue after a registration). */
export type CommitListener = (db: OpenDb, docs: CommittedDoc[]) => void;

/** Every write path (bulk, single document, attachment) ends in one `_bulk_docs`-shaped transaction. */
export class DocumentWrites {
	private readonly listeners: CommitListener[] = [];

	constructor(private readonly store: DocumentStore) {}

	onCommitted(listener: CommitListener): void {
		this.listeners.push(listener);
	}

	async bulkDocs(db: OpenDb, docs: unknown, newEdits: boolean): Promise<WriteResult[]> {
		if (!Array.isArray(docs)) throw badRequest('docs must be an array.');
		if (docs.length > LIMITS.docsPerBatch) {
			throw new CouchError(413, 'too_large', `At most ${LIMITS.docsPerBatch} documents per request.`);
		}
		const results: (WriteResult | undefined)[] = new Array(docs.length);
		let prepared: PreparedDoc[] = [];
		const stubOwners = new Set<string>();
		for (const doc of docs) {
			const d = doc as { _id?: unknown; _attachments?: Record<string, { stub?: unknown }> };
			if (typeof d?._id === 'string' && d._attachments && typeof d._attachments === 'object') {
				if (Object.values(d._attachments).some((a) => a && a.stub)) stubOwners.add(d._id);
			}
		}
		const priorRevs = new Map<string, Map<string, RevBody>>();
		for (const id of stubOwners) priorRevs.set(id, await this.store.getAllRevs(db.dbId, id));
		docs.forEach((doc, index) => {
			try {
				prepared.push(prepareDoc(doc, index, newEdits, (id) => priorRevs.get(id) ?? new Map()));
			} catch (error) {
				results[index] = errorResult((doc as { _id?: unknown })?._id, error);
			}
		});
		if (db.writer === 'traveller') {
			// Sent pre-registrations and their files are checked again here, whatever the app did.
			const refusals = await registrationRefusals(this.store, db.dbId, prepared, db.mayRegister);
			for (const [index, error] of refusals)
				results[index] = errorResult(prepared.find((d) => d.index === index)?.id, error);
			prepared = prepared.filter((doc) => !refusals.has(doc.index));
		}
		const ids = prepared.map((doc) => doc.id);
		const planned = await this.store.write(db.dbId, ids, (current) =>
			planWrites(prepared, current, newEdits, db.writer)
		);
		for (const [index, result] of planned) results[index] = result;
		this.notifyCommitted(db, prepared, results);
		return results.map(
			(result, index) =>
				result ?? errorResult((docs[index] as { _id?: unknown })?._id, badRequest('Invalid document.'))
		);
	}

	private notifyCommitted(db: OpenDb, prepared: PreparedDoc[], results: (WriteResult | undefined)[]): void {
		if (this.listeners.length === 0) return;
		const docs = prepared
			.filter((doc) => results[doc.index] && 'ok' in results[doc.index]!)
			.map((doc) => ({
				id: doc.id,
				type: doc.type,
				deleted: Boolean(doc.parsed.metadata.deleted),
				body: { ...(doc.parsed.data as Record<string, unknown>), _id: doc.id }
			}));
		if (docs.length === 0) return;
		for (const listener of this.listeners) {
			try {
				listener(db, docs);
			} catch {
				// The write has committed; a listener's failure must not turn it into an error response.
			}
		}
	}

	/** One document write (PUT, POST, DELETE): the per-document error becomes the response. */
	async writeOne(
		db: OpenDb,
		doc: Record<string, unknown>,
		newEdits = true
	): Promise<{ ok: true; id: string; rev: string }> {
		const [result] = await this.bulkDocs(db, [doc], newEdits);
		if (!result || !('ok' in result)) throw toError(result);
		return result;
	}

	async putAttachment(
		db: OpenDb,
		docId: string,
		name: string,
		rev: string | undefined,
		data: Buffer,
		contentType: string
	): Promise<{ ok: true; id: string; rev: string }> {
		validateDocId(docId);
		validateAttachmentName(name);
		const base = await this.currentBody(db, docId, rev, true);
		const pos = rev ? Number(rev.split('-')[0]) + 1 : 1;
		const blobs: Parameters<typeof storeAttachment>[3] = [];
		const stub = storeAttachment(data, contentType, pos, blobs);
		// Upload the bytes inline so the normal write path stores them by digest.
		const attachments = { ...((base._attachments as Record<string, unknown>) ?? {}) };
		attachments[name] = { content_type: stub.content_type, data: data.toString('base64') };
		return this.writeOne(db, {
			...base,
			_id: docId,
			...(rev ? { _rev: rev } : {}),
			_attachments: attachments
		});
	}

	async deleteAttachment(
		db: OpenDb,
		docId: string,
		name: string,
		rev: string | undefined
	): Promise<{ ok: true; id: string; rev: string }> {
		if (!rev) throw conflict();
		const base = await this.currentBody(db, docId, rev, false);
		const attachments = { ...((base._attachments as Record<string, unknown>) ?? {}) };
		if (!(name in attachments)) throw notFound('Document is missing attachment');
		delete attachments[name];
		return this.writeOne(db, { ...base, _id: docId, _rev: rev, _attachments: attachments });
	}

	/** The body of revision `rev` with its attachments as stubs, for attachment edits. */
	private async currentBody(
		db: OpenDb,
		docId: string,
		rev: string | undefined,
		mayCreate: boolean
	): Promise<RevBody> {
		if (rev === undefined) {
			const existing = (await this.store.getDocs(db.dbId, [docId])).get(docId);
			if (existing && !existing.deleted) throw conflict();
			if (!mayCreate) throw notFound();
			return {};
		}
		validateRev(rev);
		const body = (await this.store.getRevs(db.dbId, docId, [rev])).get(rev);
		if (!body) throw conflict();
		const copy = { ...body };
		delete copy._deleted;
		return copy;
	}
}

function validateAttachmentName(name: string): void {
	// eslint-disable-next-line no-control-regex
	if (name.length === 0 || name.length > 255 || name.startsWith('_') || /[\u0000-\u001f]/.test(name)) {
		throw badRequest('Invalid attachment name.');
	}
}

function toError(result: WriteResult | undefined): CouchError {
	if (!result || 'ok' in result) return badRequest('Invalid document.');
	const status: Record<string, number> = {
		conflict: 409,
		forbidden: 403,
		unauthorized: 401,
		not_found: 404,
		missing_stub: 412,
		attachment_too_large: 413
	};
	return new CouchError(status[result.error] ?? 400, result.error, result.reason);
}
