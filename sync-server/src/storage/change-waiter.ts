import { EventEmitter } from 'node:events';

/**
 * Wakes long-polls of one process when a database's sequence moves. The SQLite adapter feeds it
 * directly after each commit; the PostgreSQL adapter feeds it from LISTEN, so writes made by any
 * process wake every process.
 */
export class ChangeWaiter {
	private readonly emitter = new EventEmitter();

	constructor(private readonly currentSeq: (dbId: number) => Promise<number>) {
		this.emitter.setMaxListeners(0);
	}

	notify(dbId: number): void {
		this.emitter.emit(String(dbId));
	}

	async wait(dbId: number, since: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
		if (signal.aborted) return;
		const key = String(dbId);
		let listener = () => {};
		const woken = new Promise<void>((resolve) => {
			listener = resolve;
			this.emitter.on(key, listener);
		});
		let timer: NodeJS.Timeout | undefined;
		let onAbort = () => {};
		try {
			// Subscribe first, then look: a write between the two cannot be missed.
			if ((await this.currentSeq(dbId)) > since) return;
			await Promise.race([
				woken,
				new Promise<void>((resolve) => {
					timer = setTimeout(resolve, timeoutMs);
					onAbort = resolve;
					signal.addEventListener('abort', onAbort, { once: true });
				})
			]);
		} finally {
			this.emitter.off(key, listener);
			if (timer) clearTimeout(timer);
			signal.removeEventListener('abort', onAbort);
		}
	}
}
