import { syncPhase, type SyncPhase } from '$domain/sync/sync-phase';

/**
 * The app-wide sync facts. Connectivity comes from the browser; the replication layer reports
 * progress, pending counts and errors here, and the indicator derives what to say from them.
 */
class SyncStatus {
	online = $state(true);
	syncing = $state(false);
	pending = $state(0);
	/** A message key (`sync.error.*`) explaining the last failure, or null. */
	error = $state<string | null>(null);
	/** When the last complete sync ended (epoch ms): a plain number, replaced rather than mutated. */
	lastSynced = $state<number | null>(null);

	phase: SyncPhase = $derived(
		syncPhase({ online: this.online, syncing: this.syncing, pending: this.pending, error: this.error })
	);

	/** Follows the browser's connectivity; returns the function that stops following it. */
	watchConnectivity(): () => void {
		const update = () => (this.online = navigator.onLine);
		update();
		window.addEventListener('online', update);
		window.addEventListener('offline', update);
		return () => {
			window.removeEventListener('online', update);
			window.removeEventListener('offline', update);
		};
	}
}

export const syncStatus = new SyncStatus();
