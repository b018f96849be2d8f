import { isKnownStateCode } from '../../domain/documents/countries';
import type { FormatLayout } from '../../domain/mrz/layout';

/** Fields no check digit covers but a closed list does: the document code's first letter and two states. */
const CODE_FIELDS = ['documentType', 'issuingState', 'nationality'] as const;

/** ICAO 9303: passports start with P (V for visas), identity cards with A, C or I. */
const documentCodes = (layout: FormatLayout) => (layout.format === 'TD3' ? 'PV' : 'ACI');

/**
 * Whether the coded fields on one line of a reading hold values that exist: the document code's first
 * letter and the issuing state or nationality (an ICAO code). A misread letter in them (FIN as FZN, P as D)
 * mostly leaves the closed list, so an implausible reading is a misread, whoever agrees on it.
 */
export function codesPlausible(layout: FormatLayout, line: number, text: string): boolean {
	for (const name of CODE_FIELDS) {
		const field = layout.fields.find((candidate) => candidate.name === name)!;
		if (field.line !== line) continue;
		const value = text.slice(field.start, field.end);
		const ok =
			name === 'documentType' ? documentCodes(layout).includes(value.charAt(0)) : isKnownStateCode(value);
		if (!ok) return false;
	}
	return true;
}

/** Every line's coded fields are plausible. */
export const allCodesPlausible = (layout: FormatLayout, lines: readonly string[]) =>
	lines.every((text, line) => codesPlausible(layout, line, text));
