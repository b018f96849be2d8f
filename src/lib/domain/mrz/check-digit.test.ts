import { describe, expect, it } from 'vitest';

import { checkDigit, isCheckDigitValid, mrzCharValue } from './check-digit';

describe('checkDigit', () => {
	it('matches the ICAO 9303 specimen passport', () => {
		expect(checkDigit('L898902C3')).toBe(6);
		expect(checkDigit('740812')).toBe(2);
		expect(checkDigit('120415')).toBe(9);
		expect(checkDigit('ZE184226B<<<<<')).toBe(1);
		expect(checkDigit('L898902C36' + '7408122' + '1204159' + 'ZE184226B<<<<<1')).toBe(0);
	});

	it('gives fillers the value 0 and letters 10–35', () => {
		expect(mrzCharValue('<')).toBe(0);
		expect(mrzCharValue('A')).toBe(10);
		expect(mrzCharValue('Z')).toBe(35);
		expect(checkDigit('<<<<<<<<<')).toBe(0);
	});

	it('refuses characters outside the MRZ alphabet', () => {
		expect(checkDigit('L89890 C3')).toBeUndefined();
		expect(checkDigit('l898902c3')).toBeUndefined();
		expect(isCheckDigitValid('L89890 C3', '6')).toBe(false);
	});

	it('validates a printed digit', () => {
		expect(isCheckDigitValid('D23145890', '7')).toBe(true);
		expect(isCheckDigitValid('D23145890', '8')).toBe(false);
		expect(isCheckDigitValid('D23145890', '<')).toBe(false);
	});
});
