import { i18n } from '$lib/i18n/i18n.svelte';

// Arribo is a pure SPA: everything renders on the device, so it works the same online and offline.
export const ssr = false;
export const prerender = false;

/** The traveller's language is loaded before anything renders, so no screen ever shows message keys. */
export async function load(): Promise<void> {
	await i18n.init();
}
