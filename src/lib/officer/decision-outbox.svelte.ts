import { OfflineError, officerCall } from './officer-api';
import { officerDb, type QueuedDecision } from './officer-db';

export type DecisionOutcome =
	| { kind: 'queued' }
	| { kind: 'recorded'; entry: Record<string, unknown> }
	/** The registration had a decision already (another officer, another device): this is the first one. */
	| { kind: 'already_decided'; entry: Record<string, unknown> }
	| { kind: 'rejected'; error: string }
	| { kind: 'signed_out' };

/**
 * Decisions go through a device outbox: written to IndexedDB first, then sent, and sent again until the
 * server answers. Each carries an id made on the device, so a retry after a lost answer is recognised
 * by the server as the same decision and applied exactly once.
 */
class DecisionOutbox {
	pending = $state(0);
	/** The latest outcome per decision id, for the screen that made it. */
	outcomes = $state<Record<string, DecisionOutcome>>({});
	private flushing: Promise<void> | null = null;

	async init(): Promise<void> {
		await this.count();
	}

	async queue(decision: Omit<QueuedDecision, 'queuedAt' | 'state'>): Promise<void> {
		await officerDb.outbox.put({ ...decision, queuedAt: Date.now(), state: 'pending' });
		this.outcomes[decision.decisionId] = { kind: 'queued' };
		await this.count();
		await this.flush();
	}

	/** Sends every pending decision, oldest first; stops at the first network failure. */
	flush(): Promise<void> {
		this.flushing ??= this.sendAll().finally(() => (this.flushing = null));
		return this.flushing;
	}

	private async sendAll(): Promise<void> {
		const queued = await officerDb.outbox.where('queuedAt').above(0).toArray();
		for (const item of queued) {
			if (item.state !== 'pending') continue;
			let answer;
			try {
				answer = await officerCall<{ entry?: Record<string, unknown>; error?: string }>(
					'POST',
					'decisions',
					item.body
				);
			} catch (error) {
				if (error instanceof OfflineError) break; // kept; the 'online' event flushes again
				throw error;
			}
			const body = answer.body ?? {};
			if (answer.status === 201 || answer.status === 200) {
				this.outcomes[item.decisionId] = { kind: 'recorded', entry: body.entry ?? {} };
			} else if (answer.status === 409) {
				this.outcomes[item.decisionId] = { kind: 'already_decided', entry: body.entry ?? {} };
			} else if (answer.status === 401) {
				// Kept: it goes as soon as the officer logs in again.
				this.outcomes[item.decisionId] = { kind: 'signed_out' };
				break;
			} else {
				await officerDb.outbox.update(item.decisionId, { state: 'rejected', error: body.error ?? 'server' });
				this.outcomes[item.decisionId] = { kind: 'rejected', error: body.error ?? 'server' };
				continue;
			}
			await officerDb.outbox.delete(item.decisionId);
		}
		await this.count();
	}

	private async count(): Promise<void> {
		this.pending = await officerDb.outbox.where('queuedAt').above(0).count();
	}
}

export const decisionOutbox = new DecisionOutbox();
