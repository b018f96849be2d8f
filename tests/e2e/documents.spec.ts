import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import en from '../../src/lib/i18n/messages/en/documents.json' with { type: 'json' };
import es from '../../src/lib/i18n/messages/es/documents.json' with { type: 'json' };
import { generate, type ManifestEntry } from '../mrz/generate';
import { expect, expectAccessible, test, waitForServiceWorker } from './fixtures';
import { files } from './registration-fixtures';
import { login, newTraveller, registerConfirmed } from './travellers';

let dir: string;
let passport: ManifestEntry;
let withoutMrz: ManifestEntry;

test.beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-documents-'));
	// A clean passport data page (damage level 0) rendered for this run, with its true MRZ.
	[passport] = generate(1, 4242, dir, ['document']) as [ManifestEntry];
	[withoutMrz] = generate(1, 4243, path.join(dir, 'negative'), ['no-mrz']) as [ManifestEntry];
});

/** A message in whichever language the page is in. */
const either = (...keys: (keyof typeof en)[]) =>
	new RegExp(keys.map((key) => `${escape(en[key])}|${escape(es[key])}`).join('|'));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function openDocumentsSignedIn(page: Page, server: { dataDir: string }) {
	const traveller = newTraveller('docs');
	await registerConfirmed(page.request, server.dataDir, traveller);
	await login(page, traveller);
	await page.goto('/documents');
	await waitForServiceWorker(page);
	await page.locator('main button.button').first().click(); // "Add a document"
	await expect(page.locator('#document-file')).toBeVisible();
}

/**
 * The capture screen warms the reader up; wait until everything it loaded (tesseract.js worker, the core this
 * browser picked, the MRZ model) is in the service worker's caches, as it is after a first visit online.
 */
async function waitForOcrCached(page: Page) {
	await expect
		.poll(
			() =>
				page.evaluate(async () => {
					const names = await caches.keys();
					const urls: string[] = [];
					for (const name of names) {
						for (const request of await (await caches.open(name)).keys())
							urls.push(new URL(request.url).pathname);
					}
					return (
						urls.includes('/ocr/worker.min.js') &&
						urls.some((url) => /^\/ocr\/tesseract-core.*\.wasm\.js$/.test(url)) &&
						urls.includes('/ocr/mrz.traineddata')
					);
				}),
			{ timeout: 90_000 }
		)
		.toBe(true);
}

test('a photographed passport is read on the device, pre-filled, confirmed and registered with the network off', async ({
	page,
	context,
	server
}) => {
	test.setTimeout(180_000);
	await openDocumentsSignedIn(page, server);
	await expectAccessible(page);
	await waitForOcrCached(page);
	await context.setOffline(true);

	await page.locator('#document-file').setInputFiles(path.join(dir, passport.file));
	await page.locator('main section .actions button').first().click(); // "Validar Documento"
	await expect(page.locator('#doc-surnames')).toBeVisible({ timeout: 60_000 });
	const truth = passport.fields!;
	await expect(page.locator('#doc-surnames')).toHaveValue(truth.lastName);
	await expect(page.locator('#doc-givenNames')).toHaveValue(truth.firstName);
	await expect(page.locator('#doc-documentNumber')).toHaveValue(truth.documentNumber);
	await expect(page.locator('#doc-nationality')).toHaveValue(
		truth.nationality === 'D' ? 'DEU' : truth.nationality
	);
	// Every field above came out right, and on a clean page the reader confirms every character (check digits,
	// and every look at the band agrees); the traveller still confirms the fields against the photo.
	await expect(page.locator('.read-status')).toHaveText(either('documents.read.accepted'));
	await expectAccessible(page);

	// Registering needs what the MRZ does not carry, and the traveller's confirmation.
	await page.locator('form button[type=submit]').click();
	await expect(page.locator('.error-summary')).toBeVisible();
	await page.locator('#doc-placeOfBirth').fill('Guadalajara');
	await page.locator('#doc-confirm').check();
	await page.locator('form button[type=submit]').click();

	await expect(page.locator('.documents li')).toHaveCount(1);
	await expect(page.locator('.documents li .name')).toHaveText(`${truth.firstName} ${truth.lastName}`.trim());
	await expectAccessible(page);
	// The photo is its own record next to the document, re-encoded as JPEG without EXIF.
	const stored = await page.evaluate(async () => {
		const dbs = await indexedDB.databases();
		return dbs.map((db) => db.name ?? '').filter((name) => name.includes('arribo-records'));
	});
	expect(stored.length).toBeGreaterThan(0);
});

test('files that are not usable photos get a clear message, store nothing and do not hang', async ({
	page,
	server
}) => {
	test.setTimeout(120_000);
	await openDocumentsSignedIn(page, server);
	const bad: [string, Buffer, keyof typeof en][] = [
		['notes.jpg', files.text(), 'documents.problem.not-an-image'],
		[
			'broken.jpg',
			// A JPEG start and the beginning of a header, then nothing usable.
			Buffer.from('\xff\xd8\xff\xe0\x00\x10JFIF garbage', 'latin1'),
			'documents.problem.corrupt'
		],
		['huge.png', files.hugePng(), 'documents.problem.too-large']
	];
	for (const [name, bytes, message] of bad) {
		await page.locator('#document-file').setInputFiles({ name, mimeType: 'image/jpeg', buffer: bytes });
		await page.locator('main section .actions button').first().click();
		await expect(page.locator('[role=alert]').filter({ hasText: either(message) })).toBeVisible({
			timeout: 20_000
		});
		await expect(page.locator('#doc-surnames')).toHaveCount(0);
	}
	// A real photo of a page without a machine-readable zone: the message comes with a hint.
	await page.locator('#document-file').setInputFiles(path.join(dir, 'negative', withoutMrz.file));
	await page.locator('main section .actions button').first().click();
	// The reader may see no zone at all, or a zone-like band it cannot read with certainty: both refuse with a hint.
	const alert = page
		.locator('[role=alert]')
		.filter({ hasText: either('documents.problem.no-mrz', 'documents.problem.unreadable') });
	await expect(alert).toBeVisible({ timeout: 60_000 });
	await expect(alert).toContainText(either('documents.problem.hint'));
	await expectAccessible(page);
	// Back to the list: nothing was registered.
	await page.goto('/documents');
	await expect(page.locator('.documents li')).toHaveCount(0);
});
