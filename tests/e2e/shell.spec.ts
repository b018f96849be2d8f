import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, expectAccessible, test, waitForServiceWorker } from './fixtures';
import { startServer } from './server';

const ROUTES = ['/', '/privacy'];

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
