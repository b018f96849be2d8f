/**
 * Turns MRZ lines into typed fields. The `mrz` package does the field splitting and name parsing;
 * it throws on malformed input and validates state codes against its own list (which lacks the
 * ICAO specimen state UTO), so input is checked here first and validity comes from our own check
 * digit verification.
 */
import { parse } from 'mrz';

import { expandBirthDate, expandExpiryDate } from './century';
import { documentNumberOf, failedChecks, layoutFor, segmentText, type MrzFormat } from './layout';

export type { MrzFormat } from './layout';

export interface MrzFields {
	/** As printed without fillers: 'P', 'PD', 'I', 'ID', ... */
	readonly documentType: string;
	/** ICAO code; Germany's one-letter `D` is given as 'DEU' like every other alpha-3 code. */
	readonly issuingState: string;
	readonly surnames: string;
	readonly givenNames: string;
	readonly documentNumber: string;
	/** ICAO code, `D` normalised to 'DEU' as for issuingState. */
	readonly nationality: string;
	/** ISO YYYY-MM-DD; null when unknown (fillers) or not a calendar date. */
	readonly birthDate: string | null;
	/** `<` (unspecified) is reported as 'X', which ICAO also uses for unspecified. */
	readonly sex: 'M' | 'F' | 'X';
	/** ISO YYYY-MM-DD; null when not a date a document shown today could have. */
	readonly expiryDate: string | null;
	/** TD3 only, and only when the document has one. */
	readonly personalNumber?: string;
}

export type MrzFieldName = keyof MrzFields;

export interface MrzRead {
	readonly format: MrzFormat;
	readonly lines: readonly string[];
	readonly fields: MrzFields;
	/** Every check digit holds. */
	readonly valid: boolean;
	readonly failedChecks: readonly string[];
	/** Fields no check digit covers: an OCR error there goes unnoticed, so a person must confirm them. */
	readonly unprotectedFields: readonly MrzFieldName[];
}

export type MrzParseErrorCode =
	'wrong-line-count' | 'wrong-line-length' | 'invalid-characters' | 'unsupported-format';

export type MrzParseResult =
	| { readonly ok: true; readonly read: MrzRead }
	| { readonly ok: false; readonly error: MrzParseErrorCode; readonly message: string };

// No check digit covers these in any of TD1, TD2 and TD3 (see the `checks` in layout.ts).
const UNPROTECTED: readonly MrzFieldName[] = [
	'documentType',
	'issuingState',
	'surnames',
	'givenNames',
	'nationality',
	'sex'
];

const failure = (error: MrzParseErrorCode, message: string): MrzParseResult => ({
	ok: false,
	error,
	message
});

function stateCode(raw: string): string {
	const code = raw.replace(/</g, '');
	return code === 'D' ? 'DEU' : code;
}

export function parseMrz(input: string | readonly string[], today: Date): MrzParseResult {
	const lines = (typeof input === 'string' ? input.split(/\r?\n/) : [...input])
		.map((line) => line.trim())
		.filter((line) => line !== '');
	if (lines.length !== 2 && lines.length !== 3) {
		return failure('wrong-line-count', `expected 2 or 3 lines, got ${lines.length}`);
	}
	const length = lines[0]!.length;
	if (lines.some((line) => line.length !== length)) {
		return failure('wrong-line-length', 'lines differ in length');
	}
	const layout = layoutFor(lines.length, length);
	if (!layout) return failure('wrong-line-length', `no MRZ format has ${lines.length} lines of ${length}`);
	if (lines.some((line) => !/^[A-Z0-9<]+$/.test(line))) {
		return failure('invalid-characters', 'only A-Z, 0-9 and < may appear');
	}

	let parsed: ReturnType<typeof parse>;
	try {
		parsed = parse(lines);
	} catch (error) {
		return failure('unsupported-format', error instanceof Error ? error.message : String(error));
	}
	if (parsed.format !== layout.format) {
		return failure('unsupported-format', `read as ${parsed.format}, not an ICAO ${layout.format} document`);
	}

	const raw = (name: string) => {
		const field = layout.fields.find((candidate) => candidate.name === name)!;
		return segmentText(lines, field);
	};
	const sex = raw('sex');
	const personalNumber = layout.format === 'TD3' ? raw('personalNumber').replace(/<+$/, '') : '';
	const failed = failedChecks(layout, lines);
	const fields: MrzFields = {
		documentType: raw('documentType').replace(/</g, ''),
		issuingState: stateCode(raw('issuingState')),
		surnames: parsed.fields.lastName ?? '',
		givenNames: parsed.fields.firstName ?? '',
		documentNumber: documentNumberOf(layout, lines),
		nationality: stateCode(raw('nationality')),
		birthDate: expandBirthDate(raw('birthDate'), today) ?? null,
		sex: sex === 'M' || sex === 'F' ? sex : 'X',
		expiryDate: expandExpiryDate(raw('expiryDate'), today) ?? null,
		...(personalNumber ? { personalNumber } : {})
	};
	return {
		ok: true,
		read: {
			format: layout.format,
			lines,
			fields,
			valid: failed.length === 0,
			failedChecks: failed,
			unprotectedFields: UNPROTECTED
		}
	};
}
