import { COMMON_PASSWORDS } from './common-passwords.js';

/**
 * NIST SP 800-63B memorized-secret rules: a minimum length, a generous maximum, no composition rules,
 * and rejection of values on a list of common passwords. The app applies the same rules before sending.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'is_email';

const common = new Set(COMMON_PASSWORDS);

/** Length in Unicode code points, so that an emoji or an accented letter counts as one character. */
export function passwordLength(password: string): number {
	return [...password].length;
}

export function passwordProblem(password: string, email?: string): PasswordProblem | null {
	const length = passwordLength(password);
	if (length < PASSWORD_MIN_LENGTH) return 'too_short';
	if (length > PASSWORD_MAX_LENGTH) return 'too_long';
	const lower = password.normalize('NFKC').toLowerCase();
	if (common.has(lower)) return 'common';
	if (email && lower === email.trim().toLowerCase()) return 'is_email';
	return null;
}
