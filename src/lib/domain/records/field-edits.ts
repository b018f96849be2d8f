import { sameValue, type EditableRecord, type OtherDeviceValue } from './editable-record';

/**
 * Applies the traveller's edit: changed fields get the new value and a stamp, so a later merge knows when
 * each field changed. Unchanged fields keep their old stamp (re-saving a form is not an edit).
 * A field set to `undefined` is emptied.
 */
export function recordFieldEdits<T extends EditableRecord>(
	record: T,
	changes: Partial<Omit<T, keyof EditableRecord>>,
	now: string
): T {
	const next = { ...record } as Record<string, unknown>;
	const stamps = { ...record.fieldUpdatedAt };
	let edited = false;
	for (const [field, value] of Object.entries(changes)) {
		if (sameValue(value, next[field])) continue;
		if (value === undefined) delete next[field];
		else next[field] = value;
		stamps[field] = now;
		edited = true;
	}
	if (!edited) return record;
	return { ...next, fieldUpdatedAt: stamps, updatedAt: now } as T;
}

function without(record: EditableRecord, entry: OtherDeviceValue): OtherDeviceValue[] | undefined {
	const rest = (record.otherDeviceValues ?? []).filter(
		(e) => !(e.field === entry.field && sameValue(e.value, entry.value))
	);
	return rest.length > 0 ? rest : undefined;
}

function withOtherValues<T extends EditableRecord>(record: T, rest: OtherDeviceValue[] | undefined): T {
	const next = { ...record };
	if (rest) next.otherDeviceValues = rest;
	else delete next.otherDeviceValues;
	return next;
}

/** "Keep mine": the other device's value is dropped by the traveller's own decision. */
export function keepCurrentValue<T extends EditableRecord>(
	record: T,
	entry: OtherDeviceValue,
	now: string
): T {
	return { ...withOtherValues(record, without(record, entry)), updatedAt: now };
}

/** "Use that": the other device's value becomes the field's value, as an edit made now. */
export function useOtherValue<T extends EditableRecord>(record: T, entry: OtherDeviceValue, now: string): T {
	const rest = withOtherValues(record, without(record, entry));
	const changes = { [entry.field]: entry.value ?? undefined } as Partial<Omit<T, keyof EditableRecord>>;
	const edited = recordFieldEdits(rest, changes, now);
	return { ...edited, updatedAt: now };
}
