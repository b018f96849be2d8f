import { describe, expect, it } from 'vitest';
import { syncPhase } from './sync-phase';

const base = { online: true, syncing: false, pending: 0, error: null };

describe('syncPhase', () => {
	it('is up to date when online with nothing waiting', () => {
		expect(syncPhase(base)).toBe('upToDate');
	});
	it('says offline before anything else, even with pending records and an old error', () => {
		expect(syncPhase({ ...base, online: false, pending: 3, error: 'timeout' })).toBe('offline');
	});
	it('reports a failure before an ongoing sync', () => {
		expect(syncPhase({ ...base, syncing: true, error: 'server refused' })).toBe('failed');
	});
	it('shows syncing while a replication runs', () => {
		expect(syncPhase({ ...base, syncing: true, pending: 2 })).toBe('syncing');
	});
	it('shows pending records when idle online', () => {
		expect(syncPhase({ ...base, pending: 2 })).toBe('pending');
	});
});
