import en from './messages/en.json';
import es from './messages/es.json';
import { interpolate } from './interpolate';
import { DEFAULT_LOCALE, type Locale, pickLocale } from './locales';

/** English is the source catalog: its keys define what every other catalog must have. */
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const catalogs: Record<Locale, Messages> = { en, es };
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
