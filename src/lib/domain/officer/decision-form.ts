/**
 * The console's decision form, checked on the device with the server's limits before it is queued
 * (the server checks again: it is the one that counts).
 */
export const CONDITIONS_OF_STAY = [
	'visitor_without_permission_to_work',
	'visitor_with_permission_to_work',
	'regional_visitor',
	'border_worker_visitor',
	'humanitarian_visitor'
] as const;

export interface DecisionDraft {
	decision: 'authorized' | 'refused';
	/** From the number field (null when empty); a whole number from 1 to 180 when valid. */
	daysAuthorized: number | null;
	portOfEntry: string;
	/** `datetime-local` value (the officer's local time). */
	entryAt: string;
	conditionOfStay: (typeof CONDITIONS_OF_STAY)[number];
	refusalReason: string;
}

/** Field → problem code (`officer.decide.error.<field>.<code>`). */
export function decisionProblems(
	draft: DecisionDraft,
	now = Date.now()
): Partial<Record<keyof DecisionDraft, string>> {
	const problems: Partial<Record<keyof DecisionDraft, string>> = {};
	const at = Date.parse(draft.entryAt);
	if (!draft.entryAt || Number.isNaN(at)) problems.entryAt = 'required';
	else if (at > now + 24 * 3600_000) problems.entryAt = 'future';
	if (draft.decision === 'authorized') {
		const days = draft.daysAuthorized;
		if (days === null || Number.isNaN(days)) problems.daysAuthorized = 'required';
		else if (!Number.isInteger(days) || days < 1 || days > 180) problems.daysAuthorized = 'range';
		if (!draft.portOfEntry) problems.portOfEntry = 'required';
	} else {
		const reason = draft.refusalReason.trim();
		if (reason === '') problems.refusalReason = 'required';
		else if (reason.length < 3) problems.refusalReason = 'short';
	}
	return problems;
}

/** Now as a `datetime-local` value in the device's time zone (the field's default). */
export function localNow(date = new Date()): string {
	const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
	return local.toISOString().slice(0, 16);
}
