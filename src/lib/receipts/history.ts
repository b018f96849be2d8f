import type { EntryClaims, ReceiptClaims } from '$domain/receipt-token';
import type { IdentityDocumentRecord } from '$domain/records/record-types';
import type { EntryRecord, ReceiptRecord, RegistrationRecord } from '$domain/records/registration-types';
import { serverRecordId } from '$domain/records/registration-types';
import type { RegistrationDraft } from '$domain/registration/draft';
import {
	registrationStatus,
	type RegistrationStatus,
	type TokenCheck
} from '$domain/receipts/registration-status';
import type { RecordsDb } from '$lib/records/records-db';
import type { VerifyResult } from '$domain/receipt-token';
import { verifyOnDevice } from './device-keys';

/** Verifies a token as this device can (cached server keys, WebCrypto); a parameter so tests can give keys. */
export type TokenVerifier = (token: string) => Promise<VerifyResult>;

/** One line of the history: what the traveller sees, and the verified claims the PDFs are made from. */
export interface HistoryItem {
	registrationId: string;
	draftId?: string;
	draftStep?: string;
	holder: string;
	arrivalDate?: string;
	portOfEntry?: string;
	folio?: string;
	status: RegistrationStatus;
	receipt?: { token: string; claims: ReceiptClaims };
	entry?: { token: string; claims: EntryClaims } | { refused: true };
}

const FMM_MARK = 'arribo.fmm-generated.';

/** Remembers on this device that the FMM was made (a random id and a time: no personal data). */
export function markFmmGenerated(registrationId: string): void {
	try {
		localStorage.setItem(FMM_MARK + registrationId, new Date().toISOString());
	} catch {
		// Without storage the history shows "entry authorized" instead of "FMM generated"; the FMM itself is fine.
	}
}

function fmmGeneratedAt(registrationId: string): string | undefined {
	try {
		return localStorage.getItem(FMM_MARK + registrationId) ?? undefined;
	} catch {
		return undefined;
	}
}

async function docsOfType<T>(db: RecordsDb, type: string): Promise<T[]> {
	const page = await db.allDocs({ startkey: `${type}:`, endkey: `${type}:\uffff`, include_docs: true });
	return page.rows.flatMap((row) => (row.doc ? [row.doc as unknown as T] : []));
}

async function check<K extends 'receipt' | 'entry'>(
	verify: TokenVerifier,
	token: string | undefined,
	kind: K,
	registrationId: string
) {
	if (!token) return { check: 'unchecked' as TokenCheck, claims: undefined };
	const result = await verify(token);
	// A token only counts for the registration it names, whatever record it came in.
	if (result.ok && result.claims.kind === kind && result.claims.registrationId === registrationId) {
		return {
			check: 'valid' as TokenCheck,
			claims: result.claims as Extract<typeof result.claims, { kind: K }>
		};
	}
	const keysMissing = !result.ok && result.reason === 'unknown_key';
	return { check: (keysMissing ? 'unchecked' : 'invalid') as TokenCheck, claims: undefined };
}

/** Every registration of this account: drafts on this device, and registrations from any of its devices. */
export async function loadHistory(
	db: RecordsDb,
	drafts: RegistrationDraft[],
	verify: TokenVerifier = verifyOnDevice
): Promise<HistoryItem[]> {
	const [registrations, documents] = await Promise.all([
		docsOfType<RegistrationRecord>(db, 'registration'),
		docsOfType<IdentityDocumentRecord>(db, 'identity-document')
	]);
	const byId = new Map(registrations.map((r) => [r._id, r]));
	const ids = [...new Set([...drafts.map((d) => d.registrationId), ...byId.keys()])];
	const items = await Promise.all(
		ids.map(async (registrationId): Promise<HistoryItem> => {
			const registration = byId.get(registrationId);
			const draft = drafts.find((d) => d.registrationId === registrationId);
			const receipt = (await db
				.get(serverRecordId('receipt', registrationId))
				.catch(() => null)) as ReceiptRecord | null;
			const entry = (await db
				.get(serverRecordId('entry', registrationId))
				.catch(() => null)) as EntryRecord | null;
			const receiptCheck = await check(verify, receipt?.token, 'receipt', registrationId);
			const entryCheck = await check(verify, entry?.token, 'entry', registrationId);
			const person = registration?.traveller ?? documents.find((d) => d._id === draft?.documentId);
			const status = registrationStatus({
				draft: draft && { status: draft.status, updatedAt: draft.updatedAt },
				registration: registration && { submittedAt: registration.submittedAt },
				receipt: receipt
					? { folio: receipt.folio, issuedAt: receipt.issuedAt, check: receiptCheck.check }
					: undefined,
				entry: entry
					? {
							decision: entry.decision,
							entryAt: entry.entryAt,
							portOfEntry: entry.portOfEntry,
							daysAuthorized: entry.daysAuthorized,
							check: entryCheck.check
						}
					: undefined,
				fmmGeneratedAt: fmmGeneratedAt(registrationId)
			});
			return {
				registrationId,
				draftId: draft?.id,
				draftStep: draft?.step,
				holder: person ? `${person.givenNames} ${person.surnames}`.trim() : '',
				arrivalDate: registration?.trip.arrivalDate ?? draft?.trip.arrivalDate,
				portOfEntry: registration?.trip.portOfEntry ?? draft?.trip.portOfEntry,
				folio: receiptCheck.claims?.folio,
				status,
				receipt:
					receiptCheck.claims && receipt ? { token: receipt.token, claims: receiptCheck.claims } : undefined,
				entry:
					entry?.decision === 'refused'
						? { refused: true }
						: entryCheck.claims && entry?.token
							? { token: entry.token, claims: entryCheck.claims }
							: undefined
			};
		})
	);
	return items.sort((a, b) => (b.arrivalDate ?? '').localeCompare(a.arrivalDate ?? ''));
}
