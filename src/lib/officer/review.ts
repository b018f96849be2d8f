import type { EntryRecord, ReceiptRecord, RegistrationRecord } from '$domain/records/registration-types';
import type { IdentityDocumentRecord } from '$domain/records/record-types';

/** What GET /api/officer/registrations/:id answers (each such read is in the server's audit log). */
export interface ReviewView {
	registration: RegistrationRecord & {
		traveller: Partial<RegistrationRecord['traveller']>;
	};
	identityDocument: IdentityDocumentRecord | null;
	receipt: ReceiptRecord | null;
	entry: EntryRecord | null;
	files: { id: string; purpose: 'passport' | 'exit-ticket' | 'lodging' | 'itinerary'; contentType: string }[];
}
