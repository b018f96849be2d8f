import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect } from './fixtures';

/** Shared traveller steps for specs that need a confirmed, logged-in traveller (same steps as accounts.spec). */

/** Decodes quoted-printable, then finds the Arribo link with a token in an .eml. */
export function linkFrom(raw: string): string {
	const decoded = raw
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
	const match = /https?:\/\/[^\s"<>]+#token=[A-Za-z0-9_-]+/.exec(decoded);
	if (!match) throw new Error('no link in the e-mail');
	return match[0];
}

/** Waits for the .eml the server wrote to DATA_DIR/outbox for this address (no SMTP in e2e). */
export async function mailFor(dataDir: string, email: string): Promise<string> {
	const outbox = path.join(dataDir, 'outbox');
	let found = '';
	await expect
		.poll(
			() => {
				if (!fs.existsSync(outbox)) return false;
				for (const file of fs.readdirSync(outbox).sort().reverse()) {
					const raw = fs.readFileSync(path.join(outbox, file), 'utf8');
					if (raw.toLowerCase().includes(`to: ${email.toLowerCase()}`)) {
						found = raw;
						return true;
					}
				}
				return false;
			},
			{ timeout: 10_000 }
		)
		.toBe(true);
	return found;
}

let n = 0;
export function newTraveller(tag: string) {
	n += 1;
	const id = `${tag}${n}${Date.now().toString(36)}`;
	return {
		givenNames: 'Lucía',
		surnames: `Prueba${id}`,
		email: `lucia.${id}@example.test`,
		password: 'tortuga azul del caribe'
	};
}
export type Traveller = ReturnType<typeof newTraveller>;

export async function registerTraveller(
	request: APIRequestContext,
	traveller: Traveller,
	language = 'es'
): Promise<void> {
	const response = await request.post('/api/accounts/register', {
		data: { ...traveller, language, acceptPrivacy: true }
	});
	expect(response.status()).toBe(202);
}

/** Registers and confirms through the API, as a previous visit would have. */
export async function registerConfirmed(
	request: APIRequestContext,
	dataDir: string,
	traveller: Traveller,
	language = 'es'
) {
	await registerTraveller(request, traveller, language);
	const token = new URL(linkFrom(await mailFor(dataDir, traveller.email))).hash.replace('#token=', '');
	expect((await request.post('/api/accounts/confirm', { data: { token } })).status()).toBe(200);
}

export async function login(page: Page, traveller: Traveller) {
	await page.goto('/login');
	await page.locator('#email').fill(traveller.email);
	await page.locator('#password').fill(traveller.password);
	await page.locator('form button[type=submit]').click();
	await expect(page).toHaveURL(/\/account$/, { timeout: 20_000 });
}
