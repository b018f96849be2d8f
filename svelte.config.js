import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A pure SPA: the sync-server serves index.html for every app route, so the app works from any deep link
		// and the service worker can answer every navigation from the precached shell when offline.
		adapter: adapter({
			pages: 'build',
			assets: 'build',
			fallback: 'index.html',
			precompress: true,
			strict: true
		}),
		// We register the service worker ourselves through workbox-window, so that an update waits for the user.
		// The CJK font (1.3 MB, only for Chinese, Japanese and Korean PDFs) is cached on first use, not precached.
		serviceWorker: { register: false, files: (file) => !file.startsWith('fonts/') },
		// The sync-server sends the real CSP header (it needs frame-ancestors, which a <meta> cannot carry);
		// hashing here makes SvelteKit's inline bootstrap script hashable without 'unsafe-inline'.
		csp: { mode: 'hash', directives: { 'script-src': ['self'] } },
		alias: { $domain: 'src/lib/domain' }
	}
};

export default config;
