import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { unzlibSync, zlibSync } from 'fflate';
import { Secret, TOTP } from 'otpauth';
import {
	decodeBase45,
	decodeClaims,
	decodeSign1,
	encodeBase45,
	signToken,
	TOKEN_PREFIX
} from '../../src/lib/domain/receipt-token';
import { testKeyPair } from '../../src/lib/domain/receipt-token/test-keys';
import { expect, expectAccessible, test, waitForServiceWorker } from './fixtures';
import type { RunningServer } from './server';
import { registerDocuments, serverRegistrations } from './registration-fixtures';
import { login, newTraveller, registerConfirmed, type Traveller } from './travellers';
import { answerControl, attachRequired, fillAdditional, fillTrip, reviewAndSend } from './wizard-steps';

test.describe.configure({ timeout: 300_000 });

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The operator's documented command, against the server's data directory; returns the one-time password. */
function addOfficer(server: RunningServer, email: string): string {
	const out = execFileSync('npm', ['run', '-s', 'officer:add', '--', email], {
		cwd: ROOT,
		env: { ...process.env, DATA_DIR: server.dataDir },
		encoding: 'utf8'
	});
	const password = out.trim().split('\n').at(-1)!.trim();
	expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
	return password;
}

/** A second browser, as at the airport, with the same "nothing leaves the origin" guard as the fixture. */
async function officerContext(browser: Browser, server: RunningServer) {
	const context = await browser.newContext({ baseURL: server.baseURL, locale: 'es-MX' });
	const foreign: string[] = [];
	context.on('request', (request) => {
		const url = request.url();
		if (!/^(data|blob):/.test(url) && new URL(url).origin !== new URL(server.baseURL).origin)
			foreign.push(url);
	});
	return { context, foreign };
}

function mailLink(dataDir: string, email: string): string {
	const outbox = path.join(dataDir, 'outbox');
	for (const file of fs.readdirSync(outbox).sort().reverse()) {
		const raw = fs.readFileSync(path.join(outbox, file), 'utf8');
		if (!raw.toLowerCase().includes(`to: ${email.toLowerCase()}`)) continue;
		const decoded = raw
			.replace(/=\r?\n/g, '')
			.replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
		const match = /https?:\/\/[^\s"<>]+#token=[A-Za-z0-9_-]+/.exec(decoded);
		if (match) return match[0].replace(/^https?:\/\/[^/]+/, '');
	}
	throw new Error('no confirmation mail yet');
}

/** Steps 1–2 of the seed through the UI: register, confirm from the e-mail, and be logged in. */
async function travellerSignsUp(page: Page, server: RunningServer, t: Traveller) {
	await page.goto('/register');
	await page.locator('#givenNames').fill(t.givenNames);
	await page.locator('#surnames').fill(t.surnames);
	await page.locator('#email').fill(t.email);
	await page.locator('#password').fill(t.password);
	await page.locator('#language').selectOption('es');
	await page.locator('#acceptPrivacy').check();
	await page.locator('form button[type=submit]').click();
	await expect(page).toHaveURL(/\/account$/, { timeout: 20_000 });
	await expect.poll(() => fs.existsSync(path.join(server.dataDir, 'outbox')), { timeout: 10_000 }).toBe(true);
	let link = '';
	await expect
		.poll(() => {
			try {
				link = mailLink(server.dataDir, t.email);
			} catch {
				link = '';
			}
			return link;
		})
		.not.toBe('');
	await page.goto(link);
	await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'done');
}

/** Step 3: the passport, typed by hand on /documents (the MRZ reading has its own tests). */
async function travellerAddsPassport(page: Page) {
	await page.goto('/documents');
	await page.locator('main button', { hasText: 'Agregar un documento' }).click();
	await page.locator('main button', { hasText: 'Escribir los datos a mano' }).click();
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
}

