import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { request as playwrightRequest } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, test, waitForServiceWorker } from './fixtures';
import { files, png, registerDocuments } from './registration-fixtures';
import { linkFrom, mailFor, registerConfirmed as registerConfirmedThrough } from './travellers';
import { answerControl, attachRequired, fillAdditional, fillTrip, reviewAndSend } from './wizard-steps';

// Each flow derives PBKDF2 keys (600,000 iterations) and scrypt hashes several times, and runs axe on every
// screen: on a loaded CI machine that outgrows the default 60 s.
test.describe.configure({ timeout: 180_000 });

let n = 0;
function newTraveller(tag: string) {
	n += 1;
	const id = `${tag}${n}${Date.now().toString(36)}`;
	return {
		givenNames: 'Ana',
		surnames: `Prueba${id}`,
		email: `ana.${id}@example.test`,
		password: 'tortuga azul del caribe'
	};
}
type Traveller = ReturnType<typeof newTraveller>;

async function fillRegistration(page: Page, t: Traveller, language: 'es' | 'en') {
	await page.locator('#givenNames').fill(t.givenNames);
	await page.locator('#surnames').fill(t.surnames);
	await page.locator('#email').fill(t.email);
	await page.locator('#password').fill(t.password);
	await page.locator('#language').selectOption(language);
	await page.locator('#acceptPrivacy').check();
}

/** Registers and confirms through the API, as a previous visit would have. */
async function registerConfirmed(page: Page, dataDir: string, t: Traveller) {
	const response = await page.request.post('/api/accounts/register', {
		data: { ...t, language: 'es', acceptPrivacy: true }
	});
	expect(response.status()).toBe(202);
	const token = new URL(linkFrom(await mailFor(dataDir, t.email))).hash.replace('#token=', '');
	expect((await page.request.post('/api/accounts/confirm', { data: { token } })).status()).toBe(200);
}

async function login(page: Page, t: Traveller) {
	await page.goto('/login');
	await page.locator('#email').fill(t.email);
	await page.locator('#password').fill(t.password);
	await page.locator('form button[type=submit]').click();
	await expect(page).toHaveURL(/\/account$/, { timeout: 20_000 });
}

/** Everything on the device that could hold the traveller: IndexedDB records, caches, storage keys. */
async function deviceTraces(page: Page): Promise<string[]> {
	return page.evaluate(async () => {
		const found: string[] = [];
		for (const { name } of await indexedDB.databases()) {
			if (!name) continue;
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(name);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			for (const store of Array.from(db.objectStoreNames)) {
				const count = await new Promise<number>((resolve) => {
					const request = db.transaction(store).objectStore(store).count();
					request.onsuccess = () => resolve(request.result);
				});
				if (count > 0) found.push(`indexedDB ${name}/${store}: ${count}`);
			}
			db.close();
		}
		for (const cache of await caches.keys()) {
			if (!cache.startsWith('workbox-precache')) found.push(`cache ${cache}`);
		}
		for (const key of Object.keys(localStorage))
			if (key !== 'arribo.kiosk') found.push(`localStorage ${key}`);
		for (const key of Object.keys(sessionStorage)) found.push(`sessionStorage ${key}`);
		return found;
	});
}

/** What other features will keep about a traveller: a local replica, a runtime cache entry, a draft key. */
async function plantTravellerData(page: Page, email: string) {
	await page.evaluate(async (email) => {
		await new Promise<void>((resolve) => {
			const request = indexedDB.open('_pouch_arribo-records-test', 1);
			request.onupgradeneeded = () => request.result.createObjectStore('docs');
			request.onsuccess = () => {
				const tx = request.result.transaction('docs', 'readwrite');
				tx.objectStore('docs').put({ email }, 'traveller');
				tx.oncomplete = () => {
					request.result.close();
					resolve();
				};
			};
		});
		const cache = await caches.open('arribo-runtime-test');
		await cache.put('/runtime/photo.json', new Response(JSON.stringify({ email })));
		localStorage.setItem('arribo.draft', email);
		sessionStorage.setItem('arribo.step', email);
	}, email);
}

