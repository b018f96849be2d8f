import { describe, expect, it } from 'vitest';
import {
	ACCOUNT_BACKOFF,
	checkToken,
	DAY,
	HOUR,
	lockAfterFailure,
	MAIL_LIMIT,
	mayMail,
	MINUTE,
	retryAfterMs,
	sessionExpired,
	sessionLifetime
} from './account-rules.js';
import { passwordProblem } from './password-policy.js';

describe('account rules', () => {
	it('tokens: unknown, used, expired at 24 h, else ok', () => {
		expect(checkToken(null, 0)).toBe('unknown');
		expect(checkToken({ expiresAt: 100, usedAt: 50 }, 60)).toBe('used');
		expect(checkToken({ expiresAt: 100, usedAt: null }, 100)).toBe('expired');
		expect(checkToken({ expiresAt: 100, usedAt: null }, 99)).toBe('ok');
	});

	it('session lifetimes: officers 30 min / 12 h, travellers 2 h / 12 h, remembered 30 d / 90 d', () => {
		expect(sessionLifetime('officer', true)).toEqual({ idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR });
		expect(sessionLifetime('traveller', false)).toEqual({ idleMs: 2 * HOUR, absoluteMs: 12 * HOUR });
		expect(sessionLifetime('traveller', true)).toEqual({ idleMs: 30 * DAY, absoluteMs: 90 * DAY });
		const session = { lastSeenAt: 0, idleMs: 10, absoluteExpiresAt: 100 };
		expect(sessionExpired(session, 9)).toBe(false);
		expect(sessionExpired(session, 10)).toBe(true);
		expect(sessionExpired({ ...session, lastSeenAt: 95 }, 100)).toBe(true);
	});

	it('back-off: free tries, then doubling waits, then a lock', () => {
		const at = (failures: number) => ({ failures, lastFailureAt: 1000, lockedUntil: null });
		expect(retryAfterMs(null, ACCOUNT_BACKOFF, 1000)).toBe(0);
		expect(retryAfterMs(at(2), ACCOUNT_BACKOFF, 1000)).toBe(0);
		expect(retryAfterMs(at(3), ACCOUNT_BACKOFF, 1000)).toBe(1000);
		expect(retryAfterMs(at(5), ACCOUNT_BACKOFF, 1000)).toBe(4000);
		expect(retryAfterMs(at(5), ACCOUNT_BACKOFF, 3000)).toBe(2000);
		expect(retryAfterMs(at(30), ACCOUNT_BACKOFF, 1000)).toBe(ACCOUNT_BACKOFF.maxDelayMs);
		expect(lockAfterFailure(9, ACCOUNT_BACKOFF, 0)).toBeNull();
		expect(lockAfterFailure(10, ACCOUNT_BACKOFF, 0)).toBe(15 * MINUTE);
		expect(retryAfterMs({ failures: 10, lastFailureAt: 0, lockedUntil: 500 }, ACCOUNT_BACKOFF, 100)).toBe(
			400
		);
		expect(retryAfterMs({ failures: 10, lastFailureAt: 0, lockedUntil: 500 }, ACCOUNT_BACKOFF, 500)).toBe(0);
	});

	it('mail limit', () => {
		expect(mayMail(null, 0)).toBe(true);
		expect(mayMail({ failures: MAIL_LIMIT.max, lastFailureAt: 0 }, MAIL_LIMIT.windowMs - 1)).toBe(false);
		expect(mayMail({ failures: MAIL_LIMIT.max, lastFailureAt: 0 }, MAIL_LIMIT.windowMs)).toBe(true);
	});

	it('password policy: length, common list, not the e-mail; no composition rules', () => {
		expect(passwordProblem('123456789')).toBe('too_short');
		expect(passwordProblem('1234567890')).toBe('common');
		expect(passwordProblem('ana@example.test', 'Ana@example.test')).toBe('is_email');
		expect(passwordProblem('only lowercase words here')).toBeNull();
	});
});
