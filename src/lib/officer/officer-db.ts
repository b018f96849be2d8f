import Dexie, { type EntityTable } from 'dexie';

/**
 * The console's own data on the device (its own IndexedDB, apart from travellers' data): when the
 * verification keys were refreshed, and the outbox of decisions not yet accepted by the server.
 */
/** When the device's key cache was last refreshed from the server (the keys are in Cache Storage). */
export interface CachedKeys {
	id: 'jwks';
	fetchedAt: number;
}

export interface QueuedDecision {
	/** Made on the device, so the server recognises a retry as the same decision (exactly once). */
	decisionId: string;
	registrationId: string;
	body: Record<string, unknown>;
	queuedAt: number;
	/** 'pending' until the server answers; 'rejected' when it refused the content (shown to the officer). */
	state: 'pending' | 'rejected';
	error?: string;
}

export const officerDb = new Dexie('arribo-officer') as Dexie & {
	keys: EntityTable<CachedKeys, 'id'>;
	outbox: EntityTable<QueuedDecision, 'decisionId'>;
};

officerDb.version(1).stores({ keys: 'id', outbox: 'decisionId, registrationId, queuedAt' });
