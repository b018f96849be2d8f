import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { type RunningServer, startServer } from './server';

export { expect };

interface Fixtures {
	/** Requests that left the app's origin during the test; the test fails if any did. */
	foreignRequests: string[];
}

interface WorkerFixtures {
	/** The real sync-server serving the production build, one per test worker. */
	server: RunningServer;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
	server: [
		// eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
		async ({}, use) => {
			const server = await startServer();
			await use(server);
			await server.stop();
		},
		{ scope: 'worker' }
	],
	baseURL: async ({ server }, use) => use(server.baseURL),
	foreignRequests: [
		async ({ context, server }, use) => {
			const origin = new URL(server.baseURL).origin;
			const foreign: string[] = [];
			// Context-level, so requests made by the service worker are seen too.
			context.on('request', (request) => {
				const url = request.url();
				if (/^(data|blob):/.test(url)) return;
				if (new URL(url).origin !== origin) foreign.push(url);
			});
			await use(foreign);
			expect(foreign, 'the app must never request anything from another origin').toEqual([]);
		},
		{ auto: true }
	]
});

/** axe-core with WCAG 2.0/2.1/2.2 A and AA rules; fails the test with the list of violations. */
export async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`
	);
	expect(summary).toEqual([]);
}

/** Waits until the service worker controls the page, i.e. the app will load with the network off. */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.waitForFunction(async () => {
		const registration = await navigator.serviceWorker.ready;
		return registration.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
	});
}
