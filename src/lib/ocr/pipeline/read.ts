import { checkedPositions, chooseMrz, type LineRead, type Repair } from '../../domain/mrz/candidates';
import { columnClasses, layoutFor } from '../../domain/mrz/layout';
import { parseMrz, type MrzFields, type MrzFormat } from '../../domain/mrz/parse';
import { alignRead } from './align';
import { allCodesPlausible, codesPlausible } from './codes';
import { boxBlur, median3 } from './filters';
import { fitLength } from './fit';
import { lineText, type OcrLine } from './hocr';
import type { PixelBuffer } from './image';
import { mrzCandidates, type LocatedMrz } from './locate';
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
/**
 * Where no check digit covers a character (names, codes), nothing else can catch a misread: a look whose
 * runner-up there reached this confidence saw two characters, and the reading waits for the traveller. On a
 * heavily blurred photo both looks chose X for the I of VALENTINA, one with I at 80 as runner-up; among
 * 327 generated documents read exactly, 3 had a runner-up this high (Node, two looks; seeds 7, 11, 2026).
 */
export const MAX_UNCHECKED_RUNNER_UP = 70;
/**
 * A runner-up at this confidence means the engine hesitated over a character. Hesitations at three
 * characters of the reading mark a photo degraded enough for confident misreads too (WOJCIECHOWSKA read as
 * WOJCSECHOWSKA by two looks at 93): its names and codes then wait for the traveller. Counted per character,
 * not per look: the I of ITA that all three looks doubted (Z at 72) is one blurred glyph, and counting it
 * three times refused exact readings (0 false accepts either way on 369 generated documents in Chromium,
 * seeds 2026, 7, 23; 102 more, seed 31, measured after the change).
 */
const HESITATION_RUNNER_UP = 30;
const MAX_HESITATIONS = 2;
/** Box-blur radius (pixels of the straightened band) of the second look. */
const SECOND_LOOK_BLUR = 2;
/** Surnames, then optionally `<<` and given names; names are separated by single `<`; then only fillers. */
const NAMES = /^[A-Z]+(<[A-Z]+)*(<<[A-Z]+(<[A-Z]+)*)?<*$/;

/**
 * Check digits say nothing about names, states or sex, and cannot tell `<`, `0`, `A`, `K`, `U` apart (they
 * weigh the same). So a reading is only accepted when the names are well-formed and every character was
 * read with confidence, unless a check digit confirmed its repair.
 */
