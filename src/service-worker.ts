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

// A new version waits until the traveller presses "reload" (workbox-window's messageSkipWaiting).
sw.addEventListener('message', (event) => {
	if (event.data && event.data.type === 'SKIP_WAITING') void sw.skipWaiting();
});

// The first install takes control at once, so the app works offline from the first visit on.
sw.addEventListener('activate', (event) => event.waitUntil(sw.clients.claim()));
