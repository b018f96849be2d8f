import { openDeviceDb } from '$lib/device/open-device-db';
import { newRecordId } from '$domain/records/record-types';
import { copyTrip, newDraft, type RegistrationDraft } from '$domain/registration/draft';

/** Drafts live on this device only (Dexie); a sent registration keeps its draft as the local history. */
export async function listDrafts(accountKey: string): Promise<RegistrationDraft[]> {
	const drafts = await (await openDeviceDb()).drafts.where('accountKey').equals(accountKey).toArray();
	return drafts.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export async function getDraft(id: string): Promise<RegistrationDraft | undefined> {
	return (await openDeviceDb()).drafts.get(id);
}

/** Starts a pre-registration for one registered document, optionally with a family member's trip. */
export async function startDraft(
	accountKey: string,
	documentId: string,
	copyTripFrom?: RegistrationDraft
): Promise<RegistrationDraft> {
	const fresh = newDraft({
		id: crypto.randomUUID(),
		accountKey,
		registrationId: newRecordId('registration'),
		documentId,
		now: new Date().toISOString()
	});
	const draft = copyTripFrom ? copyTrip(copyTripFrom, fresh) : fresh;
	await (await openDeviceDb()).drafts.put(draft);
	return draft;
}

export async function saveDraft(draft: RegistrationDraft): Promise<void> {
	await (await openDeviceDb()).drafts.put({ ...draft, updatedAt: new Date().toISOString() });
}

/** Deletes a draft and its files; a sent registration stays on the server (it is immutable). */
export async function deleteDraft(id: string): Promise<void> {
	const deviceDb = await openDeviceDb();
	await deviceDb.transaction('rw', deviceDb.drafts, deviceDb.draftFiles, async () => {
		await deviceDb.draftFiles.where('draftId').equals(id).delete();
		await deviceDb.drafts.delete(id);
	});
}

export async function putDraftFile(recordId: string, draftId: string, blob: Blob): Promise<void> {
	await (await openDeviceDb()).draftFiles.put({ recordId, draftId, blob });
}

export async function removeDraftFile(recordId: string): Promise<void> {
	await (await openDeviceDb()).draftFiles.delete(recordId);
}

export async function getDraftFile(recordId: string): Promise<Blob | undefined> {
	return (await (await openDeviceDb()).draftFiles.get(recordId))?.blob;
}
