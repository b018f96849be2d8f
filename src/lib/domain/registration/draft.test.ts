import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import type { IdentityDocumentRecord } from '../records/record-types';
import type { PhoneParser } from './additional-rules';
import { copyTrip, newDraft, sealRegistration, stepCompleteness, validateFinish } from './draft';
import { SHIPPED_QUESTION_SET } from './shipped-question-set';

const parsePhone: PhoneParser = (input) => {
	const parsed = parsePhoneNumberFromString(input);
	return parsed ? { valid: isValidPhoneNumber(input), e164: parsed.number, country: parsed.country } : null;
};
const base = { accountKey: 'acct1234', now: '2026-11-25T10:00:00.000Z' };
const make = (n: number) =>
	newDraft({
		...base,
		id: `d${n}`,
		registrationId: `registration:${n}`,
		documentId: `identity-document:${n}`
	});

const document: IdentityDocumentRecord = {
	_id: 'identity-document:1',
	type: 'identity-document',
	createdAt: base.now,
	updatedAt: base.now,
	holder: { relationship: 'self' },
	documentType: 'P',
	issuingState: 'ESP',
	surnames: 'PEREZ',
	givenNames: 'LUCIA',
	documentNumber: 'AB1234567',
	nationality: 'ESP',
	birthDate: '1990-01-01',
	expiryDate: '2030-01-01',
	sex: 'F',
	source: 'manual'
};

describe('drafts', () => {
	it('start on the trip step with nothing complete', () => {
		const draft = make(1);
		expect(draft.step).toBe('trip');
		const done = stepCompleteness(draft, {
			today: '2026-11-25',
			document,
			questionSet: SHIPPED_QUESTION_SET,
			parsePhone
		});
		expect(done).toEqual({ trip: false, additional: false, control: false, finish: false, review: false });
	});

	it('copies a family member’s trip into another draft, and nothing else', () => {
		const a = { ...make(1), trip: { ...make(1).trip, flightNumber: 'AM402', arrivalDate: '2026-12-20' } };
		const b = copyTrip(a, make(2));
		expect(b.trip.flightNumber).toBe('AM402');
		expect(b.registrationId).toBe('registration:2');
		expect(b.documentId).toBe('identity-document:2');
	});

	it('need the exit ticket and lodging proof; the itinerary is optional', () => {
		expect(validateFinish({ attachments: {} })).toEqual({ exitTicket: 'required', lodging: 'required' });
		const file = {
			recordId: 'attachment:1',
			fileName: 'a.pdf',
			contentType: 'application/pdf' as const,
			byteLength: 10
		};
		expect(validateFinish({ attachments: { exitTicket: file, lodging: file } })).toEqual({});
	});

	it('seal into a registration with the draft’s fixed id and the document’s data', () => {
		const file = (id: string) => ({
			recordId: id,
			fileName: 'x.pdf',
			contentType: 'application/pdf' as const,
			byteLength: 10
		});
		const draft = {
			...make(1),
			attachments: { exitTicket: file('attachment:a'), lodging: file('attachment:b') }
		};
		const sealed = sealRegistration(draft, document, {
			questionSet: SHIPPED_QUESTION_SET,
			parsePhone,
			now: base.now,
			language: 'es'
		});
		expect(sealed._id).toBe('registration:1');
		expect(sealed.traveller.documentNumber).toBe('AB1234567');
		expect(sealed.attachmentIds).toEqual({ exitTicket: 'attachment:a', lodging: 'attachment:b' });
		expect(sealed.answers.questionSetVersion).toBe(1);
		expect(() =>
			sealRegistration(make(2), document, {
				questionSet: SHIPPED_QUESTION_SET,
				parsePhone,
				now: base.now,
				language: 'es'
			})
		).toThrow();
	});
});
