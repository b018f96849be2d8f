import type { BaseRecord, IdentityDocumentRecord } from './record-types';

/**
 * A sent pre-registration. Sealed on the device when the traveller presses "Enviar información" and never
 * edited afterwards (drafts live in Dexie on the device until then). Its `_id` is generated on the device,
 * so re-sending after a lost response is idempotent: the server sees the same id and revision.
 */
export interface RegistrationRecord extends BaseRecord {
	type: 'registration';
	/** The identity-document record chosen at the start. */
	documentId: string;
	/** The document's data as it was when sent, so the receipt and FMM never depend on later edits. */
	traveller: Pick<
		IdentityDocumentRecord,
		| 'documentType'
		| 'issuingState'
		| 'surnames'
		| 'givenNames'
		| 'documentNumber'
		| 'nationality'
		| 'birthDate'
		| 'expiryDate'
		| 'sex'
	>;
	trip: TripInfo;
	additional: AdditionalInfo;
	answers: MigratoryAnswers;
	/** Ids of the immutable attachment records. */
	attachmentIds: { exitTicket: string; lodging: string; itinerary?: string };
	termsAcceptedAt: string;
	submittedAt: string;
	/** The language the traveller used, for the receipt and e-mails. */
	language: string;
}

export interface TripInfo {
	means: 'air' | 'sea' | 'land';
	airline?: string;
	flightNumber?: string;
	originCountry: string;
	originAirport?: string;
	/** ISO date. */
	arrivalDate: string;
	/** Code from the shipped list of Mexico's ports of entry. */
	portOfEntry: string;
	purpose: 'tourism' | 'business' | 'family' | 'transit' | 'other';
	purposeOther?: string;
	departureDate: string;
}

export interface Contact {
	name: string;
	/** E.164, e.g. +525512345678. */
	phone: string;
}

export interface AdditionalInfo {
	address: { lodgingName: string; street: string; state: string; municipality: string; postalCode: string };
	contactOrigin: Contact;
	contactMexico: Contact;
	residentCard?: { kind: 'temporary' | 'permanent'; number: string };
	occupation: string;
}

export interface MigratoryAnswers {
	questionSetId: string;
	questionSetVersion: number;
	/** Question id → the answer and, for "yes", the follow-up fields. */
	items: Record<string, { answer: boolean; followUp?: Record<string, string> }>;
}

/** Written by the server when it accepts a registration; id `receipt:<registration uuid>`. */
export interface ReceiptRecord extends BaseRecord {
	type: 'receipt';
	registrationId: string;
	folio: string;
	/** The signed, Base45 token that the QR carries. */
	token: string;
	issuedAt: string;
	expiresAt: string;
}

/** Written by the server when an officer authorizes (or refuses) entry; id `entry:<registration uuid>`. */
export interface EntryRecord extends BaseRecord {
	type: 'entry';
	registrationId: string;
	folio: string;
	decision: 'authorized' | 'refused';
	fmmNumber?: string;
	entryAt?: string;
	portOfEntry?: string;
	daysAuthorized?: number;
	conditionOfStay?: string;
	refusalReason?: string;
	officerId: string;
	/** The signed token of this entry record, for the FMM's QR. */
	token?: string;
}

/** The server-written records use the registration's uuid, so finding them needs no query and issuing twice is idempotent. */
export function serverRecordId(kind: 'receipt' | 'entry', registrationId: string): string {
	const uuid = registrationId.slice(registrationId.indexOf(':') + 1);
	return `${kind}:${uuid}`;
}
