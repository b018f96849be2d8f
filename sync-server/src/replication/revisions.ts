import { collectConflicts, isDeleted, latest, rootToLeaf, winningRev, type RevTree } from 'pouchdb-merge';
import type { DocRecord, RevBody } from '../storage/port.js';

/** Thin helpers over PouchDB's own revision-tree code (pouchdb-merge); no tree logic of our own. */
export function winnerOf(tree: RevTree): { rev: string; deleted: boolean } {
	const rev = winningRev({ rev_tree: tree });
	return { rev, deleted: isDeleted({ rev_tree: tree }, rev) };
}

export function conflictsOf(record: DocRecord): string[] {
	return collectConflicts({ rev_tree: record.revTree });
}

/** The leaf that descends from `rev` (CouchDB's `latest=true`), or `rev` itself. */
export function latestOf(record: DocRecord, rev: string): string {
	try {
		return latest(rev, { rev_tree: record.revTree });
	} catch {
		return rev;
	}
}

/** `_revisions` of one revision: its position and the hashes from it back to the root. */
export function revisionsOf(record: DocRecord, rev: string): { start: number; ids: string[] } | null {
	const dash = rev.indexOf('-');
	const pos = Number(rev.slice(0, dash));
	const hash = rev.slice(dash + 1);
	for (const path of rootToLeaf(record.revTree)) {
		const index = pos - path.pos;
		if (index >= 0 && index < path.ids.length && path.ids[index]!.id === hash) {
			return {
				start: pos,
				ids: path.ids
					.slice(0, index + 1)
					.map((node) => node.id)
					.reverse()
			};
		}
	}
	return null;
}

/** Every leaf revision, as `_changes?style=all_docs` lists them. */
export function leavesOf(record: DocRecord): string[] {
	const leaves: string[] = [];
	for (const path of rootToLeaf(record.revTree)) {
		const leaf = path.ids[path.ids.length - 1]!;
		leaves.push(`${path.pos + path.ids.length - 1}-${leaf.id}`);
	}
	return leaves;
}

export interface RenderOptions {
	revs?: boolean;
	conflicts?: boolean;
}

/** A stored revision as CouchDB shows it: `_id`, `_rev`, the fields, then the requested meta fields. */
export function renderDoc(
	record: DocRecord,
	rev: string,
	body: RevBody,
	options: RenderOptions
): Record<string, unknown> {
	const doc: Record<string, unknown> = { _id: record.id, _rev: rev, ...body };
	if (options.revs) {
		const revisions = revisionsOf(record, rev);
		if (revisions) doc._revisions = revisions;
	}
	if (options.conflicts && rev === record.winningRev) {
		const conflicts = conflictsOf(record);
		if (conflicts.length > 0) doc._conflicts = conflicts;
	}
	return doc;
}
