import { chooseMrz, type LineRead, type Repair } from '../../domain/mrz/candidates';
import { layoutFor } from '../../domain/mrz/layout';
import { parseMrz, type MrzFields, type MrzFormat } from '../../domain/mrz/parse';
import { fitLength } from './fit';
import { lineText, type OcrLine } from './hocr';
import type { PixelBuffer } from './image';
import { locateMrz } from './locate';
import { encodePgm } from './pgm';

/** What the pipeline needs from an OCR engine: an image file in, lines with per-symbol alternatives out. */
export interface OcrEngine {
	recognize(image: Uint8Array): Promise<OcrLine[]>;
}

export interface MrzReading {
	format: MrzFormat | null;
	/** The MRZ lines as finally read (empty when no MRZ was found). */
	lines: string[];
	/** Typed fields (dates with their century); null when the lines could not be parsed. */
	fields: MrzFields | null;
	/** Every check digit holds. */
	valid: boolean;
	/** What the app accepts without asking for another photo: valid, confirmed and read with confidence. */
	accepted: boolean;
	/** Check digits that fail. */
	failedChecks: string[];
	/** Why nothing usable was read: no MRZ-shaped band in the photo, or a band that could not be read. */
	problem: 'no-mrz' | 'unreadable' | null;
}

const NOTHING: MrzReading = {
	format: null,
	lines: [],
	fields: null,
	valid: false,
	accepted: false,
	failedChecks: [],
	problem: 'no-mrz'
};

/** Confidence below which a character is not taken without a new photo or the traveller's confirmation. */
export const MIN_CONFIDENCE = 55;
/** Surnames, then optionally `<<` and given names; names are separated by single `<`; then only fillers. */
const NAMES = /^[A-Z]+(<[A-Z]+)*(<<[A-Z]+(<[A-Z]+)*)?<*$/;

/**
 * Check digits say nothing about names, states or sex, and cannot tell `<`, `0`, `A`, `K`, `U` apart (they
 * weigh the same). So a reading is only accepted when the names are well-formed and every character was
 * read with confidence, unless a check digit confirmed its repair.
 */
function soundBeyondCheckDigits(lines: string[], ocr: OcrLine[], repairs: Repair[]): boolean {
	const layout = layoutFor(lines.length, lines[0]!.length)!;
	const names = layout.fields.find((field) => field.name === 'names')!;
	if (!NAMES.test(lines[names.line]!.slice(names.start, names.end))) return false;
	const repaired = new Set(
		repairs.filter((r) => r.confirmedBy === 'check-digit').map((r) => `${r.line}:${r.column}`)
	);
	return ocr.every((line, l) =>
		line.every(
			(symbol, c) => repaired.has(`${l}:${c}`) || (symbol.choices[0]?.confidence ?? 0) >= MIN_CONFIDENCE
		)
	);
}

const toLineRead = (line: OcrLine): LineRead => ({
	text: lineText(line),
	choices: line.map((s) => s.choices)
});

/** Turns OCR lines into the best MRZ reading, for the number of lines the band showed. */
export function interpret(ocr: OcrLine[], expectedLines: number, today: Date): MrzReading {
	// Specks and other text give short lines; the MRZ lines are the long ones, in order.
	const long = ocr.filter((line) => line.length >= 22);
	if (long.length < 2) return { ...NOTHING, problem: 'unreadable' };
	const count = long.length >= 3 && expectedLines === 3 ? 3 : 2;
	const picked = long.slice(-count);
	const typical = [...picked.map((l) => l.length)].sort((a, b) => a - b)[count >> 1]!;
	const length = count === 3 ? 30 : Math.abs(typical - 36) < Math.abs(typical - 44) ? 36 : 44;
	const fitted = picked.map((line) => fitLength(line, length));
	const choice = chooseMrz(fitted.map((line) => [toLineRead(line)]));
	if (choice.status === 'unreadable') return { ...NOTHING, problem: 'unreadable' };
	const parsed = parseMrz(choice.lines, today);
	if (!parsed.ok) return { ...NOTHING, format: choice.format, lines: choice.lines, problem: 'unreadable' };
	const { read } = parsed;
	const confirmed = choice.status === 'confirmed' && read.valid;
	return {
		format: read.format,
		lines: [...read.lines],
		fields: read.fields,
		valid: read.valid,
		accepted:
			confirmed &&
			soundBeyondCheckDigits(choice.lines, fitted, choice.status === 'confirmed' ? choice.repairs : []),
		failedChecks: [...read.failedChecks],
		problem: null
	};
}

/** Locates, straightens and reads the MRZ of a photo. Same code in the browser worker and in Node. */
export async function readMrz(
	pixels: PixelBuffer,
	engine: OcrEngine,
	today = new Date()
): Promise<MrzReading> {
	const located = locateMrz(pixels);
	if (!located) return NOTHING;
	const ocr = await engine.recognize(encodePgm(located.image));
	return interpret(ocr, located.band.lines.length, today);
}
