import { parseDoc, type ParsedDoc } from 'pouchdb-adapter-utils';
import { merge, revExists } from 'pouchdb-merge';
import { isServerOnlyType, travellerWriteRefusal } from '../domain/access-policy.js';
import { CouchError, badRequest, conflict, forbidden } from '../domain/couch-error.js';
import { REGISTRATION_PREFIX } from '../domain/registration-rules.js';
import { isValidRev, validateDocId } from '../domain/limits.js';
import type { AttachmentBlob, DocRecord, DocWrite, RevBody, WritePlan } from '../storage/port.js';
import { normalizeAttachments } from './attachments.js';
import { winnerOf } from './revisions.js';

/** Who writes: travellers are held to the access policy, the server and admins are not. */
export type Writer = 'traveller' | 'admin' | 'server';

export type WriteResult =
	{ ok: true; id: string; rev: string } | { id: string | undefined; error: string; reason: string };

const REV_LIMIT = 1000;

/** A document checked and parsed before the transaction; attachments already decoded to stubs. */
export interface PreparedDoc {
	index: number;
	id: string;
	parsed: ParsedDoc;
	type: unknown;
	blobs: AttachmentBlob[];
}

function asCouchError(error: unknown): CouchError {
	if (error instanceof CouchError) return error;
	const e = error as { status?: number; name?: string; message?: string };
	if (typeof e?.status === 'number' && e.status < 500)
		return new CouchError(e.status, e.name ?? 'bad_request', e.message ?? 'Bad request');
	return badRequest('Invalid document.');
}

export function errorResult(id: unknown, error: unknown): WriteResult {
	const couch = asCouchError(error);
	return { id: typeof id === 'string' ? id : undefined, error: couch.error, reason: couch.reason };
}

/** Validates and parses one input document (outside the transaction). Throws a CouchError for bad input. */
export function prepareDoc(
	input: unknown,
	index: number,
	newEdits: boolean,
	priorRevs: (id: string) => Map<string, RevBody>
): PreparedDoc {
	if (input === null || typeof input !== 'object' || Array.isArray(input))
		throw badRequest('Document must be a JSON object.');
	const doc = { ...(input as Record<string, unknown>) };
	if (doc._id !== undefined) validateDocId(doc._id);
	else if (!newEdits) throw badRequest('Document must have an _id when new_edits is false.');
	if (doc._rev !== undefined && !isValidRev(doc._rev)) throw badRequest('Invalid rev format');
	if (!newEdits && doc._rev === undefined && doc._revisions === undefined)
		throw badRequest('Document must have a _rev when new_edits is false.');
	if (doc._revisions !== undefined) validateRevisions(doc._revisions);
	const attachments = doc._attachments;
	delete doc._attachments;
	let parsed: ParsedDoc;
	try {
		parsed = parseDoc(doc, newEdits);
	} catch (error) {
		throw asCouchError(error);
	}
	if (parsed.error) throw asCouchError(parsed);
	const id = parsed.metadata.id;
	const blobs: AttachmentBlob[] = [];
	if (attachments !== undefined && !parsed.metadata.deleted) {
		const revpos = Number(parsed.metadata.rev.split('-')[0]);
		parsed.data._attachments = normalizeAttachments(attachments, revpos, priorRevs(id), blobs);
	}
	return { index, id, parsed, type: doc.type, blobs };
}

function validateRevisions(value: unknown): void {
	const r = value as { start?: unknown; ids?: unknown };
	if (
		!r ||
		typeof r !== 'object' ||
		!Number.isInteger(r.start) ||
		(r.start as number) < 1 ||
		!Array.isArray(r.ids) ||
		r.ids.length === 0 ||
		r.ids.length > REV_LIMIT ||
		!r.ids.every((id) => typeof id === 'string' && /^[0-9a-zA-Z]{1,64}$/.test(id)) ||
		(r.start as number) - r.ids.length < 0
	) {
		throw badRequest('Invalid _revisions.');
	}
}