/** The officer's first log-in: one-time password, own password, TOTP enrolment from the URI on screen. */
async function officerLogsIn(page: Page, email: string, oneTime: string) {
	await page.goto('/officer');
	await expect(page.locator('main h2')).toHaveText('Acceso de agentes');
	await expectAccessible(page);
	await page.locator('#officer-email').fill(email);
	await page.locator('#officer-password').fill(oneTime);
	await page.locator('main form button[type=submit]').click();
	await expect(page.locator('main h2')).toHaveText('Elija su propia contraseña');
	await page.locator('#officer-new-password').fill('guardia del aeropuerto 7');
	await page.locator('main form button[type=submit]').click();
	await expect(page.locator('main h2')).toHaveText('Configure su aplicación de autenticación');
	await expect(page.locator('img.enroll-qr')).toBeVisible();
	await expectAccessible(page);
	const uri = (await page.locator('[data-testid=otpauth-uri]').textContent())!.trim();
	const secret = new URL(uri).searchParams.get('secret')!;
	// Wrong first: the code is checked, not just present.
	await page.locator('#officer-code').fill('000000');
	await page.locator('main form button[type=submit]').click();
	await expect(page.locator('.error-summary')).toContainText('no es correcto');
	await page.locator('#officer-code').fill(new TOTP({ secret: Secret.fromBase32(secret) }).generate());
	await page.locator('main form button[type=submit]').click();
	await expect(page.locator('main')).toContainText(`Sesión iniciada como ${email}`);
}

/** The receipt's token as the server wrote it (the QR's text). */
async function travellerReceiptToken(page: Page): Promise<string> {
	const response = await page.request.get(
		'/db/me/_all_docs?include_docs=true&startkey=%22receipt%3A%22&endkey=%22receipt%3A%EF%BF%B0%22'
	);
	const rows = (await response.json()).rows as { doc: { token: string } }[];
	expect(rows).toHaveLength(1);
	return rows[0]!.doc.token;
}

/** Changes one byte of the signature, keeping the token well-formed: what a forger would try. */
function tamper(token: string): string {
	const sign1 = unzlibSync(decodeBase45(token.slice(TOKEN_PREFIX.length)));
	sign1[sign1.length - 1]! ^= 0x01;
	return TOKEN_PREFIX + encodeBase45(zlibSync(sign1));
}

/** The same claims signed with a fresh key under an unpublished key id. */
async function signedByStranger(token: string): Promise<string> {
	const keys = await testKeyPair();
	const sign1 = decodeSign1(unzlibSync(decodeBase45(token.slice(TOKEN_PREFIX.length))));
	return signToken(decodeClaims(sign1.payload), new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), keys.sign);
}

async function qrImageOf(page: Page): Promise<Buffer> {
	const src = await page.locator('img.qr').getAttribute('src');
	expect(src).toMatch(/^data:image\/png;base64,/);
	return Buffer.from(src!.split(',')[1]!, 'base64');
}

