import { loadCatalog } from '$lib/i18n/catalogs';
import type { Locale } from '$lib/i18n/locales';
import { needsCjkFont, secondLanguage, type PdfLanguages } from './pdf-layout';

/** Served from static/, cached by the service worker on first use (not precached: 1.3 MB few devices need). */
export const CJK_FONT_URL = '/fonts/arribo-cjk.ttf';

let cjkFont: Promise<Uint8Array> | null = null;

function loadCjkFont(): Promise<Uint8Array> {
	cjkFont ??= fetch(CJK_FONT_URL)
		.then((response) => {
			if (!response.ok) throw new Error(`CJK font: HTTP ${response.status}`);
			return response.arrayBuffer();
		})
		.then((buffer) => new Uint8Array(buffer))
		.catch((error: unknown) => {
			cjkFont = null; // a later attempt, perhaps online again, may succeed
			throw error;
		});
	return cjkFont;
}

/**
 * While online, fetch the CJK font ahead for a traveller who reads Chinese, Japanese or Korean, so the service
 * worker has it cached and the receipt and FMM can be made offline at the airport.
 */
export function prepareOfflinePdfs(locale: Locale): void {
	if (needsCjkFont(secondLanguage(locale)) && navigator.onLine) loadCjkFont().catch(() => undefined);
}

/** Spanish and the traveller's language (English for a Spanish reader), with the font that second one needs. */
export async function pdfLanguagesFor(locale: Locale): Promise<PdfLanguages> {
	const second = secondLanguage(locale);
	// Each catalog is downloaded once per visit (and precached): usually only Spanish is new here.
	const [spanish, secondCatalog, cjkFont] = await Promise.all([
		loadCatalog('es'),
		loadCatalog(second),
		needsCjkFont(second) ? loadCjkFont() : undefined
	]);
	return { second, spanish, secondCatalog, cjkFont };
}
