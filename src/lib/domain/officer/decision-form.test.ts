import { describe, expect, it } from 'vitest';
import { type DecisionDraft, decisionProblems, localNow } from './decision-form';

const now = Date.parse('2026-11-25T15:00:00Z');
const draft = (over: Partial<DecisionDraft> = {}): DecisionDraft => ({
	decision: 'authorized',
	daysAuthorized: 180,
	portOfEntry: 'AIR-MEX',
	entryAt: '2026-11-25T09:00',
	conditionOfStay: 'visitor_without_permission_to_work',
	refusalReason: '',
	...over
});

describe('officer decision form', () => {
	it('accepts 1 to 180 whole days and nothing else', () => {
		expect(decisionProblems(draft({ daysAuthorized: 1 }), now)).toEqual({});
		expect(decisionProblems(draft({ daysAuthorized: 180 }), now)).toEqual({});
		expect(decisionProblems(draft({ daysAuthorized: 181 }), now)).toEqual({ daysAuthorized: 'range' });
		expect(decisionProblems(draft({ daysAuthorized: 0 }), now)).toEqual({ daysAuthorized: 'range' });
		expect(decisionProblems(draft({ daysAuthorized: 2.5 }), now)).toEqual({ daysAuthorized: 'range' });
		expect(decisionProblems(draft({ daysAuthorized: null }), now)).toEqual({ daysAuthorized: 'required' });
	});

	it('needs a port to authorize and a reason to refuse', () => {
		expect(decisionProblems(draft({ portOfEntry: '' }), now)).toEqual({ portOfEntry: 'required' });
		const refusal = draft({ decision: 'refused', portOfEntry: '', daysAuthorized: null });
		expect(decisionProblems(refusal, now)).toEqual({ refusalReason: 'required' });
		expect(decisionProblems({ ...refusal, refusalReason: 'no' }, now)).toEqual({ refusalReason: 'short' });
		expect(decisionProblems({ ...refusal, refusalReason: 'Documento alterado' }, now)).toEqual({});
	});

	it('refuses an entry time more than a day ahead, or none', () => {
		expect(decisionProblems(draft({ entryAt: '2026-11-28T09:00' }), now)).toEqual({ entryAt: 'future' });
		expect(decisionProblems(draft({ entryAt: '' }), now)).toEqual({ entryAt: 'required' });
	});

	it('defaults the time to now in the local zone, to the minute', () => {
		const value = localNow(new Date(now));
		expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
		expect(Math.abs(Date.parse(value) - now)).toBeLessThan(60_000);
	});
});