test('full journey: account to FMM, with the officer scanning, verifying offline, reviewing and authorizing', async ({
	page,
	browser,
	server
}) => {
	// An operator creates the officer with the documented command; there is no default account.
	const officerEmail = `agente.${Date.now().toString(36)}@inm.example`;
	const oneTime = addOfficer(server, officerEmail);

	// ---- the traveller, on their phone ----
	const traveller = newTraveller('journey');
	await page.goto('/');
	await waitForServiceWorker(page);
	await travellerSignsUp(page, server, traveller);
	await travellerAddsPassport(page);
	await page.goto('/pre-registration');
	await page.locator('main fieldset label').first().click();
	await page.locator('main form button[type=submit]').click();
	await fillTrip(page);
	await fillAdditional(page);
	await answerControl(page);
	await attachRequired(page);
	await reviewAndSend(page);
	// The server signs a receipt; it replicates back and the history shows the QR.
	await page.goto('/history');
	const item = page.locator('main li.registration').first();
	await expect(item).toHaveAttribute('data-stage', 'received', { timeout: 60_000 });
	await item.locator('a', { hasText: 'Mostrar QR del comprobante' }).click();
	await expect(page.locator('img.qr')).toBeVisible({ timeout: 20_000 });
	const qrPng = await qrImageOf(page);

	// ---- the officer, on a kiosk tablet at the airport ----
	const { context: officerCtx, foreign } = await officerContext(browser, server);
	const officer = await officerCtx.newPage();
	await officerLogsIn(officer, officerEmail, oneTime);
	await waitForServiceWorker(officer);
	await expect(officer.locator('main .dashboard')).toContainText('actualizadas'); // keys cached
	await expectAccessible(officer);

	// The network drops: the code still verifies against the keys kept on the tablet.
	await officerCtx.setOffline(true);
	await officer.locator('#qr-file').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: qrPng });
	await expect(officer.locator('[data-testid=qr-verdict] h2')).toHaveText('Código válido');
	await expect(officer.locator('[data-testid=qr-verdict]')).toContainText('PEREZ GOMEZ');
	await expect(officer.locator('main')).toContainText(
		'Sin conexión: no se puede mostrar el registro completo'
	);
	// A changed code, and a code signed by a key nobody published, are each refused plainly.
	const receiptToken = await travellerReceiptToken(page);
	await officer.locator('#qr-text').fill(tamper(receiptToken));
	await officer.locator('main button', { hasText: 'Verificar código' }).click();
	await expect(officer.locator('[data-testid=qr-verdict] h2')).toHaveText('Código alterado');
	await officer.locator('#qr-text').fill(await signedByStranger(receiptToken));
	await officer.locator('main button', { hasText: 'Verificar código' }).click();
	await expect(officer.locator('[data-testid=qr-verdict] h2')).toHaveText('Clave desconocida');
	await expectAccessible(officer);

	// Back online: the full registration, audited on the server.
	await officerCtx.setOffline(false);
	await officer.locator('#qr-file').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: qrPng });
	await expect(officer.locator('#review-title')).toBeVisible({ timeout: 20_000 });
	await expect(officer.locator('main .review')).toContainText('PA1234567');
	await expect(officer.locator('main .review')).toContainText('AM402');
	await expect(officer.locator('main .review')).toContainText('Marta Pérez');
	await expect(officer.locator('main .review')).toContainText('Documentación incompleta');
	await expect(officer.locator('main .review a', { hasText: 'Boleto de salida' })).toBeVisible();
	await expectAccessible(officer);

	await officer.locator('#decision-daysAuthorized').fill('30');
	await expect(officer.locator('#decision-portOfEntry')).toHaveValue('AIR-MEX');
	await officer.locator('main form button[type=submit]', { hasText: 'Autorizar el ingreso' }).click();
	const result = officer.locator('[data-testid=decision-result]');
	await expect(result.locator('h2')).toHaveText('Decisión registrada', { timeout: 20_000 });
	await expect(result).toContainText(/FMM\d{13}/);
	await expect(officer.locator('[data-testid=processed-count]')).toHaveText('1');
	await expect(officer.locator('[data-testid=pending-count]')).toHaveText('0');
	await expectAccessible(officer);
	expect(foreign).toEqual([]);
	await officerCtx.close();

	// ---- the traveller again: entry authorized, and the FMM downloads ----
	await page.goto('/history');
	await expect(item).toHaveAttribute('data-stage', 'authorized', { timeout: 60_000 });
	await expect(item).toContainText('Internación autorizada');
	await expect(item).toContainText('30 días');
	const download = page.waitForEvent('download');
	await item.locator('button', { hasText: 'Generar y Descargar FMM' }).click();
	const file = await (await download).path();
	expect(fs.readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');
	await expectAccessible(page);
});

