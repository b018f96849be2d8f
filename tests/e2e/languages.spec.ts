import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { pdfText } from '../../src/lib/receipts/pdf-text.test-helper';
import { expect, expectAccessible, test } from './fixtures';
import { login, newTraveller, registerConfirmed } from './travellers';
import { answerControl, attachRequired, fillAdditional, fillTrip, reviewAndSend } from './wizard-steps';

/**
 * Issue #9: every language, on a 360 px phone. Each locale is reached the way a traveller reaches it (the
 * browser's language tag), every screen is checked for overflowing controls and with axe-core, and the
 * whole journey ends with a receipt PDF whose extracted text is Spanish beside the traveller's language.
 */
test.describe.configure({ timeout: 600_000 });

const MESSAGES = path.resolve(import.meta.dirname, '../../src/lib/i18n/messages');
const BROWSER_TAGS: Record<string, string> = {
	es: 'es-MX',
	en: 'en-US',
	fr: 'fr-FR',
	'pt-BR': 'pt-BR',
	de: 'de-DE',
	it: 'it-IT',
	'zh-Hans': 'zh-CN',
	ja: 'ja-JP',
	ko: 'ko-KR'
};

function catalog(locale: string): Record<string, string> {
	const dir = path.join(MESSAGES, locale);
	return Object.assign(
		{},
		...fs.readdirSync(dir).map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as object)
	);
}

/** Controls and labels whose text does not fit their box, or that stick out of the 360 px viewport. */
async function overflowing(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const problems: string[] = [];
		if (document.documentElement.scrollWidth > width + 1)
			problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth}px > ${width}px`);
		const selector = 'button, a, label, select, input, legend, h1, h2, h3, summary, [role=status]';
		for (const element of document.querySelectorAll<HTMLElement>(selector)) {
			const box = element.getBoundingClientRect();
			if (box.width === 0 || box.height === 0) continue; // not shown
			if (box.right <= 0 || box.left >= width) continue; // parked off-screen on purpose (the skip link)
			const name = `${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 40)}"`;
			if (box.right > width + 1 || box.left < -1) problems.push(`${name} sticks out of the viewport`);
			else if (
				element.scrollWidth > element.clientWidth + 1 &&
				getComputedStyle(element).overflowX !== 'auto'
			)
				problems.push(`${name} overflows its box (${element.scrollWidth}px > ${element.clientWidth}px)`);
		}
		return problems;
	});
}

async function checkScreen(page: Page): Promise<void> {
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	expect(await overflowing(page), `overflow on ${new URL(page.url()).pathname}`).toEqual([]);
	await expectAccessible(page);
}

async function phone(browser: Browser, locale: string, baseURL: string) {
	const context = await browser.newContext({
		locale: BROWSER_TAGS[locale],
		baseURL,
		viewport: { width: 360, height: 780 },
		acceptDownloads: true
	});
	return { context, page: await context.newPage() };
}

const PUBLIC_ROUTES = [
	'/',
	'/privacy',
	'/register',
	'/login',
	'/reset',
	'/documents',
	'/pre-registration',
	'/history',
	'/officer'
];

for (const locale of Object.keys(BROWSER_TAGS)) {
	test(`${locale}: every public screen fits 360 px, passes axe and speaks ${locale}`, async ({
		browser,
		server
	}) => {
		const messages = catalog(locale);
		const { context, page } = await phone(browser, locale, server.baseURL);
		for (const route of PUBLIC_ROUTES) {
			await page.goto(route);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await checkScreen(page);
		}
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages['home.title']!);
		// The picker names every language in itself, whatever the page's language.
		const options = page.getByLabel(messages['language.label']!).locator('option');
		await expect(options).toHaveText(Object.keys(BROWSER_TAGS).map((l) => messages[`language.${l}`]!));
		await context.close();
	});

	test(`${locale}: the whole journey, from log-in to the receipt PDF in Spanish and ${locale}`, async ({
		browser,
		server
	}) => {
		const messages = catalog(locale);
		const spanish = catalog('es');
		const second = locale === 'es' ? catalog('en') : messages;
		const { context, page } = await phone(browser, locale, server.baseURL);
		const traveller = newTraveller(`lang${locale}`);
		await registerConfirmed(page.request, server.dataDir, traveller, locale);
		await login(page, traveller);
		await checkScreen(page);

		await page.goto('/documents');
		await page.locator('main button', { hasText: messages['documents.list.add']! }).click();
		await page.locator('main button', { hasText: messages['documents.capture.manual']! }).click();
		await checkScreen(page);
		await page.locator('#doc-relationship').selectOption('self');
		await page.locator('#doc-documentType').selectOption('P');
		await page.locator('#doc-surnames').fill('PEREZ GOMEZ');
		await page.locator('#doc-givenNames').fill('LUCIA');
		await page.locator('#doc-documentNumber').fill('PA1234567');
		await page.locator('#doc-issuingState').fill('ESP');
		await page.locator('#doc-nationality').fill('ESP');
		await page.locator('#doc-birthDate').fill('1988-03-04');
		await page.locator('#doc-sex').selectOption('F');
		await page.locator('#doc-expiryDate').fill('2032-01-01');
		await page.locator('#doc-placeOfBirth').fill('MADRID');
		if (await page.locator('#doc-confirm').count()) await page.locator('#doc-confirm').check();
		await page.locator('main form button[type=submit]').click();
		await expect(page.locator('main')).toContainText('PA1234567', { timeout: 20_000 });
		await checkScreen(page);

		await page.goto('/pre-registration');
		await checkScreen(page);
		await page.locator('main fieldset label').first().click();
		await page.locator('main form button[type=submit]').click();
		await checkScreen(page);
		await fillTrip(page);
		await checkScreen(page);
		await fillAdditional(page);
		await checkScreen(page);
		await answerControl(page);
		await checkScreen(page);
		await attachRequired(page);
		await checkScreen(page);
		await reviewAndSend(page);

		await page.goto('/history');
		const item = page.locator('main li.registration').first();
		await expect(item).toHaveAttribute('data-stage', 'received', { timeout: 60_000 });
		await checkScreen(page);
		const download = page.waitForEvent('download');
		await item.locator('button', { hasText: messages['receipts.action.receipt']! }).click();
		const file = await (await download).path();
		const { text } = await pdfText(new Uint8Array(fs.readFileSync(file)));
		for (const key of ['receipts.pdf.receiptTitle', 'receipts.pdf.documentNumber', 'receipts.pdf.atAirport'])
			expect(text).toContain(`${spanish[key]} / ${second[key]}`);
		expect(text).toContain('PEREZ GOMEZ');
		await context.close();
	});
}
