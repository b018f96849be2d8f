import { describe, expect, it } from 'vitest';
import { alpha2Of, STATE_CODES } from './countries';

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
