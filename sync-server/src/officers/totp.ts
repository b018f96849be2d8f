import { Secret, TOTP } from 'otpauth';

/**
 * TOTP (RFC 6238) with the parameters every authenticator app understands: SHA-1, 6 digits, 30 s.
 * A code is accepted one step early or late (clock drift), and each step only once (the store records it).
 */
const PERIOD = 30;
const WINDOW = 1;

function totp(secretBase32: string, label: string): TOTP {
	return new TOTP({
		issuer: 'Arribo',
		label,
		algorithm: 'SHA1',
		digits: 6,
		period: PERIOD,
		secret: Secret.fromBase32(secretBase32)
	});
}

/** 160 random bits, the size RFC 4226 recommends for HMAC-SHA-1. */
export function newTotpSecret(): string {
	return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI that enrolment shows as a QR code and as text. */
export function totpUri(secretBase32: string, label: string): string {
	return totp(secretBase32, label).toString();
}

/** The time step the code belongs to, or null when it is not valid now. */
export function matchingTotpStep(secretBase32: string, code: unknown, now: number): number | null {
	if (typeof code !== 'string' || !/^\d{6}$/.test(code.trim())) return null;
	const delta = totp(secretBase32, '').validate({ token: code.trim(), timestamp: now, window: WINDOW });
	if (delta === null) return null;
	return TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
}
