import { describe, expect, it } from 'vitest';
import { keepCurrentValue, recordFieldEdits, useOtherValue } from './field-edits';
import type { IdentityDocumentRecord } from './record-types';

const created = '2025-03-01T10:00:00.000Z';
const document: IdentityDocumentRecord = {
	_id: 'identity-document:1',
	_rev: '3-abc',
	type: 'identity-document',
	createdAt: created,
	updatedAt: '2025-03-02T09:00:00.000Z',
	holder: { relationship: 'child' },
	documentType: 'P',
	issuingState: 'MEX',
	surnames: 'GARCIA LOPEZ',
	givenNames: 'ANA',
	documentNumber: 'G12345678',
	nationality: 'MEX',
	birthDate: '2015-01-20',
	expiryDate: '2027-01-19',
	sex: 'F',
	placeOfBirth: 'PUEBLA',
	source: 'manual',
	fieldUpdatedAt: { givenNames: '2025-03-02T09:00:00.000Z' },
	otherDeviceValues: [
		{ field: 'givenNames', value: 'ANNA', changedAt: '2025-03-02T08:00:00.000Z' },
		{ field: 'placeOfBirth', value: null, changedAt: '2025-03-02T08:30:00.000Z' }
	]
};
const now = '2025-03-03T12:00:00.000Z';

describe('editing a record', () => {
	it('stamps only the fields whose value changed', () => {
		const edited = recordFieldEdits(document, { surnames: 'GARCÍA LÓPEZ', givenNames: 'ANA' }, now);
		expect(edited.surnames).toBe('GARCÍA LÓPEZ');
		expect(edited.fieldUpdatedAt).toEqual({ givenNames: '2025-03-02T09:00:00.000Z', surnames: now });
		expect(edited.updatedAt).toBe(now);
		expect(document.surnames).toBe('GARCIA LOPEZ');
	});

	it('leaves the record as it was when nothing changed (re-saving a form is not an edit)', () => {
		expect(recordFieldEdits(document, { givenNames: 'ANA', holder: { relationship: 'child' } }, now)).toBe(
			document
		);
	});

	it('empties a field set to undefined, stamping it', () => {
		const edited = recordFieldEdits(document, { placeOfBirth: undefined }, now);
		expect('placeOfBirth' in edited).toBe(false);
		expect(edited.fieldUpdatedAt?.placeOfBirth).toBe(now);
	});
});

describe('choosing between this device’s value and another device’s', () => {
	it('"keep mine" removes only that choice and keeps the value', () => {
		const kept = keepCurrentValue(document, document.otherDeviceValues![0]!, now);
		expect(kept.givenNames).toBe('ANA');
		expect(kept.otherDeviceValues).toEqual([document.otherDeviceValues![1]]);
		expect(kept.updatedAt).toBe(now);
	});

	it('"use that" takes the other value as an edit made now', () => {
		const used = useOtherValue(document, document.otherDeviceValues![0]!, now);
		expect(used.givenNames).toBe('ANNA');
		expect(used.fieldUpdatedAt?.givenNames).toBe(now);
		expect(used.otherDeviceValues).toEqual([document.otherDeviceValues![1]]);
	});

	it('"use that" on an emptied field empties it, and the last choice removes the list', () => {
		const once = useOtherValue(document, document.otherDeviceValues![1]!, now);
		expect('placeOfBirth' in once).toBe(false);
		const twice = keepCurrentValue(once, document.otherDeviceValues![0]!, now);
		expect('otherDeviceValues' in twice).toBe(false);
	});
});
