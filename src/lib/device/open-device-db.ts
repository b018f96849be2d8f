import type { DeviceDb } from './device-db';

let opening: Promise<DeviceDb> | null = null;

/**
 * The device database, with Dexie (~30 KB gzip) loaded on first use: the home page of a visitor who is not
 * signed in never needs it. Every caller shares one instance.
 */
export function openDeviceDb(): Promise<DeviceDb> {
	opening ??= import('./device-db').then(
		({ DeviceDb }) => new DeviceDb(),
		(error: unknown) => {
			// A failed chunk download (offline before the app was cached) may succeed on the next call.
			opening = null;
			throw error;
		}
	);
	return opening;
}
