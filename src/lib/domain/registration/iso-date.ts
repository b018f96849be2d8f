/** Calendar dates as the traveller types them (YYYY-MM-DD), compared without time zones. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a valid ISO date, or null for anything else (including 2026-02-30). */
export function dayNumber(iso: string): number | null {
	const match = ISO_DATE.exec(iso);
	if (!match) return null;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const time = Date.UTC(year, month - 1, day);
	const back = new Date(time);
	// Date.UTC rolls 2026-02-30 over to March: a real date survives the round trip unchanged.
	if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day)
		return null;
	return Math.round(time / 86_400_000);
}

/** Today's date on the traveller's device, as an ISO date (local time: the traveller's calendar day). */
export function localIsoDate(now: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
