import type { AdditionalInfo } from '../records/registration-types';
import { isMexicanState } from './ports-of-entry';

export interface AdditionalDraft {
	lodgingName: string;
	street: string;
	state: string;
	municipality: string;
	postalCode: string;
	originName: string;
	originPhone: string;
	mexicoName: string;
	mexicoPhone: string;
	/** 'yes' | 'no' | '' (not answered yet). */
	hasResidentCard: string;
	residentCardKind: string;
	residentCardNumber: string;
	occupation: string;
}

export type AdditionalField = keyof AdditionalDraft;
/** Message keys live at `wizard.error.additional.<field>.<code>`. */
export type AdditionalErrors = Partial<Record<AdditionalField, string>>;

export const EMPTY_ADDITIONAL: AdditionalDraft = {
	lodgingName: '',
	street: '',
	state: '',
	municipality: '',
	postalCode: '',
	originName: '',
	originPhone: '',
	mexicoName: '',
	mexicoPhone: '',
	hasResidentCard: '',
	residentCardKind: '',
	residentCardNumber: '',
	occupation: ''
};

/**
 * What the phone library says about a number (injected, so this module stays pure and the library
 * loads only on the step that needs it): null when it cannot parse it, else E.164 and the country.
 */
export type PhoneParser = (input: string) => { valid: boolean; e164: string; country?: string } | null;

/** Mexican postal codes: five digits; 00xxx is not assigned. */
const POSTAL_CODE = /^(?!00)\d{5}$/;
/** Resident cards (tarjeta de residente) carry a letters-and-digits number. */
const RESIDENT_CARD = /^[A-Z0-9]{6,20}$/;

function requiredText(value: string, max: number): string | null {
	// Blank, or only spaces.
	if (!value.trim()) return 'required';
	// Longer than the receipt and officer screens can show.
	if (value.trim().length > max) return 'too_long';
	return null;
}

function phoneProblem(input: string, parse: PhoneParser, mustBeMexican: boolean): string | null {
	const value = input.trim();
	if (!value) return 'required';
	// International format only: a number without its country code is ambiguous across borders.
	if (!value.startsWith('+')) return 'not_international';
	const parsed = parse(value);
	// Not a possible number for its country (wrong length, unknown prefix).
	if (!parsed || !parsed.valid) return 'invalid';
	// The contact "in Mexico" must be reachable on a Mexican number.
	if (mustBeMexican && parsed.country !== 'MX') return 'not_mexican';
	return null;
}

export function validateAdditional(draft: AdditionalDraft, parsePhone: PhoneParser): AdditionalErrors {
	const errors: AdditionalErrors = {};
	const set = (field: AdditionalField, problem: string | null) => {
		if (problem) errors[field] = problem;
	};
	set('lodgingName', requiredText(draft.lodgingName, 120));
	set('street', requiredText(draft.street, 200));
	// One of Mexico's 32 states, from the list.
	if (!draft.state) errors.state = 'required';
	else if (!isMexicanState(draft.state)) errors.state = 'invalid';
	set('municipality', requiredText(draft.municipality, 120));
	if (!draft.postalCode.trim()) errors.postalCode = 'required';
	else if (!POSTAL_CODE.test(draft.postalCode.trim())) errors.postalCode = 'invalid';
	set('originName', requiredText(draft.originName, 120));
	set('originPhone', phoneProblem(draft.originPhone, parsePhone, false));
	set('mexicoName', requiredText(draft.mexicoName, 120));
	set('mexicoPhone', phoneProblem(draft.mexicoPhone, parsePhone, true));
	// The traveller must say whether they hold a Mexican resident card.
	if (draft.hasResidentCard !== 'yes' && draft.hasResidentCard !== 'no') errors.hasResidentCard = 'required';
	else if (draft.hasResidentCard === 'yes') {
		if (draft.residentCardKind !== 'temporary' && draft.residentCardKind !== 'permanent')
			errors.residentCardKind = 'required';
		const number = draft.residentCardNumber.replace(/\s+/g, '').toUpperCase();
		if (!number) errors.residentCardNumber = 'required';
		else if (!RESIDENT_CARD.test(number)) errors.residentCardNumber = 'invalid';
	}
	set('occupation', requiredText(draft.occupation, 100));
	return errors;
}

/** The sealed form of a valid step: phones in E.164, the card only when the traveller has one. */
export function toAdditionalInfo(draft: AdditionalDraft, parsePhone: PhoneParser): AdditionalInfo {
	const e164 = (input: string) => parsePhone(input.trim())?.e164 ?? input.trim();
	return {
		address: {
			lodgingName: draft.lodgingName.trim(),
			street: draft.street.trim(),
			state: draft.state,
			municipality: draft.municipality.trim(),
			postalCode: draft.postalCode.trim()
		},
		contactOrigin: { name: draft.originName.trim(), phone: e164(draft.originPhone) },
		contactMexico: { name: draft.mexicoName.trim(), phone: e164(draft.mexicoPhone) },
		...(draft.hasResidentCard === 'yes'
			? {
					residentCard: {
						kind: draft.residentCardKind as 'temporary' | 'permanent',
						number: draft.residentCardNumber.replace(/\s+/g, '').toUpperCase()
					}
				}
			: {}),
		occupation: draft.occupation.trim()
	};
}
