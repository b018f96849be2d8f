import { describe, expect, it } from 'vitest';
import { resolveDatabase, travellerWriteRefusal } from './access-policy.js';
import { jsonDepthExceeds, validateDocId } from './limits.js';

describe('access policy', () => {
	it('maps a traveller to their own virtual database only', () => {
		expect(resolveDatabase({ role: 'traveller', userId: 'u1' }, 'me')).toEqual({
			kind: 'user',
			ownerUserId: 'u1'
		});
		expect(() => resolveDatabase({ role: 'traveller', userId: 'u1' }, 'other')).toThrow(/not_found/);
		expect(() => resolveDatabase(null, 'me')).toThrow(/unauthorized/);
		expect(resolveDatabase({ role: 'admin', userId: 'admin' }, 'ops')).toEqual({
			kind: 'named',
			name: 'ops'
		});
	});

	it('refuses server-only types and changes to server-owned documents', () => {
		expect(travellerWriteRefusal({ type: 'receipt' }, undefined)?.error).toBe('forbidden');
		expect(travellerWriteRefusal({ type: 'entry' }, undefined)?.error).toBe('forbidden');
		expect(travellerWriteRefusal({ type: 'registration' }, undefined)).toBeNull();
		expect(travellerWriteRefusal({}, { serverOwned: true })?.error).toBe('forbidden');
		expect(travellerWriteRefusal({ _id: '_design/x' }, undefined)?.error).toBe('forbidden');
	});

	it('checks ids and JSON depth without recursion', () => {
		expect(() => validateDocId('x'.repeat(201))).toThrow();
		expect(() => validateDocId('a\u0000b')).toThrow();
		expect(() => validateDocId('_private')).toThrow();
		expect(validateDocId('reg-3f2a')).toBe('reg-3f2a');
		let deep: unknown = 1;
		for (let i = 0; i < 100_000; i++) deep = [deep];
		expect(jsonDepthExceeds(deep, 32)).toBe(true);
		expect(jsonDepthExceeds({ a: { b: [1] } }, 32)).toBe(false);
	});
});
