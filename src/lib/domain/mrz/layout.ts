/**
 * Where each field sits in the three ICAO 9303 MRZ formats, what characters it may hold, and which
 * check digit covers it. Both the OCR candidate chooser and the parser work from this one table.
 */
import { isCheckDigitValid } from './check-digit';

export type MrzFormat = 'TD1' | 'TD2' | 'TD3';

/** What a position may hold. `checkOrFiller`: optional fields may leave their check digit blank. */
export type CharClass = 'alpha' | 'numeric' | 'alnum' | 'sex' | 'check' | 'checkOrFiller';

export interface Segment {
	readonly line: number;
	readonly start: number;
	readonly end: number;
}

export interface FieldLayout extends Segment {
	readonly name: string;
	readonly chars: CharClass;
}

export interface CheckLayout {
	readonly name: string;
	/** The covered text is these segments concatenated. */
	readonly covers: readonly Segment[];
	readonly digit: Segment;
}

export interface FormatLayout {
	readonly format: MrzFormat;
	readonly lineLength: number;
	readonly fields: readonly FieldLayout[];
	readonly checks: readonly CheckLayout[];
}

const field = (name: string, line: number, start: number, end: number, chars: CharClass): FieldLayout => ({
	name,
	line,
	start,
	end,
	chars
});
const at = (line: number, start: number, end: number): Segment => ({ line, start, end });

// Line 1 of TD3 and TD2 carries only document type, issuing state and names: no check digit.
const TD3: FormatLayout = {
	format: 'TD3',
	lineLength: 44,
	fields: [
		field('documentType', 0, 0, 2, 'alpha'),
		field('issuingState', 0, 2, 5, 'alpha'),
		field('names', 0, 5, 44, 'alpha'),
		field('documentNumber', 1, 0, 9, 'alnum'),
		field('documentNumberCheck', 1, 9, 10, 'check'),
		field('nationality', 1, 10, 13, 'alpha'),
		field('birthDate', 1, 13, 19, 'numeric'),
		field('birthDateCheck', 1, 19, 20, 'check'),
		field('sex', 1, 20, 21, 'sex'),
		field('expiryDate', 1, 21, 27, 'numeric'),
		field('expiryDateCheck', 1, 27, 28, 'check'),
		field('personalNumber', 1, 28, 42, 'alnum'),
		field('personalNumberCheck', 1, 42, 43, 'checkOrFiller'),
		field('compositeCheck', 1, 43, 44, 'check')
	],
	checks: [
		{ name: 'documentNumber', covers: [at(1, 0, 9)], digit: at(1, 9, 10) },
		{ name: 'birthDate', covers: [at(1, 13, 19)], digit: at(1, 19, 20) },
		{ name: 'expiryDate', covers: [at(1, 21, 27)], digit: at(1, 27, 28) },
		{ name: 'personalNumber', covers: [at(1, 28, 42)], digit: at(1, 42, 43) },
		{ name: 'composite', covers: [at(1, 0, 10), at(1, 13, 20), at(1, 21, 43)], digit: at(1, 43, 44) }
	]
};

const TD2: FormatLayout = {
	format: 'TD2',
	lineLength: 36,
	fields: [
		field('documentType', 0, 0, 2, 'alpha'),
		field('issuingState', 0, 2, 5, 'alpha'),
		field('names', 0, 5, 36, 'alpha'),
		field('documentNumber', 1, 0, 9, 'alnum'),
		field('documentNumberCheck', 1, 9, 10, 'check'),
		field('nationality', 1, 10, 13, 'alpha'),
		field('birthDate', 1, 13, 19, 'numeric'),
		field('birthDateCheck', 1, 19, 20, 'check'),
		field('sex', 1, 20, 21, 'sex'),
		field('expiryDate', 1, 21, 27, 'numeric'),
		field('expiryDateCheck', 1, 27, 28, 'check'),
		field('optional', 1, 28, 35, 'alnum'),
		field('compositeCheck', 1, 35, 36, 'check')
	],
	checks: [
		{ name: 'documentNumber', covers: [at(1, 0, 9)], digit: at(1, 9, 10) },
		{ name: 'birthDate', covers: [at(1, 13, 19)], digit: at(1, 19, 20) },
		{ name: 'expiryDate', covers: [at(1, 21, 27)], digit: at(1, 27, 28) },
		{ name: 'composite', covers: [at(1, 0, 10), at(1, 13, 20), at(1, 21, 35)], digit: at(1, 35, 36) }
	]
};

