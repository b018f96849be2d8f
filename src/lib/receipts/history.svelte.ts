import { listDrafts } from '$lib/registration/drafts';
import { currentRecords } from '$lib/records/current-records.svelte';
import { refreshKeys } from './device-keys';
import { loadHistory, type HistoryItem } from './history';

/** The history screen's state: reloaded whenever a record arrives (a receipt or entry record by sync). */
class RegistrationHistory {
	items = $state<HistoryItem[]>([]);
	loaded = $state(false);

	async reload(): Promise<void> {
		const db = currentRecords.db;
		const key = currentRecords.accountKey;
		if (!db || !key) return;
		this.items = await loadHistory(db, await listDrafts(key));
		this.loaded = true;
	}

	/** Follows the open records database; returns the clean-up for an $effect. */
	watch(): (() => void) | undefined {
		const db = currentRecords.db;
		if (!db) return;
		// Keys first when online, so a receipt that just arrived verifies at once.
		void refreshKeys().finally(() => this.reload());
		const feed = db.changes({ since: 'now', live: true }).on('change', () => void this.reload());
		return () => feed.cancel();
	}
}

export const registrationHistory = new RegistrationHistory();
