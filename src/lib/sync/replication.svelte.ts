import { ConflictResolver, pulledIds } from '$lib/records/conflicts';
import type { RecordsDb } from '$lib/records/records-db';
import { openRemoteDb } from '$lib/records/records-db';
import { syncStatus } from './sync-status.svelte';

/** Retry quickly at first, then settle at a minute: a phone on a bad connection should not drain its battery. */
export function nextBackOff(delay: number): number {
	return delay === 0 ? 1_000 : Math.min(delay * 2, 60_000);
}

const ACKED_PREFIX = 'arribo.acked-seq.';

/**
 * Live two-way replication between the account's local database and the server, whenever the app is
 * open and online (Background Sync only exists in Chromium). Reports what the traveller needs to
 * know to the sync-status indicator: syncing, records waiting, last synced, errors.
 */
export class Replication {
	private handle: PouchDB.Replication.Sync<object> | null = null;

	constructor(
		private readonly local: RecordsDb,
		private readonly origin: string,
		/** Told which record the server refused and why (`forbidden` reasons), so the UI can say so. */
		private readonly onDenied?: (id: string, reason: string) => void
	) {}

	async start(): Promise<void> {
		await this.countPending();
		const remote = await openRemoteDb(this.origin);
		// Another device's edits arrive by pull; conflicts are merged by the written rule as they arrive.
		const conflicts = new ConflictResolver(this.local, { remote });
		void conflicts.resolveAll();
		const handle = this.local.sync(remote, { live: true, retry: true, back_off_function: nextBackOff });
		this.handle = handle;
		handle
			.on('active', () => {
				syncStatus.syncing = true;
				syncStatus.error = null;
			})
			.on('paused', (error?: unknown) => {
				syncStatus.syncing = false;
				if (error) return; // offline or retrying: the pending count still tells what waits
				syncStatus.error = null;
				syncStatus.lastSynced = Date.now();
				void this.acknowledgeAll();
			})
			.on('change', (info) => {
				void this.countPending();
				void conflicts.resolve(pulledIds(info));
			})
			.on('denied', (denial: unknown) => {
				syncStatus.error = 'sync.error.denied';
				// A sync reports `{ direction, doc: <the per-document error> }`.
				type Refusal = { id?: string; reason?: string; message?: string };
				const { id, reason, message } = ((denial as { doc?: Refusal })?.doc ?? denial ?? {}) as Refusal;
				if (id) this.onDenied?.(id, reason ?? message ?? '');
			})
			.on('error', (error: unknown) => {
				syncStatus.syncing = false;
				syncStatus.error =
					(error as { status?: number }).status === 401 ? 'sync.error.unauthorized' : 'sync.error.unknown';
			});
	}

	stop(): void {
		this.handle?.cancel();
		this.handle = null;
		syncStatus.syncing = false;
	}

	/** Records written on this device after the last complete sync are the ones still waiting. */
	async countPending(): Promise<void> {
		const since = this.ackedSeq();
		const changes = await this.local.changes({ since, limit: 1000 });
		syncStatus.pending = changes.results.filter((change) => !change.id.startsWith('_local/')).length;
	}

	private async acknowledgeAll(): Promise<void> {
		const info = await this.local.info();
		try {
			localStorage.setItem(ACKED_PREFIX + info.db_name, String(info.update_seq));
		} catch {
			// Without storage the count restarts from zero next time; nothing is lost, only the figure.
		}
		syncStatus.pending = 0;
	}

	private ackedSeq(): number {
		try {
			return Number(localStorage.getItem(ACKED_PREFIX + this.local.name) ?? 0) || 0;
		} catch {
			return 0;
		}
	}
}