for (const language of ['es', 'en'] as const) {
	test(`register → confirm from the e-mail → log in (${language})`, async ({ page, server }) => {
		await page.addInitScript((locale) => localStorage.setItem('arribo.locale', locale), language);
		const t = newTraveller(language);
		await page.goto('/register');
		await expect(page.locator('h1')).toHaveText(language === 'es' ? 'Crea tu cuenta' : 'Create your account');
		await expectAccessible(page);

		// Errors first: the summary takes focus and links to the fields.
		await page.locator('form button[type=submit]').click();
		await expect(page.locator('.error-summary')).toBeFocused();
		await expectAccessible(page);
		await page.locator('#password').fill('qwertyuiop');
		await page.locator('form button[type=submit]').click();
		await expect(page.locator('#password-error')).toHaveText(language === 'es' ? /muy común/ : /too common/);

		await fillRegistration(page, t, language);
		await page.locator('form button[type=submit]').click();
		await expect(page).toHaveURL(/\/account$/, { timeout: 20_000 });
		await expect(page.locator('[data-state]')).toHaveAttribute('data-state', 'pending_confirmation');
		await expectAccessible(page);

		const mail = await mailFor(server.dataDir, t.email);
		expect(mail).toContain(
			language === 'es' ? 'Subject: Confirma tu cuenta de Arribo' : 'Subject: Confirm your Arribo account'
		);
		const link = linkFrom(mail);
		expect(server.log()).toContain(link); // no SMTP: the link (only) is in the log
		expect(server.log()).not.toContain(t.email);

		await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
		await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'done');
		expect(page.url()).not.toContain('token');
		await expectAccessible(page);

		// The same link again is refused (from another page, as a click in the mail client would open it).
		await page.goto('/');
		await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
		await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'used');

		await page.goto('/account');
		await expect(page.locator('[data-state]')).toHaveAttribute('data-state', 'confirmed');
		await page.locator('main button', { hasText: language === 'es' ? 'Salir' : 'Log out' }).click();
		await expect(page).toHaveURL(/\/$/);

		await page.goto('/login');
		await expectAccessible(page);
		await page.locator('#email').fill(t.email);
		await page.locator('#password').fill('wrong password here');
		await page.locator('form button[type=submit]').click();
		await expect(page.locator('.error-summary')).toContainText(
			language === 'es'
				? 'El correo o la contraseña no son correctos'
				: 'The e-mail or the password is not correct'
		);
		await expectAccessible(page);
		await page.locator('#password').fill(t.password);
		await page.locator('form button[type=submit]').click();
		await expect(page).toHaveURL(/\/account$/, { timeout: 20_000 });
		await expect(page.locator('[data-state]')).toHaveAttribute('data-state', 'confirmed');
	});
}

test('keyboard only: register and log in', async ({ page }) => {
	const t = newTraveller('kb');
	const tabTo = async (selector: string) => {
		for (let i = 0; i < 40; i++) {
			if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return;
			await page.keyboard.press('Tab');
		}
		throw new Error(`${selector} is not reachable with Tab`);
	};
	await page.goto('/');
	await tabTo('header a[href="/register"]');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/register$/);
	for (const [id, value] of [
		['#givenNames', t.givenNames],
		['#surnames', t.surnames],
		['#email', t.email],
		['#password', t.password]
	] as const) {
		await tabTo(id);
		await page.keyboard.type(value);
	}
	await tabTo('#language');
	await tabTo('#acceptPrivacy');
	await page.keyboard.press('Space');
	await expect(page.locator('#acceptPrivacy')).toBeChecked();
	await tabTo('form button[type=submit]');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/account$/, { timeout: 20_000 });

	await tabTo('main button.secondary >> nth=-1');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/$/);
	await tabTo('header a[href="/login"]');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/login$/);
	await tabTo('#email');
	await page.keyboard.type(t.email);
	await tabTo('#password');
	await page.keyboard.type(t.password);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/account$/, { timeout: 20_000 });
});