function soundBeyondCheckDigits(lines: string[], runs: OcrLine[][], repairs: Repair[]): boolean {
	const layout = layoutFor(lines.length, lines[0]!.length)!;
	const names = layout.fields.find((field) => field.name === 'names')!;
	if (!NAMES.test(lines[names.line]!.slice(names.start, names.end))) return false;
	const repaired = new Set(
		repairs.filter((r) => r.confirmedBy === 'check-digit').map((r) => `${r.line}:${r.column}`)
	);
	// Each character must have been read as chosen, with confidence, by every OCR run (the image variants):
	// a model can be confidently wrong on one rendering of a glyph, rarely the same way on both. Runs are
	// lined up with the chosen text first, so a glyph one run saw twice does not discredit the rest.
	const aligned = runs.map((run) => lines.map((line, l) => alignRead(line, run[l] ?? [])));
	const readAsChosen = (run: (typeof aligned)[number], l: number, c: number) => {
		const best = run[l]![c]?.choices[0];
		return best !== undefined && best.confidence >= MIN_CONFIDENCE && best.char === lines[l]![c];
	};
	// A runner-up is only a doubt if it could be there: in a coded field, one that would make the code a
	// code that does not exist (0 in NOR, Z in ITA) is ruled out by the closed list.
	const couldBe = (l: number, c: number, char: string) =>
		codesPlausible(layout, l, lines[l]!.slice(0, c) + char + lines[l]!.slice(c + 1));
	const runnerUp = (run: (typeof aligned)[number], l: number, c: number) => {
		const second = run[l]![c]?.choices[1];
		return second !== undefined && couldBe(l, c, second.char) ? second.confidence : 0;
	};
	const readWithoutDoubt = (run: (typeof aligned)[number], l: number, c: number) =>
		readAsChosen(run, l, c) && runnerUp(run, l, c) < MAX_UNCHECKED_RUNNER_UP;
	// Where a check digit covers the position and the runs disagree, the chooser has already found that
	// only one run's character satisfies it (two would have made the reading ambiguous): one confident
	// run suffices there, as for any alternative a check digit confirms.
	const checked = checkedPositions(layout);
	// Likewise in a coded field: a run whose character there would make the code one that does not exist
	// (D<JPN for P<JPN, ONK for DNK) has been ruled out by the closed list, not outvoted.
	const ruledOut = (run: (typeof aligned)[number], l: number, c: number) => {
		const char = run[l]![c]?.choices[0]?.char;
		return char !== undefined && char !== lines[l]![c] && !couldBe(l, c, char);
	};
	const hesitant = (run: (typeof aligned)[number], l: number, c: number) =>
		runnerUp(run, l, c) >= HESITATION_RUNNER_UP;
	// Counted per character of the reading: one blurred glyph that every look doubts is one doubt.
	const hesitations = lines.reduce(
		(count, line, l) => count + [...line].filter((_, c) => aligned.some((run) => hesitant(run, l, c))).length,
		0
	);
	const trustUnchecked = hesitations <= MAX_HESITATIONS;
	const readCleanly = (run: (typeof aligned)[number], l: number, c: number) =>
		readAsChosen(run, l, c) && !hesitant(run, l, c);
	const sawChosen = (run: (typeof aligned)[number], l: number, c: number) =>
		(run[l]![c]?.choices ?? []).slice(0, 2).some((choice) => choice.char === lines[l]![c]);
	const agreed = (l: number, c: number) => {
		const doubting = aligned.filter((run) => !(readWithoutDoubt(run, l, c) || ruledOut(run, l, c)));
		// One look in three may waver (X at 83 with I at 64) where the other two read the character
		// cleanly, as long as it saw that character too.
		return (
			doubting.length === 0 ||
			(doubting.length === 1 &&
				aligned.filter((run) => readCleanly(run, l, c)).length >= 2 &&
				sawChosen(doubting[0]!, l, c))
		);
	};
	const confident = (l: number, c: number) =>
		runs.length >= 2 &&
		aligned.some((run) => readAsChosen(run, l, c)) &&
		(checked.has(`${l}:${c}`) || (trustUnchecked && agreed(l, c)));
	// No check digit covers the document code or the states, and a misread letter (FIN as FZN) can be read
	// the same way twice: a code that does not exist is a misread, whoever agrees on it.
	if (!allCodesPlausible(layout, lines)) return false;
	// A grammar fix is certain when it restores padding, and confirmed by its check digit where one covers
	// it; elsewhere it is a guess (PR1 fixed to PRI, Puerto Rico, on a page saying PRT).
	const grammarFixed = new Set(
		repairs
			.filter((r) => r.confirmedBy === 'grammar')
			.filter((r) => r.chosen === '<' || checked.has(`${r.line}:${r.column}`))
			.map((r) => `${r.line}:${r.column}`)
	);
	return lines.every((line, l) =>
		[...line].every((_, c) => repaired.has(`${l}:${c}`) || grammarFixed.has(`${l}:${c}`) || confident(l, c))
	);
}

const toLineRead = (line: OcrLine): LineRead => ({
	text: lineText(line),
	choices: line.map((s) => s.choices)
});

/** The MRZ lines of one OCR run as read, or null if the run has too few long lines. */
function pickMrzLines(ocr: OcrLine[], count: number): OcrLine[] | null {
	// Specks and other text give short lines; the MRZ lines are the long ones, in order.
	const long = ocr.filter((line) => line.length >= 22);
	return long.length < count ? null : long.slice(-count);
}

/** The line length a run's MRZ lines show: 30 for three lines, else 36 or 44, whichever is nearer. */
function lineLengthOf(picked: OcrLine[]): number {
	const count = picked.length;
	const typical = [...picked.map((l) => l.length)].sort((a, b) => a - b)[count >> 1]!;
	return count === 3 ? 30 : Math.abs(typical - 36) < Math.abs(typical - 44) ? 36 : 44;
}

