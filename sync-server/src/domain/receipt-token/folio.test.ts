import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FOLIO_PATTERN, newFolio, parseFolio } from './folio.js';

describe('folio', () => {
	it('has the documented shape and a check symbol that catches one changed character', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.nat({ max: 11 }), (bytes, at) => {
				const folio = newFolio(bytes);
				expect(folio).toMatch(FOLIO_PATTERN);
				expect(parseFolio(folio)).toBe(folio);
				// Change one of the 12 random characters to another valid one: the check symbol must notice.
				const compact = folio.replace(/^ARR-/, '').replace(/-/g, '');
				const replacement = compact[at] === '7' ? '8' : '7';
				const typo = compact.slice(0, at) + replacement + compact.slice(at + 1);
				expect(parseFolio(typo)).toBeNull();
			}),
			{ seed: 37, numRuns: 1000 }
		);
	});

	it('reads what a person types from paper: lower case, no dashes, O for 0, I or L for 1', () => {
		const folio = newFolio(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0x21]));
		expect(folio).toBe('ARR-0000-0000-0011-~');
		expect(parseFolio('arr 0o00 0000 0oIl ~')).toBe(folio);
	});

	it('is not sequential: 10,000 folios from random bits are all different', () => {
		const seen = new Set(
			Array.from({ length: 10_000 }, () => newFolio(crypto.getRandomValues(new Uint8Array(8))))
		);
		expect(seen.size).toBe(10_000);
	});
});
