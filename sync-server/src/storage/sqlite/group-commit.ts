import type Database from 'better-sqlite3';

interface Pending {
	work: () => unknown;
	durable: boolean;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
}

/**
 * Group commit for SQLite: writes that arrive in the same turn of the event loop share one
 * transaction and so one fsync, each in its own savepoint (one failing write does not undo the
 * others). Promises resolve only after COMMIT, so an acknowledged write is on disk. A batch made
 * only of non-durable writes (replication checkpoints, which are safe to lose) skips the fsync.
 */
export class GroupCommit {
	private queue: Pending[] = [];

	constructor(private readonly db: Database.Database) {}

	run<T>(work: () => T, durable = true): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.queue.push({ work, durable, resolve: resolve as (value: unknown) => void, reject });
			if (this.queue.length === 1) setImmediate(() => this.flush());
		});
	}

	private flush(): void {
		const batch = this.queue;
		this.queue = [];
		const outcomes: { ok: boolean; value: unknown }[] = [];
		const durable = batch.some((item) => item.durable);
		try {
			if (!durable) this.db.pragma('synchronous = OFF');
			this.db
				.transaction(() => {
					for (const item of batch) {
						try {
							// A nested better-sqlite3 transaction is a savepoint.
							outcomes.push({ ok: true, value: this.db.transaction(item.work)() });
						} catch (error) {
							outcomes.push({ ok: false, value: error });
						}
					}
				})
				.immediate();
		} catch (error) {
			for (const item of batch) item.reject(error);
			return;
		} finally {
			if (!durable) this.db.pragma('synchronous = FULL');
		}
		batch.forEach((item, index) => {
			const outcome = outcomes[index]!;
			if (outcome.ok) item.resolve(outcome.value);
			else item.reject(outcome.value);
		});
	}
}