test('an offline decision waits on the tablet, is sent once when the connection returns; a second officer sees it', async ({
	page,
	browser,
	server
}) => {
	const traveller = newTraveller('outbox');
	await registerConfirmed(page.request, server.dataDir, traveller);
	await login(page, traveller);
	await registerDocuments(page.request, server.baseURL, [
		{ givenNames: 'Lucía', surnames: 'Pérez Gómez', relationship: 'self' }
	]);
	await page.goto('/pre-registration');
	await expect(page.locator('main fieldset label')).toHaveCount(1, { timeout: 20_000 });
	await page.locator('main fieldset label').first().click();
	await page.locator('main form button[type=submit]').click();
	await fillTrip(page);
	await fillAdditional(page);
	await answerControl(page);
	await attachRequired(page);
	await reviewAndSend(page);
	await expect.poll(() => travellerReceiptToken(page).catch(() => ''), { timeout: 30_000 }).toMatch(/^AR1:/);
	const token = await travellerReceiptToken(page);
	// Travellers are refused by the server itself, not just by the screens.
	expect((await page.request.get('/api/officer/dashboard')).status()).toBe(403);

	const first = await officerContext(browser, server);
	const officer = await first.context.newPage();
	const email = `agente.uno.${Date.now().toString(36)}@inm.example`;
	await officerLogsIn(officer, email, addOfficer(server, email));
	await waitForServiceWorker(officer);

	await first.context.setOffline(true);
	await officer.locator('#qr-text').fill(token);
	await officer.locator('main button', { hasText: 'Verificar código' }).click();
	await expect(officer.locator('[data-testid=qr-verdict] h2')).toHaveText('Código válido');
	await expect(officer.locator('#decision-portOfEntry')).toHaveValue('AIR-MEX');
	await officer.locator('#decision-daysAuthorized').fill('45');
	await officer.locator('main form button[type=submit]', { hasText: 'Autorizar el ingreso' }).click();
	await expect(officer.locator('[data-testid=decision-result] h2')).toHaveText(
		'Decisión guardada en este dispositivo; se enviará cuando vuelva la conexión'
	);
	await expect(officer.locator('[data-testid=pending-count]')).toHaveText('1');
	// Still offline, the tablet reloads the console: the decision is still there, waiting.
	await officer.reload();
	await expect(officer.locator('main')).toContainText('Sin conexión: puede escanear');
	await expect(officer.locator('[data-testid=pending-count]')).toHaveText('1');
	await expectAccessible(officer);

	await first.context.setOffline(false);
	await expect(officer.locator('[data-testid=pending-count]')).toHaveText('0', { timeout: 20_000 });
	await expect(officer.locator('[data-testid=processed-count]')).toHaveText('1');
	const uuid = await travellerRegistrationUuid(page);
	const entry = await (await page.request.get(`/db/me/entry:${uuid}`)).json();
	expect(entry).toMatchObject({ decision: 'authorized', daysAuthorized: 45, portOfEntry: 'AIR-MEX' });
	expect(entry._rev).toMatch(/^1-/); // written once
	expect(first.foreign).toEqual([]);
	await first.context.close();

	// Another officer scans the same code: the registration already has its decision, which is shown.
	const second = await officerContext(browser, server);
	const other = await second.context.newPage();
	const otherEmail = `agente.dos.${Date.now().toString(36)}@inm.example`;
	await officerLogsIn(other, otherEmail, addOfficer(server, otherEmail));
	await other.locator('#qr-text').fill(token);
	await other.locator('main button', { hasText: 'Verificar código' }).click();
	const shown = other.locator('[data-testid=decision-result]');
	await expect(shown.locator('h2')).toHaveText('Este registro ya tenía una decisión', { timeout: 20_000 });
	await expect(shown).toContainText(entry.fmmNumber);
	await expect(other.locator('#decision-daysAuthorized')).toHaveCount(0);
	await expectAccessible(other);
	expect(second.foreign).toEqual([]);
	await second.context.close();
});

async function travellerRegistrationUuid(page: Page): Promise<string> {
	const registrations = await serverRegistrations(page.request);
	expect(registrations).toHaveLength(1);
	return registrations[0]!.id.slice('registration:'.length);
}
