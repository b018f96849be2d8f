import { type Catalog, loadCatalog } from './catalogs';
import { interpolate } from './interpolate';
import { DEFAULT_LOCALE, type Locale, pickLocale } from './locales';

/**
 * A message key, e.g. `home.title`. English is the source catalog: the catalog tests check that every
 * locale has exactly its keys and placeholders, and that every key used in the code exists.
 */
export type MessageKey = string;

const STORAGE_KEY = 'arribo.locale';

class I18n {
	locale = $state<Locale>(DEFAULT_LOCALE);
	/** The active locale's messages; replaced whole, never edited, so it needs no deep reactivity. */
	private catalog = $state.raw<Catalog>({});
	/** The language asked for last: when switches overlap, the last one wins, whichever loads first. */
	private wanted: Locale = DEFAULT_LOCALE;
	private started: Promise<void> | null = null;

	/**
	 * Picks the remembered choice or the browser's languages and loads its messages. The root layout's
	 * load awaits it, so the first paint is already in the traveller's language (never message keys).
	 */
	init(): Promise<void> {
		this.started ??= this.apply(
			pickLocale(this.remembered(), navigator.languages ?? [navigator.language])
		).then(
			() => undefined,
			(error: unknown) => {
				this.started = null; // the next navigation tries again
				throw error;
			}
		);
		return this.started;
	}

	/** Loads the language's messages, then switches: the screen never shows a half-switched language. */
	async set(locale: Locale): Promise<void> {
		if (!(await this.apply(locale))) return;
		try {
			localStorage.setItem(STORAGE_KEY, locale);
		} catch {
			// Not remembered, but the switch itself still happens.
		}
	}

	private remembered(): string | null {
		try {
			return localStorage.getItem(STORAGE_KEY);
		} catch {
			// Storage can be blocked (private mode, policies); the browser language still applies.
			return null;
		}
	}

	/** True when the switch happened, false when a later switch overtook it. */
	private async apply(locale: Locale): Promise<boolean> {
		this.wanted = locale;
		const catalog = await loadCatalog(locale);
		if (this.wanted !== locale) return false;
		this.catalog = catalog;
		this.locale = locale;
		document.documentElement.lang = locale;
		return true;
	}

	t = (key: MessageKey, params?: Record<string, string | number>): string =>
		interpolate(this.catalog[key] ?? key, params);
}

export const i18n = new I18n();
export const t = i18n.t;