/** A run's MRZ lines brought to the format's length. */
function fitLines(picked: OcrLine[], length: number): OcrLine[] {
	const layout = layoutFor(picked.length, length);
	return picked.map((line, index) =>
		fitLength(line, length, layout ? columnClasses(layout, index) : undefined)
	);
}

/**
 * Turns one or more OCR runs over the same band (different image variants) into the best MRZ reading, for
 * the number of lines the band showed. The chooser gets every run's reading of each line.
 */
export function interpret(runs: OcrLine[][], expectedLines: number, today: Date): MrzReading {
	const count = expectedLines === 3 ? 3 : 2;
	const picked = runs
		.map((run) => pickMrzLines(run, count))
		.filter((lines): lines is OcrLine[] => lines !== null);
	if (picked.length === 0) return { ...NOTHING, problem: 'unreadable' };
	const length = lineLengthOf(picked[0]!);
	const fitted = picked.map((lines) => fitLines(lines, length));
	// Whether a run saw line l with exactly the line's length: one that saw a glyph twice (EKA3L for EA3L)
	// had to be cut to fit, and the cut may fall anywhere.
	const wholeLength = picked.map((lines) => lines.map((line) => line.length === length));
	// Text no check digit covers comes from the first read of a line that works: put reads whose document
	// code and states exist first, so a run that saw P<JPN wins over one that saw D<JPN; then reads that
	// needed no cutting or padding.
	const layout = layoutFor(count, length);
	const rank = (read: LineRead, run: number, l: number) =>
		(layout && codesPlausible(layout, l, read.text) ? 2 : 0) + (wholeLength[run]![l] ? 1 : 0);
	const preferred = (l: number) =>
		fitted
			.map((lines) => toLineRead(lines[l]!))
			.map((read, run) => ({ read, rank: rank(read, run, l) }))
			.sort((a, b) => b.rank - a.rank)
			.map(({ read }) => read);
	const choice = chooseMrz(fitted[0]!.map((_, l) => preferred(l)));
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
			soundBeyondCheckDigits(
				choice.lines,
				runs.map((run) => pickMrzLines(run, count) ?? []),
				confirmed ? choice.repairs : []
			),
		failedChecks: [...read.failedChecks],
		problem: null
	};
}

/**
 * Locates, straightens and reads the MRZ of a photo. Same code in the browser worker and in Node.
 * A band that does not read as a valid MRZ may be texture shaped like one, so the next band the
 * locator finds is read too; the first valid reading wins, else the first that parsed at all.
 */
export async function readMrz(
	pixels: PixelBuffer,
	engine: OcrEngine,
	today = new Date()
): Promise<MrzReading> {
	let best: MrzReading | null = null;
	for (const located of mrzCandidates(pixels)) {
		const reading = await readBand(located, engine, today);
		if (reading.valid) return reading;
		if (!best || (best.problem !== null && reading.problem === null)) best = reading;
	}
	return best ?? NOTHING;
}

async function readBand(located: LocatedMrz, engine: OcrEngine, today: Date): Promise<MrzReading> {
	// Three looks at the band: the normalised greyscale, the same slightly blurred, and the same through a
	// median filter. The chooser combines their readings, and a reading is only accepted where they agree.
	// (A black-and-white look made jagged glyphs the model misread far more often, so it vetoed good reads:
	// 13 of 35 generated documents accepted against 20 with the blur, `tests/bench/mrz`.) The median look
	// removes the specks the other two share: without it, both read VALENTINA as VALENTXNA at 93 on a noisy
	// photo in Chromium and the reading was accepted (1 false accept in 339 generated documents with two
	// looks and the doubt rules above; 0 in 447 with three, `npm run bench:mrz -- --seed 7`).
	const runs = [
		await engine.recognize(encodePgm(located.image)),
		await engine.recognize(encodePgm(boxBlur(located.image, SECOND_LOOK_BLUR))),
		await engine.recognize(encodePgm(median3(located.image)))
	];
	return interpret(runs, located.band.lines.length, today);
}
