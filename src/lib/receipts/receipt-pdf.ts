import type { ReceiptClaims } from '$domain/receipt-token';
import { portByCode } from '$domain/registration/ports-of-entry';
import { newDocument, PageWriter, pdfBytes, type PaperFormat, type PdfLanguages } from './pdf-layout';

const isoDate = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

/** "AIR-MEX" → the port's proper name (the same in both languages), or the code for an unknown one. */
export function portName(code: string): string {
	return portByCode(code)?.name.es ?? code;
}

/**
 * The receipt PDF, made on the device from the verified token's claims (not from editable records, so
 * the paper says exactly what the QR says): the QR, the folio, the traveller's summary and what to do
 * at the airport, in Spanish and the traveller's language.
 */
export async function receiptPdf(
	claims: ReceiptClaims,
	qrDataUrl: string,
	format: PaperFormat,
	languages: PdfLanguages
): Promise<Uint8Array> {
	const doc = await newDocument(format, languages);
	const page = new PageWriter(doc, languages);
	doc.setProperties({ title: `${page.bilingual('receipts.pdf.receiptTitle')} ${claims.folio}` });
	page.title(page.bilingual('receipts.pdf.receiptTitle'), page.bilingual('receipts.pdf.authority'));
	const top = page.y;
	page.qr(qrDataUrl, top);
	const beside = page.width - 62;
	page.row('receipts.pdf.folio', claims.folio, beside);
	page.row('receipts.pdf.surnames', claims.surnames, beside);
	page.row('receipts.pdf.givenNames', claims.givenNames, beside);
	page.row('receipts.pdf.documentNumber', claims.documentNumber, beside);
	page.row('receipts.pdf.nationality', claims.nationality, beside);
	page.row('receipts.pdf.birthDate', claims.birthDate, beside);
	page.y = Math.max(page.y, top + 62);
	page.row('receipts.pdf.arrivalDate', claims.arrivalDate);
	page.row('receipts.pdf.portOfEntry', portName(claims.portOfEntry));
	if (claims.flight) page.row('receipts.pdf.flight', claims.flight);
	page.row('receipts.pdf.issuedAt', isoDate(claims.issuedAt));
	page.row('receipts.pdf.validUntil', isoDate(claims.expiresAt));
	page.heading(page.bilingual('receipts.pdf.atAirport'));
	for (const step of ['step1', 'step2', 'step3'])
		page.paragraph(`• ${page.bilingual(`receipts.pdf.${step}`)}`);
	page.paragraph(page.bilingual('receipts.pdf.qrNote'), 8);
	return pdfBytes(doc);
}
