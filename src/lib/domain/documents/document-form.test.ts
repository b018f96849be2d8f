import { describe, expect, it } from 'vitest';
import { emptyDocumentForm, expiresSoon, formFromMrz, isExpired, validateDocument } from './document-form';

const today = new Date('2026-11-25T12:00:00Z');
const valid = {
	...emptyDocumentForm(),
	issuingState: 'DEU',
	surnames: 'MUSTERMANN',
	givenNames: 'ERIKA',
	documentNumber: 'C01X00T47',
	nationality: 'DEU',
	birthDate: '1964-08-12',
	sex: 'F' as const,
	expiryDate: '2030-10-31',
	placeOfBirth: 'Berlin'
};

describe('validateDocument', () => {
	it('accepts a complete, valid document', () => {
		expect(validateDocument(valid, today)).toEqual({});
	});

	it('refuses an expired document', () => {
		expect(validateDocument({ ...valid, expiryDate: '2026-11-24' }, today).expiryDate).toBe('expired');
	});

	it('names every missing required field, including what the MRZ does not carry', () => {
		const errors = validateDocument(emptyDocumentForm(), today);
		expect(Object.keys(errors).sort()).toEqual(
			[
				'birthDate',
				'documentNumber',
				'expiryDate',
				'issuingState',
				'nationality',
				'placeOfBirth',
				'sex',
				'surnames'
			].sort()
		);
	});

	it('refuses impossible dates and unknown country codes, as typed by hand', () => {
		const errors = validateDocument({ ...valid, birthDate: '1990-02-30', nationality: 'XYZ' }, today);
		expect(errors).toEqual({ birthDate: 'invalid_date', nationality: 'unknown_country' });
	});

	it('refuses a birth date in the future', () => {
		expect(validateDocument({ ...valid, birthDate: '2027-01-01' }, today).birthDate).toBe('birth_in_future');
	});
});

describe('expiry', () => {
	it('warns when the document expires within 6 months, not after', () => {
		expect(expiresSoon('2027-05-24', today)).toBe(true);
		expect(expiresSoon('2027-05-26', today)).toBe(false);
		expect(isExpired('2026-11-24', today)).toBe(true);
		expect(isExpired('2026-11-25', today)).toBe(false);
	});
});

describe('formFromMrz', () => {
	it('keeps what the traveller already typed that the MRZ does not carry', () => {
		const form = formFromMrz(
			{
				documentType: 'P',
				issuingState: 'DEU',
				surnames: 'MUSTERMANN',
				givenNames: 'ERIKA',
				documentNumber: 'C01X00T47',
				nationality: 'DEU',
				birthDate: '1964-08-12',
				sex: 'F',
				expiryDate: '2030-10-31'
			},
			{ ...emptyDocumentForm(), placeOfBirth: 'Berlin', relationship: 'child' }
		);
		expect(form).toMatchObject({ placeOfBirth: 'Berlin', relationship: 'child', surnames: 'MUSTERMANN' });
		expect(validateDocument(form, today)).toEqual({});
	});
});
