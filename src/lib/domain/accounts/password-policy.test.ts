import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords';
import { passwordProblem, passwordStrength } from './password-policy';
import { validateRegistration } from './registration';

const common = new Set(COMMON_PASSWORDS);

describe('password policy (app side)', () => {
	it('needs 10 characters, no composition rules, and refuses common passwords', () => {
		expect(passwordProblem('short', common)).toBe('too_short');
		expect(passwordProblem('qwertyuiop', common)).toBe('common');
		expect(passwordProblem('Password123', common)).toBe('common');
		expect(passwordProblem('all lower case words', common)).toBeNull();
		expect(passwordProblem('ñandú ñandú', common)).toBeNull();
		expect(passwordProblem('a'.repeat(129), common)).toBe('too_long');
	});

	it('ships a list of common passwords', () => {
		expect(COMMON_PASSWORDS.length).toBeGreaterThan(1000);
		expect(COMMON_PASSWORDS.every((p) => p.length >= 10 && p === p.toLowerCase())).toBe(true);
	});

	it('hints at strength', () => {
		expect(passwordStrength('', common)).toBe('none');
		expect(passwordStrength('1234567890', common)).toBe('weak');
		expect(passwordStrength('tortuga azul de mar 7', common)).toBe('strong');
	});

	it('validates the registration form', () => {
		const errors = validateRegistration(
			{
				givenNames: '',
				surnames: 'López',
				email: 'not-an-email',
				password: 'short',
				language: 'es',
				acceptPrivacy: false
			},
			common
		);
		expect(errors).toEqual({
			givenNames: 'required',
			email: 'invalid',
			password: 'too_short',
			acceptPrivacy: 'required'
		});
	});
});
