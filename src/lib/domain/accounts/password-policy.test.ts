import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords';
import { passwordProblem, passwordStrength } from './password-policy';
import { validateRegistration } from './registration';

describe('password policy (app side)', () => {
	it('needs 10 characters, no composition rules, and refuses common passwords', () => {
		expect(passwordProblem('short')).toBe('too_short');
		expect(passwordProblem('qwertyuiop')).toBe('common');
		expect(passwordProblem('Password123')).toBe('common');
		expect(passwordProblem('all lower case words')).toBeNull();
		expect(passwordProblem('ñandú ñandú')).toBeNull();
		expect(passwordProblem('a'.repeat(129))).toBe('too_long');
	});

	it('ships a list of common passwords', () => {
		expect(COMMON_PASSWORDS.length).toBeGreaterThan(1000);
		expect(COMMON_PASSWORDS.every((p) => p.length >= 10 && p === p.toLowerCase())).toBe(true);
	});

	it('hints at strength', () => {
		expect(passwordStrength('')).toBe('none');
		expect(passwordStrength('1234567890')).toBe('weak');
		expect(passwordStrength('tortuga azul de mar 7')).toBe('strong');
	});

	it('validates the registration form', () => {
		const errors = validateRegistration({
			givenNames: '',
			surnames: 'López',
			email: 'not-an-email',
			password: 'short',
			language: 'es',
			acceptPrivacy: false
		});
		expect(errors).toEqual({
			givenNames: 'required',
			email: 'invalid',
			password: 'too_short',
			acceptPrivacy: 'required'
		});
	});
});
