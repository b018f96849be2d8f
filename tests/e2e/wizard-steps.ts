import type { Page } from '@playwright/test';
import { expect, expectAccessible } from './fixtures';
import { files, isoInDays } from './registration-fixtures';

/** Fills the trip step as a traveller with the ticket at hand would, then continues. */
export async function fillTrip(page: Page): Promise<void> {
	await expect(page).toHaveURL(/\/trip$/);
	await page.locator('#means').check();
	await page.locator('#airline').fill('AM');
	await page.locator('#flightNumber').fill('AM 402');
	await page.locator('#originAirport').fill('MAD');
	await page.locator('#originCountry').selectOption('ES');
	await page.locator('#arrivalDate').fill(isoInDays(20));
	await page.locator('#portOfEntry').selectOption('AIR-MEX');
	await page.locator('#purpose').check();
	await page.locator('#departureDate').fill(isoInDays(34));
	await expectAccessible(page);
	await page.locator('main form button[type=submit]').click();
}

export async function fillAdditional(page: Page): Promise<void> {
	await expect(page).toHaveURL(/\/additional$/);
	await page.locator('#lodgingName').fill('Hotel Catedral');
	await page.locator('#street').fill('Donceles 95');
	await page.locator('#state').selectOption('CMX');
	await page.locator('#municipality').fill('Cuauhtémoc');
	await page.locator('#postalCode').fill('06000');
	await page.locator('#originName').fill('Marta Pérez');
	await page.locator('#originPhone').fill('+34 612 345 678');
	await page.locator('#mexicoName').fill('Hotel Catedral');
	await page.locator('#mexicoPhone').fill('+52 55 5518 5232');
	await page.locator('#hasResidentCard').check();
	await page.locator('#occupation').fill('Ingeniera');
	await expectAccessible(page);
	await page.locator('main form button[type=submit]').click();
}

/** Answers "no" to every question except the first, which gets a "yes" with its follow-ups. */
export async function answerControl(page: Page): Promise<void> {
	await expect(page).toHaveURL(/\/control$/);
	const groups = page.locator('main form fieldset');
	const count = await groups.count();
	expect(count).toBeGreaterThan(2);
	for (let i = 0; i < count; i++) await groups.nth(i).locator('input[value=no]').check();
	await groups.first().locator('input[value=yes]').check();
	await page.locator('#q-refused-entry-when').fill('2019');
	await page.locator('#q-refused-entry-reason').fill('Documentación incompleta');
	await expectAccessible(page);
	await page.locator('main form button[type=submit]').click();
}

export async function attachRequired(page: Page): Promise<void> {
	await expect(page).toHaveURL(/\/finish$/);
	await page
		.locator('#exitTicket')
		.setInputFiles({ name: 'vuelo.pdf', mimeType: 'application/pdf', buffer: files.pdf() });
	await expect(page.locator('#exitTicket-attached')).toBeVisible();
	await page
		.locator('#lodging')
		.setInputFiles({ name: 'hotel.pdf', mimeType: 'application/pdf', buffer: files.pdf() });
	await expect(page.locator('#lodging-attached')).toBeVisible();
	await expectAccessible(page);
	await page.locator('main form button[type=submit]').click();
}

export async function reviewAndSend(page: Page): Promise<void> {
	await expect(page).toHaveURL(/\/review$/);
	await expectAccessible(page);
	await page.locator('#terms').check();
	await page.locator('#send').click();
	await expect(page).toHaveURL(/\/pre-registration$/, { timeout: 20_000 });
}
