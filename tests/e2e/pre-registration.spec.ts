import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { expect, expectAccessible, test, waitForServiceWorker } from './fixtures';
import { files, png, registerDocuments, serverRegistrations, withExifGps } from './registration-fixtures';
import { login, newTraveller, registerConfirmed, registerTraveller } from './travellers';
import { answerControl, attachRequired, fillAdditional, fillTrip, reviewAndSend } from './wizard-steps';

test.describe.configure({ timeout: 180_000 });

async function startFor(page: Page, holder: string, copyFrom?: string) {
	// In-app navigation: a full page load while offline would end the server session on this page.
	if (!/\/pre-registration$/.test(page.url()))
		await page.locator('header a[href$="/pre-registration"]').click();
	await page.locator('main fieldset label', { hasText: holder }).click();
	if (copyFrom) await page.locator('#copyFrom').selectOption({ label: copyFrom });
	await page.locator('main form button[type=submit]').click();
	await expect(page).toHaveURL(/\/trip$/);
}

test('offline: a traveller and a family member pre-register; both reach the server once online', async ({
	page,
	context,
	server
}) => {
	const traveller = newTraveller('wiz');
	await registerConfirmed(page.request, server.dataDir, traveller);
	await page.goto('/');
	await waitForServiceWorker(page);
	await login(page, traveller);
	await registerDocuments(page.request, server.baseURL, [
		{ givenNames: 'Lucía', surnames: 'Pérez Gómez', relationship: 'self' },
		{ givenNames: 'Mateo', surnames: 'Pérez Gómez', relationship: 'child' }
	]);
	await page.goto('/pre-registration');
	// The documents arrive by replication.
	await expect(page.locator('main fieldset label')).toHaveCount(2, { timeout: 20_000 });
	await expectAccessible(page);

	await context.setOffline(true);
	await startFor(page, 'Lucía');
	// Errors first: the summary takes focus and links to the fields.
	await page.locator('main form button[type=submit]').click();
	await expect(page.locator('.error-summary')).toBeFocused();
	await expect(page.locator('.error-summary')).toContainText('Elija cómo llegará');
	await page.locator('.error-summary a').first().press('Enter');
	await expect(page.locator('#means')).toBeFocused();
	await expectAccessible(page);
	await fillTrip(page);
	await fillAdditional(page);
	await answerControl(page);
	await attachRequired(page);
	await reviewAndSend(page);
	await expect(page.locator('main .drafts li').first()).toContainText('esperando conexión');

	// The family member travels on the same flight: the trip is copied, the rest is theirs.
	await startFor(page, 'Mateo', 'Lucía Pérez Gómez');
	await expect(page.locator('#flightNumber')).toHaveValue('AM 402');
	await expect(page.locator('#portOfEntry')).toHaveValue('AIR-MEX');
	await page.locator('main form button[type=submit]').click();
	await fillAdditional(page);
	await answerControl(page);
	await attachRequired(page);
	await reviewAndSend(page);
	await expect(page.locator('main .status[data-status=sealed]')).toHaveCount(2);
	// Nothing left the device while offline.
	expect(await serverRegistrations(page.request)).toEqual([]);

	await context.setOffline(false);
	await expect(page.locator('main .status[data-status=sent]')).toHaveCount(2, { timeout: 60_000 });
	const onServer = await serverRegistrations(page.request);
	expect(onServer).toHaveLength(2);
	const first = await (await page.request.get(`/db/me/${encodeURIComponent(onServer[0]!.id)}`)).json();
	expect(first.answers.questionSetVersion).toBe(1);
	expect(first.trip.flightNumber).toBe('AM402');
	expect(first.additional.contactMexico.phone).toBe('+525555185232');
	await expectAccessible(page);
});

