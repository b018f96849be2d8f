/**
 * How long a token is valid. A receipt serves at the airport: it lasts until 30 days after the announced
 * arrival (flights move), and never less than 30 days from issue. An entry record lasts as long as the
 * authorized stay. All in seconds since the epoch; dates are ISO (YYYY-MM-DD), read as UTC.
 */
const DAY = 86_400;
export const RECEIPT_GRACE_DAYS = 30;

function endOfDay(isoDate: string): number {
	const start = Date.parse(`${isoDate}T00:00:00Z`);
	if (Number.isNaN(start)) throw new RangeError(`Not an ISO date: ${isoDate}`);
	return start / 1000 + DAY;
}

export function receiptExpiry(arrivalDate: string, issuedAt: number): number {
	return Math.max(endOfDay(arrivalDate), issuedAt) + RECEIPT_GRACE_DAYS * DAY;
}

export function entryExpiry(entryDate: string, daysAuthorized: number): number {
	return endOfDay(entryDate) + daysAuthorized * DAY;
}

/** The last day of an authorized stay (the entry day counts as day 1). */
export function lastDayOfStay(entryDate: string, daysAuthorized: number): string {
	return new Date((endOfDay(entryDate) - DAY + (daysAuthorized - 1) * DAY) * 1000).toISOString().slice(0, 10);
}
