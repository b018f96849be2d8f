import { catalogs } from './catalogs';
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

	/** Reads the remembered choice or the browser's languages; runs once in the root layout. */
	init(): void {
		let stored: string | null = null;
		try {
			stored = localStorage.getItem(STORAGE_KEY);
		} catch {
			// Storage can be blocked (private mode, policies); the browser language still applies.
		}
		this.apply(pickLocale(stored, navigator.languages ?? [navigator.language]));
	}

	set(locale: Locale): void {
		try {
			localStorage.setItem(STORAGE_KEY, locale);
		} catch {
			// Not remembered, but the switch itself still happens.
		}
		this.apply(locale);
	}

	private apply(locale: Locale): void {
		this.locale = locale;
		document.documentElement.lang = locale;
	}

	t = (key: MessageKey, params?: Record<string, string | number>): string =>
		interpolate(catalogs[this.locale][key] ?? catalogs.en[key] ?? key, params);
}

export const i18n = new I18n();
export const t = i18n.t;
