/**
 * Text that travels with data rather than living in the message catalogs (question sets served by the
 * server, port names): Spanish and English always, other languages when the data has them.
 */
export type LocalizedText = { es: string; en: string } & Partial<Record<string, string>>;

/** The text in `locale`, else English: a newer question set may arrive before its translations. */
export function localized(text: LocalizedText, locale: string): string {
	return text[locale] ?? text.en;
}
