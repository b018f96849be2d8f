import { describe, expect, it } from 'vitest';
import { newRecordId, recordTypeOfId } from './record-types';

describe('record ids', () => {
	it('are random, typed, and carry nothing about the person', () => {
		const a = newRecordId('identity-document');
		const b = newRecordId('identity-document');
		expect(a).not.toBe(b);
		expect(a).toMatch(/^identity-document:[0-9a-f-]{36}$/);
		expect(recordTypeOfId(a)).toBe('identity-document');
	});

	it('does not recognise a foreign id as a record', () => {
		expect(recordTypeOfId('_design/x')).toBeNull();
		expect(recordTypeOfId('passport:123')).toBeNull();
	});
});
