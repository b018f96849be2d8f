import fs from 'node:fs/promises';

/**
 * Makes committed SQLite transactions durable without blocking the event loop: `fdatasync` of the WAL
 * file runs on libuv's thread pool. Callers that committed before `sync()` was called are durable when
 * its promise resolves; syncs asked for while one is running share the next one (group commit for the disk).
 *
 * Why this is as safe as `synchronous=FULL`: in WAL mode a transaction is durable once its frames, the
 * commit frame included, are on disk in the WAL; recovery replays them on the next open. With
 * `synchronous=NORMAL` SQLite writes those frames (into the page cache) and still syncs around checkpoints
 * and when the WAL is reused; the one sync it leaves out, the WAL after each commit, is this one, done
 * before the write is acknowledged. Linux flushes a file's data whichever descriptor asks, so opening the
 * WAL by name for each sync always flushes the file SQLite writes (it is only removed when the last
 * connection closes).
 */
export class WalSync {
	private running: Promise<void> | null = null;
	private next: Promise<void> | null = null;

	constructor(
		private readonly walPath: string,
		private readonly flushFile: (path: string) => Promise<void> = datasync
	) {}

	/** Resolves once every transaction committed before this call is on disk. */
	sync(): Promise<void> {
		// A sync already running may have started before the caller's commit: wait for the next one.
		const again = () => this.start();
		if (this.running) return (this.next ??= this.running.then(again, again));
		return this.start();
	}

	private start(): Promise<void> {
		this.next = null;
		const run = this.flushFile(this.walPath).finally(() => {
			if (this.running === run) this.running = null;
		});
		this.running = run;
		return run;
	}
}

/** `fdatasync` of a file by name, on libuv's thread pool. */
export async function datasync(path: string): Promise<void> {
	const file = await fs.open(path, 'r');
	try {
		await file.datasync();
	} finally {
		await file.close();
	}
}
