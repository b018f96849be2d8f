/** Pure account rules: token lifetimes, session lifetimes, the failed-login back-off schedule. */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Confirmation and password-reset links are single use and expire after 24 h. */
export const EMAIL_TOKEN_TTL_MS = 24 * HOUR;

export type TokenPurpose = 'confirm' | 'reset';

export type TokenCheck = 'ok' | 'unknown' | 'used' | 'expired';

export function checkToken(
	token: { expiresAt: number; usedAt: number | null } | null,
	now: number
): TokenCheck {
	if (!token) return 'unknown';
	if (token.usedAt !== null) return 'used';
	if (now >= token.expiresAt) return 'expired';
	return 'ok';
}

export type Role = 'traveller' | 'officer';

export interface SessionLifetime {
	/** The session ends after this long without a request. */
	idleMs: number;
	/** The session ends this long after log-in, whatever happens. */
	absoluteMs: number;
}

/**
 * Officers: 30 min idle, 12 h absolute. Travellers: 2 h idle, 12 h absolute; on a device they asked us
 * to remember, 30 days idle and 90 days absolute (kiosks never offer "remember").
 */
export function sessionLifetime(role: Role, remember: boolean): SessionLifetime {
	if (role === 'officer') return { idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR };
	if (remember) return { idleMs: 30 * DAY, absoluteMs: 90 * DAY };
	return { idleMs: 2 * HOUR, absoluteMs: 12 * HOUR };
}

export function sessionExpired(
	session: { lastSeenAt: number; idleMs: number; absoluteExpiresAt: number },
	now: number
): boolean {
	return now >= session.absoluteExpiresAt || now >= session.lastSeenAt + session.idleMs;
}

/** How failed log-ins are slowed down for one throttle key (an e-mail address or a client address). */
export interface BackoffSchedule {
	/** Failures allowed without any wait. */
	free: number;
	/** From this many failures on, the key is locked for lockMs. */
	lockAfter: number;
	lockMs: number;
	/** Longest wait between attempts before the lock. */
	maxDelayMs: number;
}

/** Per account: 3 free tries, then 1 s, 2 s, 4 s … between tries, and a 15-minute lock at 10 failures. */
export const ACCOUNT_BACKOFF: BackoffSchedule = {
	free: 3,
	lockAfter: 10,
	lockMs: 15 * MINUTE,
	maxDelayMs: 60_000
};
/** Per client address (many travellers may share an airport's address): more generous. */
export const ADDRESS_BACKOFF: BackoffSchedule = {
	free: 20,
	lockAfter: 100,
	lockMs: 15 * MINUTE,
	maxDelayMs: 30_000
};

export interface ThrottleState {
	failures: number;
	lastFailureAt: number;
	lockedUntil: number | null;
}

/** Milliseconds the key must still wait before its next attempt (0 = may try now). */
export function retryAfterMs(state: ThrottleState | null, schedule: BackoffSchedule, now: number): number {
	if (!state) return 0;
	if (state.lockedUntil !== null && now < state.lockedUntil) return state.lockedUntil - now;
	if (state.lockedUntil !== null) return 0; // the lock has run out: a fresh start
	if (state.failures < schedule.free) return 0;
	const delay = Math.min(schedule.maxDelayMs, 1000 * 2 ** (state.failures - schedule.free));
	return Math.max(0, state.lastFailureAt + delay - now);
}

/** After a failure brought the count to `failures`: the lock to set, if any. */
export function lockAfterFailure(failures: number, schedule: BackoffSchedule, now: number): number | null {
	return failures >= schedule.lockAfter ? now + schedule.lockMs : null;
}

/** Account e-mails (confirmation, reset, notices) per address: at most 5 within an hour of the last one. */
export const MAIL_LIMIT = { max: 5, windowMs: HOUR };

/** Whether another account e-mail may go to an address that got `sent` of them, the last at `lastSentAt`. */
export function mayMail(state: { failures: number; lastFailureAt: number } | null, now: number): boolean {
	if (!state || now - state.lastFailureAt >= MAIL_LIMIT.windowMs) return true;
	return state.failures < MAIL_LIMIT.max;
}
