import { entries, enqueue, open, remove, type QueuedSubmission } from './outbox';
import { heldCredential, revokeCredential } from './delivery-credential';

/** Retry quickly while the server comes back, then every 30 s at most. */
function nextDelay(delay: number): number {
	return delay === 0 ? 1_000 : Math.min(delay * 2, 30_000);
}

/**
 * Delivers the kiosk outbox whenever the app is open and online, whoever is signed in or nobody: each
 * entry goes to POST /api/outbox/deliver with its own credential, and is deleted (with its key) once the
 * server has answered for every record. Only a missing connection or a server error keeps an entry;
 * an answer, even a refusal, is final, and an expired credential can never deliver it.
 */
class OutboxSender {
	/** Ids of the entries on this device. */
	entryIds = $state<string[]>([]);
	/** Entries queued in this kiosk session (the signed-in traveller's own). */
	ownIds = $state<string[]>([]);
	/** What the kiosk screen tells the next traveller: submissions of people who have left. */
	othersWaiting = $derived(this.entryIds.filter((id) => !this.ownIds.includes(id)).length);

	private running: Promise<void> | null = null;
	private timer: ReturnType<typeof setTimeout> | undefined;
	private delay = 0;

	/** Starts delivering; returns the function that stops it (root layout). */
	start(): () => void {
		const kick = () => void this.deliver();
		window.addEventListener('online', kick);
		kick();
		return () => {
			window.removeEventListener('online', kick);
			clearTimeout(this.timer);
		};
	}

	async queue(submission: QueuedSubmission): Promise<void> {
		const id = await enqueue(submission);
		this.ownIds = [...this.ownIds, id];
		await this.refresh();
		void this.deliver();
	}

	/** The traveller has left: what they queued is now "from a previous traveller". */
	forgetOwn(): void {
		this.ownIds = [];
	}

	deliver(): Promise<void> {
		this.running ??= this.deliverAll().finally(() => (this.running = null));
		return this.running;
	}

	private async refresh(): Promise<void> {
		this.entryIds = (await entries()).map((entry) => entry.id);
	}

	private async deliverAll(): Promise<void> {
		clearTimeout(this.timer);
		const waiting = (await entries()).sort((a, b) => a.createdAt - b.createdAt);
		let retry = false;
		for (const entry of waiting) {
			if (!navigator.onLine) {
				retry = true;
				break;
			}
			let submission: QueuedSubmission;
			try {
				submission = await open(entry);
			} catch {
				await remove(entry.id); // its key is unusable: nobody can ever read or send it
				continue;
			}
			const outcome = submission.expiresAt <= Date.now() ? 'final' : await this.send(submission);
			if (outcome === 'retry') {
				retry = true;
				break;
			}
			await remove(entry.id);
			await this.revokeIfUnused(submission.credential);
		}
		await this.refresh();
		if (retry && this.entryIds.length > 0) {
			this.delay = nextDelay(this.delay);
			this.timer = setTimeout(() => void this.deliver(), this.delay);
		} else this.delay = 0;
	}

	private async send(submission: QueuedSubmission): Promise<'final' | 'retry'> {
		try {
			const response = await fetch('/api/outbox/deliver', {
				method: 'POST',
				credentials: 'omit',
				cache: 'no-store',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${submission.credential}` },
				body: JSON.stringify({ docs: submission.docs })
			});
			return response.status >= 500 ? 'retry' : 'final';
		} catch {
			return 'retry';
		}
	}

	/** Revokes a delivered entry's credential unless the signed-in traveller or another entry still needs it. */
	private async revokeIfUnused(token: string): Promise<void> {
		if (heldCredential()?.token === token) return;
		for (const entry of await entries()) {
			const other = await open(entry).catch(() => null);
			if (other?.credential === token) return;
		}
		await revokeCredential(token);
	}
}

export const outboxSender = new OutboxSender();
