import type { EditableRecord } from './editable-record';

/**
 * The records that replicate between a traveller's devices and the server (one PouchDB per account on
 * the device, one virtual database per traveller on the server). Facts that shape them:
 * - ids are random and carry no personal data (ids end up in URLs, logs and change feeds);
 * - files live in their own immutable records, because PouchDB re-uploads every attachment of a doc
 *   whenever the doc gets a new revision;
 * - `receipt` and `entry` are written by the server only (it refuses them from travellers).
 */
export type RecordType =
	'identity-document' | 'document-image' | 'registration' | 'attachment' | 'receipt' | 'entry';

export const SERVER_ONLY_RECORD_TYPES: readonly RecordType[] = ['receipt', 'entry'];

export interface BaseRecord {
	_id: string;
	_rev?: string;
	type: RecordType;
	/** ISO timestamp of creation on the device that made the record. */
	createdAt: string;
}

export type Relationship = 'self' | 'spouse' | 'child' | 'parent' | 'sibling' | 'other';

/**
 * A passport or identity card registered by the traveller, for themselves or a family member. Editable
 * on any of the traveller's devices: conflicts are merged field by field (conflict-rule.ts).
 */
export interface IdentityDocumentRecord extends EditableRecord {
	type: 'identity-document';
	holder: { relationship: Relationship };
	documentType: string;
	issuingState: string;
	surnames: string;
	givenNames: string;
	documentNumber: string;
	nationality: string;
	/** ISO dates (YYYY-MM-DD), with the century resolved. */
	birthDate: string;
	expiryDate: string;
	sex: 'M' | 'F' | 'X';
	personalNumber?: string;
	placeOfBirth?: string;
	/** The immutable image record this document was read from, if any. */
	imageId?: string;
	/** How the data was obtained: read from the MRZ with check digits passing, or typed by hand. */
	source: 'mrz' | 'manual';
}

/** An immutable file (the passport photo, a ticket, a lodging proof): one attachment named `file`. */
export interface FileRecord extends BaseRecord {
	type: 'document-image' | 'attachment';
	/** What the file is for; lets the server check a registration's required files. */
	purpose: 'passport' | 'exit-ticket' | 'lodging' | 'itinerary';
	contentType: 'image/jpeg' | 'image/png' | 'application/pdf';
	byteLength: number;
}

export const FILE_ATTACHMENT_NAME = 'file';

/** Builds a random record id, prefixed by its type so a traveller's records can be listed by type. */
export function newRecordId(
	type: RecordType,
	randomUUID: () => string = () => globalThis.crypto.randomUUID()
): string {
	return `${type}:${randomUUID()}`;
}

export function recordTypeOfId(id: string): RecordType | null {
	const prefix = id.split(':', 1)[0];
	const known: readonly string[] = [
		'identity-document',
		'document-image',
		'registration',
		'attachment',
		'receipt',
		'entry'
	];
	return prefix && known.includes(prefix) ? (prefix as RecordType) : null;
}
