import { grammaticalFix } from '../../domain/mrz/grammar';
import type { CharClass } from '../../domain/mrz/layout';
import type { OcrLine, OcrSymbol } from './hocr';

// An inserted filler is a guess about padding; it counts as read, and the check digits and grammar still decide.
const FILLER: OcrSymbol = { choices: [{ char: '<', confidence: 60 }] };
/** Up to this many surplus or missing symbols are placed by the grammar; beyond, only filler runs change. */
const MAX_GRAMMAR_EDITS = 2;
/** A symbol the position cannot hold outweighs any sum of deleted confidences (at most 100 each). */
const MISFIT_COST = 1000;

/** Start and length of the longest run of symbols read as `<`. */
function longestFillerRun(line: OcrLine): [number, number] {
	let best: [number, number] = [-1, 0];
	for (let i = 0; i < line.length;) {
		if (line[i]!.choices[0]?.char !== '<') {
			i++;
			continue;
		}
		let end = i;
		while (end < line.length && line[end]!.choices[0]?.char === '<') end++;
		if (end - i > best[1]) best = [i, end - i];
		i = end;
	}
	return best;
}

/** The old rule, for lines far off the format's length: change the longest filler run only. */
function fitByFillerRun(line: OcrLine, length: number): OcrLine {
	const out = [...line];
	while (out.length > length) {
		const [start, run] = longestFillerRun(out);
		if (run > 1) out.splice(start + run - 1, 1);
		else {
			// No filler run to shorten: drop the least confident symbol (often a speck read at an end).
			let worst = 0;
			out.forEach((s, i) => {
				if ((s.choices[0]?.confidence ?? 0) < (out[worst]!.choices[0]?.confidence ?? 0)) worst = i;
			});
			out.splice(worst, 1);
		}
	}
	while (out.length < length) {
		const [start, run] = longestFillerRun(out);
		out.splice(run > 0 ? start : out.length, 0, FILLER);
	}
	return out;
}

/** Positions (sorted, repeats allowed when `repeat`) of `k` edits among `n` places. */
function* placements(n: number, k: number, repeat: boolean, from = 0): Generator<number[]> {
	if (k === 0) {
		yield [];
		return;
	}
	for (let i = from; i < n; i++) {
		for (const rest of placements(n, k - 1, repeat, repeat ? i : i + 1)) yield [i, ...rest];
	}
}

/** Symbols whose best reading the position cannot hold, not even through an obvious look-alike fix. */
function misfits(line: OcrLine, classes: readonly CharClass[]): number {
	let count = 0;
	line.forEach((symbol, column) => {
		if (grammaticalFix(classes[column]!, symbol.choices[0]?.char ?? '') === undefined) count++;
	});
	return count;
}

/**
 * Brings a line read by OCR to the format's exact length. A model sometimes reads one glyph as two or
 * misses one; where the surplus or gap is small, every placement is tried and the one that leaves the
 * fewest characters the MRZ grammar forbids wins (ties: the least confident symbols go, and gaps are
 * filled next to fillers, since runs of identical `<` are what OCR miscounts most). This never invents a
 * data character, and the check digits still decide whether the result is accepted.
 */
export function fitLength(line: OcrLine, length: number, classes?: readonly CharClass[]): OcrLine {
	const gap = length - line.length;
	if (gap === 0) return [...line];
	if (!classes || classes.length !== length || Math.abs(gap) > MAX_GRAMMAR_EDITS)
		return fitByFillerRun(line, length);
	const [runStart, runLength] = longestFillerRun(line);
	const inRun = (i: number) => runLength > 0 && i >= runStart && i < runStart + runLength;
	let best: { line: OcrLine; cost: number } | null = null;
	if (gap < 0) {
		for (const dropped of placements(line.length, -gap, false)) {
			const kept = line.filter((_, i) => !dropped.includes(i));
			const lost = dropped.reduce((sum, i) => sum + (line[i]!.choices[0]?.confidence ?? 0), 0);
			// Between equally confident fillers, shorten the padding run rather than a `<<` separator.
			const outsideRun = dropped.filter((i) => !inRun(i)).length / 2;
			const cost = misfits(kept, classes) * MISFIT_COST + lost + outsideRun;
			if (!best || cost < best.cost) best = { line: kept, cost };
		}
	} else {
		for (const spots of placements(line.length + 1, gap, true)) {
			const out = [...line];
			// Insert from the right so earlier positions keep their meaning.
			for (const spot of [...spots].reverse()) out.splice(spot, 0, FILLER);
			const besideFiller = spots.filter(
				(spot) => line[spot]?.choices[0]?.char === '<' || line[spot - 1]?.choices[0]?.char === '<'
			).length;
			const outsideRun = spots.filter((spot) => !inRun(spot) && !inRun(spot - 1)).length / 2;
			const cost = misfits(out, classes) * MISFIT_COST + (gap - besideFiller) + outsideRun;
			if (!best || cost < best.cost) best = { line: out, cost };
		}
	}
	return best!.line;
}
