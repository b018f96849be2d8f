import { session, type Traveller } from '$lib/accounts/session.svelte';
import { openDeviceDb } from '$lib/device/open-device-db';
import { Replication } from '$lib/sync/replication.svelte';
import { syncStatus } from '$lib/sync/sync-status.svelte';
import { openRecordsDb, type RecordsDb } from './records-db';

/** 24 random URL-safe characters: a database name that says nothing about the person. */
function randomAccountId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(18));
	return btoa(String.fromCharCode(...bytes))
		.replace(/\+/g, '-')
		.replace(/\//g, '_');
}

/**
 * The signed-in traveller's records database on this device, and its live replication while a server
 * session exists. An account created offline has no server user id yet: it gets a random local id kept
 * on the device, and keeps that database afterwards, so nothing written before the server knew the
 * account is left behind.
 */
class CurrentRecords {
	db = $state<RecordsDb | null>(null);
	/** The id naming the open database; drafts are filed under it. */
	accountKey = $state<string | null>(null);
	/** Registration id → the server's refusal reason (`registration:…`), reported by the replication. */
	refusals = $state<Record<string, string>>({});
	private replication: Replication | null = null;
	private wiredFor = '';

	/** Opens or closes the database and replication to match the session; safe to call on every change. */
	async follow(traveller: Traveller | null, online: boolean): Promise<void> {
		// Back online: a fresh replication starts at once instead of waiting out PouchDB's back-off.
		const key = traveller
			? `${traveller.email}|${traveller.userId ?? ''}|${traveller.offline}|${online}`
			: '';
		if (key === this.wiredFor) return;
		this.wiredFor = key;
		this.replication?.stop();
		this.replication = null;
		if (!traveller) {
			await this.db?.close();
			this.db = null;
			this.accountKey = null;
			return;
		}
		const accountKey = await this.accountIdFor(traveller);
		if (accountKey !== this.accountKey || !this.db) {
			await this.db?.close();
			this.db = await openRecordsDb(accountKey);
			this.accountKey = accountKey;
		}
		if (this.wiredFor !== key) return; // the session changed again while opening
		// Replication needs the server session (cookie); a device-only log-in works on the local copy.
		if (traveller.userId && !traveller.offline && online) {
			this.replication = new Replication(this.db, location.origin, (id, reason) => {
				this.refusals = { ...this.refusals, [id]: reason };
			});
			await this.replication.start();
		}
	}

	private async accountIdFor(traveller: Traveller): Promise<string> {
		const deviceDb = await openDeviceDb();
		const local = await deviceDb.localAccounts.get(traveller.email);
		if (local) return local.localId;
		if (traveller.userId && /^[A-Za-z0-9_-]{8,64}$/.test(traveller.userId)) return traveller.userId;
		const localId = randomAccountId();
		await deviceDb.localAccounts.put({ email: traveller.email, localId });
		return localId;
	}
}

export const currentRecords = new CurrentRecords();

/** Keeps the records database in step with the account session (called from the root layout). */
export function followSession(): void {
	void currentRecords.follow(session.traveller, syncStatus.online);
}
