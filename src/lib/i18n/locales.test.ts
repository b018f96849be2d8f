import { describe, expect, it } from 'vitest';
import { interpolate, placeholders } from './interpolate';
import { pickLocale } from './locales';

describe('pickLocale', () => {
	it('keeps a remembered choice over the browser language', () => {
		expect(pickLocale('en', ['es-MX'])).toBe('en');
	});
	it('uses the first browser language we speak', () => {
		expect(pickLocale(null, ['sv-SE', 'en-GB', 'es'])).toBe('en');
		expect(pickLocale(null, ['de-DE', 'en'])).toBe('de');
	});
	it('falls back to Spanish', () => {
		expect(pickLocale('xx', ['sv-SE', 'nl'])).toBe('es');
	});
	it('maps regional tags to the written form we have', () => {
		expect(pickLocale(null, ['pt-PT'])).toBe('pt-BR');
		expect(pickLocale(null, ['pt-br'])).toBe('pt-BR');
		expect(pickLocale(null, ['zh-CN'])).toBe('zh-Hans');
		expect(pickLocale(null, ['zh-Hans-CN'])).toBe('zh-Hans');
		expect(pickLocale(null, ['ja-JP'])).toBe('ja');
		expect(pickLocale(null, ['ko'])).toBe('ko');
		expect(pickLocale(null, ['fr-CA', 'en'])).toBe('fr');
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
