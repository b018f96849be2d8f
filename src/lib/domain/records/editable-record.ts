import type { BaseRecord } from './record-types';

/**
 * A value that lost a conflict: another device changed this field to `value` at `changedAt`, and the
 * merge kept a later change. Kept in the record until the traveller chooses, so it is never silently lost.
 * `value` is `null` when the other device emptied the field.
 */
export interface OtherDeviceValue {
	field: string;
	value: unknown;
	changedAt: string;
}

/**
 * A record the traveller may edit on several devices. Edits stamp each changed field, so a merge can tell
 * which of two edits of the same field is the later one even when PouchDB no longer has the revision both
 * devices started from (its body may have been compacted away).
 */
export interface EditableRecord extends BaseRecord {
	updatedAt: string;
	/** Field → ISO time of its last edit; a field without a stamp has not changed since `createdAt`. */
	fieldUpdatedAt?: Record<string, string>;
	/** Values of other devices that lost a conflict and wait for the traveller's choice. */
	otherDeviceValues?: OtherDeviceValue[];
}

/** Bookkeeping keys: merged by their own rules, never offered to the traveller as a field. */
export const RECORD_META_KEYS: readonly string[] = [
	'type',
	'createdAt',
	'updatedAt',
	'fieldUpdatedAt',
	'otherDeviceValues'
];

/** The fields a traveller edits: everything except `_id`, `_rev`, other `_` keys and bookkeeping. */
export function isEditableField(key: string): boolean {
	return !key.startsWith('_') && !RECORD_META_KEYS.includes(key);
}

/** When the field last changed: its stamp, else the record's creation (unstamped fields were never edited). */
export function fieldChangedAt(record: Partial<EditableRecord>, field: string): string {
	return record.fieldUpdatedAt?.[field] ?? record.createdAt ?? '';
}

/** JSON with sorted keys, so equal values compare equal whatever order their keys were written in. */
export function canonicalJson(value: unknown): string {
	if (value === undefined) return 'undefined';
	if (value === null || typeof value !== 'object') return JSON.stringify(value);
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sameValue(a: unknown, b: unknown): boolean {
	return canonicalJson(a) === canonicalJson(b);
}
