import type { OcrLine, OcrSymbol } from './hocr';

// An inserted filler is a guess about padding; it counts as read, and the check digits and grammar still decide.
const FILLER: OcrSymbol = { choices: [{ char: '<', confidence: 60 }] };

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

/**
 * Brings a line read by OCR to the format's exact length. OCR mostly miscounts long runs of the filler `<`
 * (identical glyphs side by side), so characters are added to or removed from the longest filler run; this
 * never changes a data character, and the check digits still decide whether the result is accepted.
 */
export function fitLength(line: OcrLine, length: number): OcrLine {
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
