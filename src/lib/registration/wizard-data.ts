import type { RecordsDb } from '$lib/records/records-db';
import type { IdentityDocumentRecord } from '$domain/records/record-types';
import type { PhoneParser } from '$domain/registration/additional-rules';

/** The registered documents (the traveller's and family members') in the account's records. */
export async function identityDocuments(db: RecordsDb): Promise<IdentityDocumentRecord[]> {
	const result = await db.allDocs<IdentityDocumentRecord>({
		include_docs: true,
		startkey: 'identity-document:',
		endkey: 'identity-document:\ufff0'
	});
	return result.rows.flatMap((row) => (row.doc ? [row.doc as IdentityDocumentRecord] : []));
}

/**
 * A shape-only phone check for the step indicator on steps other than "additional", so those steps do
 * not download the phone library; the real check runs on the additional step and again when sending.
 */
export const roughPhoneParser: PhoneParser = (input) => {
	const e164 = input.replace(/[\s().-]/g, '');
	if (!/^\+[1-9]\d{6,14}$/.test(e164)) return null;
	return { valid: true, e164, country: e164.startsWith('+52') ? 'MX' : undefined };
};
