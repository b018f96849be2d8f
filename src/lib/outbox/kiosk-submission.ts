import type { RecordsDb } from '$lib/records/records-db';
import { heldCredential, markQueued, obtainCredential } from './delivery-credential';
import { outboxSender } from './sender.svelte';
import { submissionRecords } from './submission-records';

/** Before sealing on a kiosk: the submission must be deliverable after the traveller leaves. */
export async function kioskReadyToSubmit(): Promise<boolean> {
	return heldCredential() !== null || (await obtainCredential());
}

/**
 * After sealing on a kiosk: the submission also goes into the encrypted outbox, so logging out (which
 * wipes the records database) cannot lose it before the server has it. Replication and the outbox may
 * both deliver it; the server stores the same revisions once.
 */
export async function queueKioskSubmission(db: RecordsDb, registrationId: string): Promise<void> {
	const credential = heldCredential();
	if (!credential) throw new Error('no delivery credential');
	const docs = await submissionRecords(db, registrationId);
	markQueued();
	await outboxSender.queue({ docs, credential: credential.token, expiresAt: credential.expiresAt });
}
