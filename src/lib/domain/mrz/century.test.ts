import { describe, expect, it } from 'vitest';

import { expandBirthDate, expandExpiryDate } from './century';

const today = new Date('2026-11-25T12:00:00Z');

describe('expandBirthDate', () => {
	it('never puts a birth date in the future', () => {
		expect(expandBirthDate('740812', today)).toBe('1974-08-12');
		expect(expandBirthDate('100101', today)).toBe('2010-01-01');
		expect(expandBirthDate('261125', today)).toBe('2026-11-25');
		expect(expandBirthDate('261126', today)).toBe('1926-11-26');
		expect(expandBirthDate('270101', today)).toBe('1927-01-01');
	});

	it('rejects non-dates and unknown dates', () => {
		expect(expandBirthDate('741312', today)).toBeUndefined();
		expect(expandBirthDate('740230', today)).toBeUndefined();
		expect(expandBirthDate('<<<<<<', today)).toBeUndefined();
		expect(expandBirthDate('7408', today)).toBeUndefined();
	});

	it('handles leap days', () => {
		expect(expandBirthDate('000229', today)).toBe('2000-02-29');
		expect(expandBirthDate('010229', today)).toBeUndefined();
	});
});

describe('expandExpiryDate', () => {
	it('places expiry between ten years ago and twenty years ahead', () => {
		expect(expandExpiryDate('120415', new Date('2015-01-01T00:00:00Z'))).toBe('2012-04-15');
		expect(expandExpiryDate('270228', today)).toBe('2027-02-28');
		expect(expandExpiryDate('170101', today)).toBe('2017-01-01');
		expect(expandExpiryDate('460101', today)).toBe('2046-01-01');
	});

	it('treats years outside the window as misreads', () => {
		expect(expandExpiryDate('150101', today)).toBeUndefined();
		expect(expandExpiryDate('470101', today)).toBeUndefined();
		expect(expandExpiryDate('271331', today)).toBeUndefined();
	});
});
