import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameValue, type OtherDeviceValue } from './editable-record';
import { recordFieldEdits } from './field-edits';
import { compareRevs, mergeLeaves } from './field-merge';
import type { IdentityDocumentRecord } from './record-types';

const created = '2025-03-01T10:00:00.000Z';
const base: IdentityDocumentRecord = {
	_id: 'identity-document:1',
	type: 'identity-document',
	createdAt: created,
	updatedAt: created,
	holder: { relationship: 'self' },
	documentType: 'P',
	issuingState: 'DEU',
	surnames: 'MUSTERMANN',
	givenNames: 'ERIKA',
	documentNumber: 'C01X00T47',
	nationality: 'DEU',
	birthDate: '1983-08-12',
	expiryDate: '2031-10-31',
	sex: 'F',
	placeOfBirth: 'BERLIN',
	source: 'mrz'
};

const at = (minute: number) => `2025-03-02T09:${String(minute).padStart(2, '0')}:00.000Z`;
type Fields = Partial<Omit<IdentityDocumentRecord, keyof import('./editable-record').EditableRecord>>;
const edit = (record: IdentityDocumentRecord, changes: Fields, minute: number) =>
	recordFieldEdits(record, changes, at(minute));
const body = ({ _id: _i, _rev: _r, ...rest }: IdentityDocumentRecord) => rest as Record<string, unknown>;

