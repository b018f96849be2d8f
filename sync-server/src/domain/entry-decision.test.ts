import { describe, expect, it } from 'vitest';
import { checkDecision } from './entry-decision.js';

const NOW = Date.parse('2026-11-25T15:00:00Z');
const base = {
	decisionId: '6f1c2e3a-9b8d-4c7e-a1f2-3b4c5d6e7f80',
	registrationId: 'registration:0b6f3c1e-5d2a-4f8e-9c71-2a4b6d8e0f13',
	entryAt: '2026-11-25T14:55:00Z'
};
const authorize = {
	...base,
	decision: 'authorized',
	daysAuthorized: 180,
	portOfEntry: 'AIR-MEX',
	conditionOfStay: 'regional_visitor'
};

describe('an officer decision', () => {
	it('authorizes 1 to 180 whole days, nothing else', () => {
		expect(checkDecision({ ...authorize, daysAuthorized: 1 }, NOW).ok).toBe(true);
		expect(checkDecision(authorize, NOW)).toMatchObject({
			ok: true,
			value: { daysAuthorized: 180, portOfEntry: 'AIR-MEX' }
		});
		for (const days of [0, 181, 30.5, '30', -1]) {
			expect(checkDecision({ ...authorize, daysAuthorized: days }, NOW)).toEqual({
				ok: false,
				fields: { daysAuthorized: 'invalid' }
			});
		}
	});

	it('needs a port and a known condition of stay to authorize', () => {
		expect(checkDecision({ ...authorize, portOfEntry: '' }, NOW)).toEqual({
			ok: false,
			fields: { portOfEntry: 'required' }
		});
		expect(checkDecision({ ...authorize, conditionOfStay: 'tourist' }, NOW)).toEqual({
			ok: false,
			fields: { conditionOfStay: 'invalid' }
		});
	});

	it('needs a reason to refuse, and carries no days or port', () => {
		expect(checkDecision({ ...base, decision: 'refused' }, NOW)).toEqual({
			ok: false,
			fields: { refusalReason: 'required' }
		});
		const refused = checkDecision(
			{ ...base, decision: 'refused', refusalReason: '  Pasaporte alterado ' },
			NOW
		);
		expect(refused).toEqual({
			ok: true,
			value: {
				...base,
				entryAt: '2026-11-25T14:55:00.000Z',
				decision: 'refused',
				refusalReason: 'Pasaporte alterado'
			}
		});
	});

	it('takes a client-made decision id and a registration id, and an entry time not days ahead', () => {
		expect(checkDecision({ ...authorize, decisionId: 'retry-1' }, NOW)).toEqual({
			ok: false,
			fields: { decisionId: 'invalid' }
		});
		expect(
			checkDecision({ ...authorize, registrationId: 'receipt:0b6f3c1e-5d2a-4f8e-9c71-2a4b6d8e0f13' }, NOW)
		).toEqual({
			ok: false,
			fields: { registrationId: 'invalid' }
		});
		expect(checkDecision({ ...authorize, entryAt: '2026-11-28T10:00:00Z' }, NOW)).toEqual({
			ok: false,
			fields: { entryAt: 'invalid' }
		});
		// An offline decision may arrive hours later: the past is fine.
		expect(checkDecision({ ...authorize, entryAt: '2026-11-24T23:00:00Z' }, NOW).ok).toBe(true);
		expect(checkDecision({ ...base, decision: 'maybe' }, NOW)).toEqual({
			ok: false,
			fields: { decision: 'required' }
		});
	});
});
