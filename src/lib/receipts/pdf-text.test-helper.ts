import { PNG } from 'pngjs';
import jsQR from 'jsqr';

/** Test helper: every text item of every page of a PDF, as pdf.js (Firefox's reader) extracts it. */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
	const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
	const standardFontDataUrl = new URL('../../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url)
		.pathname;
	const doc = await pdfjs.getDocument({ data: bytes.slice(), standardFontDataUrl }).promise;
	const parts: string[] = [];
	for (let n = 1; n <= doc.numPages; n++) {
		const content = await (await doc.getPage(n)).getTextContent();
		parts.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'));
	}
	// Wrapped lines come back as separate items: one space between them, as a reader would see it.
	return { pages: doc.numPages, text: parts.join(' ').replace(/\s+/g, ' ') };
}

/** Test helper: decodes the QR in a PNG data: URL with jsQR (a decoder independent of the encoder). */
export function decodeQrPng(dataUrl: string): string | null {
	const png = PNG.sync.read(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
	const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
	return code?.data ?? null;
}