test('English, online: bad files are refused plainly with the draft intact; a lost response creates no duplicate', async ({
	page,
	server
}) => {
	const traveller = newTraveller('files');
	// An English-speaking traveller: the account's language is applied at log-in, so it must be English too.
	await registerConfirmed(page.request, server.dataDir, traveller, 'en');
	await page.goto('/');
	await page.locator('header select').selectOption('en');
	await login(page, traveller);
	await registerDocuments(page.request, server.baseURL, [
		{ givenNames: 'Ana', surnames: 'Silva', relationship: 'self' }
	]);
	await page.goto('/pre-registration');
	await expect(page.locator('main fieldset label')).toHaveCount(1, { timeout: 20_000 });
	await startFor(page, 'Ana');
	await fillTrip(page);
	await fillAdditional(page);
	await answerControl(page);

	// Keeps a valid exit ticket, then tries bad files for the lodging proof.
	await page
		.locator('#exitTicket')
		.setInputFiles({ name: 'flight.pdf', mimeType: 'application/pdf', buffer: files.pdf() });
	await expect(page.locator('#exitTicket-attached')).toContainText('flight.pdf');
	const bad: [string, string, Buffer, RegExp][] = [
		['ticket.pdf', 'application/pdf', files.text(), /not a PDF, JPG or PNG/],
		['booking.pdf', 'application/pdf', files.pdfWithJavaScript(), /contains scripts/],
		['scan.pdf', 'application/pdf', files.oversizePdf(), /larger than 2 MB/],
		['huge.png', 'image/png', files.hugePng(), /too many pixels/]
	];
	for (const [name, mimeType, buffer, message] of bad) {
		await page.locator('#lodging').setInputFiles({ name, mimeType, buffer });
		await expect(page.locator('#lodging-error')).toHaveText(message);
		await expect(page.locator('#lodging-attached')).toHaveCount(0);
		await expect(page.locator('#exitTicket-attached')).toContainText('flight.pdf');
	}
	await expectAccessible(page);

	// A phone photo with GPS in its EXIF: re-encoded on the device, the location does not travel.
	const jpeg = await page.evaluate(async () => {
		const canvas = new OffscreenCanvas(1600, 1200);
		const context = canvas.getContext('2d')!;
		context.fillStyle = '#369';
		context.fillRect(0, 0, 1600, 1200);
		const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
		return Array.from(new Uint8Array(await blob.arrayBuffer()));
	});
	await page.locator('#lodging').setInputFiles({
		name: 'hotel-photo.jpg',
		mimeType: 'image/jpeg',
		buffer: withExifGps(new Uint8Array(jpeg))
	});
	await expect(page.locator('#lodging-attached')).toContainText('hotel-photo.jpg');
	await page
		.locator('#itinerary')
		.setInputFiles({ name: 'plan.png', mimeType: 'image/png', buffer: png(900, 700) });
	await expect(page.locator('#itinerary-attached')).toContainText('plan.png');
	await page.locator('main form button[type=submit]').click();

	// The first _bulk_docs reaches the server but its answer is lost; the retry must not duplicate anything.
	let lost = 0;
	await page.route('**/db/me/_bulk_docs', async (route) => {
		if (lost === 0 && route.request().postData()?.includes('"type":"registration"')) {
			lost += 1;
			await route.fetch();
			await route.abort('connectionreset');
			return;
		}
		await route.continue();
	});
	await reviewAndSend(page);
	await expect(page.locator('main .status[data-status=sent]')).toHaveCount(1, { timeout: 60_000 });
	expect(lost).toBe(1);
	const registrations = await serverRegistrations(page.request);
	expect(registrations).toHaveLength(1);
	expect(registrations[0]!.rev).toMatch(/^1-/);

	const stored = await (await page.request.get(`/db/me/${encodeURIComponent(registrations[0]!.id)}`)).json();
	expect(Object.keys(stored.attachmentIds).sort()).toEqual(['exitTicket', 'itinerary', 'lodging']);
	const photo = await page.request.get(`/db/me/${encodeURIComponent(stored.attachmentIds.lodging)}/file`);
	const bytes = await photo.body();
	expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
	expect(bytes.includes(Buffer.from('Exif'))).toBe(false);
	expect(bytes.includes(Buffer.from('GPSLatitude'))).toBe(false);
	await expect(page.locator('main')).toContainText('Received by the immigration service');
});

test('an unconfirmed account prepares a draft but cannot send it', async ({ page, server }) => {
	const traveller = newTraveller('unconf');
	await registerTraveller(page.request, traveller);
	await page.goto('/login');
	await page.locator('#email').fill(traveller.email);
	await page.locator('#password').fill(traveller.password);
	await page.locator('form button[type=submit]').click();
	await expect(page).toHaveURL(/\/account$/, { timeout: 20_000 });
	await registerDocuments(page.request, server.baseURL, [
		{ givenNames: 'Iris', surnames: 'Lopes', relationship: 'self' }
	]);
	await page.goto('/pre-registration');
	await expect(page.locator('main .notice')).toContainText('confirme su cuenta');
	await expect(page.locator('main fieldset label')).toHaveCount(1, { timeout: 20_000 });
	await startFor(page, 'Iris');
	await fillTrip(page);
	await fillAdditional(page);
	await answerControl(page);
	await attachRequired(page);
	await page.locator('#terms').check();
	await page.locator('#send').click();
	await expect(page.locator('.error-summary')).toContainText('Confirme su cuenta antes de enviar');
	await expect(page).toHaveURL(/\/review$/);
	expect(await serverRegistrations(page.request)).toEqual([]);
});

