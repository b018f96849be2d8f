import { fromBase64, toBase64 } from '$lib/accounts/device-key';
import type { OutboxEntry } from '$lib/device/device-db';
import { openDeviceDb } from '$lib/device/open-device-db';

/** The device table the kiosk wipe keeps (`wipeDeviceData({ keepStores: [OUTBOX_TABLE] })`). */
export const OUTBOX_TABLE = 'outbox';

/** What an outbox entry holds once decrypted: the records to deliver and the credential that may. */
export interface QueuedSubmission {
	/** The records as the device's PouchDB has them (revisions, attachments inline as base64). */
	docs: Record<string, unknown>[];
	credential: string;
	/** When the server stops accepting the credential (epoch ms): past it the entry can never be sent. */
	expiresAt: number;
}

const encoder = new TextEncoder();

function randomId(): string {
	return toBase64(crypto.getRandomValues(new Uint8Array(12)))
		.replace(/\+/g, '-')
		.replace(/\//g, '_');
}

/**
 * Puts a submission into the outbox, encrypted with a fresh AES-GCM key that cannot be exported: the
 * browser keeps it in IndexedDB and only code of this app on this device can use it. Deleting the entry
 * deletes the key, so nothing readable of the traveller is left once it is sent.
 */
export async function enqueue(submission: QueuedSubmission): Promise<string> {
	const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
		'encrypt',
		'decrypt'
	]);
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const ciphertext = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv },
		key,
		encoder.encode(JSON.stringify(submission))
	);
	const entry: OutboxEntry = {
		id: randomId(),
		createdAt: Date.now(),
		key,
		iv: toBase64(iv),
		ciphertext: toBase64(ciphertext)
	};
	await (await openDeviceDb()).outbox.put(entry);
	return entry.id;
}

export async function open(entry: OutboxEntry): Promise<QueuedSubmission> {
	const plain = await crypto.subtle.decrypt(
		{ name: 'AES-GCM', iv: fromBase64(entry.iv) },
		entry.key,
		fromBase64(entry.ciphertext)
	);
	return JSON.parse(new TextDecoder().decode(plain)) as QueuedSubmission;
}

export async function entries(): Promise<OutboxEntry[]> {
	return (await openDeviceDb()).outbox.toArray();
}

export async function remove(id: string): Promise<void> {
	await (await openDeviceDb()).outbox.delete(id);
}
