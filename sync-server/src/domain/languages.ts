/**
 * The languages an account may prefer: the e-mails it receives are written in it. The same list as the app's
 * `LOCALES` (src/lib/i18n/locales.ts); `languages-copy.test.ts` keeps the two equal.
 */
export const LANGUAGES = ['es', 'en', 'fr', 'pt-BR', 'de', 'it', 'zh-Hans', 'ja', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
	return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
