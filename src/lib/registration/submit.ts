import type { RecordsDb } from '$lib/records/records-db';
import {
	FILE_ATTACHMENT_NAME,
	type FileRecord,
	type IdentityDocumentRecord
} from '$domain/records/record-types';
import type { PhoneParser } from '$domain/registration/additional-rules';
import type { AttachmentPurpose, RegistrationDraft } from '$domain/registration/draft';
import { sealRegistration } from '$domain/registration/draft';
import type { QuestionSet } from '$domain/registration/question-set';
import { getDraftFile, saveDraft } from './drafts';

const PURPOSE: Record<AttachmentPurpose, FileRecord['purpose']> = {
	exitTicket: 'exit-ticket',
	lodging: 'lodging',
	itinerary: 'itinerary'
};

/** A record that is already there (an earlier attempt got this far) counts as written. */
async function putOnce(db: RecordsDb, doc: object): Promise<void> {
	try {
		await db.put(doc as PouchDB.Core.PutDocument<object>);
	} catch (error) {
		if ((error as { status?: number }).status !== 409) throw error;
	}
}

/**
 * Seals a checked draft: writes each file as its own immutable record, then the registration, into the
 * account's records database. Replication sends them when there is a connection, files first (PouchDB
 * pushes in the order they were written). Every id was fixed in the draft, so pressing again or retrying
 * after a crash writes nothing new and the server receives the same records: exactly one registration.
 */
export async function sealAndQueue(
	db: RecordsDb,
	draft: RegistrationDraft,
	document: IdentityDocumentRecord,
	context: { questionSet: QuestionSet; parsePhone: PhoneParser; language: string }
): Promise<RegistrationDraft> {
	const now = new Date().toISOString();
	for (const [purpose, attachment] of Object.entries(draft.attachments) as [
		AttachmentPurpose,
		NonNullable<RegistrationDraft['attachments'][AttachmentPurpose]>
	][]) {
		const blob = await getDraftFile(attachment.recordId);
		if (!blob) throw new Error(`file of ${purpose} missing on the device`);
		const record: FileRecord & { _attachments: object } = {
			_id: attachment.recordId,
			type: 'attachment',
			createdAt: now,
			purpose: PURPOSE[purpose],
			contentType: attachment.contentType,
			byteLength: blob.size,
			_attachments: { [FILE_ATTACHMENT_NAME]: { content_type: attachment.contentType, data: blob } }
		};
		await putOnce(db, record);
	}
	await putOnce(db, sealRegistration(draft, document, { ...context, now }));
	const sealed: RegistrationDraft = { ...draft, status: 'sealed', step: 'review', sealedAt: now };
	await saveDraft(sealed);
	return sealed;
}

/** Whether the server has the registration (asked only when online; a missing answer means "not yet"). */
export async function reachedServer(registrationId: string): Promise<boolean> {
	try {
		const response = await fetch(`/db/me/${encodeURIComponent(registrationId)}`, {
			credentials: 'same-origin',
			cache: 'no-store'
		});
		return response.ok;
	} catch {
		return false;
	}
}
