import { describe, expect, it } from 'vitest';
import { interpolate, placeholders } from './interpolate';
import { pickLocale } from './locales';

describe('pickLocale', () => {
	it('keeps a remembered choice over the browser language', () => {
		expect(pickLocale('en', ['es-MX'])).toBe('en');
	});
	it('uses the first browser language we speak', () => {
		expect(pickLocale(null, ['de-DE', 'en-GB', 'es'])).toBe('en');
	});
	it('falls back to Spanish', () => {
		expect(pickLocale('xx', ['de'])).toBe('es');
	});
});

describe('interpolate', () => {
	it('fills placeholders and leaves unknown ones visible', () => {
		expect(interpolate('{count} of {total}', { count: 2 })).toBe('2 of {total}');
	});
	it('lists placeholders sorted', () => {
		expect(placeholders('{b} and {a}')).toEqual(['a', 'b']);
	});
});
