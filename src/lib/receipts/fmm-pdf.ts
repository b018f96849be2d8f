import type { EntryClaims, ReceiptClaims } from '$domain/receipt-token';
import { lastDayOfStay } from '$domain/receipt-token';
import { newDocument, PageWriter, pdfBytes, type PaperFormat, type PdfLanguages } from './pdf-layout';
import { portName } from './receipt-pdf';

/**
 * The FMM (Forma Migratoria Múltiple) made on the device from two verified tokens: the receipt (who) and
 * the entry record (what the officer authorized). Its QR is the signed entry record, so an officer at
 * departure verifies the stay offline. In Spanish and the traveller's language; can be made again at any time.
 */
export async function fmmPdf(
	traveller: ReceiptClaims,
	entry: EntryClaims,
	qrDataUrl: string,
	format: PaperFormat,
	languages: PdfLanguages
): Promise<Uint8Array> {
	const doc = await newDocument(format, languages);
	doc.setProperties({ title: `FMM ${entry.fmmNumber}` });
	const page = new PageWriter(doc, languages);
	page.title(page.bilingual('receipts.pdf.fmmTitle'), page.bilingual('receipts.pdf.authority'));
	const top = page.y;
	page.qr(qrDataUrl, top);
	const beside = page.width - 62;
	page.row('receipts.pdf.fmmNumber', entry.fmmNumber, beside);
	page.row('receipts.pdf.folio', entry.folio, beside);
	page.row('receipts.pdf.surnames', traveller.surnames, beside);
	page.row('receipts.pdf.givenNames', traveller.givenNames, beside);
	page.row('receipts.pdf.documentNumber', traveller.documentNumber, beside);
	page.row('receipts.pdf.nationality', traveller.nationality, beside);
	page.y = Math.max(page.y, top + 62);
	page.row('receipts.pdf.birthDate', traveller.birthDate);
	page.row('receipts.pdf.entryDate', entry.entryDate);
	page.row('receipts.pdf.portOfEntry', portName(entry.portOfEntry));
	page.row('receipts.pdf.daysAuthorized', String(entry.daysAuthorized));
	page.row('receipts.pdf.lastDay', lastDayOfStay(entry.entryDate, entry.daysAuthorized));
	page.row('receipts.pdf.conditionOfStay', page.bilingual(`receipts.condition.${entry.conditionOfStay}`));
	page.row('receipts.pdf.officer', entry.officerId);
	page.paragraph(page.bilingual('receipts.pdf.keepFmm'));
	page.paragraph(page.bilingual('receipts.pdf.qrNote'), 8);
	return pdfBytes(doc);
}
