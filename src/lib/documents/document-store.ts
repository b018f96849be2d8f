import {
	FILE_ATTACHMENT_NAME,
	newRecordId,
	type FileRecord,
	type IdentityDocumentRecord
} from '$lib/domain/records/record-types';
import { normaliseDocumentNumber, type DocumentForm } from '$lib/domain/documents/document-form';
import type { EditableRecord, OtherDeviceValue } from '$lib/domain/records/editable-record';
import { keepCurrentValue, recordFieldEdits, useOtherValue } from '$lib/domain/records/field-edits';
import type { RecordsDb } from '$lib/records/records-db';

const PREFIX = 'identity-document:';

/** The traveller's registered documents (theirs and their family's), newest first. */
export async function listDocuments(db: RecordsDb): Promise<IdentityDocumentRecord[]> {
	const result = await db.allDocs<IdentityDocumentRecord>({
		startkey: PREFIX,
		endkey: `${PREFIX}\ufff0`,
		include_docs: true
	});
	return result.rows
		.map((row) => row.doc as IdentityDocumentRecord | undefined)
		.filter((doc): doc is IdentityDocumentRecord => doc?.type === 'identity-document')
		.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export interface CapturedImage {
	blob: Blob;
}

/**
 * Registers a document. The photo becomes its own immutable record (PouchDB re-uploads every attachment of a
 * doc on each new revision, and the document record may be edited later); the document links to it by id.
 */
export async function registerDocument(
	db: RecordsDb,
	form: DocumentForm,
	image: CapturedImage | null,
	source: IdentityDocumentRecord['source'],
	now = new Date()
): Promise<IdentityDocumentRecord> {
	const createdAt = now.toISOString();
	let imageId: string | undefined;
	if (image) {
		const record: FileRecord & { _attachments: PouchDB.Core.Attachments } = {
			_id: newRecordId('document-image'),
			type: 'document-image',
			createdAt,
			purpose: 'passport',
			contentType: 'image/jpeg',
			byteLength: image.blob.size,
			_attachments: { [FILE_ATTACHMENT_NAME]: { content_type: 'image/jpeg', data: image.blob } }
		};
		await db.put(record);
		imageId = record._id;
	}
	const document: IdentityDocumentRecord = {
		_id: newRecordId('identity-document'),
		type: 'identity-document',
		createdAt,
		updatedAt: createdAt,
		holder: { relationship: form.relationship },
		documentType: form.documentType,
		issuingState: form.issuingState.toUpperCase(),
		surnames: form.surnames.trim(),
		givenNames: form.givenNames.trim(),
		documentNumber: normaliseDocumentNumber(form.documentNumber),
		nationality: form.nationality.toUpperCase(),
		birthDate: form.birthDate,
		expiryDate: form.expiryDate,
		sex: form.sex || 'X',
		...(form.personalNumber.trim() ? { personalNumber: form.personalNumber.trim() } : {}),
		placeOfBirth: form.placeOfBirth.trim(),
		...(imageId ? { imageId } : {}),
		source
	};
	await db.put(document);
	return document;
}

export type DocumentChanges = Partial<Omit<IdentityDocumentRecord, keyof EditableRecord>>;

/** Writes one change of a stored document, re-reading it once if another write got in first (409). */
async function update(
	db: RecordsDb,
	id: string,
	change: (current: IdentityDocumentRecord) => IdentityDocumentRecord
): Promise<IdentityDocumentRecord> {
	for (let attempt = 0; ; attempt += 1) {
		const current = await db.get<IdentityDocumentRecord>(id);
		const next = change(current);
		if (next === current) return current;
		try {
			const { rev } = await db.put(next);
			return { ...next, _rev: rev };
		} catch (error) {
			if ((error as { status?: number }).status !== 409 || attempt > 0) throw error;
		}
	}
}

/** Edits a document; each changed field is stamped, which the conflict rule relies on. */
export function editDocument(
	db: RecordsDb,
	id: string,
	changes: DocumentChanges,
	now = new Date()
): Promise<IdentityDocumentRecord> {
	return update(db, id, (current) => recordFieldEdits(current, changes, now.toISOString()));
}

/** The traveller's answer to "this field was also changed on another device": keep this value or use that. */
export function chooseOtherDeviceValue(
	db: RecordsDb,
	id: string,
	entry: OtherDeviceValue,
	choice: 'keep' | 'use',
	now = new Date()
): Promise<IdentityDocumentRecord> {
	const apply = choice === 'keep' ? keepCurrentValue : useOtherValue;
	return update(db, id, (current) => apply(current, entry, now.toISOString()));
}
