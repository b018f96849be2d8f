import { i18n } from '$lib/i18n/i18n.svelte';
import { isLocale, type Locale } from '$lib/i18n/locales';
import { call, NetworkError } from './api';

/**
 * The language is remembered per device (the switcher's localStorage choice) and per account (the server
 * keeps it for e-mails). Logging in applies the account's language; choosing a language while signed in
 * updates the account — later, if the choice was made offline.
 */
const UNSENT_KEY = 'arribo.accountLanguage.unsent';

/** Switches to the account's language once its messages are loaded; a failed download keeps the current one. */
export async function applyAccountLanguage(language: string | undefined): Promise<void> {
	if (isLocale(language) && language !== i18n.locale) await i18n.set(language).catch(() => undefined);
}

export async function rememberAccountLanguage(locale: Locale): Promise<void> {
	try {
		localStorage.setItem(UNSENT_KEY, locale);
	} catch {
		// Storage refused (private mode): the account simply keeps its previous language.
	}
	await sendUnsentAccountLanguage();
}

/** Sends a choice made offline; keeps it for next time when there is still no connection. */
export async function sendUnsentAccountLanguage(): Promise<void> {
	let language: string | null;
	try {
		language = localStorage.getItem(UNSENT_KEY);
	} catch {
		return;
	}
	if (!isLocale(language)) return;
	try {
		const answer = await call('POST', 'language', { language });
		// Sent, or refused for good (signed out meanwhile): either way there is nothing left to send.
		if (answer.status < 500) localStorage.removeItem(UNSENT_KEY);
	} catch (error) {
		if (!(error instanceof NetworkError)) throw error;
	}
}
