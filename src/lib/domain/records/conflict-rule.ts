import type { RecordType } from './record-types';

/**
 * THE CONFLICT RULE (also in ARCHITECTURE.md, "Conflicts"). A conflict is two devices (or a device and
 * the server) writing different revisions of the same record without seeing each other's; replication
 * then keeps both as leaves and PouchDB/CouchDB pick a deterministic winner, listing the others in
 * `_conflicts`. Nothing is ever resolved by dropping a side:
 *
 * - `merge-fields` (editable records): a field-level three-way merge of all leaves against their common
 *   ancestor, when this device or the server still has its body. A field changed on one side only takes
 *   that change. A field changed on several sides to different values (or any differing field when the
 *   ancestor is gone) takes the later field edit (per-field `fieldUpdatedAt`, else `createdAt`; ties go
 *   to CouchDB's winning revision), and every other value is set aside in `otherDeviceValues`, shown to
 *   the traveller with "keep mine / use that" (documents page) until they choose. The merged body is
 *   written on top of the winning revision and the other leaves are deleted in the same `bulkDocs`, so
 *   the conflict is gone everywhere after the next sync and each losing value is still in the record.
 *   A deletion never beats an edit (CouchDB already lets a live leaf win over a deleted one).
 * - `keep-all` (records that are never edited): nothing is rewritten. Files are immutable and a sent
 *   registration is sealed (the server refuses any new revision of it, so deleting a leaf would be
 *   refused too); receipts and entry records are written by the server only and a traveller may not
 *   write them at all. They cannot conflict through the app (random ids, written once, `409` on a second
 *   write). If one does anyway (a tool writing with `new_edits: false`), every device and the server show
 *   the same deterministic winner, and the other revisions stay stored as conflict leaves (compaction
 *   never removes leaves), reachable with `_conflicts`.
 *
 * Drafts of pre-registrations and unfinished documents live on one device only (Dexie) and never
 * replicate, so they cannot conflict; a sealed registration is a new record and is never merged with
 * a draft.
 */
export type ConflictRule = 'merge-fields' | 'keep-all';

export const CONFLICT_RULES: Record<RecordType, ConflictRule> = {
	'identity-document': 'merge-fields',
	'document-image': 'keep-all',
	attachment: 'keep-all',
	registration: 'keep-all',
	receipt: 'keep-all',
	entry: 'keep-all'
};

/** A record of a type this version does not know is never rewritten: it may have rules we lack. */
export function conflictRuleFor(type: unknown): ConflictRule {
	return typeof type === 'string' && Object.hasOwn(CONFLICT_RULES, type)
		? CONFLICT_RULES[type as RecordType]
		: 'keep-all';
}
