import { describe, expect, it } from 'vitest';

import { parseMrz, type MrzRead } from './parse';
import {
	GERMAN_PASSPORT,
	TD1_LONG_NUMBER,
	TD1_SPECIMEN,
	TD2_SPECIMEN,
	TD3_SPECIMEN
} from './specimens.test-data';

const today = new Date('2011-06-01T00:00:00Z');

function read(lines: string | readonly string[], on = today): MrzRead {
	const result = parseMrz(lines, on);
	if (!result.ok) throw new Error(`${result.error}: ${result.message}`);
	return result.read;
}

describe('parseMrz', () => {
	it('reads the ICAO TD3 specimen', () => {
		const passport = read(TD3_SPECIMEN);
		expect(passport.format).toBe('TD3');
		expect(passport.valid).toBe(true);
		expect(passport.fields).toEqual({
			documentType: 'P',
			issuingState: 'UTO',
			surnames: 'ERIKSSON',
			givenNames: 'ANNA MARIA',
			documentNumber: 'L898902C3',
			nationality: 'UTO',
			birthDate: '1974-08-12',
			sex: 'F',
			expiryDate: '2012-04-15',
			personalNumber: 'ZE184226B'
		});
		expect(passport.unprotectedFields).toEqual(
			expect.arrayContaining(['surnames', 'givenNames', 'nationality', 'sex', 'issuingState'])
		);
		expect(passport.unprotectedFields).not.toContain('documentNumber');
	});

	it('reads the TD2 and TD1 specimens', () => {
		const td2 = read(TD2_SPECIMEN);
		expect([td2.format, td2.valid, td2.fields.documentNumber, td2.fields.givenNames]).toEqual([
			'TD2',
			true,
			'D23145890',
			'ANNA MARIA'
		]);
		const td1 = read(TD1_SPECIMEN.join('\n'));
		expect([td1.format, td1.valid, td1.fields.documentNumber, td1.fields.surnames]).toEqual([
			'TD1',
			true,
			'D23145890',
			'ERIKSSON'
		]);
		expect(td1.fields.personalNumber).toBeUndefined();
	});

	it('joins a TD1 long document number', () => {
		const card = read(TD1_LONG_NUMBER);
		expect(card.valid).toBe(true);
		expect(card.fields.documentNumber).toBe('D23145890123');
	});

	it('reads Germany as D<< and reports it as DEU', () => {
		const passport = read(GERMAN_PASSPORT, new Date('2026-11-25T00:00:00Z'));
		expect(passport.valid).toBe(true);
		expect(passport.fields).toMatchObject({
			issuingState: 'DEU',
			nationality: 'DEU',
			surnames: 'MUSTERMANN',
			givenNames: 'ERIKA',
			documentNumber: 'C01X00T47',
			birthDate: '1964-08-12',
			expiryDate: '2027-02-28'
		});
		expect(passport.fields.personalNumber).toBeUndefined();
	});

	it('names the failing check digits', () => {
		const wrong = read([TD3_SPECIMEN[0], 'L898902C36UTO7408132F1204159ZE184226B<<<<<10']);
		expect(wrong.valid).toBe(false);
		expect(wrong.failedChecks).toEqual(['birthDate', 'composite']);
	});

	it('returns error codes instead of throwing', () => {
		const code = (lines: string | readonly string[]) => {
			const result = parseMrz(lines, today);
			return result.ok ? 'ok' : result.error;
		};
		expect(code([TD3_SPECIMEN[0]])).toBe('wrong-line-count');
		expect(code([TD3_SPECIMEN[0], TD3_SPECIMEN[1].slice(1)])).toBe('wrong-line-length');
		expect(code([TD3_SPECIMEN[0].slice(2), TD3_SPECIMEN[1].slice(2)])).toBe('wrong-line-length');
		expect(code([TD3_SPECIMEN[0], TD3_SPECIMEN[1].replace('L', 'l')])).toBe('invalid-characters');
		expect(code(['IDFRAERIKSSON<<<<<<<<<<<<<<<<<123456', '8806923102858ANNA<MARIA<<<<7408122F6'])).toBe(
			'unsupported-format'
		);
		expect(code('')).toBe('wrong-line-count');
	});

	it('maps unspecified sex to X', () => {
		const line2 = 'L898902C36UTO7408122<1204159ZE184226B<<<<<1';
		const lines = [TD3_SPECIMEN[0], line2 + '0'];
		expect(read(lines).fields.sex).toBe('X');
	});
});
