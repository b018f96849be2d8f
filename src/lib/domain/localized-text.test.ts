import { describe, expect, it } from 'vitest';
import { localized } from './localized-text';

describe('localized', () => {
	const text = { es: 'País', en: 'Country', ja: '国' };
	it('gives the text in the requested language when the data has it', () => {
		expect(localized(text, 'ja')).toBe('国');
		expect(localized(text, 'es')).toBe('País');
	});
	it('falls back to English when the data lacks the language', () => {
		expect(localized(text, 'ko')).toBe('Country');
	});
});
