import { cbor } from './cose.js';

/**
 * What a token says, and nothing more than an officer needs offline: no photo, no contacts, no answers.
 * CWT (RFC 8392) claims 4 (exp) and 6 (iat) in seconds; Arribo's own data sits in one private-use claim
 * as a positional array, which is smaller than a map with named keys.
 */
export const CWT_EXP = 4;
export const CWT_IAT = 6;
export const CLAIM_RECEIPT = -65537;
export const CLAIM_ENTRY = -65538;
const FORMAT_VERSION = 1;

export interface ReceiptClaims {
	kind: 'receipt';
	folio: string;
	registrationId: string;
	documentNumber: string;
	nationality: string;
	surnames: string;
	givenNames: string;
	/** ISO dates (YYYY-MM-DD). */
	birthDate: string;
	arrivalDate: string;
	portOfEntry: string;
	/** Airline and flight number (e.g. "AM 0401"), or '' when the traveller does not arrive by air. */
	flight: string;
	/** Seconds since the epoch. */
	issuedAt: number;
	expiresAt: number;
}

export interface EntryClaims {
	kind: 'entry';
	folio: string;
	registrationId: string;
	fmmNumber: string;
	entryDate: string;
	portOfEntry: string;
	daysAuthorized: number;
	conditionOfStay: string;
	officerId: string;
	issuedAt: number;
	expiresAt: number;
}

export type TokenClaims = ReceiptClaims | EntryClaims;

export class ClaimsError extends Error {}

export function encodeClaims(claims: TokenClaims): Uint8Array {
	const data =
		claims.kind === 'receipt'
			? [
					FORMAT_VERSION,
					claims.folio,
					uuidBytes(claims.registrationId),
					claims.documentNumber,
					claims.nationality,
					claims.surnames,
					claims.givenNames,
					claims.birthDate,
					claims.arrivalDate,
					claims.portOfEntry,
					claims.flight
				]
			: [
					FORMAT_VERSION,
					claims.folio,
					uuidBytes(claims.registrationId),
					claims.fmmNumber,
					claims.entryDate,
					claims.portOfEntry,
					claims.daysAuthorized,
					claims.conditionOfStay,
					claims.officerId
				];
	return cbor.encode(
		new Map<number, unknown>([
			[CWT_EXP, claims.expiresAt],
			[CWT_IAT, claims.issuedAt],
			[claims.kind === 'receipt' ? CLAIM_RECEIPT : CLAIM_ENTRY, data]
		])
	);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const REGISTRATION_ID =
	/^registration:([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/;

/** Registration ids are `registration:<uuid>`; the token carries the uuid's 16 bytes (33 fewer than text). */
function uuidBytes(registrationId: string): Uint8Array {
	const match = REGISTRATION_ID.exec(registrationId);
	if (!match) throw new ClaimsError('Registration ids are registration:<lower-case uuid>.');
	const hex = match.slice(1).join('');
	return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
}

function registrationIdOf(value: unknown): string {
	if (!(value instanceof Uint8Array) || value.length !== 16) throw new ClaimsError('Expected 16 uuid bytes.');
	const hex = [...value].map((byte) => byte.toString(16).padStart(2, '0')).join('');
	const parts = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)];
	return `registration:${parts.join('-')}`;
}

function text(value: unknown, max = 120): string {
	if (typeof value !== 'string' || value.length > max) throw new ClaimsError('Expected a short text.');
	return value;
}

function date(value: unknown): string {
	if (!ISO_DATE.test(text(value))) throw new ClaimsError('Expected an ISO date.');
	return value as string;
}

function seconds(value: unknown): number {
	if (!Number.isSafeInteger(value) || (value as number) < 0) throw new ClaimsError('Expected seconds.');
	return value as number;
}

/** Throws ClaimsError unless the payload is exactly one of the two claim sets of format version 1. */
export function decodeClaims(payload: Uint8Array): TokenClaims {
	let map: unknown;
	try {
		map = cbor.decode(payload);
	} catch {
		throw new ClaimsError('Payload is not CBOR.');
	}
	if (!(map instanceof Map)) throw new ClaimsError('Payload is a map of claims.');
	const times = { expiresAt: seconds(map.get(CWT_EXP)), issuedAt: seconds(map.get(CWT_IAT)) };
	const receipt = map.get(CLAIM_RECEIPT);
	const entry = map.get(CLAIM_ENTRY);
	if (
		Array.isArray(receipt) &&
		entry === undefined &&
		receipt.length === 11 &&
		receipt[0] === FORMAT_VERSION
	) {
		const [
			,
			folio,
			registrationId,
			documentNumber,
			nationality,
			surnames,
			givenNames,
			birth,
			arrival,
			port,
			flight
		] = receipt as unknown[];
		return {
			kind: 'receipt',
			folio: text(folio),
			registrationId: registrationIdOf(registrationId),
			documentNumber: text(documentNumber),
			nationality: text(nationality),
			surnames: text(surnames),
			givenNames: text(givenNames),
			birthDate: date(birth),
			arrivalDate: date(arrival),
			portOfEntry: text(port),
			flight: text(flight),
			...times
		};
	}
	if (Array.isArray(entry) && receipt === undefined && entry.length === 9 && entry[0] === FORMAT_VERSION) {
		const [, folio, registrationId, fmmNumber, entryDate, port, days, condition, officerId] =
			entry as unknown[];
		if (!Number.isInteger(days) || (days as number) < 1 || (days as number) > 180) {
			throw new ClaimsError('Days authorized are 1 to 180.');
		}
		return {
			kind: 'entry',
			folio: text(folio),
			registrationId: registrationIdOf(registrationId),
			fmmNumber: text(fmmNumber),
			entryDate: date(entryDate),
			portOfEntry: text(port),
			daysAuthorized: days as number,
			conditionOfStay: text(condition),
			officerId: text(officerId),
			...times
		};
	}
	throw new ClaimsError('Unknown claim set.');
}
