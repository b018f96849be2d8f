import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import {
	type AdditionalDraft,
	type PhoneParser,
	toAdditionalInfo,
	validateAdditional
} from './additional-rules';

/** The real library with its min metadata, as the app uses it. */
const parsePhone: PhoneParser = (input) => {
	const parsed = parsePhoneNumberFromString(input);
	return parsed ? { valid: isValidPhoneNumber(input), e164: parsed.number, country: parsed.country } : null;
};

const valid: AdditionalDraft = {
	lodgingName: 'Hotel Catedral',
	street: 'Donceles 95',
	state: 'CMX',
	municipality: 'Cuauhtémoc',
	postalCode: '06000',
	originName: 'Lucía Pérez',
	originPhone: '+34 612 345 678',
	mexicoName: 'Hotel Catedral',
	mexicoPhone: '+52 55 5518 5232',
	hasResidentCard: 'no',
	residentCardKind: '',
	residentCardNumber: '',
	occupation: 'Ingeniera'
};
const check = (patch: Partial<AdditionalDraft>) => validateAdditional({ ...valid, ...patch }, parsePhone);

describe('additional information rules', () => {
	it('accepts a complete step and seals phones in E.164', () => {
		expect(check({})).toEqual({});
		const info = toAdditionalInfo(valid, parsePhone);
		expect(info.contactOrigin.phone).toBe('+34612345678');
		expect(info.contactMexico.phone).toBe('+525555185232');
		expect(info.residentCard).toBeUndefined();
	});

	it('needs the address, with a state from the list and a 5-digit postal code', () => {
		expect(check({ lodgingName: ' ' }).lodgingName).toBe('required');
		expect(check({ lodgingName: 'x'.repeat(121) }).lodgingName).toBe('too_long');
		expect(check({ street: '' }).street).toBe('required');
		expect(check({ state: '' }).state).toBe('required');
		expect(check({ state: 'TX' }).state).toBe('invalid');
		expect(check({ municipality: '' }).municipality).toBe('required');
		expect(check({ postalCode: '' }).postalCode).toBe('required');
		expect(check({ postalCode: '6000' }).postalCode).toBe('invalid');
		expect(check({ postalCode: '00123' }).postalCode).toBe('invalid');
		expect(check({ postalCode: '0600A' }).postalCode).toBe('invalid');
	});

	it('needs both contacts, with valid international numbers and a Mexican one in Mexico', () => {
		expect(check({ originName: '' }).originName).toBe('required');
		expect(check({ originPhone: '' }).originPhone).toBe('required');
		expect(check({ originPhone: '612 345 678' }).originPhone).toBe('not_international');
		expect(check({ originPhone: '+34 12' }).originPhone).toBe('invalid');
		expect(check({ mexicoName: '' }).mexicoName).toBe('required');
		expect(check({ mexicoPhone: '+34 612 345 678' }).mexicoPhone).toBe('not_mexican');
		expect(check({ mexicoPhone: '+52 1' }).mexicoPhone).toBe('invalid');
	});

	it('asks for the resident card only when the traveller has one', () => {
		expect(check({ hasResidentCard: '' }).hasResidentCard).toBe('required');
		const yes = check({ hasResidentCard: 'yes' });
		expect(yes.residentCardKind).toBe('required');
		expect(yes.residentCardNumber).toBe('required');
		expect(
			check({ hasResidentCard: 'yes', residentCardKind: 'temporary', residentCardNumber: 'ab-1' })
				.residentCardNumber
		).toBe('invalid');
		const ok = { hasResidentCard: 'yes', residentCardKind: 'permanent', residentCardNumber: 'ab 123 456' };
		expect(check(ok)).toEqual({});
		expect(toAdditionalInfo({ ...valid, ...ok }, parsePhone).residentCard).toEqual({
			kind: 'permanent',
			number: 'AB123456'
		});
	});

	it('needs the occupation', () => {
		expect(check({ occupation: '' }).occupation).toBe('required');
		expect(check({ occupation: 'x'.repeat(101) }).occupation).toBe('too_long');
	});
});
