import { describe, expect, it } from 'vitest';
import { registrationStatus, type StatusInput } from './registration-status';

const draft = { status: 'draft' as const, updatedAt: '2026-11-20T10:00:00Z' };
const sealed = { ...draft, status: 'sealed' as const };
const registration = { submittedAt: '2026-11-20T10:05:00Z' };
const receipt = { folio: 'ARR-0000-0000-0011-~', issuedAt: '2026-11-20T10:06:00Z', check: 'valid' as const };
const entry = {
	decision: 'authorized' as const,
	entryAt: '2026-12-01T15:00:00Z',
	portOfEntry: 'AIR-MEX',
	daysAuthorized: 90,
	check: 'valid' as const
};
const status = (input: StatusInput) => registrationStatus(input);

describe('registration status', () => {
	it('walks draft → waiting → received → authorized → FMM, with the actions that fit', () => {
		expect(status({ draft })).toMatchObject({ stage: 'draft', actions: ['continue'] });
		expect(status({ draft: sealed, registration })).toMatchObject({ stage: 'waiting', actions: [] });
		expect(status({ draft: sealed, registration, receipt })).toMatchObject({
			stage: 'received',
			actions: ['receipt']
		});
		expect(status({ registration, receipt, entry })).toMatchObject({
			stage: 'authorized',
			actions: ['receipt', 'fmm']
		});
		const done = status({ registration, receipt, entry, fmmGeneratedAt: '2026-12-01T16:00:00Z' });
		expect(done.stage).toBe('fmm');
		expect(done.actions).toEqual(['receipt', 'fmm']); // the FMM can be made again at any time
		expect(done.timeline.every((step) => step.done)).toBe(true);
	});

	it('offers no receipt or FMM before their signatures check out', () => {
		const unchecked = status({ registration, receipt: { ...receipt, check: 'unchecked' } });
		expect(unchecked).toMatchObject({ stage: 'waiting', actions: [], unverified: false });
		const forged = status({ registration, receipt: { ...receipt, check: 'invalid' } });
		expect(forged).toMatchObject({ stage: 'waiting', actions: [], unverified: true });
		const badEntry = status({ registration, receipt, entry: { ...entry, check: 'invalid' } });
		expect(badEntry).toMatchObject({ stage: 'received', actions: ['receipt'], unverified: true });
	});

	it('shows a refusal instead of the FMM step', () => {
		const refused = status({ registration, receipt, entry: { decision: 'refused', check: 'unchecked' } });
		expect(refused.stage).toBe('refused');
		expect(refused.actions).toEqual(['receipt']);
		expect(refused.timeline.map((step) => step.stage)).toEqual(['draft', 'waiting', 'received', 'refused']);
	});
});
