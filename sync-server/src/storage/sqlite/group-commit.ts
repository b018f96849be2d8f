import type Database from 'better-sqlite3';
import { WalSync } from './wal-sync.js';

interface Pending {
	work: () => unknown;
	durable: boolean;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
}

/**
 * Group commit for SQLite: writes that arrive in the same turn of the event loop share one
 * transaction, each in its own savepoint (one failing write does not undo the others). The commit
 * itself does not wait for the disk (`synchronous=NORMAL` for this transaction only); the WAL is then
 * flushed off the event loop (WalSync), and promises resolve only after that flush, so an acknowledged
 * write is on disk while other requests keep being served during the flush. A batch made only of
 * non-durable writes (replication checkpoints, which are safe to lose) skips the flush.
 *
 * Other code on the same connection (accounts, officers) keeps `synchronous=FULL`: it is restored
 * right after each batch.
 */
export class GroupCommit {
	private queue: Pending[] = [];
	private readonly wal: WalSync | null;
	private readonly noDiskWait: Database.Statement;
	private readonly fullSync: Database.Statement;

	constructor(
		private readonly db: Database.Database,
		// An in-memory database has nothing to flush.
		wal: WalSync | null = db.memory ? null : new WalSync(`${db.name}-wal`)
	) {
		this.wal = wal;
		this.noDiskWait = db.prepare('PRAGMA synchronous = NORMAL');
		this.fullSync = db.prepare('PRAGMA synchronous = FULL');
	}

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
		try {
			this.noDiskWait.run();
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
			this.fullSync.run();
		}
		const settle = (item: Pending, index: number) => {
			const outcome = outcomes[index]!;
			if (outcome.ok) item.resolve(outcome.value);
			else item.reject(outcome.value);
		};
		// Failed writes left nothing behind and checkpoints need no flush: they are answered now.
		const waiting: [Pending, number][] = [];
		batch.forEach((item, index) => {
			if (this.wal && item.durable && outcomes[index]!.ok) waiting.push([item, index]);
			else settle(item, index);
		});
		if (!this.wal || waiting.length === 0) return;
		// Committed but not yet known to be on disk: no durable write hears "ok" before the flush.
		this.wal.sync().then(
			() => waiting.forEach(([item, index]) => settle(item, index)),
			(error: unknown) => waiting.forEach(([item]) => item.reject(error))
		);
	}

	close(): void {
		this.wal?.close();
	}
}
