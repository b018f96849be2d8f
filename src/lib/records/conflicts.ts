/// <reference types="pouchdb-core" />
import { canonicalJson } from '$lib/domain/records/editable-record';
import { conflictRuleFor } from '$lib/domain/records/conflict-rule';
import { mergeLeaves, type LeafRevision } from '$lib/domain/records/field-merge';
import type { RecordsDb } from './records-db';

/**
 * Applies the conflict rule (src/lib/domain/records/conflict-rule.ts) to the records database on this
 * device. Replication brings the other devices' revisions in as extra leaves; this finds them, merges
 * editable records field by field and, in one `bulkDocs`, writes the merge on top of the winning
 * revision and deletes the other leaves. Their values that lost are inside the merged record
 * (`otherDeviceValues`), so deleting the leaves loses nothing. Replication then carries the resolution
 * to the server and the other devices; they compute the same merge, and PouchDB's deterministic
 * revision ids make it the same revision, not a new conflict.
 */

export type Resolution = 'no-conflict' | 'kept' | 'merged' | 'retry';

type Leaf = PouchDB.Core.Document<Record<string, unknown>> & {
	_rev: string;
	_revisions?: { start: number; ids: string[] };
	_attachments?: PouchDB.Core.Attachments;
};

function history(leaf: Leaf): string[] {
	const revisions = leaf._revisions;
	if (!revisions) return [leaf._rev];
	return revisions.ids.map((hash, i) => `${revisions.start - i}-${hash}`);
}

/** The newest revision in every leaf's history: the state both devices edited from. */
function commonAncestor(leaves: Leaf[]): string | null {
	const [first, ...others] = leaves.map(history);
	const inOthers = others.map((list) => new Set(list));
	return first?.find((rev) => inOthers.every((set) => set.has(rev))) ?? null;
}

function bodyOf(leaf: Leaf): Record<string, unknown> {
	return Object.fromEntries(Object.entries(leaf).filter(([key]) => !key.startsWith('_')));
}

/**
 * The ancestor's body: from this device while PouchDB still has it, else from the server, which keeps
 * every revision's body (a device that pulled both edits at once never had the ancestor). Null when
 * neither has it (offline, or compacted away): the merge then falls back on the per-field stamps.
 */
async function ancestorBody(db: RecordsDb, remote: RecordsDb | undefined, id: string, rev: string | null) {
	if (!rev) return null;
	for (const source of remote ? [db, remote] : [db]) {
		try {
			return bodyOf((await source.get(id, { rev })) as Leaf);
		} catch {
			// missing here: try the next source
		}
	}
	return null;
}

/**
 * Resolves the conflict of one record, if it has one. Safe to call at any time, again and again.
 * `remote` (the traveller's database on the server) is only read, for a common ancestor this device lacks.
 */
export async function resolveConflict(db: RecordsDb, id: string, remote?: RecordsDb): Promise<Resolution> {
	let current: Leaf & { _conflicts?: string[] };
	try {
		current = (await db.get(id, { conflicts: true })) as typeof current;
	} catch {
		return 'no-conflict'; // deleted or not there: a deletion never beats a live leaf, so nothing to merge
	}
	const losing = current._conflicts ?? [];
	if (losing.length === 0) return 'no-conflict';
	if (conflictRuleFor(current.type) === 'keep-all') return 'kept';

	const found = await db.get(id, { open_revs: [current._rev, ...losing], revs: true });
	const leaves = found.flatMap((result) => ('ok' in result && result.ok ? [result.ok as Leaf] : []));
	if (leaves.length !== losing.length + 1) return 'retry'; // changed meanwhile: the next change retries
	const base = await ancestorBody(db, remote, id, commonAncestor(leaves));
	const merged = mergeLeaves(
		leaves.map((leaf): LeafRevision => ({ rev: leaf._rev, body: bodyOf(leaf) })),
		base
	).body;

	const winner = leaves[0]!;
	const unchanged = canonicalJson(merged) === canonicalJson(bodyOf(winner));
	const writes: object[] = losing.map((rev) => ({ _id: id, _rev: rev, _deleted: true }));
	if (!unchanged) {
		const attachments = winner._attachments ? { _attachments: winner._attachments } : {};
		writes.unshift({ ...merged, ...attachments, _id: id, _rev: winner._rev });
	}
	const results = await db.bulkDocs(writes);
	return results.every((result) => 'ok' in result && result.ok) ? 'merged' : 'retry';
}

/**
 * The records a replication's 'change' event brought into this database: a two-way sync reports
 * `{ direction, change }` (only 'pull' brings anything in), a one-way replication the change itself.
 */
export function pulledIds(info: unknown): string[] {
	const event = info as {
		direction?: string;
		change?: { docs?: { _id: string }[] };
		docs?: { _id: string }[];
	};
	if (event?.direction === 'push') return [];
	return (event?.change?.docs ?? event?.docs ?? []).map((doc) => doc._id);
}

/** Every record of the database that has a conflict now (e.g. pulled before this rule existed). */
export async function conflictedIds(db: RecordsDb): Promise<string[]> {
	const all = await db.allDocs({ conflicts: true, include_docs: true });
	return all.rows.flatMap((row) => {
		const doc = row.doc as { _conflicts?: string[] } | undefined;
		return doc?._conflicts?.length ? [row.id] : [];
	});
}

/**
 * Runs the resolution for ids as they arrive, one at a time (two merges of the same record at once would
 * race each other into a `409`), and tells who listens which records it merged.
 */
export class ConflictResolver {
	private waiting = new Set<string>();
	private running: Promise<void> | null = null;

	constructor(
		private readonly db: RecordsDb,
		private readonly options: { remote?: RecordsDb; onMerged?: (ids: string[]) => void } = {}
	) {}

	/** Queues records that replication just brought in; returns when the queue is empty. */
	resolve(ids: Iterable<string>): Promise<void> {
		for (const id of ids) if (!id.startsWith('_')) this.waiting.add(id);
		// Started on the next tick, so `running` is set before the drain can finish and clear it.
		this.running ??= Promise.resolve().then(() => this.drain());
		return this.running;
	}

	/** Looks at the whole database once (at start: conflicts may have arrived before). */
	async resolveAll(): Promise<void> {
		await this.resolve(await conflictedIds(this.db));
	}

	private async drain(): Promise<void> {
		const merged: string[] = [];
		try {
			while (this.waiting.size > 0) {
				const [id] = this.waiting as Set<string>;
				this.waiting.delete(id!);
				try {
					if ((await resolveConflict(this.db, id!, this.options.remote)) === 'merged') merged.push(id!);
				} catch (error) {
					// The database closed under us (log-out) or storage failed: the next sync or start tries again.
					console.warn('conflict resolution failed', (error as Error)?.name);
				}
			}
			if (merged.length > 0) this.options.onMerged?.(merged);
		} finally {
			// In the same turn as the last emptiness check, so an id queued after it starts a new run.
			this.running = null;
		}
	}
}
