import { randomBytes } from 'node:crypto';
import { CouchError } from '../domain/couch-error.js';
import type { EntryClaims, ReceiptClaims } from '../domain/receipt-token/claims.js';
import { entryExpiry, receiptExpiry } from '../domain/receipt-token/expiry.js';
import { newFolio } from '../domain/receipt-token/folio.js';
import { signToken } from '../domain/receipt-token/token.js';
import type { ServerDocuments } from '../replication/server-documents.js';
import type { Keyring } from './signing-keys.js';

type Doc = Record<string, unknown>;

const uuidOf = (registrationId: string) => registrationId.slice(registrationId.indexOf(':') + 1);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Issues the signed records the server writes into a traveller's database: the receipt when a registration
 * has been accepted, and the entry record when an officer decided. Ids are derived from the registration
 * (`receipt:<uuid>`, `entry:<uuid>`), so however many processes race to issue, one document wins and the
 * others meet a conflict and return it.
 */
export class ReceiptService {
	constructor(
		private readonly documents: ServerDocuments,
		private readonly keyring: Keyring,
		private readonly clock: () => number = Date.now
	) {}

	/** The registration's receipt, issuing it if it does not exist yet. Null when the record is not a registration. */
	async issueReceipt(ownerUserId: string, registration: Doc): Promise<Doc | null> {
		const registrationId = str(registration._id);
		const claimsInput = receiptFields(registration);
		// Registration ids are made on the device as registration:<uuid v4>; anything else gets no receipt.
		if (
			!/^registration:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(registrationId) ||
			!claimsInput
		)
			return null;
		const id = `receipt:${uuidOf(registrationId)}`;
		const existing = await this.documents.getByOwner(ownerUserId, id);
		if (existing) return existing;
		const issuedAt = Math.floor(this.clock() / 1000);
		const claims: ReceiptClaims = {
			kind: 'receipt',
			folio: newFolio(randomBytes(8)),
			registrationId,
			...claimsInput,
			issuedAt,
			expiresAt: receiptExpiry(claimsInput.arrivalDate, issuedAt)
		};
		const token = await signToken(claims, this.keyring.activeKid(), (data) => this.keyring.sign(data));
		const receipt: Doc = {
			_id: id,
			type: 'receipt',
			createdAt: new Date(issuedAt * 1000).toISOString(),
			registrationId,
			folio: claims.folio,
			token,
			issuedAt: new Date(issuedAt * 1000).toISOString(),
			expiresAt: new Date(claims.expiresAt * 1000).toISOString()
		};
		return this.writeOnce(ownerUserId, receipt);
	}

	/**
	 * Signs and writes an entry record (the officer console calls this through the entry desk). An
	 * authorization gets a token for the FMM's QR; a refusal is written as it is. Idempotent by id.
	 */
	issueEntryRecord = async (ownerUserId: string, record: Doc): Promise<Doc> => {
		const id = str(record._id);
		if (!id.startsWith('entry:')) throw new Error('Entry records have ids entry:<registration uuid>.');
		const existing = await this.documents.getByOwner(ownerUserId, id);
		if (existing) return existing;
		if (record.decision !== 'authorized') return this.writeOnce(ownerUserId, { ...record, type: 'entry' });
		const issuedAt = Math.floor(this.clock() / 1000);
		const entryDate = str(record.entryAt).slice(0, 10);
		const days = Number(record.daysAuthorized);
		const claims: EntryClaims = {
			kind: 'entry',
			folio: str(record.folio),
			registrationId: str(record.registrationId),
			fmmNumber: str(record.fmmNumber),
			entryDate,
			portOfEntry: str(record.portOfEntry),
			daysAuthorized: days,
			conditionOfStay: str(record.conditionOfStay),
			officerId: str(record.officerId),
			issuedAt,
			expiresAt: entryExpiry(entryDate, days)
		};
		const token = await signToken(claims, this.keyring.activeKid(), (data) => this.keyring.sign(data));
		return this.writeOnce(ownerUserId, { ...record, type: 'entry', token });
	};

	private async writeOnce(ownerUserId: string, doc: Doc): Promise<Doc> {
		try {
			const { rev } = await this.documents.writeAsServer(ownerUserId, doc);
			return { ...doc, _rev: rev };
		} catch (error) {
			// Another process (or an earlier retry) issued it first: theirs is the one.
			if (!(error instanceof CouchError) || error.status !== 409) throw error;
			const existing = await this.documents.getByOwner(ownerUserId, str(doc._id));
			if (!existing) throw error;
			return existing;
		}
	}
}

/** What the receipt carries from the sealed registration; null when a field it needs is missing. */
function receiptFields(
	registration: Doc
): Omit<ReceiptClaims, 'kind' | 'folio' | 'registrationId' | 'issuedAt' | 'expiresAt'> | null {
	const traveller = (registration.traveller ?? {}) as Doc;
	const trip = (registration.trip ?? {}) as Doc;
	const fields = {
		documentNumber: str(traveller.documentNumber),
		nationality: str(traveller.nationality),
		surnames: str(traveller.surnames),
		givenNames: str(traveller.givenNames),
		birthDate: str(traveller.birthDate),
		arrivalDate: str(trip.arrivalDate),
		portOfEntry: str(trip.portOfEntry),
		flight: [str(trip.airline), str(trip.flightNumber)].filter(Boolean).join(' ')
	};
	const required = [
		fields.documentNumber,
		fields.nationality,
		fields.surnames,
		fields.birthDate,
		fields.arrivalDate
	];
	return required.every((value) => value !== '') && /^\d{4}-\d{2}-\d{2}$/.test(fields.arrivalDate)
		? fields
		: null;
}
