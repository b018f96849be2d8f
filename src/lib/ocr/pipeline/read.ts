import { parse } from 'mrz';
import { failedChecks, layoutFor, type FormatLayout } from '../../domain/mrz/layout';
import { grammaticalFix } from '../../domain/mrz/grammar';
import { fitLength } from './fit';
import { lineText, type OcrLine } from './hocr';
import type { PixelBuffer } from './image';
import { locateMrz } from './locate';
import { encodePgm } from './pgm';

/** What the pipeline needs from an OCR engine: an image file in, lines with per-symbol alternatives out. */
export interface OcrEngine {
	recognize(image: Uint8Array): Promise<OcrLine[]>;
}

export type MrzFormat = 'TD1' | 'TD2' | 'TD3';

export interface MrzReading {
	format: MrzFormat | null;
	/** The MRZ lines as finally read (empty when no MRZ was found). */
	lines: string[];
	/** Fields as the `mrz` package parses them (null values where unreadable). */
	fields: Record<string, string | null>;
	/** Every check digit holds. */
	valid: boolean;
	/** What the app accepts without asking for another photo: valid, complete and well-formed. */
	accepted: boolean;
	/** Check digits that fail. */
	failedChecks: string[];
	/** Why nothing was read: no MRZ-shaped band in the photo, or a band that could not be read as an MRZ. */
	problem: 'no-mrz' | 'unreadable' | null;
}

const NOTHING: MrzReading = {
	format: null,
	lines: [],
	fields: {},
	valid: false,
	accepted: false,
	failedChecks: [],
	problem: 'no-mrz'
};

/** The characters each position allows, with single obvious repairs (`O` in a date is `0`). */
function repair(layout: FormatLayout, lines: string[]): string[] {
	const chars = lines.map((line) => [...line]);
	for (const field of layout.fields) {
		for (let i = field.start; i < field.end; i++) {
			const char = chars[field.line]![i]!;
			chars[field.line]![i] = grammaticalFix(field.chars, char) ?? char;
		}
	}
	return chars.map((c) => c.join(''));
}

/** Turns OCR lines into the best MRZ reading for the line count and length the band suggests. */
export function interpret(ocr: OcrLine[], expectedLines: number, charsPerLine: number): MrzReading {
	// Specks and other text give short lines; the MRZ lines are the long ones, in order.
	const long = ocr.filter((line) => line.length >= 0.75 * Math.min(30, charsPerLine));
	if (long.length < 2) return { ...NOTHING, problem: 'unreadable' };
	const count = long.length >= 3 && expectedLines === 3 ? 3 : 2;
	const picked = count === 3 ? long.slice(-3) : long.slice(-2);
	const lengths = picked.map((l) => l.length).sort((a, b) => a - b);
	const typical = lengths[lengths.length >> 1]!;
	const length =
		count === 3 ? 30 : [36, 44].reduce((a, b) => (Math.abs(b - typical) < Math.abs(a - typical) ? b : a));
	const layout = layoutFor(count, length);
	if (!layout) return { ...NOTHING, problem: 'unreadable' };
	const fitted = picked.map((line) => fitLength(line, length));
	const lines = repair(layout, fitted.map(lineText));
	return reading(layout, lines, fitted);
}

/** Confidence below which a character is not taken without a new photo or the traveller's confirmation. */
export const MIN_CONFIDENCE = 55;
/** Surnames, then optionally `<<` and given names; names are separated by single `<`; then only fillers. */
const NAMES = /^[A-Z]+(<[A-Z]+)*(<<[A-Z]+(<[A-Z]+)*)?<*$/;

/**
 * Check digits say nothing about names, states or sex, and cannot tell `<`, `0`, `A`, `K`, `U` apart (they
 * weigh the same). So a reading is only accepted when the names are well-formed and every character was
 * read with confidence; otherwise the traveller is asked for another photo or to check the fields.
 */
function soundBeyondCheckDigits(layout: FormatLayout, lines: string[], ocr: OcrLine[]): boolean {
	const names = layout.fields.find((field) => field.name === 'names')!;
	if (!NAMES.test(lines[names.line]!.slice(names.start, names.end))) return false;
	return ocr.every((line) => line.every((symbol) => (symbol.choices[0]?.confidence ?? 0) >= MIN_CONFIDENCE));
}

function reading(layout: FormatLayout, lines: string[], ocr: OcrLine[]): MrzReading {
	const failed = failedChecks(layout, lines);
	let fields: Record<string, string | null> = {};
	let wellFormed = false;
	try {
		const parsed = parse(lines, { autocorrect: false });
		fields = parsed.fields as Record<string, string | null>;
		wellFormed = parsed.valid;
	} catch {
		// `mrz` throws on characters outside the alphabet; the reading then is not accepted.
	}
	const valid = failed.length === 0;
	return {
		format: layout.format,
		lines,
		fields,
		valid,
		accepted: valid && wellFormed && soundBeyondCheckDigits(layout, lines, ocr),
		failedChecks: failed,
		problem: null
	};
}

/** Locates, straightens and reads the MRZ of a photo. Same code in the browser worker and in Node. */
export async function readMrz(pixels: PixelBuffer, engine: OcrEngine): Promise<MrzReading> {
	const located = locateMrz(pixels);
	if (!located) return NOTHING;
	const ocr = await engine.recognize(encodePgm(located.image));
	return interpret(ocr, located.band.lines.length, located.band.charsPerLine);
}
