import { type CommonPasswords, type PasswordProblem, passwordProblem } from './password-policy';

export interface RegistrationForm {
	givenNames: string;
	surnames: string;
	email: string;
	password: string;
	/** One of the app's locales (src/lib/i18n/locales.ts): the language of the account's e-mails. */
	language: string;
	acceptPrivacy: boolean;
}

export type RegistrationField = keyof RegistrationForm;
export type FieldProblem = PasswordProblem | 'required' | 'invalid' | 'too_long';
export type RegistrationErrors = Partial<Record<RegistrationField, FieldProblem>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** Field order follows the form, so the error summary lists problems top to bottom. */
export function validateRegistration(form: RegistrationForm, common: CommonPasswords): RegistrationErrors {
	const errors: RegistrationErrors = {};
	if (!form.givenNames.trim()) errors.givenNames = 'required';
	else if (form.givenNames.length > 100) errors.givenNames = 'too_long';
	if (!form.surnames.trim()) errors.surnames = 'required';
	else if (form.surnames.length > 100) errors.surnames = 'too_long';
	if (!form.email.trim()) errors.email = 'required';
	else if (!EMAIL.test(form.email.trim())) errors.email = 'invalid';
	const password = form.password ? passwordProblem(form.password, common, form.email) : 'required';
	if (password) errors.password = password;
	if (!form.acceptPrivacy) errors.acceptPrivacy = 'required';
	return errors;
}

export function validateLogin(
	email: string,
	password: string
): Partial<Record<'email' | 'password', FieldProblem>> {
	const errors: Partial<Record<'email' | 'password', FieldProblem>> = {};
	if (!email.trim()) errors.email = 'required';
	else if (!EMAIL.test(email.trim())) errors.email = 'invalid';
	if (!password) errors.password = 'required';
	return errors;
}
