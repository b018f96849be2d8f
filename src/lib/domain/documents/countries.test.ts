import { describe, expect, it } from 'vitest';
import { alpha2Of, isKnownStateCode, STATE_CODES } from './countries';

describe('alpha2Of', () => {
	it('maps ISO alpha-3 and ICAO codes to alpha-2', () => {
		expect(alpha2Of('MEX')).toBe('MX');
		expect(alpha2Of('DEU')).toBe('DE');
		expect(alpha2Of('D<<')).toBe('DE');
		expect(alpha2Of('GBN')).toBe('GB');
		expect(alpha2Of('RKS')).toBe('XK');
	});

	it('has no country for specimen, stateless and unknown codes', () => {
		expect(alpha2Of('UTO')).toBeNull();
		expect(alpha2Of('XXA')).toBeNull();
		expect(alpha2Of('QQQ')).toBeNull();
	});

	it('knows all 249 ISO countries once', () => {
		expect(STATE_CODES).toHaveLength(249);
		expect(new Set(STATE_CODES).size).toBe(249);
	});
});

describe('isKnownStateCode', () => {
	it('knows countries, ICAO codes without a country and the specimen state', () => {
		for (const code of ['FIN', 'MEX', 'D<<', 'GBN', 'RKS', 'EUE', 'UNO', 'XXA', 'UTO'])
			expect(isKnownStateCode(code), code).toBe(true);
	});

	it('does not know misreads of them', () => {
		for (const code of ['FZN', 'MFX', 'O<<', 'QQQ', '<<<']) expect(isKnownStateCode(code), code).toBe(false);
	});
});
