/** What the sync-status indicator tells the traveller, in order of what matters most to them. */
export type SyncPhase = 'offline' | 'failed' | 'syncing' | 'pending' | 'upToDate';

export interface SyncFacts {
	online: boolean;
	syncing: boolean;
	/** Records saved on this device that the server has not acknowledged yet. */
	pending: number;
	error: string | null;
}

export function syncPhase(facts: SyncFacts): SyncPhase {
	// Offline comes first: it explains both the pending count and why nothing is syncing.
	if (!facts.online) return 'offline';
	if (facts.error) return 'failed';
	if (facts.syncing) return 'syncing';
	if (facts.pending > 0) return 'pending';
	return 'upToDate';
}
