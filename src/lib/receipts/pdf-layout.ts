import type { jsPDF } from 'jspdf';
import { catalogs } from '$lib/i18n/catalogs';

/** Paper sizes travellers print on: A4 almost everywhere, Letter in North America. */
export type PaperFormat = 'a4' | 'letter';

/** Spanish first (the authority's language), then English; one line when both say the same. */
export function bilingual(key: string): string {
	const es = catalogs.es[key] ?? key;
	const en = catalogs.en[key] ?? key;
	return es === en ? es : `${es} / ${en}`;
}

export async function newDocument(format: PaperFormat): Promise<jsPDF> {
	const { jsPDF } = await import('jspdf');
	return new jsPDF({ format, unit: 'mm', orientation: 'portrait', compress: true });
}

/**
 * A small cursor over a page: headings, label/value rows and wrapped paragraphs, in millimetres.
 * Keeps every PDF of the app consistent without a layout engine.
 */
export class PageWriter {
	y = 20;
	readonly left = 18;
	readonly width: number;

	constructor(readonly doc: jsPDF) {
		this.width = doc.internal.pageSize.getWidth() - 2 * this.left;
	}

	title(text: string, subtitle: string): void {
		this.doc.setFont('helvetica', 'bold').setFontSize(16).text(text, this.left, this.y);
		this.y += 7;
		this.doc.setFont('helvetica', 'normal').setFontSize(9).text(subtitle, this.left, this.y);
		this.y += 8;
	}

	heading(text: string): void {
		this.y += 3;
		this.doc.setFont('helvetica', 'bold').setFontSize(11).text(text, this.left, this.y);
		this.y += 6;
	}

	/** A bilingual label above its value; `width` lets rows sit beside the QR. */
	row(labelKey: string, value: string, width = this.width): void {
		this.doc.setFont('helvetica', 'normal').setFontSize(8).setTextColor(80);
		this.doc.text(bilingual(labelKey), this.left, this.y);
		this.y += 4.5;
		this.doc.setFont('helvetica', 'bold').setFontSize(11).setTextColor(0);
		const lines = this.doc.splitTextToSize(value || '—', width) as string[];
		this.doc.text(lines, this.left, this.y);
		this.y += 5.5 * lines.length + 1.5;
	}

	paragraph(text: string, size = 9): void {
		this.doc.setFont('helvetica', 'normal').setFontSize(size).setTextColor(0);
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
