import type { DocumentDraft } from '$lib/device/device-db';
import { openDeviceDb } from '$lib/device/open-device-db';

/** The unfinished document of an account on this device, if any. */
export async function loadDocumentDraft(accountKey: string): Promise<DocumentDraft | undefined> {
	return (await openDeviceDb()).documentDrafts.get(accountKey);
}

/** Saved on every change; a full storage quota only loses the autosave, never the form on screen. */
export async function saveDocumentDraft(draft: Omit<DocumentDraft, 'updatedAt'>): Promise<void> {
	try {
		await (await openDeviceDb()).documentDrafts.put({ ...draft, updatedAt: Date.now() });
	} catch {
		// QuotaExceededError or a blocked database: the traveller can still register from the screen.
	}
}

export async function clearDocumentDraft(accountKey: string): Promise<void> {
	await (await openDeviceDb()).documentDrafts.delete(accountKey);
}
