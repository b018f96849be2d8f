import fs from 'node:fs';

/**
 * Makes committed SQLite transactions durable without blocking the event loop: `fdatasync` of the WAL
 * file runs on libuv's thread pool. Callers that committed before `sync()` was called are durable when
 * its promise resolves; syncs asked for while one is running share the next one (group commit for the disk).
 *
 * Why this is as safe as `synchronous=FULL`: in WAL mode a transaction is durable once its frames, the
 * commit frame included, are on disk in the WAL; recovery replays them on the next open. With
 * `synchronous=NORMAL` SQLite writes those frames (into the page cache) and still syncs around checkpoints
 * and when the WAL is reused; the one sync it leaves out, the WAL after each commit, is this one, done
 * before the write is acknowledged. Linux flushes a file's data whichever descriptor asks, so our own
 * read-only descriptor flushes what SQLite wrote; SQLite removes the WAL only when the last connection
 * closes, and should the file ever be replaced we notice (no links left) and open the new one.
 */
export class WalSync {
	private running: Promise<void> | null = null;
	private next: Promise<void> | null = null;
	private fd: number | null = null;

	constructor(
		private readonly walPath: string,
		private readonly flushFile: (fd: number) => Promise<void> = fdatasync
	) {}

	/** Resolves once every transaction committed before this call is on disk. */
	sync(): Promise<void> {
		// A sync already running may have started before the caller's commit: wait for the next one.
		const again = () => this.start();
		if (this.running) return (this.next ??= this.running.then(again, again));
		return this.start();
	}

	close(): void {
		if (this.fd !== null) fs.closeSync(this.fd);
		this.fd = null;
	}

	private start(): Promise<void> {
		this.next = null;
		let flushed: Promise<void>;
		try {
			flushed = this.flushFile(this.descriptor());
		} catch (error) {
			flushed = Promise.reject(error);
		}
		const run = flushed.finally(() => {
			if (this.running === run) this.running = null;
		});
		this.running = run;
		return run;
	}

	/** The WAL's descriptor, kept open: one thread-pool trip per sync instead of open, sync and close. */
	private descriptor(): number {
		if (this.fd !== null && fs.fstatSync(this.fd).nlink > 0) return this.fd;
		this.close();
		this.fd = fs.openSync(this.walPath, 'r');
		return this.fd;
	}
}

/** `fdatasync` on libuv's thread pool. */
export function fdatasync(fd: number): Promise<void> {
	return new Promise((resolve, reject) => fs.fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}