/**
 * Decides, inside the transaction, what each prepared document does to the current state.
 * Mirrors PouchDB's own adapters (pouchdb-adapter-utils updateDoc) on top of pouchdb-merge.
 */
export function planWrites(
	prepared: PreparedDoc[],
	current: Map<string, DocRecord>,
	newEdits: boolean,
	writer: Writer
): WritePlan & { result: Map<number, WriteResult> } {
	const writes = new Map<string, DocWrite>();
	const state = new Map(current);
	const results = new Map<number, WriteResult>();
	const attachments: AttachmentBlob[] = [];
	for (const doc of prepared) {
		try {
			const prev = state.get(doc.id);
			if (writer === 'traveller') {
				const refusal = travellerWriteRefusal({ type: doc.type, _id: doc.id }, prev);
				if (refusal) throw refusal;
				// A sent registration is sealed: re-sending a known revision is fine, anything new is refused.
				if (
					prev &&
					doc.id.startsWith(REGISTRATION_PREFIX) &&
					!revExists(prev.revTree, doc.parsed.metadata.rev)
				)
					throw forbidden('registration:immutable');
			}
			const next = applyRevision(prev, doc.parsed, newEdits);
			const rev = doc.parsed.metadata.rev;
			results.set(doc.index, { ok: true, id: doc.id, rev });
			if (!next) continue; // already known (replication re-sent it)
			const body: RevBody = { ...next.body };
			const serverOwned = (prev?.serverOwned ?? false) || isServerOnlyType(doc.type);
			const record: DocRecord = {
				id: doc.id,
				revTree: next.tree,
				seq: 0,
				serverOwned,
				...winnerFields(next.tree)
			};
			state.set(doc.id, record);
			const earlier = writes.get(doc.id);
			writes.set(doc.id, {
				id: doc.id,
				revTree: record.revTree,
				winningRev: record.winningRev,
				deleted: record.deleted,
				serverOwned,
				revs: [...(earlier?.revs ?? []), { rev: next.rev, body }]
			});
			attachments.push(...doc.blobs);
		} catch (error) {
			results.set(doc.index, errorResult(doc.id, error));
		}
	}
	return { docs: [...writes.values()], attachments, result: results };
}

function winnerFields(tree: DocRecord['revTree']): { winningRev: string; deleted: boolean } {
	const winner = winnerOf(tree);
	return { winningRev: winner.rev, deleted: winner.deleted };
}

function applyRevision(
	prev: DocRecord | undefined,
	input: ParsedDoc,
	newEdits: boolean
): { tree: DocRecord['revTree']; rev: string; body: RevBody } | null {
	let parsed = input;
	const deleted = Boolean(parsed.metadata.deleted);
	const bodyOf = (p: ParsedDoc): RevBody => (deleted ? { ...p.data, _deleted: true } : { ...p.data });
	if (!prev) {
		const rootMissing = parsed.metadata.rev_tree[0]!.ids[1].status === 'missing';
		if (newEdits && rootMissing) throw conflict();
		return { tree: parsed.metadata.rev_tree, rev: parsed.metadata.rev, body: bodyOf(parsed) };
	}
	if (!newEdits && revExists(prev.revTree, parsed.metadata.rev)) return null;
	if (prev.deleted && !deleted && newEdits && /^1-/.test(parsed.metadata.rev)) {
		// Re-creating a deleted document continues its history, as CouchDB does.
		const again = { ...parsed.data, _id: prev.id, _rev: prev.winningRev };
		parsed = parseDoc(again, true);
		input.metadata.rev = parsed.metadata.rev;
	}
	const merged = merge(prev.revTree, parsed.metadata.rev_tree[0]!, REV_LIMIT);
	const inConflict =
		newEdits &&
		((prev.deleted && deleted && merged.conflicts !== 'new_leaf') ||
			(!prev.deleted && merged.conflicts !== 'new_leaf') ||
			(prev.deleted && !deleted && merged.conflicts === 'new_branch'));
	if (inConflict) throw conflict();
	return { tree: merged.tree, rev: parsed.metadata.rev, body: bodyOf(parsed) };
}
