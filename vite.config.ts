import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173, strictPort: false },
	// Without these the dev server discovers them on first visit and reloads the page.
	optimizeDeps: { include: ['dexie', 'workbox-window'] },
	test: {
		include: ['src/**/*.test.ts', 'sync-server/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