test('logs in without a connection on a device where the traveller logged in before', async ({
	page,
	context,
	server
}) => {
	const t = newTraveller('off');
	await registerConfirmed(page, server.dataDir, t);
	await page.goto('/');
	await waitForServiceWorker(page);
	await login(page, t);
	await page.locator('main button.secondary', { hasText: /Salir|Log out/ }).click();
	await expect(page).toHaveURL(/\/$/);

	// The device keeps a verifier, never the password.
	const stored = await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve) => {
			const request = indexedDB.open('arribo-device');
			request.onsuccess = () => resolve(request.result);
		});
		const all = await new Promise<unknown[]>((resolve) => {
			const request = db.transaction('credentials').objectStore('credentials').getAll();
			request.onsuccess = () => resolve(request.result);
		});
		db.close();
		return JSON.stringify(all);
	});
	expect(stored).toContain('verifier');
	expect(stored).not.toContain(t.password);

	await context.setOffline(true);
	await page.reload();
	await page.goto('/login');
	await page.locator('#email').fill(t.email);
	await page.locator('#password').fill('not my password at all');
	await page.locator('form button[type=submit]').click();
	await expect(page.locator('.error-summary')).toBeVisible({ timeout: 20_000 });
	await page.locator('#password').fill(t.password);
	await page.locator('form button[type=submit]').click();
	await expect(page).toHaveURL(/\/account$/, { timeout: 20_000 });
	await expect(page.locator('main')).toContainText(t.surnames);
	await expectAccessible(page);
	await context.setOffline(false);
});

test('kiosk: nothing of the traveller survives logout or 3 idle minutes', async ({ page, server }) => {
	await page.clock.install();
	await page.goto('/kiosk/setup');
	await expectAccessible(page);
	await page.locator('form button[type=submit]').click();
	await expect(page.locator('.error-summary')).toBeVisible();
	await page.locator('#kiosk-confirm').check();
	await page.locator('form button[type=submit]').click();
	await expect(page.locator('main [role=status]')).toContainText(/activado|is on/);
	await expectAccessible(page);

	const t = newTraveller('kiosk');
	await registerConfirmed(page, server.dataDir, t);

	// 1. Logout wipes.
	await login(page, t);
	await expect(page.locator('#remember')).toHaveCount(0);
	await plantTravellerData(page, t.email);
	expect(await deviceTraces(page)).not.toEqual([]);
	await page.locator('main button.secondary', { hasText: /Salir|Log out/ }).click();
	await expect(page).toHaveURL(/\/$/);
	await expect.poll(() => deviceTraces(page)).toEqual([]);
	expect(await page.evaluate(() => localStorage.getItem('arribo.kiosk'))).toBe('on');

	// 2. Idle wipes: a warning 30 s before, then everything goes.
	await login(page, t);
	await plantTravellerData(page, t.email);
	await page.clock.fastForward('02:31');
	const dialog = page.getByRole('dialog');
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('button')).toBeFocused();
	await expectAccessible(page);
	// "Continue" keeps the session…
	await dialog.getByRole('button').click();
	await expect(dialog).toBeHidden();
	await page.clock.fastForward('02:00');
	await expect(page).toHaveURL(/\/account$/);
	// …and silence ends it.
	await page.clock.fastForward('01:01');
	await expect(page).toHaveURL(/\/$/);
	await expect.poll(() => deviceTraces(page)).toEqual([]);
	expect((await page.request.get('/api/accounts/session')).status()).toBe(401);
	await page.goto('/account');
	await expect(page.locator('main')).not.toContainText(t.surnames);
});