/** The PIDs of the Chromium processes using this profile directory (only the ones this test started). */
function chromiumPids(userDataDir: string): number[] {
	try {
		return execFileSync('pgrep', ['-f', '--', `--user-data-dir=${userDataDir}`], { encoding: 'utf8' })
			.split('\n')
			.filter(Boolean)
			.map(Number);
	} catch {
		return [];
	}
}

test('killing the browser mid-step loses nothing: the traveller resumes on the same step with every value', async ({
	server
}) => {
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-profile-'));
	const launch = () =>
		chromium.launchPersistentContext(userDataDir, {
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
			baseURL: server.baseURL,
			locale: 'es-MX'
		});
	const traveller = newTraveller('kill');
	let context = await launch();
	try {
		let page = context.pages()[0] ?? (await context.newPage());
		await registerConfirmed(page.request, server.dataDir, traveller);
		await login(page, traveller);
		await registerDocuments(page.request, server.baseURL, [
			{ givenNames: 'Noa', surnames: 'Berg', relationship: 'self' }
		]);
		await page.goto('/pre-registration');
		await expect(page.locator('main fieldset label')).toHaveCount(1, { timeout: 20_000 });
		await startFor(page, 'Noa');
		await fillTrip(page);
		await expect(page).toHaveURL(/\/additional$/);
		await page.locator('#lodgingName').fill('Casa Azul');
		await page.locator('#street').fill('Londres 247');
		await page.locator('#postalCode').fill('04100');
		await page.locator('#originPhone').fill('+34 612 345 678');
		await page.locator('#hasResidentCard-yes').check();
		await page.locator('#residentCardNumber').fill('TR1234567');
		// Half a second after the last keystroke, then the power goes.
		await page.waitForTimeout(500);
		const pids = chromiumPids(userDataDir);
		expect(pids.length).toBeGreaterThan(0);
		for (const pid of pids) process.kill(pid, 'SIGKILL');
		await context.close().catch(() => {});

		context = await launch();
		page = context.pages()[0] ?? (await context.newPage());
		await login(page, traveller);
		await page.goto('/pre-registration');
		await expect(page.locator('main .status[data-status=draft]')).toContainText('Información adicional');
		await page.locator('main .drafts a').first().click();
		await expect(page).toHaveURL(/\/additional$/);
		await expect(page.locator('#lodgingName')).toHaveValue('Casa Azul');
		await expect(page.locator('#street')).toHaveValue('Londres 247');
		await expect(page.locator('#postalCode')).toHaveValue('04100');
		await expect(page.locator('#originPhone')).toHaveValue('+34 612 345 678');
		await expect(page.locator('#hasResidentCard-yes')).toBeChecked();
		await expect(page.locator('#residentCardNumber')).toHaveValue('TR1234567');
		// The trip step is still complete in the step indicator.
		await expect(page.locator('nav[aria-label="Pasos del pre-registro"] li').first()).toContainText(
			'(completo)'
		);
		await expectAccessible(page);
	} finally {
		await context.close().catch(() => {});
		fs.rmSync(userDataDir, { recursive: true, force: true });
	}
});

test('a registration the server refuses is shown in plain words, and nothing is stored', async ({
	page,
	server
}) => {
	const traveller = newTraveller('refused');
	// An English-speaking traveller: the account's language is applied at log-in, so it must be English too.
	await registerConfirmed(page.request, server.dataDir, traveller, 'en');
	await page.goto('/');
	await page.locator('header select').selectOption('en');
	await login(page, traveller);
	await registerDocuments(page.request, server.baseURL, [
		{ givenNames: 'Omar', surnames: 'Haddad', relationship: 'self' }
	]);
	await page.goto('/pre-registration');
	await expect(page.locator('main fieldset label')).toHaveCount(1, { timeout: 20_000 });
	await startFor(page, 'Omar');
	await fillTrip(page);
	await fillAdditional(page);
	await answerControl(page);
	await attachRequired(page);
	// Stands in for an app that let a rule slip: the stay sent is 300 days, which the server must refuse.
	await page.route('**/db/me/_bulk_docs', async (route) => {
		const body = route.request().postDataJSON() as {
			docs: { type?: string; trip?: { departureDate: string } }[];
		};
		for (const doc of body.docs)
			if (doc.type === 'registration' && doc.trip) doc.trip.departureDate = '2099-01-01';
		await route.continue({ postData: JSON.stringify(body) });
	});
	await reviewAndSend(page);
	await expect(page.locator('main .status[data-status=sealed]')).toHaveText(
		'Not accepted by the immigration service: check “Trip information”.',
		{ timeout: 30_000 }
	);
	expect(await serverRegistrations(page.request)).toEqual([]);
	await expectAccessible(page);
});
