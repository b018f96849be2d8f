/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

const sw = self as unknown as ServiceWorkerGlobalScope;

// Hashed build files carry their revision in the name; static files and the shell change with the version.
const SHELL = '/index.html';
precacheAndRoute([
	...build.map((url) => ({ url, revision: null })),
	...files.map((url) => ({ url, revision: version })),
	{ url: SHELL, revision: version }
]);
cleanupOutdatedCaches();

// Every app route is the SPA shell; API and replication traffic must always reach the network.
registerRoute(new NavigationRoute(createHandlerBoundToURL(SHELL), { denylist: [/^\/api\//, /^\/db\//] }));

// The OCR engine (tesseract.js worker and the one WebAssembly core this browser picks, ~4 MB each) is cached on
// first use at the Documents step rather than precached: the first visit stays small, and a phone only ever
// stores the core variant it can run. The MRZ model is a static file and is precached with the app.
// The CJK font for the PDFs is cached the same way, fetched ahead only on devices set to zh-Hans, ja or ko.
// The files keep their names across releases: bump a cache's name when its files change.
const LAZY_CACHES: Record<string, string> = { '/ocr/': 'arribo-ocr-v1', '/fonts/': 'arribo-fonts-v1' };

function lazyCacheFor(url: URL): string | undefined {
	if (url.origin !== sw.location.origin) return undefined;
	const prefix = Object.keys(LAZY_CACHES).find((start) => url.pathname.startsWith(start));
	return prefix ? LAZY_CACHES[prefix] : undefined;
}

registerRoute(
	({ url, request }) => request.method === 'GET' && lazyCacheFor(url) !== undefined,
	async ({ request, url }) => {
		const cache = await caches.open(lazyCacheFor(url) ?? '');
		const hit = await cache.match(request, { ignoreSearch: true });
		if (hit) return hit;
		const response = await fetch(request);
		if (response.ok) await cache.put(request, response.clone());
		return response;
	}
);

// A new version waits until the traveller presses "reload" (workbox-window's messageSkipWaiting).
sw.addEventListener('message', (event) => {
	if (event.data && event.data.type === 'SKIP_WAITING') void sw.skipWaiting();
});

// The first install takes control at once, so the app works offline from the first visit on.
sw.addEventListener('activate', (event) => event.waitUntil(sw.clients.claim()));