test("my data: the export holds the traveller, their records and files (no one else's); delete removes them", async ({
	page,
	server
}) => {
	const t = newTraveller('data');
	await registerConfirmed(page, server.dataDir, t);
	await login(page, t);
	await expectAccessible(page);
	// A registered passport with its photo, as /documents leaves them (here sent from "another device").
	const photo = png(48, 32);
	const imageId = `document-image:${randomUUID()}`;
	const documentId = `identity-document:${randomUUID()}`;
	const stored = await page.request.post('/db/me/_bulk_docs', {
		headers: { origin: server.baseURL },
		data: {
			docs: [
				{
					_id: imageId,
					type: 'document-image',
					createdAt: new Date().toISOString(),
					purpose: 'passport',
					contentType: 'image/png',
					byteLength: photo.length,
					_attachments: { file: { content_type: 'image/png', data: photo.toString('base64') } }
				},
				{
					_id: documentId,
					type: 'identity-document',
					createdAt: new Date().toISOString(),
					updatedAt: new Date().toISOString(),
					holder: { relationship: 'self' },
					documentType: 'P',
					issuingState: 'ESP',
					surnames: t.surnames,
					givenNames: t.givenNames,
					documentNumber: 'EX4455667',
					nationality: 'ESP',
					birthDate: '1988-03-04',
					expiryDate: '2032-01-01',
					sex: 'F',
					source: 'manual',
					imageId
				}
			]
		}
	});
	expect(stored.status()).toBe(201);
	// Another traveller with their own passport: nothing of theirs may appear in this export.
	const other = newTraveller('other');
	const otherApi = await playwrightRequest.newContext({ baseURL: server.baseURL });
	await registerConfirmedThrough(otherApi, server.dataDir, other);
	expect((await otherApi.post('/api/accounts/login', { data: other })).status()).toBe(200);
	await registerDocuments(otherApi, server.baseURL, [
		{ givenNames: 'Otra', surnames: other.surnames, relationship: 'self' }
	]);
	await otherApi.dispose();

	// A pre-registration sent through the wizard, online.
	await page.locator('header a[href$="/pre-registration"]').click();
	await expect(page.locator('main fieldset label')).toHaveCount(1, { timeout: 20_000 });
	await page.locator('main fieldset label').first().click();
	await page.locator('main form button[type=submit]').click();
	await fillTrip(page);
	await fillAdditional(page);
	await answerControl(page);
	await attachRequired(page);
	await reviewAndSend(page);
	await expect(page.locator('main .status[data-status=sent]')).toHaveCount(1, { timeout: 60_000 });
	await page.locator('header a[href$="/account"]').click();

	const downloadPromise = page.waitForEvent('download');
	await page.locator('main button', { hasText: /Descargar mis datos|Download my data/ }).click();
	const download = await downloadPromise;
	expect(download.suggestedFilename()).toBe('arribo-my-data.zip');
	const zip = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
	const exported = JSON.parse(strFromU8(zip['arribo-my-data.json']!)) as {
		account: Record<string, string>;
		records: { _id: string; type: string; _attachments?: Record<string, { file: string }> }[];
	};
	expect(exported.account).toMatchObject({ email: t.email, surnames: t.surnames, givenNames: t.givenNames });
	const types = exported.records.map((record) => record.type).sort();
	expect(types).toEqual(
		['attachment', 'attachment', 'document-image', 'identity-document', 'receipt', 'registration'].sort()
	);
	const image = exported.records.find((record) => record._id === imageId)!;
	expect(Buffer.from(zip[image._attachments!.file!.file]!)).toEqual(photo);
	for (const file of exported.records.filter((record) => record.type === 'attachment'))
		expect(Buffer.from(zip[file._attachments!.file!.file]!)).toEqual(files.pdf());
	const device = JSON.parse(strFromU8(zip['this-device.json']!));
	expect(device).toMatchObject({ serverIncluded: true, device: { email: t.email } });
	const everything = Object.values(zip)
		.map((bytes) => Buffer.from(bytes).toString('latin1'))
		.join('\n');
	expect(everything).not.toContain(other.surnames);
	expect(everything).not.toContain(other.email);
	expect(everything).not.toMatch(/verifier|scrypt/);

	await page.locator('main button', { hasText: /^(Eliminar mi cuenta|Delete my account)$/ }).click();
	await expect(page.locator('#delete-title')).toBeFocused();
	await expectAccessible(page);
	await page.locator('main button', { hasText: /Sí, eliminar|Yes, delete/ }).click();
	await expect(page.locator('main [role=status]')).toContainText(/se eliminaron|have been deleted/);

	const relogin = await page.request.post('/api/accounts/login', {
		data: { email: t.email, password: t.password }
	});
	expect(relogin.status()).toBe(401);
	expect((await page.request.get('/api/accounts/export')).status()).toBe(401);
	const onDevice = await page.evaluate(async (email) => {
		const db = await new Promise<IDBDatabase>((resolve) => {
			const request = indexedDB.open('arribo-device');
			request.onsuccess = () => resolve(request.result);
		});
		const record = await new Promise<unknown>((resolve) => {
			const request = db.transaction('credentials').objectStore('credentials').get(email);
			request.onsuccess = () => resolve(request.result);
		});
		db.close();
		return record ?? null;
	}, t.email);
	expect(onDevice).toBeNull();
});

