import type { RecordsDb } from '$lib/records/records-db';

type Doc = Record<string, unknown> & { _id: string };

/**
 * The records a sent pre-registration is made of, as this device's PouchDB holds them (with revisions
 * and attachments inline), in the order the server needs them: files and the identity document (with
 * its image) first, the registration last — the server checks a registration's files on arrival.
 */
export async function submissionRecords(db: RecordsDb, registrationId: string): Promise<Doc[]> {
	const read = async (id: string): Promise<Doc | null> => {
		try {
			return (await db.get(id, { revs: true, attachments: true })) as unknown as Doc;
		} catch {
			return null;
		}
	};
	const registration = await read(registrationId);
	if (!registration) throw new Error('the registration is not on this device');
	const attachmentIds = Object.values((registration.attachmentIds ?? {}) as Record<string, string>);
	const document = typeof registration.documentId === 'string' ? await read(registration.documentId) : null;
	const image = typeof document?.imageId === 'string' ? await read(document.imageId) : null;
	const files = await Promise.all(attachmentIds.map(read));
	return [...files, image, document, registration].filter((doc): doc is Doc => doc !== null);
}