describe('field-level merge of an edited document', () => {
	it('takes each side’s change when they edited different fields, and sets nothing aside', () => {
		const phone = edit(base, { placeOfBirth: 'HAMBURG' }, 5);
		const laptop = edit(base, { expiryDate: '2032-01-15' }, 3);
		const { body: merged, setAside } = mergeLeaves(
			[
				{ rev: '2-aaa', body: body(phone) },
				{ rev: '2-bbb', body: body(laptop) }
			],
			body(base)
		);
		expect(merged.placeOfBirth).toBe('HAMBURG');
		expect(merged.expiryDate).toBe('2032-01-15');
		expect(merged.surnames).toBe('MUSTERMANN');
		expect(setAside).toEqual([]);
		expect(merged.otherDeviceValues).toBeUndefined();
		expect(merged.updatedAt).toBe(at(5));
		expect(merged.fieldUpdatedAt).toEqual({ placeOfBirth: at(5), expiryDate: at(3) });
	});

	it('keeps the later edit of a field both sides changed and sets the other value aside', () => {
		const phone = edit(base, { givenNames: 'ERIKA MARIA' }, 7);
		const laptop = edit(base, { givenNames: 'ERICA' }, 4);
		const { body: merged, setAside } = mergeLeaves(
			[
				{ rev: '2-fff', body: body(laptop) },
				{ rev: '2-111', body: body(phone) }
			],
			body(base)
		);
		expect(merged.givenNames).toBe('ERIKA MARIA');
		const expected: OtherDeviceValue[] = [{ field: 'givenNames', value: 'ERICA', changedAt: at(4) }];
		expect(setAside).toEqual(expected);
		expect(merged.otherDeviceValues).toEqual(expected);
	});

	it('without the common ancestor, the later field edit wins and the other value stays reachable', () => {
		const phone = edit(base, { placeOfBirth: 'HAMBURG' }, 5);
		const laptop = edit(base, { expiryDate: '2032-01-15' }, 3);
		const { body: merged } = mergeLeaves(
			[
				{ rev: '2-aaa', body: body(phone) },
				{ rev: '2-bbb', body: body(laptop) }
			],
			null
		);
		// Each edited field is newer than the other side's creation-time value, so each edit wins …
		expect(merged.placeOfBirth).toBe('HAMBURG');
		expect(merged.expiryDate).toBe('2032-01-15');
		// … and, with no ancestor to prove the old values were replaced on purpose, they stay reachable.
		expect(merged.otherDeviceValues).toEqual([
			{ field: 'expiryDate', value: '2031-10-31', changedAt: created },
			{ field: 'placeOfBirth', value: 'BERLIN', changedAt: created }
		]);
	});

	it('sets aside an emptied field as null and keeps a value removed by the later edit', () => {
		const withNumber = { ...base, personalNumber: '12345' };
		const phone = edit(withNumber, { personalNumber: undefined }, 9);
		const laptop = edit(withNumber, { personalNumber: '54321' }, 2);
		const { body: merged } = mergeLeaves(
			[
				{ rev: '3-aaa', body: body(phone) },
				{ rev: '3-bbb', body: body(laptop) }
			],
			body(withNumber)
		);
		expect('personalNumber' in merged).toBe(false);
		expect(merged.otherDeviceValues).toEqual([{ field: 'personalNumber', value: '54321', changedAt: at(2) }]);

		const reversed = mergeLeaves(
			[
				{ rev: '3-aaa', body: body(edit(withNumber, { personalNumber: undefined }, 1)) },
				{ rev: '3-bbb', body: body(laptop) }
			],
			body(withNumber)
		).body;
		expect(reversed.personalNumber).toBe('54321');
		expect(reversed.otherDeviceValues).toEqual([{ field: 'personalNumber', value: null, changedAt: at(1) }]);
	});

	it('breaks a tie between equally recent edits by CouchDB’s winning revision, on every device alike', () => {
		const a = edit(base, { surnames: 'MUSTERFRAU' }, 6);
		const b = edit(base, { surnames: 'MUSTER' }, 6);
		const leaves = [
			{ rev: '2-abc', body: body(a) },
			{ rev: '2-abd', body: body(b) }
		];
		const one = mergeLeaves(leaves, body(base)).body;
		const other = mergeLeaves([...leaves].reverse(), body(base)).body;
		expect(one.surnames).toBe('MUSTER'); // 2-abd ranks above 2-abc
		expect(JSON.stringify(other)).toBe(JSON.stringify(one));
	});

	it('merges three devices, keeping one entry per losing value', () => {
		const leaves = [
			{ rev: '2-a', body: body(edit(base, { documentNumber: 'C01X00T48' }, 1)) },
			{ rev: '2-b', body: body(edit(base, { documentNumber: 'C01X00T49' }, 8)) },
			{ rev: '2-c', body: body(edit(base, { documentNumber: 'C01X00T48' }, 3)) }
		];
		const { body: merged } = mergeLeaves(leaves, body(base));
		expect(merged.documentNumber).toBe('C01X00T49');
		expect(merged.otherDeviceValues).toEqual([
			{ field: 'documentNumber', value: 'C01X00T48', changedAt: at(3) }
		]);
	});

	it('drops a set-aside value the traveller dealt with on one side, and keeps the others', () => {
		const pending: OtherDeviceValue[] = [
			{ field: 'givenNames', value: 'ERICA', changedAt: at(4) },
			{ field: 'surnames', value: 'MUSTER', changedAt: at(2) }
		];
		const ancestor = { ...base, givenNames: 'ERIKA MARIA', otherDeviceValues: pending };
		const dealtWith = { ...ancestor, otherDeviceValues: [pending[1]!], updatedAt: at(10) };
		const untouched = edit(ancestor, { placeOfBirth: 'KÖLN' }, 11);
		const { body: merged } = mergeLeaves(
			[
				{ rev: '4-a', body: body(dealtWith) },
				{ rev: '4-b', body: body(untouched) }
			],
			body(ancestor)
		);
		expect(merged.otherDeviceValues).toEqual([pending[1]]);
		expect(merged.placeOfBirth).toBe('KÖLN');
	});

	it('treats objects with the same content as equal whatever their key order', () => {
		const a = { ...body(base), holder: { relationship: 'self', note: 'x' } };
		const b = { ...body(base), holder: { note: 'x', relationship: 'self' } };
		const { body: merged, setAside } = mergeLeaves(
			[
				{ rev: '2-a', body: a },
				{ rev: '2-b', body: b }
			],
			null
		);
		expect(setAside).toEqual([]);
		expect(merged.holder).toEqual({ relationship: 'self', note: 'x' });
	});

	it('never loses a value: each side’s value is merged, set aside, or the ancestor’s value it kept', () => {
		const fields = ['surnames', 'givenNames', 'placeOfBirth'] as const;
		const value = fc.constantFrom('A', 'B', 'C', undefined);
		const side = fc.record({
			surnames: value,
			givenNames: value,
			placeOfBirth: value,
			minute: fc.integer({ min: 0, max: 59 })
		});
		fc.assert(
			fc.property(fc.array(side, { minLength: 2, maxLength: 4 }), fc.boolean(), (sides, withBase) => {
				const leaves = sides.map((s, i) => {
					const { minute, ...changes } = s;
					return { rev: `2-${i}x`, body: body(edit(base, changes, minute)) };
				});
				const ancestor = withBase ? body(base) : null;
				const merged = mergeLeaves(leaves, ancestor).body;
				const pending = (merged.otherDeviceValues ?? []) as OtherDeviceValue[];
				for (const leaf of leaves)
					for (const field of fields) {
						const v = leaf.body[field];
						const kept =
							sameValue(v, merged[field]) ||
							pending.some((e) => e.field === field && sameValue(e.value ?? undefined, v)) ||
							(ancestor !== null && sameValue(v, ancestor[field]));
						expect(kept).toBe(true);
					}
				// Same leaves in another order: the same body (deterministic revisions converge).
				const again = mergeLeaves([...leaves].reverse(), ancestor).body;
				expect(JSON.stringify(again)).toBe(JSON.stringify(merged));
			})
		);
	});
});

describe('revision order', () => {
	it('ranks by generation first, then by hash, as CouchDB does', () => {
		expect(['2-b', '10-a', '2-c', '9-z'].sort(compareRevs)).toEqual(['2-b', '2-c', '9-z', '10-a']);
	});
});
