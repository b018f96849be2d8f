import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { ocrAssets } from './src/lib/ocr/vite/ocr-assets-plugin';

export default defineConfig({
	plugins: [sveltekit(), ocrAssets()],
	server: { port: 5173, strictPort: false },
	// Without these the dev server discovers them on first visit and reloads the page.
	optimizeDeps: { include: ['dexie', 'workbox-window', 'tesseract.js'] },
	test: {
		include: ['src/**/*.test.ts', 'sync-server/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
