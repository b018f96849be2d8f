import { randomBytes, randomUUID } from 'node:crypto';
import es from '../../src/lib/i18n/messages/es/documents.json' with { type: 'json' };
import { expect, expectAccessible, test } from './fixtures';
import { login, newTraveller, registerConfirmed } from './travellers';

/** A Spanish message (the browser's language here) with its placeholders filled in. */
const message = (key: keyof typeof es, values: Record<string, string> = {}) =>
	es[key].replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? '');

const revId = () => randomBytes(16).toString('hex');

test('a document changed on two other devices merges in the browser, which offers keep mine / use that', async ({
	page,
	server
}) => {
	const traveller = newTraveller('conflict');
	await registerConfirmed(page.request, server.dataDir, traveller);
	await login(page, traveller);

	// The traveller's phone registered a passport; then the phone and a laptop both edited it offline and
	// synced: the server holds two leaves from one start, exactly as their PouchDB replication sends them.
	const id = `identity-document:${randomUUID()}`;
	const created = '2025-03-01T10:00:00.000Z';
	const start = {
		type: 'identity-document',
		createdAt: created,
		updatedAt: created,
		holder: { relationship: 'self' },
		documentType: 'P',
		issuingState: 'DEU',
		surnames: 'MUSTERMANN',
		givenNames: 'ERIKA',
		documentNumber: 'C01X00T47',
		nationality: 'DEU',
		birthDate: '1983-08-12',
		expiryDate: '2031-10-31',
		sex: 'F',
		placeOfBirth: 'BERLIN',
		source: 'mrz'
	};
	const [first, phoneRev, laptopRev] = [revId(), revId(), revId()];
	const phone = '2025-03-02T09:07:00.000Z';
	const laptop = '2025-03-02T09:04:00.000Z';
	const written = await page.request.post('/db/me/_bulk_docs', {
		data: {
			new_edits: false,
			docs: [
				{ ...start, _id: id, _rev: `1-${first}`, _revisions: { start: 1, ids: [first] } },
				{
					...start,
					givenNames: 'ERIKA MARIA',
					placeOfBirth: 'HAMBURG',
					updatedAt: phone,
					fieldUpdatedAt: { givenNames: phone, placeOfBirth: phone },
					_id: id,
					_rev: `2-${phoneRev}`,
					_revisions: { start: 2, ids: [phoneRev, first] }
				},
				{
					...start,
					givenNames: 'ERICA',
					updatedAt: laptop,
					fieldUpdatedAt: { givenNames: laptop },
					_id: id,
					_rev: `2-${laptopRev}`,
					_revisions: { start: 2, ids: [laptopRev, first] }
				}
			]
		}
	});
	expect(written.status()).toBe(201);

	await page.goto('/documents');
	const document = page.locator('ul.documents > li').filter({ hasText: 'MUSTERMANN' });
	// The later given names won; the laptop's are offered, not dropped. The place of birth only the phone
	// changed is merged without asking (this browser fetched the starting revision from the server).
	await expect(document.locator('.name')).toHaveText('ERIKA MARIA MUSTERMANN', { timeout: 20_000 });
	const choices = document.getByRole('group', { name: message('documents.otherDevice.heading') });
	await expect(choices).toBeVisible();
	await expect(choices.getByRole('listitem')).toHaveCount(1);
	await expect(choices).toContainText('«ERICA»');
	await expectAccessible(page);

	// Keyboard only: from "keep mine" one Tab reaches "use that", Enter chooses it.
	const keep = choices.getByRole('button', {
		name: message('documents.otherDevice.keep', { value: 'ERIKA MARIA' })
	});
	const use = choices.getByRole('button', { name: message('documents.otherDevice.use', { value: 'ERICA' }) });
	await keep.focus();
	await page.keyboard.press('Tab');
	await expect(use).toBeFocused();
	await page.keyboard.press('Enter');

	const outcome = page.locator('#documents-outcome');
	await expect(outcome).toHaveText(message('documents.otherDevice.saved'));
	await expect(outcome).toBeFocused();
	await expect(document.locator('.name')).toHaveText('ERICA MUSTERMANN');
	await expect(choices).toHaveCount(0);

	// The choice reached the server: one live revision, the chosen names, nothing left to choose.
	await expect
		.poll(
			async () => {
				const response = await page.request.get(`/db/me/${encodeURIComponent(id)}?conflicts=true`);
				const stored = await response.json();
				return {
					givenNames: stored.givenNames,
					placeOfBirth: stored.placeOfBirth,
					conflicts: stored._conflicts ?? [],
					pending: stored.otherDeviceValues ?? []
				};
			},
			{ timeout: 20_000 }
		)
		.toEqual({ givenNames: 'ERICA', placeOfBirth: 'HAMBURG', conflicts: [], pending: [] });
});
