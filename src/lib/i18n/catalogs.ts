import type { Locale } from './locales';

export type Catalog = Record<string, string>;

/**
 * Messages live in one JSON file per locale and feature (`messages/{locale}/{feature}.json`), with
 * full keys inside (`home.title`), so features can add strings without touching each other's files.
 */
const files = import.meta.glob<Catalog>('./messages/*/*.json', { eager: true, import: 'default' });

function buildCatalogs(): Record<string, Catalog> {
	const byLocale: Record<string, Catalog> = {};
	for (const [path, messages] of Object.entries(files)) {
		const locale = path.split('/')[2] ?? '';
		byLocale[locale] = { ...byLocale[locale], ...messages };
	}
	return byLocale;
}

export const catalogs = buildCatalogs() as Record<Locale, Catalog>;
