import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { ocrAssets } from './src/lib/ocr/vite/ocr-assets-plugin';

/** `src/lib/i18n/messages/{locale}/{feature}.json` → `messages-{locale}`. */
const MESSAGES = /[\\/]i18n[\\/]messages[\\/]([^\\/]+)[\\/][^\\/]+\.json$/;

export default defineConfig({
	plugins: [sveltekit(), ocrAssets()],
	server: { port: 5173, strictPort: false },
	build: {
		rolldownOptions: {
			output: {
				codeSplitting: {
					// One chunk per locale with all its message files (src/lib/i18n/catalogs.ts loads them on
					// demand): a visit downloads its language in one request, and never the other languages.
					groups: [
						{
							name: (id) => {
								const locale = MESSAGES.exec(id)?.[1];
								return locale ? `messages-${locale}` : null;
							}
						}
					]
				}
			}
		}
	},
	// Without these the dev server discovers them on first visit and reloads the page.
	optimizeDeps: { include: ['dexie', 'workbox-window', 'tesseract.js'] },
	test: {
		include: ['src/**/*.test.ts', 'sync-server/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
