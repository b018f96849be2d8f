import { describe, expect, it } from 'vitest';
import { conflictRuleFor } from './conflict-rule';
import { SERVER_ONLY_RECORD_TYPES } from './record-types';

describe('the conflict rule per record type', () => {
	it('merges the traveller’s editable documents field by field', () => {
		expect(conflictRuleFor('identity-document')).toBe('merge-fields');
	});

	it('never rewrites files, sealed registrations or what only the server writes', () => {
		for (const type of ['document-image', 'attachment', 'registration', ...SERVER_ONLY_RECORD_TYPES])
			expect(conflictRuleFor(type)).toBe('keep-all');
	});

	it('never rewrites a record of a type this version does not know', () => {
		for (const type of ['profile', 'constructor', '__proto__', undefined, 42])
			expect(conflictRuleFor(type)).toBe('keep-all');
	});
});
