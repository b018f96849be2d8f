import type { EntryClaims, ReceiptClaims } from '$domain/receipt-token';
import type { Locale } from '$lib/i18n/locales';
import type { PaperFormat } from './pdf-layout';
import { markFmmGenerated } from './history';
import { renderQr } from './qr';

/** Hands bytes to the browser as a file download; works offline (a blob: URL, no request). */
function saveFile(bytes: Uint8Array, fileName: string): void {
	const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.rel = 'noopener';
	document.body.append(link);
	link.click();
	link.remove();
	// Some browsers read the URL after click() returns; give them a moment before revoking it.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const safe = (text: string) => text.replace(/[^A-Z0-9-]/gi, '');

export async function downloadReceipt(
	receipt: { token: string; claims: ReceiptClaims },
	format: PaperFormat,
	locale: Locale
) {
	const [{ receiptPdf }, { pdfLanguagesFor }, qr] = await Promise.all([
		import('./receipt-pdf'),
		import('./pdf-languages'),
		renderQr(receipt.token)
	]);
	saveFile(
		await receiptPdf(receipt.claims, qr.dataUrl, format, await pdfLanguagesFor(locale)),
		`arribo-receipt-${safe(receipt.claims.folio)}.pdf`
	);
}

export async function downloadFmm(
	traveller: ReceiptClaims,
	entry: { token: string; claims: EntryClaims },
	format: PaperFormat,
	locale: Locale
) {
	const [{ fmmPdf }, { pdfLanguagesFor }, qr] = await Promise.all([
		import('./fmm-pdf'),
		import('./pdf-languages'),
		renderQr(entry.token)
	]);
	saveFile(
		await fmmPdf(traveller, entry.claims, qr.dataUrl, format, await pdfLanguagesFor(locale)),
		`arribo-fmm-${safe(entry.claims.fmmNumber)}.pdf`
	);
	markFmmGenerated(entry.claims.registrationId);
}
