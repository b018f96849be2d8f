export const LOCALES = ['es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
/** Spanish is the institute's language, so it is the default when nothing else matches. */
export const DEFAULT_LOCALE: Locale = 'es';

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A remembered choice wins; otherwise the first browser language we speak (`en-GB` → `en`). */
export function pickLocale(stored: string | null, browserLanguages: readonly string[]): Locale {
	if (isLocale(stored)) return stored;
	for (const tag of browserLanguages) {
		const base = tag.toLowerCase().split('-')[0];
		if (isLocale(base)) return base;
	}
	return DEFAULT_LOCALE;
}