// TD1 document numbers longer than 9 characters put `<` in the check digit position and continue
// in the optional field, ending with their check digit; `documentNumberCheck` below handles that.
const TD1: FormatLayout = {
	format: 'TD1',
	lineLength: 30,
	fields: [
		field('documentType', 0, 0, 2, 'alpha'),
		field('issuingState', 0, 2, 5, 'alpha'),
		field('documentNumber', 0, 5, 14, 'alnum'),
		field('documentNumberCheck', 0, 14, 15, 'checkOrFiller'),
		field('optional1', 0, 15, 30, 'alnum'),
		field('birthDate', 1, 0, 6, 'numeric'),
		field('birthDateCheck', 1, 6, 7, 'check'),
		field('sex', 1, 7, 8, 'sex'),
		field('expiryDate', 1, 8, 14, 'numeric'),
		field('expiryDateCheck', 1, 14, 15, 'check'),
		field('nationality', 1, 15, 18, 'alpha'),
		field('optional2', 1, 18, 29, 'alnum'),
		field('compositeCheck', 1, 29, 30, 'check'),
		field('names', 2, 0, 30, 'alpha')
	],
	checks: [
		{ name: 'documentNumber', covers: [at(0, 5, 14)], digit: at(0, 14, 15) },
		{ name: 'birthDate', covers: [at(1, 0, 6)], digit: at(1, 6, 7) },
		{ name: 'expiryDate', covers: [at(1, 8, 14)], digit: at(1, 14, 15) },
		{
			name: 'composite',
			covers: [at(0, 5, 30), at(1, 0, 7), at(1, 8, 15), at(1, 18, 29)],
			digit: at(1, 29, 30)
		}
	]
};

export const LAYOUTS: readonly FormatLayout[] = [TD1, TD2, TD3];

/** The layout whose line count and length match, if any. */
export function layoutFor(lineCount: number, lineLength: number): FormatLayout | undefined {
	const lines = (layout: FormatLayout) => (layout.format === 'TD1' ? 3 : 2);
	return LAYOUTS.find((layout) => lines(layout) === lineCount && layout.lineLength === lineLength);
}

/** What each column of one line of a format may hold. */
export function columnClasses(layout: FormatLayout, line: number): CharClass[] {
	const classes: CharClass[] = [];
	for (const field of layout.fields)
		if (field.line === line) for (let c = field.start; c < field.end; c++) classes[c] = field.chars;
	return classes;
}

export function segmentText(lines: readonly string[], segment: Segment): string {
	return (lines[segment.line] ?? '').slice(segment.start, segment.end);
}

/** TD1 long document number: the overflow in optional field 1, up to its first filler. */
function td1LongNumber(lines: readonly string[]): { number: string; digit: string } | undefined {
	const line = lines[0] ?? '';
	if (line.charAt(14) !== '<' || line.charAt(15) === '<') return undefined;
	const overflow = line.slice(15, 30).split('<')[0] ?? '';
	return { number: line.slice(5, 14) + overflow.slice(0, -1), digit: overflow.slice(-1) };
}

/** Whether one check digit holds. Blank optional fields may have a blank check digit. */
export function checkPasses(layout: FormatLayout, check: CheckLayout, lines: readonly string[]): boolean {
	if (layout.format === 'TD1' && check.name === 'documentNumber') {
		const long = td1LongNumber(lines);
		if (long) return isCheckDigitValid(long.number, long.digit);
	}
	const covered = check.covers.map((segment) => segmentText(lines, segment)).join('');
	const digit = segmentText(lines, check.digit);
	if (check.name === 'personalNumber' && digit === '<' && /^<*$/.test(covered)) return true;
	return isCheckDigitValid(covered, digit);
}

/** Names of the check digits that fail; empty means every check passes. */
export function failedChecks(layout: FormatLayout, lines: readonly string[]): string[] {
	return layout.checks.filter((check) => !checkPasses(layout, check, lines)).map((check) => check.name);
}

/** The documentNumber in TD1 long form, otherwise the field without trailing fillers. */
export function documentNumberOf(layout: FormatLayout, lines: readonly string[]): string {
	const long = layout.format === 'TD1' ? td1LongNumber(lines) : undefined;
	if (long) return long.number;
	const segment = layout.fields.find((candidate) => candidate.name === 'documentNumber')!;
	return segmentText(lines, segment).replace(/<+$/, '');
}
