/**
 * The signed-in kiosk traveller's delivery credential (issue #3), held in memory only: it goes to the
 * device's storage solely inside an encrypted outbox entry. A kiosk log-in is always an online server
 * log-in, so the kiosk asks for it then; it lets the kiosk deliver this traveller's submission after
 * they have left, and nothing else (see sync-server/src/outbox/).
 */
export interface DeliveryCredential {
	token: string;
	expiresAt: number;
}

let held: DeliveryCredential | null = null;
/** Whether an outbox entry carries the held credential (then the sender revokes it once delivered). */
let queued = false;

export function heldCredential(): DeliveryCredential | null {
	return held && held.expiresAt > Date.now() ? held : null;
}

/** Asks the server for a credential (signed-in, confirmed travellers only); false when there is none. */
export async function obtainCredential(): Promise<boolean> {
	if (heldCredential()) return true;
	try {
		const response = await fetch('/api/outbox/credentials', {
			method: 'POST',
			credentials: 'same-origin',
			cache: 'no-store',
			headers: { 'content-type': 'application/json' },
			body: '{}'
		});
		if (response.status !== 201) return false;
		held = (await response.json()) as DeliveryCredential;
		queued = false;
		return true;
	} catch {
		return false;
	}
}

export function markQueued(): void {
	queued = true;
}

/** Best effort: a credential the server never hears about again expires by itself. */
export async function revokeCredential(token: string): Promise<void> {
	try {
		await fetch('/api/outbox/credentials/current', {
			method: 'DELETE',
			credentials: 'omit',
			cache: 'no-store',
			headers: { authorization: `Bearer ${token}` }
		});
	} catch {
		// Offline: it expires on its own.
	}
}

/** The traveller leaves: an unused credential is revoked now; one in the outbox stays until delivered. */
export async function releaseCredential(): Promise<void> {
	const credential = held;
	held = null;
	if (credential && !queued) await revokeCredential(credential.token);
	queued = false;
}
