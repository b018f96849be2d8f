/**
 * MRZ dates have two-digit years. The century has to be inferred, and the right rule differs by
 * field, so each field gets its own function. All take `today` as an argument so that results are
 * reproducible and testable.
 */

export interface YearMonthDay {
	readonly year: number;
	readonly month: number;
	readonly day: number;
}

/** Splits YYMMDD into numbers; undefined if it is not six digits or not a calendar date. */
function splitYymmdd(yymmdd: string): YearMonthDay | undefined {
	if (!/^\d{6}$/.test(yymmdd)) return undefined;
	return {
		year: Number(yymmdd.slice(0, 2)),
		month: Number(yymmdd.slice(2, 4)),
		day: Number(yymmdd.slice(4, 6))
	};
}

function isCalendarDate(year: number, month: number, day: number): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function toIso(year: number, month: number, day: number): string | undefined {
	if (!isCalendarDate(year, month, day)) return undefined;
	const pad = (value: number, width: number) => String(value).padStart(width, '0');
	return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function todayParts(today: Date): YearMonthDay {
	return { year: today.getUTCFullYear(), month: today.getUTCMonth() + 1, day: today.getUTCDate() };
}

/** Remainder that is never negative, so year arithmetic can wrap around a century. */
function modulo(value: number, divisor: number): number {
	return ((value % divisor) + divisor) % divisor;
}

function compare(a: YearMonthDay, b: YearMonthDay): number {
	return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * Birth date as ISO YYYY-MM-DD. A traveller cannot be born in the future, so the year is the
 * latest one ending in YY that is not after `today`: on 2026-11-25, `260101` is 2026 but
 * `270101` is 1927. People over 100 with a birthday in YY's future part of the century come out
 * a century too young; that is rare, and the reader confirms the date on screen anyway.
 */
export function expandBirthDate(yymmdd: string, today: Date): string | undefined {
	const parts = splitYymmdd(yymmdd);
	if (!parts) return undefined;
	const now = todayParts(today);
	let year = now.year - modulo(now.year - parts.year, 100);
	if (compare({ ...parts, year }, now) > 0) year -= 100;
	return toIso(year, parts.month, parts.day);
}

/**
 * Expiry date as ISO YYYY-MM-DD. Documents are issued for at most about ten years, and an expired
 * one may still be presented, so the year is the one ending in YY between 10 years before and 20
 * years after `today`. A YY outside that window cannot belong to a document someone is showing
 * today, so it is treated as a misread (undefined) rather than guessed.
 */
export function expandExpiryDate(yymmdd: string, today: Date): string | undefined {
	const parts = splitYymmdd(yymmdd);
	if (!parts) return undefined;
	const now = todayParts(today);
	const earliest = now.year - 10;
	const year = earliest + modulo(parts.year - earliest, 100);
	if (year > now.year + 20) return undefined;
	return toIso(year, parts.month, parts.day);
}
