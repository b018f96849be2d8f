/** Spanish and English first, then the languages most travellers to Mexico read (see issue #9). */
export const LOCALES = ['es', 'en', 'fr', 'pt-BR', 'de', 'it', 'zh-Hans', 'ja', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];
/** Spanish is the institute's language, so it is the default when nothing else matches. */
export const DEFAULT_LOCALE: Locale = 'es';

/** Browser languages whose base has one written form here: any Portuguese reads Brazil's, any Chinese Simplified. */
const BY_BASE_LANGUAGE: Readonly<Record<string, Locale>> = { pt: 'pt-BR', zh: 'zh-Hans' };

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The locale for one BCP 47 tag (`en-GB` → `en`, `pt-PT` → `pt-BR`, `zh-CN` → `zh-Hans`), or null. */
export function matchLocale(tag: string): Locale | null {
	const lower = tag.toLowerCase();
	const exact = LOCALES.find((locale) => locale.toLowerCase() === lower);
	if (exact) return exact;
	const base = lower.split('-')[0] ?? '';
	if (isLocale(base)) return base;
	return BY_BASE_LANGUAGE[base] ?? null;
}

/** A remembered choice wins; otherwise the first browser language we speak. */
export function pickLocale(stored: string | null, browserLanguages: readonly string[]): Locale {
	if (isLocale(stored)) return stored;
	for (const tag of browserLanguages) {
		const locale = matchLocale(tag);
		if (locale) return locale;
	}
	return DEFAULT_LOCALE;
}
