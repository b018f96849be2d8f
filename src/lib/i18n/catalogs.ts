import type { Locale } from './locales';

export type Catalog = Record<string, string>;

/**
 * Messages live in one JSON file per locale and feature (`messages/{locale}/{feature}.json`), with
 * full keys inside (`home.title`), so features can add strings without touching each other's files.
 * They are loaded on demand, one locale at a time: a visit downloads only the messages of its language
 * (vite.config.ts bundles each locale's files into one chunk). Every locale has every key (catalogs.test.ts),
 * so no second language is ever needed as a fallback.
 */
const files = import.meta.glob<Catalog>('./messages/*/*.json', { import: 'default' });

const loaded = new Map<Locale, Promise<Catalog>>();

/** All messages of one locale, downloaded once and shared by every caller. */
export function loadCatalog(locale: Locale): Promise<Catalog> {
	let catalog = loaded.get(locale);
	if (!catalog) {
		const parts = Object.entries(files)
			.filter(([path]) => path.split('/')[2] === locale)
			.map(([, load]) => load());
		if (parts.length === 0) return Promise.reject(new Error(`no messages for ${locale}`));
		catalog = Promise.all(parts).then((features) => Object.assign({}, ...features) as Catalog);
		// A failed download (offline before the app was cached) may succeed on the next call.
		catalog.catch(() => loaded.delete(locale));
		loaded.set(locale, catalog);
	}
	return catalog;
}
