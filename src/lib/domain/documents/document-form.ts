/**
 * The identity-document form: what the traveller confirms or types, its validation (the same rules whether
 * the data came from the MRZ or from the keyboard), and the expiry rules for travelling to Mexico.
 */
import type { Relationship } from '../records/record-types';
import type { MrzFields } from '../mrz/parse';
import { alpha2Of } from './countries';

export interface DocumentForm {
	relationship: Relationship;
	documentType: string;
	issuingState: string;
	surnames: string;
	givenNames: string;
	documentNumber: string;
	nationality: string;
	birthDate: string;
	sex: 'M' | 'F' | 'X' | '';
	expiryDate: string;
	personalNumber: string;
	placeOfBirth: string;
}

export type DocumentField = keyof DocumentForm;

/** Named error codes; the UI turns each into a message. */
export type DocumentError =
	| 'required'
	| 'invalid_characters'
	| 'unknown_country'
	| 'invalid_date'
	| 'birth_in_future'
	| 'expired'
	| 'expiry_before_birth';

export type DocumentErrors = Partial<Record<DocumentField, DocumentError>>;

export const emptyDocumentForm = (): DocumentForm => ({
	relationship: 'self',
	documentType: 'P',
	issuingState: '',
	surnames: '',
	givenNames: '',
	documentNumber: '',
	nationality: '',
	birthDate: '',
	sex: '',
	expiryDate: '',
	personalNumber: '',
	placeOfBirth: ''
});

/** Pre-fills the form from an MRZ read; fields the MRZ does not carry (place of birth) stay as they were. */
export function formFromMrz(fields: MrzFields, previous: DocumentForm): DocumentForm {
	return {
		...previous,
		documentType: fields.documentType || previous.documentType,
		issuingState: fields.issuingState,
		surnames: fields.surnames,
		givenNames: fields.givenNames,
		documentNumber: fields.documentNumber,
		nationality: fields.nationality,
		birthDate: fields.birthDate ?? '',
		sex: fields.sex,
		expiryDate: fields.expiryDate ?? '',
		personalNumber: fields.personalNumber ?? ''
	};
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDate(value: string): boolean {
	const match = ISO_DATE.exec(value);
	if (!match) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Adds months in UTC, for the "expires within 6 months" warning. */
function addMonths(date: Date, months: number): Date {
	const copy = new Date(date.getTime());
	copy.setUTCMonth(copy.getUTCMonth() + months);
	return copy;
}

/** Letters of any script, spaces, hyphens and apostrophes: names as printed in the visual zone. */
const NAME = /^[\p{L}\p{M}' -]+$/u;
/** As in the MRZ: capital letters and digits. */
const DOCUMENT_NUMBER = /^[A-Z0-9]{1,20}$/;

export function validateDocument(form: DocumentForm, today: Date): DocumentErrors {
	const errors: DocumentErrors = {};
	const todayIso = isoDay(today);
	if (!form.surnames.trim()) errors.surnames = 'required';
	else if (!NAME.test(form.surnames.trim())) errors.surnames = 'invalid_characters';
	// Some people have only one name, which passports print as the surname; given names may be empty.
	if (form.givenNames.trim() && !NAME.test(form.givenNames.trim())) errors.givenNames = 'invalid_characters';
	if (!form.documentNumber.trim()) errors.documentNumber = 'required';
	else if (!DOCUMENT_NUMBER.test(normaliseDocumentNumber(form.documentNumber))) {
		errors.documentNumber = 'invalid_characters';
	}
	for (const field of ['issuingState', 'nationality'] as const) {
		if (!form[field]) errors[field] = 'required';
		else if (!alpha2Of(form[field])) errors[field] = 'unknown_country';
	}
	if (!form.sex) errors.sex = 'required';
	if (!form.birthDate) errors.birthDate = 'required';
	else if (!isIsoDate(form.birthDate)) errors.birthDate = 'invalid_date';
	else if (form.birthDate > todayIso) errors.birthDate = 'birth_in_future';
	if (!form.expiryDate) errors.expiryDate = 'required';
	else if (!isIsoDate(form.expiryDate)) errors.expiryDate = 'invalid_date';
	// An expired document cannot be used to enter Mexico.
	else if (form.expiryDate < todayIso) errors.expiryDate = 'expired';
	else if (form.birthDate && form.expiryDate <= form.birthDate) errors.expiryDate = 'expiry_before_birth';
	if (!form.placeOfBirth.trim()) errors.placeOfBirth = 'required';
	return errors;
}

/** Valid but expiring within 6 months: many countries and airlines require 6 months' validity. */
export function expiresSoon(expiryDate: string, today: Date): boolean {
	return isIsoDate(expiryDate) && expiryDate >= isoDay(today) && expiryDate < isoDay(addMonths(today, 6));
}

export function isExpired(expiryDate: string, today: Date): boolean {
	return isIsoDate(expiryDate) && expiryDate < isoDay(today);
}

export const normaliseDocumentNumber = (value: string) => value.toUpperCase().replace(/[\s-]/g, '');
