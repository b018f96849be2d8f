import { describe, expect, it } from 'vitest';
import { imageDimensions, MAX_FILE_BYTES, pdfProblem, planFile, scaledSize, sniffType } from './file-rules';

const ascii = (text: string) => new TextEncoder().encode(text);
const pdf = (body: string) => ascii(`%PDF-1.7\n${body}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`);

/** A PNG header (signature + IHDR) claiming the given size: enough for the checks, which never decode. */
function pngHeader(width: number, height: number): Uint8Array {
	const bytes = new Uint8Array(33);
	bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
	const view = new DataView(bytes.buffer);
	view.setUint32(16, width);
	view.setUint32(20, height);
	return bytes;
}

/** A JPEG start: SOI, an APP0 segment, then SOF0 with the size. */
function jpegHeader(width: number, height: number): Uint8Array {
	const bytes = new Uint8Array([
		0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0, 0, 0, 0, 0x03
	]);
	const view = new DataView(bytes.buffer);
	view.setUint16(13, height);
	view.setUint16(15, width);
	return bytes;
}

describe('attachment checks', () => {
	it('decides the type by content, not by name', () => {
		expect(sniffType(pdf(''))).toBe('application/pdf');
		expect(sniffType(pngHeader(10, 10))).toBe('image/png');
		expect(sniffType(jpegHeader(10, 10))).toBe('image/jpeg');
		expect(sniffType(ascii('just some text, renamed to ticket.pdf'))).toBeNull();
		expect(planFile(ascii('hello'))).toEqual({ ok: false, problem: 'unsupported_type' });
		expect(planFile(new Uint8Array())).toEqual({ ok: false, problem: 'empty' });
	});

	it('accepts a plain PDF', () => {
		expect(planFile(pdf('1 0 obj << /Type /Catalog /OpenAction [3 0 R /Fit] >> endobj'))).toEqual({
			ok: true,
			kind: 'application/pdf'
		});
	});

	it('refuses PDFs with JavaScript, also when the name is escaped', () => {
		expect(pdfProblem(pdf('<< /S /JavaScript /JS (app.alert(1)) >>'))).toBe('pdf_javascript');
		expect(pdfProblem(pdf('<< /OpenAction << /S /JavaScript /JS 5 0 R >> >>'))).toBe('pdf_javascript');
		expect(pdfProblem(pdf('<< /AA << /O << /J#53 (x) >> >> >>'))).toBe('pdf_javascript');
		expect(pdfProblem(pdf('<< /JSON (not a script) >>'))).toBeNull();
	});

	it('refuses encrypted and truncated PDFs', () => {
		expect(pdfProblem(pdf('trailer << /Encrypt 9 0 R >>'))).toBe('pdf_encrypted');
		expect(pdfProblem(ascii('%PDF-1.4\n1 0 obj'))).toBe('pdf_damaged');
	});

	it('refuses PDFs over 2 MB (they are not re-encoded)', () => {
		const big = new Uint8Array(MAX_FILE_BYTES + 1);
		big.set(pdf(''));
		expect(planFile(big)).toEqual({ ok: false, problem: 'pdf_too_large' });
	});

	it('reads image sizes from the header and refuses decompression bombs', () => {
		expect(imageDimensions(jpegHeader(4000, 3000), 'image/jpeg')).toEqual({ width: 4000, height: 3000 });
		expect(planFile(pngHeader(4000, 3000))).toEqual({
			ok: true,
			kind: 'image/png',
			width: 4000,
			height: 3000
		});
		expect(planFile(pngHeader(20000, 20000))).toEqual({ ok: false, problem: 'image_too_many_pixels' });
		expect(planFile(pngHeader(16000, 16000))).toEqual({ ok: false, problem: 'image_too_many_pixels' });
		expect(planFile(pngHeader(0, 10))).toEqual({ ok: false, problem: 'image_damaged' });
	});

	it('scales the long side down, never up', () => {
		expect(scaledSize(4000, 3000, 2000)).toEqual({ width: 2000, height: 1500 });
		expect(scaledSize(800, 600, 2000)).toEqual({ width: 800, height: 600 });
	});
});