test('registers without a connection: the account starts on the device, the server account and e-mail follow', async ({
	page,
	context,
	server
}) => {
	const t = newTraveller('offreg');
	await page.goto('/');
	await waitForServiceWorker(page);
	await context.setOffline(true);
	await page.goto('/register');
	await fillRegistration(page, t, 'es');
	await page.locator('form button[type=submit]').click();
	await expect(page).toHaveURL(/\/account$/, { timeout: 20_000 });
	await expect(page.locator('[data-state]')).toHaveAttribute('data-state', 'device_only');
	await expectAccessible(page);
	// The pending registration is stored encrypted: neither the password nor the name is readable.
	const pending = await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve) => {
			const request = indexedDB.open('arribo-device');
			request.onsuccess = () => resolve(request.result);
		});
		const all = await new Promise<unknown[]>((resolve) => {
			const request = db.transaction('pendingRegistrations').objectStore('pendingRegistrations').getAll();
			request.onsuccess = () => resolve(request.result);
		});
		db.close();
		return JSON.stringify(all);
	});
	expect(pending).toContain('ciphertext');
	expect(pending).not.toContain(t.password);
	expect(pending).not.toContain(t.surnames);

	await context.setOffline(false);
	await expect(page.locator('[data-state]')).toHaveAttribute('data-state', 'pending_confirmation', {
		timeout: 20_000
	});
	const mail = await mailFor(server.dataDir, t.email);
	expect(mail).toContain('Subject: Confirma tu cuenta de Arribo');
	// The device logs in to the new server account by itself.
	await expect.poll(async () => (await page.request.get('/api/accounts/session')).status()).toBe(200);
	const session = await page.request.get('/api/accounts/session');
	expect(await session.json()).toMatchObject({ email: t.email, confirmed: false });
});

test('failed log-ins slow down and the lock is announced with its retry-after', async ({ page }) => {
	await page.addInitScript(() => localStorage.setItem('arribo.locale', 'en'));
	await page.goto('/login');
	const email = `nobody.${Date.now().toString(36)}@example.test`;
	await page.locator('#email').fill(email);
	const summary = page.locator('.error-summary');
	// 3 free tries, then waits of 1 s, 2 s, 4 s…: quick attempts soon run into one (however slow the machine).
	let announced = false;
	for (let i = 0; i < 8 && !announced; i++) {
		await page.locator('#password').fill(`wrong password ${i}`);
		await page.locator('form button[type=submit]').click();
		await expect(summary).toContainText(/not correct|Too many failed attempts/);
		announced = /Too many failed attempts/.test((await summary.textContent()) ?? '');
		if (i < 3) expect(announced).toBe(false);
	}
	expect(announced).toBe(true);
	await expect(summary).toContainText(/Too many failed attempts\. Try again in \d+ seconds\./);
	await expectAccessible(page);
});

test('changing the password ends other sessions and keeps this one', async ({ page, browser, server }) => {
	const t = newTraveller('pw');
	await registerConfirmed(page, server.dataDir, t);
	const other = await browser.newContext({ baseURL: server.baseURL });
	const otherLogin = await other.request.post('/api/accounts/login', {
		data: { email: t.email, password: t.password }
	});
	expect(otherLogin.status()).toBe(200);

	await login(page, t);
	await page.locator('#currentPassword').fill(t.password);
	await page.locator('#newPassword').fill('a different long passphrase');
	await page.locator('form[aria-labelledby=password-title] button[type=submit]').click();
	await expect(page.locator('main')).toContainText(/Tu contraseña cambió|Your password has been changed/);
	await expectAccessible(page);
	expect((await page.request.get('/api/accounts/session')).status()).toBe(200);
	expect((await other.request.get('/api/accounts/session')).status()).toBe(401);
	await other.close();
});
