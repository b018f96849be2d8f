import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, expectAccessible, test, waitForServiceWorker } from './fixtures';
import { startServer } from './server';

const ROUTES = ['/', '/privacy'];

/** Each language's home title, from its catalog: a downloaded script that holds it carries that language. */
const MESSAGES = path.resolve('src/lib/i18n/messages');
const HOME_TITLES = fs.readdirSync(MESSAGES).map((locale) => ({
	locale,
	title: (
		JSON.parse(fs.readFileSync(path.join(MESSAGES, locale, 'home.json'), 'utf8')) as Record<string, string>
	)['home.title']!
}));

function languagesIn(scripts: string[]): string[] {
	return HOME_TITLES.filter(({ title }) => scripts.some((script) => script.includes(title)))
		.map(({ locale }) => locale)
		.sort();
}

test.describe('app shell', () => {
	test('home shows the journey in Spanish for a Spanish browser', async ({ browser, server }) => {
		const context = await browser.newContext({ locale: 'es-MX', baseURL: server.baseURL });
		const page = await context.newPage();
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tu entrada a México, paso a paso');
		await expect(page.locator('html')).toHaveAttribute('lang', 'es');
		await expect(page.getByRole('heading', { name: 'Historial de registros' })).toBeVisible();
		await expect(page.getByRole('status', { name: 'Estado de sincronización' })).toContainText('Al día');
		await context.close();
	});

	test('home shows English for an English browser, and the switch is remembered', async ({
		browser,
		server
	}) => {
		const context = await browser.newContext({ locale: 'en-GB', baseURL: server.baseURL });
		const page = await context.newPage();
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your entry to Mexico, step by step');
		await page.getByLabel('Language').selectOption('es');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tu entrada a México, paso a paso');
		await page.reload();
		await expect(page.locator('html')).toHaveAttribute('lang', 'es');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tu entrada a México, paso a paso');
		await context.close();
	});

	test('a visit downloads the messages of its language only; a switch downloads the new one, then switches', async ({
		browser,
		server
	}) => {
		const context = await browser.newContext({ locale: 'es-MX', baseURL: server.baseURL });
		const page = await context.newPage();
		const scripts: Promise<string>[] = [];
		page.on('response', (response) => {
			if (response.request().resourceType() === 'script') scripts.push(response.text().catch(() => ''));
		});
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tu entrada a México, paso a paso');
		await page.waitForLoadState('networkidle');
		expect(languagesIn(await Promise.all(scripts))).toEqual(['es']);

		await page.getByLabel('Idioma').selectOption('en');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your entry to Mexico, step by step');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		expect(languagesIn(await Promise.all(scripts))).toEqual(['en', 'es']);
		await context.close();
	});

	test('no screen ever shows a message key, not even while its language downloads slowly', async ({
		browser,
		server
	}) => {
		// No service worker, so every download goes through the route below, and a slow network for the
		// messages: a screen that rendered before its language arrived would show keys for a while.
		const context = await browser.newContext({
			locale: 'es-MX',
			baseURL: server.baseURL,
			serviceWorkers: 'block'
		});
		await context.route('**/*.js', async (route) => {
			const response = await route.fetch();
			const body = await response.text();
			if (languagesIn([body]).length > 0) await new Promise((resolve) => setTimeout(resolve, 500));
			await route.fulfill({ response, body });
		});
		const page = await context.newPage();
		await page.addInitScript(() => {
			// Every text the page ever shows, from the first node on: a key looks like `home.title`.
			const keys: string[] = [];
			(window as unknown as { shownKeys: string[] }).shownKeys = keys;
			const KEY = /^[a-z][a-zA-Z]*(\.[a-zA-Z0-9]+)+$/;
			const check = (node: Node) => {
				const texts = node.nodeType === Node.TEXT_NODE ? [node] : [];
				const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
				while (walker.nextNode()) texts.push(walker.currentNode);
				for (const text of texts) {
					const value = (text.textContent ?? '').trim();
					if (KEY.test(value) && text.parentElement?.tagName !== 'SCRIPT') keys.push(value);
				}
			};
			new MutationObserver((records) => {
				for (const record of records) {
					if (record.type === 'characterData') check(record.target);
					record.addedNodes.forEach(check);
				}
			}).observe(document, { subtree: true, childList: true, characterData: true });
		});
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tu entrada a México, paso a paso');
		await page.getByLabel('Idioma').selectOption('en');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your entry to Mexico, step by step');
		await page.getByRole('link', { name: 'Create account' }).first().click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create your account');
		expect(await page.evaluate(() => (window as unknown as { shownKeys: string[] }).shownKeys)).toEqual([]);
		await context.close();
	});

	for (const locale of ['es-MX', 'en-US']) {
		test(`every page passes axe-core (${locale})`, async ({ browser, server }) => {
			const context = await browser.newContext({ locale, baseURL: server.baseURL });
			const page = await context.newPage();
			for (const route of ROUTES) {
				await page.goto(route);
				await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
				await expectAccessible(page);
			}
			await context.close();
		});
	}

	test('home invites installation, since uninstalled sites can lose their data', async ({ page }) => {
		await page.goto('/');
		const invitation = page.getByRole('region', { name: 'Instala Arribo' });
		await expect(invitation).toBeVisible();
		// Headless Chromium offers no install prompt, so the traveller gets the instructions instead of a button.
		await expect(invitation).toContainText('Agregar a pantalla de inicio');
		// Nothing is waiting to be sent, so there is no unsent-data warning.
		await expect(page.getByText('guardados solo en este dispositivo')).toHaveCount(0);
	});

	test('the sync status says when the device is offline', async ({ page, context }) => {
		await page.goto('/');
		await expect(page.getByRole('status')).toContainText('Al día');
		await context.setOffline(true);
		await expect(page.getByRole('status')).toContainText('Sin conexión');
		await context.setOffline(false);
		await expect(page.getByRole('status')).toContainText('Al día');
	});

	test('strict CSP is sent and the app runs under it without violations', async ({ page }) => {
		const violations: string[] = [];
		page.on('console', (message) => {
			if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
		});
		const response = await page.goto('/');
		const csp = response?.headers()['content-security-policy'] ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).not.toContain('unsafe-inline');
		expect(csp).toMatch(/style-src 'self'( 'unsafe-hashes'( 'sha256-[^']+')+)?;/);
		expect(csp).not.toMatch(/'unsafe-eval'/);
		expect(response?.headers()['x-content-type-options']).toBe('nosniff');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await page.getByRole('link', { name: 'Aviso de privacidad' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aviso de privacidad simplificado');
		expect(violations).toEqual([]);
	});

	test('keyboard: the skip link comes first and focus moves to the new page heading', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await page.keyboard.press('Tab');
		await expect(page.getByRole('link', { name: 'Saltar al contenido principal' })).toBeFocused();
		await page.getByRole('link', { name: 'Aviso de privacidad' }).focus();
		await page.keyboard.press('Enter');
		await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
	});
});

test.describe('offline', () => {
	test('after the first visit the app opens and navigates with the server gone', async ({ browser }) => {
		const server = await startServer();
		const context = await browser.newContext({ locale: 'en-US', baseURL: server.baseURL });
		const page = await context.newPage();
		await page.goto('/');
		await waitForServiceWorker(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your entry to Mexico, step by step');

		// Network off for real: the server process is gone and the browser is offline.
		await server.stop();
		await context.setOffline(true);

		await page.reload();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your entry to Mexico, step by step');
		for (const route of ROUTES) {
			await page.goto(route);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		}
		await page.getByRole('link', { name: 'Home', exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your entry to Mexico, step by step');
		await expect(page.getByRole('status')).toContainText('Offline');
		await context.close();
	});

	test('a new version waits for the traveller to choose "reload"', async ({ browser }) => {
		// A private copy of the build, so the test can deploy a "new version" of the service worker.
		const appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-app-'));
		fs.cpSync(path.resolve('build'), appDir, { recursive: true });
		const server = await startServer({ appDir });
		const context = await browser.newContext({ locale: 'en-US', baseURL: server.baseURL });
		const page = await context.newPage();
		await page.goto('/');
		await waitForServiceWorker(page);
		const prompt = page.getByRole('alert').filter({ hasText: 'A new version of Arribo is ready.' });
		await expect(prompt).toHaveCount(0);

		// Deploy: the service worker script changes (and its compressed copies go, as a deploy would replace them).
		const workerFile = path.join(appDir, 'service-worker.js');
		fs.appendFileSync(workerFile, '\n// deployed again\n');
		for (const compressed of ['.gz', '.br']) fs.rmSync(workerFile + compressed, { force: true });

		await page.reload();
		await expect(prompt).toBeVisible();
		// Nothing switched under the traveller's feet: the old worker still controls the page.
		expect(
			await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)
		).toBe(true);

		await Promise.all([
			page.waitForEvent('load'),
			prompt.getByRole('button', { name: 'Reload now' }).click()
		]);
		await waitForServiceWorker(page);
		expect(
			await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)
		).toBe(false);
		await expect(prompt).toHaveCount(0);
		await context.close();
		await server.stop();
	});
});
