import { KIOSK_LOGOUT_PENDING_KEY } from './kiosk.svelte';
import { openDeviceDb } from './open-device-db';

/** localStorage keys that describe the device, not a traveller. */
const DEVICE_KEYS = new Set(['arribo.kiosk', KIOSK_LOGOUT_PENDING_KEY]);
/** The service worker's precache holds only the app's own code and assets: never personal data. */
const isAppPrecache = (name: string) => name.startsWith('workbox-precache');

function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve) => {
		const request = indexedDB.deleteDatabase(name);
		request.onsuccess = request.onerror = () => resolve();
		// Another tab holding it open blocks deletion; it is deleted when that tab closes.
		request.onblocked = () => resolve();
	});
}

export interface WipeOptions {
	/**
	 * Device tables to keep, by name: the kiosk keeps its outbox of unsent submissions (`$lib/outbox`),
	 * which must not lose a submission that has not reached the server yet.
	 */
	keepStores?: string[];
}

/**
 * Removes every trace of the traveller from this device: the device tables (except `keepStores`), every
 * other IndexedDB database (PouchDB replicas and the like), Cache Storage except the app precache,
 * localStorage (except device settings) and sessionStorage.
 */
export async function wipeDeviceData({ keepStores = [] }: WipeOptions = {}): Promise<void> {
	const keep = new Set(keepStores);
	const deviceDb = await openDeviceDb();
	const tables = deviceDb.tables.filter((table) => !keep.has(table.name));
	if (tables.length > 0) {
		await deviceDb.transaction('rw', tables, async () => {
			for (const table of tables) await table.clear();
		});
	}
	if (typeof indexedDB.databases === 'function') {
		for (const { name } of await indexedDB.databases()) {
			if (name && name !== deviceDb.name) await deleteDatabase(name);
		}
	}
	if ('caches' in globalThis) {
		for (const name of await caches.keys()) if (!isAppPrecache(name)) await caches.delete(name);
	}
	try {
		for (const key of Object.keys(localStorage)) if (!DEVICE_KEYS.has(key)) localStorage.removeItem(key);
		sessionStorage.clear();
	} catch {
		// Storage blocked: nothing was stored there either.
	}
}

/** Removes one traveller's device records (after deleting the account on a personal device). */
export async function forgetTraveller(email: string): Promise<void> {
	const deviceDb = await openDeviceDb();
	await deviceDb.credentials.delete(email);
	await deviceDb.pendingRegistrations.delete(email);
}
