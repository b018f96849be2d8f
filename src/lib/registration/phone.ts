import type { PhoneParser } from '$domain/registration/additional-rules';

let loading: Promise<PhoneParser> | null = null;

/**
 * libphonenumber-js with its "min" metadata (~80 KB), loaded only by the step that asks for phone numbers;
 * the service worker precaches the chunk, so it also works offline.
 */
export function loadPhoneParser(): Promise<PhoneParser> {
	loading ??= import('libphonenumber-js/min').then(({ parsePhoneNumberFromString, isValidPhoneNumber }) => {
		return (input: string) => {
			const parsed = parsePhoneNumberFromString(input);
			if (!parsed) return null;
			return { valid: isValidPhoneNumber(input), e164: parsed.number, country: parsed.country };
		};
	});
	return loading;
}
