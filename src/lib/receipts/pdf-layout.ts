import type { jsPDF } from 'jspdf';
import type { Catalog } from '$lib/i18n/catalogs';
import type { Locale } from '$lib/i18n/locales';

/** Paper sizes travellers print on: A4 almost everywhere, Letter in North America. */
export type PaperFormat = 'a4' | 'letter';

/**
 * The two languages of every PDF: Spanish first (the authority's language), then the traveller's, or English
 * for a Spanish-speaking traveller, so the officer and the traveller both read every line.
 * `cjkFont` (TrueType bytes) is required when the second language is Chinese, Japanese or Korean: jsPDF's
 * built-in fonts only cover Latin-1.
 */
export interface PdfLanguages {
	second: Locale;
	spanish: Catalog;
	secondCatalog: Catalog;
	cjkFont?: Uint8Array;
}

const CJK_LOCALES: readonly Locale[] = ['zh-Hans', 'ja', 'ko'];

/** Whether PDFs in this language need the CJK font (`/fonts/arribo-cjk.ttf`, built by `fonts/build-cjk-font.mjs`). */
export function needsCjkFont(locale: Locale): boolean {
	return CJK_LOCALES.includes(locale);
}

/** The PDF's second language for a traveller who reads `locale`. */
export function secondLanguage(locale: Locale): Locale {
	return locale === 'es' ? 'en' : locale;
}

const CJK_FAMILY = 'ArriboCJK';

function base64(bytes: Uint8Array): string {
	let binary = '';
	// Chunks keep String.fromCharCode's argument list far below engines' limits.
	for (let i = 0; i < bytes.length; i += 0x8000)
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(binary);
}

export async function newDocument(format: PaperFormat, languages: PdfLanguages): Promise<jsPDF> {
	const { jsPDF } = await import('jspdf');
	const doc = new jsPDF({ format, unit: 'mm', orientation: 'portrait', compress: true });
	if (needsCjkFont(languages.second)) {
		if (!languages.cjkFont) throw new Error(`PDFs in ${languages.second} need the CJK font`);
		// jsPDF embeds only the glyphs the page uses, so the PDF stays small although the font is not.
		doc.addFileToVFS('arribo-cjk.ttf', base64(languages.cjkFont));
		doc.addFont('arribo-cjk.ttf', CJK_FAMILY, 'normal');
	}
	return doc;
}

/**
 * A small cursor over a page: headings, label/value rows and wrapped paragraphs, in millimetres.
 * Keeps every PDF of the app consistent without a layout engine.
 */
export class PageWriter {
	y = 20;
	readonly left = 18;
	readonly width: number;
	private readonly cjk: boolean;

	constructor(
		readonly doc: jsPDF,
		private readonly languages: PdfLanguages
	) {
		this.width = doc.internal.pageSize.getWidth() - 2 * this.left;
		this.cjk = needsCjkFont(languages.second);
	}

	/** "Spanish / second language" for a catalog key; one text when both say the same. */
	bilingual(key: string): string {
		const es = this.languages.spanish[key] ?? key;
		const other = this.languages.secondCatalog[key] ?? key;
		return es === other ? es : `${es} / ${other}`;
	}

	/** The CJK font has no bold face; size and the heading's place carry the emphasis instead. */
	private font(weight: 'normal' | 'bold'): jsPDF {
		return this.cjk ? this.doc.setFont(CJK_FAMILY, 'normal') : this.doc.setFont('helvetica', weight);
	}

	title(text: string, subtitle: string): void {
		this.font('bold').setFontSize(16);
		const lines = this.doc.splitTextToSize(text, this.width) as string[];
		this.doc.text(lines, this.left, this.y);
		this.y += 7 * lines.length;
		this.font('normal').setFontSize(9).text(subtitle, this.left, this.y);
		this.y += 8;
	}

	heading(text: string): void {
		this.y += 3;
		this.font('bold').setFontSize(11).text(text, this.left, this.y);
		this.y += 6;
	}

	/** A bilingual label above its value; `width` lets rows sit beside the QR. */
	row(labelKey: string, value: string, width = this.width): void {
		this.font('normal').setFontSize(8).setTextColor(80);
		this.doc.text(this.bilingual(labelKey), this.left, this.y, { maxWidth: width });
		this.y += 4.5;
		this.font('bold').setFontSize(11).setTextColor(0);
		const lines = this.doc.splitTextToSize(value || '—', width) as string[];
		this.doc.text(lines, this.left, this.y);
		this.y += 5.5 * lines.length + 1.5;
	}

	paragraph(text: string, size = 9): void {
		this.font('normal').setFontSize(size).setTextColor(0);
		const lines = this.doc.splitTextToSize(text, this.width) as string[];
		this.doc.text(lines, this.left, this.y);
		this.y += size * 0.45 * lines.length + 2;
	}

	/** The QR at the top right, at least 50 mm wide so a phone reads it from paper. */
	qr(dataUrl: string, top: number, size = 55): void {
		const x = this.doc.internal.pageSize.getWidth() - this.left - size;
		this.doc.addImage(dataUrl, 'PNG', x, top, size, size);
	}
}

export function pdfBytes(doc: jsPDF): Uint8Array {
	return new Uint8Array(doc.output('arraybuffer'));
}
