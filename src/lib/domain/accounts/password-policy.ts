/**
 * The same NIST SP 800-63B rules the server applies (sync-server/src/domain/password-policy.ts): at least
 * 10 characters, at most 128, no composition rules, not on the shipped list of common passwords.
 * The list (`common-passwords.ts`, ~10 KB gzip) is a parameter, so only the screens where a password is
 * chosen download it (`$lib/accounts/common-passwords`).
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'is_email';

/** The shipped common passwords, lower-case. */
export type CommonPasswords = ReadonlySet<string>;

export function passwordLength(password: string): number {
	return [...password].length;
}

export function passwordProblem(
	password: string,
	common: CommonPasswords,
	email?: string
): PasswordProblem | null {
	const length = passwordLength(password);
	if (length < PASSWORD_MIN_LENGTH) return 'too_short';
	if (length > PASSWORD_MAX_LENGTH) return 'too_long';
	const lower = password.normalize('NFKC').toLowerCase();
	if (common.has(lower)) return 'common';
	if (email && lower === email.trim().toLowerCase()) return 'is_email';
	return null;
}

export type PasswordStrength = 'none' | 'weak' | 'fair' | 'good' | 'strong';

/**
 * A hint, not a rule: longer passwords and passphrases score higher; repeats and sequences lower.
 * Passwords that break a rule are always 'weak'.
 */
export function passwordStrength(
	password: string,
	common: CommonPasswords,
	email?: string
): PasswordStrength {
	if (password === '') return 'none';
	if (passwordProblem(password, common, email)) return 'weak';
	const chars = [...password];
	const distinct = new Set(chars.map((c) => c.toLowerCase())).size;
	const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
	let score = chars.length >= 20 ? 3 : chars.length >= 14 ? 2 : 1;
	if (classes >= 3 || /\s/.test(password)) score += 1;
	if (distinct < chars.length / 3) score -= 2;
	if (/(0123|1234|2345|3456|4567|5678|6789|abcd|qwer|asdf)/i.test(password)) score -= 1;
	if (score <= 0) return 'weak';
	if (score === 1) return 'fair';
	if (score === 2) return 'good';
	return 'strong';
}
