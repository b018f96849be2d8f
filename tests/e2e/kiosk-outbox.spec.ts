import { request as playwrightRequest, type Page } from '@playwright/test';
import { expect, expectAccessible, test as base, waitForServiceWorker } from './fixtures';
import { registerDocuments } from './registration-fixtures';
import { freePort, type RunningServer, startServer } from './server';
import { login, newTraveller, registerConfirmed } from './travellers';
import { answerControl, attachRequired, fillAdditional, fillTrip, reviewAndSend } from './wizard-steps';

// The server is stopped and started again at the same address (same origin, same data), as a kiosk's
// connection to it would drop and come back.
const test = base.extend<object, { server: RunningServer }>({
	server: [
		// eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
		async ({}, use) => {
			const server = await startServer({ port: await freePort() });
			await use(server);
			await server.stop();
		},
		{ scope: 'worker' }
	]
});

test.describe.configure({ timeout: 240_000 });

/** Every IndexedDB record, storage key and runtime cache entry left on the device, as text. */
async function everythingLeft(page: Page): Promise<{ places: string[]; text: string }> {
	return page.evaluate(async () => {
		const places: string[] = [];
		let text = '';
		const dump = (value: unknown) => {
			try {
				text += JSON.stringify(value) + '\n';
			} catch {
				text += String(value) + '\n';
			}
		};
		for (const { name } of await indexedDB.databases()) {
			if (!name) continue;
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(name);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			for (const store of Array.from(db.objectStoreNames)) {
				const all = await new Promise<unknown[]>((resolve) => {
					const request = db.transaction(store).objectStore(store).getAll();
					request.onsuccess = () => resolve(request.result);
				});
				if (all.length > 0) places.push(`indexedDB ${name}/${store}: ${all.length}`);
				all.forEach(dump);
			}
			db.close();
		}
		for (const cache of await caches.keys()) {
			if (cache.startsWith('workbox-precache')) continue;
			places.push(`cache ${cache}`);
			for (const request of await (await caches.open(cache)).keys()) {
				dump(request.url);
				dump(await (await caches.match(request))?.text());
			}
		}
		for (const key of Object.keys(localStorage)) {
			if (key !== 'arribo.kiosk') places.push(`localStorage ${key}`);
			dump(localStorage.getItem(key));
		}
		for (const key of Object.keys(sessionStorage)) places.push(`sessionStorage ${key}`);
		return { places, text };
	});
}

test('kiosk: a submission made while the server is unreachable survives logout encrypted and arrives later', async ({
	page,
	server
}) => {
	let restarted: RunningServer | null = null;
	try {
		await page.goto('/kiosk/setup');
		await page.locator('#kiosk-confirm').check();
		await page.locator('form button[type=submit]').click();
		await expect(page.locator('main [role=status]')).toContainText(/activado|is on/);
		await waitForServiceWorker(page);

		const traveller = newTraveller('outbox');
		await registerConfirmed(page.request, server.dataDir, traveller);
		await login(page, traveller);
		const [documentId] = await registerDocuments(page.request, server.baseURL, [
			{ givenNames: 'Lucía', surnames: 'Kioscoviajera', relationship: 'self' }
		]);
		await page.locator('header a[href$="/pre-registration"]').click();
		await expect(page.locator('main fieldset label')).toHaveCount(1, { timeout: 20_000 });
		await page.locator('main fieldset label', { hasText: 'Lucía' }).click();
		await page.locator('main form button[type=submit]').click();
		await fillTrip(page);
		await fillAdditional(page);
		await answerControl(page);
		await attachRequired(page);

		// The kiosk loses the server right before the traveller presses "send".
		await server.stop();
		await reviewAndSend(page);
		await expect(page.locator('main .status[data-status=sealed]')).toHaveCount(1);

		// The traveller leaves. Nothing of theirs stays readable: only the encrypted outbox entry, and the
		// note that the kiosk still has to end their server session (the log-out got no answer).
		await page.locator('header a[href$="/account"]').click();
		await page.locator('main button.secondary', { hasText: /Salir|Log out/ }).click();
		await expect(page).toHaveURL(/\/$/);
		await expect
			.poll(async () => (await everythingLeft(page)).places.sort())
			.toEqual(['indexedDB arribo-device/outbox: 1', 'localStorage arribo.kiosk.logout-pending']);
		const left = await everythingLeft(page);
		for (const secret of [
			'PA1000000',
			'Kioscoviajera',
			'KIOSCOVIAJERA',
			traveller.email,
			traveller.surnames,
			'Donceles',
			'Hotel Catedral',
			'AM402',
			'%PDF',
			documentId!
		])
			expect(left.text, `"${secret}" must not be readable on the kiosk`).not.toContain(secret);
		// The next person sees that something is waiting, and nothing about whose it is.
		const banner = page.locator('.outbox-waiting');
		await expect(banner).toHaveText(/1 envío de un viajero anterior está pendiente/);
		await expect(banner).not.toContainText('Lucía');
		await expectAccessible(page);

		// The server comes back at the same address; the outbox delivers by itself, nobody signed in.
		restarted = await startServer({ port: Number(new URL(server.baseURL).port), dataDir: server.dataDir });
		await expect
			.poll(async () => (await everythingLeft(page)).places, { timeout: 90_000, intervals: [1000] })
			.toEqual(['localStorage arribo.kiosk.logout-pending']);
		await expect(banner).toHaveCount(0);

		// The registration is on the server, in the traveller's own database, with its receipt.
		const api = await playwrightRequest.newContext({ baseURL: server.baseURL });
		try {
			const session = await api.post('/api/accounts/login', {
				data: { email: traveller.email, password: traveller.password }
			});
			expect(session.status()).toBe(200);
			const all = (await (await api.get('/db/me/_all_docs?include_docs=true')).json()) as {
				rows: { id: string; doc: Record<string, unknown> }[];
			};
			const registrations = all.rows.filter((row) => row.doc.type === 'registration');
			expect(registrations).toHaveLength(1);
			const registration = registrations[0]!.doc as {
				traveller: { surnames: string; documentNumber: string };
				trip: { flightNumber: string };
				attachmentIds: Record<string, string>;
			};
			expect(registration.traveller).toMatchObject({
				surnames: 'Kioscoviajera',
				documentNumber: 'PA1000000'
			});
			expect(registration.trip.flightNumber).toBe('AM402');
			for (const id of Object.values(registration.attachmentIds)) {
				const file = await api.get(`/db/me/${encodeURIComponent(id)}/file`);
				expect(file.status()).toBe(200);
				expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
			}
			const receiptId = registrations[0]!.id.replace(/^registration:/, 'receipt:');
			await expect
				.poll(async () => (await api.get(`/db/me/${encodeURIComponent(receiptId)}`)).status())
				.toBe(200);
		} finally {
			await api.dispose();
		}

		// A reload ends the traveller's server session that the offline log-out could not end.
		await page.reload();
		await expect(page.locator('header a[href$="/login"]')).toBeVisible();
		// (SvelteKit's own scroll and snapshot keys, written on reload, hold nothing of the traveller.)
		await expect
			.poll(async () =>
				(await everythingLeft(page)).places.filter((place) => !place.startsWith('sessionStorage sveltekit:'))
			)
			.toEqual([]);
		expect((await page.request.get('/api/accounts/session')).status()).toBe(401);
	} finally {
		await restarted?.stop();
	}
});
