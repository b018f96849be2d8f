import { forbidden } from '../domain/couch-error.js';
import {
	attachmentProblem,
	attachmentRecordProblem,
	attachmentRefs,
	REGISTRATION_PREFIX,
	registrationProblem,
	UNCONFIRMED_REFUSAL
} from '../domain/registration-rules.js';
import type { DocumentStore } from '../storage/port.js';
import type { PreparedDoc } from './write-planner.js';

/**
 * Checks the pre-registrations and attachment records a traveller sends, before the write transaction.
 * Returns a `forbidden` refusal per refused input index: PouchDB reports those as 'denied' and carries on
 * with the rest of the batch. Attachment records may have arrived in an earlier batch or this one
 * (the app writes files before the registration, and PouchDB pushes in sequence order).
 * A traveller whose e-mail is not confirmed (`mayRegister` false) has every registration refused; their
 * documents and files are still accepted, as the app lets them prepare everything before confirming.
 */
export async function registrationRefusals(
	store: DocumentStore,
	dbId: number,
	prepared: PreparedDoc[],
	mayRegister: boolean
): Promise<Map<number, Error>> {
	const refusals = new Map<number, Error>();
	const inBatch = new Map<string, Record<string, unknown>>();
	for (const doc of prepared) {
		if (doc.type !== 'attachment' || doc.parsed.metadata.deleted) continue;
		const body = doc.parsed.data as Record<string, unknown>;
		const digest = (body._attachments as { file?: { digest?: string } } | undefined)?.file?.digest;
		const bytes = doc.blobs.find((blob) => blob.digest === digest)?.data;
		const problem = attachmentRecordProblem(body, bytes);
		if (problem) refusals.set(doc.index, forbidden(problem));
		else inBatch.set(doc.id, body);
	}
	for (const doc of prepared) {
		const isRegistration = doc.type === 'registration' || doc.id.startsWith(REGISTRATION_PREFIX);
		if (!isRegistration || doc.parsed.metadata.deleted) continue;
		if (!mayRegister) {
			refusals.set(doc.index, forbidden(UNCONFIRMED_REFUSAL));
			continue;
		}
		const body = { ...(doc.parsed.data as Record<string, unknown>), _id: doc.id };
		const problem = registrationProblem(body) ?? (await attachmentsProblem(store, dbId, body, inBatch));
		if (problem) refusals.set(doc.index, forbidden(problem));
	}
	return refusals;
}

async function attachmentsProblem(
	store: DocumentStore,
	dbId: number,
	registration: Record<string, unknown>,
	inBatch: Map<string, Record<string, unknown>>
): Promise<string | null> {
	const refs = attachmentRefs(registration);
	const stored = await store.getDocs(
		dbId,
		refs.map(([, id]) => id).filter((id) => !inBatch.has(id))
	);
	for (const [role, id] of refs) {
		let body = inBatch.get(id);
		const record = stored.get(id);
		if (!body && record && !record.deleted)
			body = (await store.getRevs(dbId, id, [record.winningRev])).get(record.winningRev);
		const problem = attachmentProblem(role, body);
		if (problem) return problem;
	}
	return null;
}
