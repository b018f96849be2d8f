import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { decodeQrPng, pdfText } from '../../src/lib/receipts/pdf-text.test-helper';
import { expect, expectAccessible, test, waitForServiceWorker } from './fixtures';
import { registerDocuments, serverRegistrations } from './registration-fixtures';
import { login, newTraveller, registerConfirmed } from './travellers';
import { answerControl, attachRequired, fillAdditional, fillTrip, reviewAndSend } from './wizard-steps';

test.describe.configure({ timeout: 240_000 });

const ROOT = path.resolve(import.meta.dirname, '..', '..');

test('receipt: nothing before the server signs; then QR and PDF offline; FMM offline after the entry is authorized', async ({
	page,
	context,
	server
}) => {
	const traveller = newTraveller('rcpt');
	await registerConfirmed(page.request, server.dataDir, traveller);
	await page.goto('/');
	await waitForServiceWorker(page);
	await login(page, traveller);
	await registerDocuments(page.request, server.baseURL, [
		{ givenNames: 'Lucía', surnames: 'Pérez Gómez', relationship: 'self' }
	]);
	await page.goto('/pre-registration');
	await expect(page.locator('main fieldset label')).toHaveCount(1, { timeout: 20_000 });

	// Sent without a connection: the history says so and offers nothing that looks like a receipt.
	await context.setOffline(true);
	await page.locator('main fieldset label').first().click();
	await page.locator('main form button[type=submit]').click();
	await fillTrip(page);
	await fillAdditional(page);
	await answerControl(page);
	await attachRequired(page);
	await reviewAndSend(page);
	await page.locator('header nav a', { hasText: 'Historial Registros' }).click();
	const item = page.locator('main li.registration').first();
	await expect(item).toHaveAttribute('data-stage', 'waiting');
	await expect(item.locator('.current')).toContainText('Esperando conexión');
	await expect(item).toContainText('todavía no está disponible');
	await expect(item.locator('button, a.button')).toHaveCount(0);
	await expect(item.locator('.folio')).toHaveCount(0);
	await expectAccessible(page);

	// Online: the server accepts it, signs the receipt, and it replicates back.
	await context.setOffline(false);
	await expect(item).toHaveAttribute('data-stage', 'received', { timeout: 60_000 });
	const folio = /ARR-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z*~$=]/.exec(
		(await item.locator('.folio').textContent()) ?? ''
	)?.[0];
	expect(folio).toBeTruthy();
	const [registration] = await serverRegistrations(page.request);
	const uuid = registration!.id.slice('registration:'.length);
	const serverReceipt = (await (await page.request.get(`/db/me/receipt:${uuid}`)).json()) as {
		token: string;
	};

	// Offline again: the QR on screen is exactly the server's signed token, and the PDF downloads.
	await context.setOffline(true);
	await item.locator('a', { hasText: 'Mostrar QR del comprobante' }).click();
	const qr = page.locator('img.qr');
	await expect(qr).toBeVisible({ timeout: 20_000 });
	expect(decodeQrPng((await qr.getAttribute('src'))!)).toBe(serverReceipt.token);
	console.info(
		`receipt token ${serverReceipt.token.length} characters, QR version ${await qr.getAttribute('data-qr-version')}`
	);
	await expectAccessible(page);
	await page.locator('main a', { hasText: 'Volver al historial' }).click();
	const receiptDownload = page.waitForEvent('download');
	await item.locator('button', { hasText: 'Descargar comprobante' }).click();
	const receiptText = (
		await pdfText(new Uint8Array(fs.readFileSync((await (await receiptDownload).path())!)))
	).text;
	for (const expected of [
		folio!,
		'PÉREZ GÓMEZ',
		'Comprobante de pre-registro / Pre-registration receipt',
		'En el aeropuerto / At the airport'
	])
		expect(receiptText.toUpperCase()).toContain(expected.toUpperCase());

	// An officer authorizes entry: the real server function, from another process on the same data directory.
	await context.setOffline(false);
	const session = (await (await page.request.get('/api/accounts/session')).json()) as { userId: string };
	const written = JSON.parse(
		execFileSync('npx', ['tsx', 'sync-server/test/receipts/authorize-entry.ts'], {
			cwd: ROOT,
			env: {
				...process.env,
				DATA_DIR: server.dataDir,
				OWNER: session.userId,
				REGISTRATION: registration!.id,
				DAYS: '45'
			},
			encoding: 'utf8'
		})
	) as { fmmNumber: string };
	await page.reload();
	await expect(item).toHaveAttribute('data-stage', 'authorized', { timeout: 60_000 });
	await expect(item).toContainText('Internación autorizada');
	await expect(item).toContainText('45 días');

	// The FMM is made on the device with the network off, and can be made again.
	await context.setOffline(true);
	for (let time = 0; time < 2; time++) {
		const fmmDownload = page.waitForEvent('download');
		await item.locator('button', { hasText: 'Generar y Descargar FMM' }).click();
		const fmmText = (await pdfText(new Uint8Array(fs.readFileSync((await (await fmmDownload).path())!))))
			.text;
		for (const expected of [
			written.fmmNumber,
			folio!,
			'Días autorizados / Days authorized',
			'45',
			'Forma Migratoria Múltiple'
		])
			expect(fmmText).toContain(expected);
	}
	await expect(item).toHaveAttribute('data-stage', 'fmm');
	await expect(item.locator('.current')).toContainText('FMM generada');
	await expectAccessible(page);
});
