import { refreshKeys } from '$lib/receipts/device-keys';
import { officerDb } from './officer-db';

/**
 * The server's public signing keys live in the app's device key cache (`$lib/receipts/device-keys`, shared
 * with the traveller's history); the console refreshes it whenever it starts online and remembers when, so
 * the officer can see that offline checks will work.
 */
export async function refreshPublicKeys(): Promise<boolean> {
	const ok = await refreshKeys();
	if (ok) await officerDb.keys.put({ id: 'jwks', fetchedAt: Date.now() });
	return ok;
}

export async function keysRefreshedAt(): Promise<number | null> {
	return (await officerDb.keys.get('jwks'))?.fetchedAt ?? null;
}
