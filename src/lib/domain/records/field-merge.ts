import {
	canonicalJson,
	fieldChangedAt,
	isEditableField,
	sameValue,
	type EditableRecord,
	type OtherDeviceValue
} from './editable-record';

/** One leaf of a conflicted record: a revision id and its body. */
export interface LeafRevision {
	rev: string;
	body: Record<string, unknown>;
}

export interface FieldMerge {
	/** The merged body, without `_id`, `_rev` or other `_` keys. */
	body: Record<string, unknown>;
	/** The values this merge set aside (also included in `body.otherDeviceValues`). */
	setAside: OtherDeviceValue[];
}

/** CouchDB's order of revisions: higher generation first, then the greater hash. Same on every device. */
export function compareRevs(a: string, b: string): number {
	const generation = (rev: string) => Number.parseInt(rev, 10) || 0;
	const byGeneration = generation(a) - generation(b);
	if (byGeneration !== 0) return byGeneration;
	return a < b ? -1 : a > b ? 1 : 0;
}

interface Version {
	value: unknown;
	at: string;
	/** Position of its leaf in CouchDB order: breaks ties between equally recent edits the same way everywhere. */
	order: number;
	stamped: boolean;
}

/** The later edit; on a tie, the one in the leaf CouchDB ranks first. */
function latest(versions: Version[]): Version {
	return versions.reduce((best, v) =>
		v.at > best.at || (v.at === best.at && v.order < best.order) ? v : best
	);
}

/**
 * Field-level three-way merge of the leaves of a conflicted editable record (see conflict-rule.ts).
 * Pure and deterministic: every device that merges the same leaves writes the same body, so PouchDB's
 * deterministic revision ids make their resolutions identical instead of a new conflict.
 *
 * `base` is the common ancestor's body when PouchDB still has it. With it, a field only one side changed
 * takes that side's value and nothing is set aside. Without it (or where several sides changed a field
 * to different values) the later field edit wins and every other value is set aside in
 * `otherDeviceValues` for the traveller to choose.
 */
export function mergeLeaves(leaves: LeafRevision[], base: Record<string, unknown> | null): FieldMerge {
	if (leaves.length === 0) throw new Error('nothing to merge');
	const ordered = [...leaves].sort((a, b) => compareRevs(b.rev, a.rev));
	const bodies = ordered.map((leaf) => leaf.body as Partial<EditableRecord> & Record<string, unknown>);
	const winner = bodies[0]!;
	const fields = [...new Set([...bodies.flatMap(Object.keys), ...Object.keys(base ?? {})])]
		.filter(isEditableField)
		.sort();

	const merged: Record<string, unknown> = { type: winner.type, createdAt: winner.createdAt };
	const stamps: Record<string, string> = {};
	const setAside: OtherDeviceValue[] = [];
	for (const field of fields) {
		const versions: Version[] = bodies.map((body, order) => ({
			value: body[field],
			at: fieldChangedAt(body, field),
			order,
			stamped: body.fieldUpdatedAt?.[field] !== undefined
		}));
		const changed = base ? versions.filter((v) => !sameValue(v.value, base[field])) : versions;
		// All sides agree, or none changed it: `changed` is empty only when every side kept the base value.
		const candidates = changed.length > 0 ? changed : versions;
		const chosen = latest(candidates);
		for (const value of distinctValues(candidates)) {
			if (sameValue(value, chosen.value)) continue;
			const loser = latest(candidates.filter((v) => sameValue(v.value, value)));
			setAside.push({ field, value: loser.value ?? null, changedAt: loser.at });
		}
		if (chosen.value !== undefined) merged[field] = chosen.value;
		if (chosen.stamped) stamps[field] = chosen.at;
	}

	merged.updatedAt = bodies.map((body) => body.updatedAt ?? '').reduce((a, b) => (b > a ? b : a));
	if (Object.keys(stamps).length > 0) merged.fieldUpdatedAt = stamps;
	const kept = mergeOtherDeviceValues(bodies, base, setAside, merged);
	if (kept.length > 0) merged.otherDeviceValues = kept;
	return { body: merged, setAside };
}

function distinctValues(versions: Version[]): unknown[] {
	const seen = new Map<string, unknown>();
	for (const v of versions) seen.set(canonicalJson(v.value), v.value);
	return [...seen.values()];
}

const entryKey = (entry: OtherDeviceValue) => `${entry.field}\u0000${canonicalJson(entry.value)}`;

/**
 * Values waiting for the traveller's choice: those of every side, minus the ones the traveller already
 * dealt with on some side (in the base, gone from that side), plus the ones set aside now, minus the ones
 * equal to the merged value (nothing left to choose). One entry per field and value, the latest time.
 */
function mergeOtherDeviceValues(
	bodies: Partial<EditableRecord>[],
	base: Record<string, unknown> | null,
	setAside: OtherDeviceValue[],
	merged: Record<string, unknown>
): OtherDeviceValue[] {
	const lists = bodies.map((body) => (body.otherDeviceValues ?? []).map(entryKey));
	const dismissed = new Set(
		((base?.otherDeviceValues ?? []) as OtherDeviceValue[])
			.map(entryKey)
			.filter((key) => lists.some((list) => !list.includes(key)))
	);
	const byKey = new Map<string, OtherDeviceValue>();
	const earlier = bodies
		.flatMap((body) => body.otherDeviceValues ?? [])
		.filter((e) => !dismissed.has(entryKey(e)));
	// A value set aside by this merge is a fresh loss: kept even if the same value was dismissed before.
	for (const entry of [...earlier, ...setAside]) {
		const key = entryKey(entry);
		if (sameValue(entry.value ?? undefined, merged[entry.field])) continue;
		const known = byKey.get(key);
		if (!known || entry.changedAt > known.changedAt) byKey.set(key, { ...entry });
	}
	return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
}
