import { alpha2Of } from '$lib/domain/documents/countries';

const cache = new Map<string, Intl.DisplayNames>();

/** A state code named in the traveller's language ("DEU" → "Alemania"); the code itself if unknown. */
export function countryName(code: string, locale: string): string {
	const alpha2 = alpha2Of(code);
	if (!alpha2) return code;
	let names = cache.get(locale);
	if (!names) {
		names = new Intl.DisplayNames([locale], { type: 'region' });
		cache.set(locale, names);
	}
	return names.of(alpha2) ?? code;
}
