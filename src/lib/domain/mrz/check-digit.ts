/**
 * ICAO 9303 check digit: characters get values (digits 0–9, A–Z 10–35, filler `<` 0),
 * are multiplied by the repeating weights 7, 3, 1 and summed modulo 10.
 *
 * Worth knowing when repairing OCR reads: `<`, `0`, `A`, `K` and `U` all weigh 0 modulo 10, and
 * so do `6` and `G`, so a check digit can never tell those apart.
 */
const WEIGHTS = [7, 3, 1] as const;

/** Value of one MRZ character, or undefined for characters outside the MRZ alphabet. */
export function mrzCharValue(char: string): number | undefined {
	if (char === '<') return 0;
	if (/^[0-9]$/.test(char)) return Number(char);
	if (/^[A-Z]$/.test(char)) return char.charCodeAt(0) - 55;
	return undefined;
}

/** The check digit for `text`, or undefined if it holds a character outside the MRZ alphabet. */
export function checkDigit(text: string): number | undefined {
	let sum = 0;
	for (let index = 0; index < text.length; index++) {
		const value = mrzCharValue(text.charAt(index));
		if (value === undefined) return undefined;
		sum += value * WEIGHTS[index % 3]!;
	}
	return sum % 10;
}

/** Whether `digit` (one character as printed) is the correct check digit for `text`. */
export function isCheckDigitValid(text: string, digit: string): boolean {
	const expected = checkDigit(text);
	return expected !== undefined && digit === String(expected);
}
