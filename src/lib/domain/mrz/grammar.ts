/**
 * What each MRZ position may hold, and how OCR typically misreads it. Used by the candidate chooser
 * to tell grammatical repairs (the read character cannot be right here) from mere possibilities
 * (another character would also fit, and only a check digit can decide).
 */
import type { CharClass } from './layout';

const DIGIT = /^[0-9]$/;
const LETTER = /^[A-Z]$/;

export function isAllowed(chars: CharClass, char: string): boolean {
	switch (chars) {
		case 'alpha':
			return LETTER.test(char) || char === '<';
		case 'numeric':
			// Dates may be all fillers when unknown (ICAO 9303 part 3).
			return DIGIT.test(char) || char === '<';
		case 'alnum':
			return LETTER.test(char) || DIGIT.test(char) || char === '<';
		case 'sex':
			return char === 'M' || char === 'F' || char === 'X' || char === '<';
		case 'check':
			return DIGIT.test(char);
		case 'checkOrFiller':
			return DIGIT.test(char) || char === '<';
	}
}

// Shapes OCR-B readers confuse. Only used where the grammar or a check digit can confirm the swap.
const LETTER_TO_DIGIT: Readonly<Record<string, string>> = {
	O: '0',
	D: '0',
	Q: '0',
	I: '1',
	Z: '2',
	S: '5',
	G: '6',
	B: '8'
};
const DIGIT_TO_LETTER: Readonly<Record<string, string>> = {
	'0': 'O',
	'1': 'I',
	'2': 'Z',
	'5': 'S',
	'6': 'G',
	'8': 'B'
};
/** The filler `<` is thin and angular; generic models read it as one of these. */
export const FILLER_LOOKALIKES: ReadonlySet<string> = new Set(['K', 'L', 'C', 'S', 'H']);

/**
 * The one character a read must have been, when the read itself is not allowed here; undefined
 * when there is no single obvious fix (the read then stays unrepaired and the MRZ is rejected).
 */
export function grammaticalFix(chars: CharClass, char: string): string | undefined {
	if (isAllowed(chars, char)) return char;
	// No fix for the sex field: an H there could be a filler or an M.
	const candidates = chars === 'sex' ? [] : [LETTER_TO_DIGIT[char], DIGIT_TO_LETTER[char]];
	const fixes = candidates.filter((fix): fix is string => fix !== undefined && isAllowed(chars, fix));
	return fixes.length === 1 ? fixes[0] : undefined;
}

/**
 * Characters that a read may really have been, for positions covered by a check digit. They are
 * only tried one at a time, and kept only if the check digit then holds.
 */
export function confusableWith(chars: CharClass, char: string): string[] {
	const options = [LETTER_TO_DIGIT[char], DIGIT_TO_LETTER[char]];
	if (FILLER_LOOKALIKES.has(char)) options.push('<');
	return options.filter((option): option is string => option !== undefined && isAllowed(chars, option));
}

/**
 * Position (within a field's text) from which everything must be fillers. Names: components are
 * separated by `<`, surnames from given names once by `<<`, so a run of three fillers or a second
 * `<<` can only be padding. Document numbers are left-aligned, so padding starts at the first `<`.
 */
export function paddingStart(fieldName: string, text: string): number | undefined {
	if (fieldName === 'names') {
		const separator = text.indexOf('<<');
		const secondSeparator = separator === -1 ? -1 : text.indexOf('<<', separator + 2);
		const starts = [text.indexOf('<<<'), secondSeparator].filter((start) => start !== -1);
		return starts.length > 0 ? Math.min(...starts) : undefined;
	}
	if (fieldName === 'documentNumber') {
		const filler = text.indexOf('<');
		return filler === -1 ? undefined : filler;
	}
	return undefined;
}
