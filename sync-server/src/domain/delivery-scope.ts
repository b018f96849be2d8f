/**
 * The scope of a delivery credential: what a kiosk may still write for a traveller who has left it
 * (issue #3: an unsent submission waits in the kiosk's encrypted outbox and is delivered later).
 * The credential writes only, never reads, and only the records a submission is made of, each once:
 * a record the server already holds may be re-sent unchanged (an earlier try whose answer was lost,
 * or the traveller's own replication got there first) but never changed, deleted or branched.
 */

/** Long enough for a kiosk to outlast a connection outage of a working day, short enough to be worthless later. */
export const DELIVERY_CREDENTIAL_TTL_MS = 24 * 60 * 60 * 1000;

/** A submission: the registration, its files, and the identity document (and its image) it was made from. */
export const DELIVERABLE_TYPES: ReadonlySet<string> = new Set([
	'registration',
	'attachment',
	'identity-document',
	'document-image'
]);

export type CredentialState = 'ok' | 'unknown' | 'expired' | 'revoked';

export function credentialState(
	record: { expiresAt: number; revokedAt: number | null } | null,
	now: number
): CredentialState {
	if (!record) return 'unknown';
	if (record.revokedAt !== null) return 'revoked';
	if (now >= record.expiresAt) return 'expired';
	return 'ok';
}

export interface DeliveredDoc {
	id: string;
	type: unknown;
	deleted: boolean;
}

/**
 * Why the credential may not write this record (a `delivery:*` reason), or null. `known` tells whether
 * the server holds this exact revision already; `exists` whether it holds the record at all.
 */
export function deliveryRefusal(
	doc: DeliveredDoc,
	server: { exists: boolean; known: boolean }
): string | null {
	if (typeof doc.type !== 'string' || !DELIVERABLE_TYPES.has(doc.type)) return 'delivery:type';
	if (!doc.id.startsWith(`${doc.type}:`)) return 'delivery:id';
	if (doc.deleted) return 'delivery:deleted';
	if (server.exists && !server.known) return 'delivery:existing';
	return null;
}
