import { beforeAll, describe, expect, it } from 'vitest';
import {
	entryExpiry,
	kidToString,
	MAX_TOKEN_LENGTH,
	receiptExpiry,
	signToken,
	verifyToken,
	type EntryClaims,
	type ReceiptClaims
} from '$domain/receipt-token';
import { oneKey, testKeyPair } from '$domain/receipt-token/test-keys';
import fs from 'node:fs';
import { type Catalog, loadCatalog } from '$lib/i18n/catalogs';
import { LOCALES, type Locale } from '$lib/i18n/locales';
import { fmmPdf } from './fmm-pdf';
import { needsCjkFont, secondLanguage, type PdfLanguages } from './pdf-layout';
import { decodeQrPng, pdfText } from './pdf-text.test-helper';
import { renderQr } from './qr';
import { receiptPdf } from './receipt-pdf';

const NOW = Math.floor(Date.now() / 1000);
const KID = new Uint8Array([9, 8, 7, 6, 5, 4, 3, 2]);
/** A long real-world name, so the size figures are not flattered by a short one. */
const receipt: ReceiptClaims = {
	kind: 'receipt',
	folio: 'ARR-7K2M-9QXD-4R8T-3',
	registrationId: 'registration:3f1c2b4a-8e7d-4c6b-9a5f-0e1d2c3b4a59',
	documentNumber: 'X4RTBPFW4',
	nationality: 'NLD',
	surnames: 'VAN DER BERG-ÖZTÜRK',
	givenNames: 'WILLEKE LISELOTTE MARIA',
	birthDate: '1965-03-10',
	arrivalDate: '2026-12-01',
	portOfEntry: 'AIR-CUN',
	flight: 'KL KL685',
	issuedAt: NOW,
	expiresAt: receiptExpiry('2026-12-01', NOW)
};
const entry: EntryClaims = {
	kind: 'entry',
	folio: receipt.folio,
	registrationId: receipt.registrationId,
	fmmNumber: 'FMM2026000004217',
	entryDate: '2026-12-01',
	portOfEntry: 'AIR-CUN',
	daysAuthorized: 180,
	conditionOfStay: 'visitor_without_permission_to_work',
	officerId: 'officer-3',
	issuedAt: NOW,
	expiresAt: entryExpiry('2026-12-01', 180)
};

const cjkFont = new Uint8Array(
	fs.readFileSync(new URL('../../../static/fonts/arribo-cjk.ttf', import.meta.url))
);

/** Every locale's messages, loaded the way the app loads them. */
const catalogs = Object.fromEntries(
	await Promise.all(LOCALES.map(async (locale) => [locale, await loadCatalog(locale)] as const))
) as Record<Locale, Catalog>;

/** What the app hands the PDF builders for a traveller reading `locale` (the font from static/, as served). */
function languagesFor(locale: Locale): PdfLanguages {
	const second = secondLanguage(locale);
	return {
		second,
		spanish: catalogs.es,
		secondCatalog: catalogs[second],
		cjkFont: needsCjkFont(second) ? cjkFont : undefined
	};
}
const spanishTraveller = languagesFor('es');

let receiptToken = '';
let entryToken = '';

beforeAll(async () => {
	const keys = await testKeyPair();
	receiptToken = await signToken(receipt, KID, keys.sign);
	entryToken = await signToken(entry, KID, keys.sign);
	expect((await verifyToken(receiptToken, oneKey(kidToString(KID), keys.check), NOW)).ok).toBe(true);
});

describe('receipt QR', () => {
	it('decodes (jsQR, independent decoder) back to the exact token, within the size budget', async () => {
		for (const token of [receiptToken, entryToken]) {
			const qr = await renderQr(token);
			expect(decodeQrPng(qr.dataUrl)).toBe(token);
			expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
			console.info(`token ${token.length} characters → QR version ${qr.version} (EC Q, alphanumeric)`);
			expect(qr.version).toBeLessThanOrEqual(15);
		}
	});
});

describe('receipt and FMM PDFs', () => {
	it('hold the folio, the traveller, the dates and the airport steps in Spanish and English, A4 and Letter', async () => {
		const qr = await renderQr(receiptToken);
		for (const format of ['a4', 'letter'] as const) {
			const bytes = await receiptPdf(receipt, qr.dataUrl, format, spanishTraveller);
			const { pages, text } = await pdfText(bytes);
			expect(pages).toBe(1);
			for (const expected of [
				'ARR-7K2M-9QXD-4R8T-3',
				'VAN DER BERG-ÖZTÜRK',
				'WILLEKE LISELOTTE MARIA',
				'X4RTBPFW4',
				'1965-03-10',
				'2026-12-01',
				'Aeropuerto Internacional de Cancún (CUN)',
				'Comprobante de pre-registro / Pre-registration receipt',
				'Número de documento / Document number',
				'En el aeropuerto / At the airport'
			])
				expect(text).toContain(expected);
		}
	});

	it('FMM holds the entry: number, date, port, days authorized and last day, both languages', async () => {
		const qr = await renderQr(entryToken);
		const { text } = await pdfText(await fmmPdf(receipt, entry, qr.dataUrl, 'a4', spanishTraveller));
		for (const expected of [
			'Forma Migratoria Múltiple (FMM) / Multiple Migratory Form (FMM)',
			'FMM2026000004217',
			'ARR-7K2M-9QXD-4R8T-3',
			'VAN DER BERG-ÖZTÜRK',
			'X4RTBPFW4',
			'Días autorizados / Days authorized',
			'180',
			'2026-12-01',
			'2027-05-29',
			'Visitante sin permiso para realizar actividades remuneradas / Visitor without permission to work'
		])
			expect(text).toContain(expected);
	});

	for (const locale of LOCALES.filter((l) => l !== 'es')) {
		it(`in ${locale}: every label reads in Spanish and ${locale}, as extracted from the PDF`, async () => {
			const languages = languagesFor(locale);
			const t = (key: string) => {
				const es = catalogs.es[key] ?? '';
				const other = catalogs[locale][key] ?? '';
				return es === other ? es : `${es} / ${other}`;
			};
			const receiptText = (
				await pdfText(await receiptPdf(receipt, (await renderQr(receiptToken)).dataUrl, 'a4', languages))
			).text;
			for (const key of [
				'receipts.pdf.receiptTitle',
				'receipts.pdf.documentNumber',
				'receipts.pdf.atAirport'
			])
				expect(receiptText).toContain(t(key));
			expect(receiptText).toContain('VAN DER BERG-ÖZTÜRK');
			const fmmText = (
				await pdfText(await fmmPdf(receipt, entry, (await renderQr(entryToken)).dataUrl, 'a4', languages))
			).text;
			for (const key of [
				'receipts.pdf.fmmTitle',
				'receipts.pdf.daysAuthorized',
				'receipts.condition.visitor_without_permission_to_work'
			])
				expect(fmmText).toContain(t(key));
		});
	}
});
