/**
 * Pure rules for an officer's decision on a registration: what a valid authorization or refusal is.
 * The same limits are applied in the console before sending; the server is the one that counts.
 */

/** Conditions of stay an FMM can carry (Ley de Migración, art. 52 fr. I–III: visitor categories). */
export const CONDITIONS_OF_STAY = [
	'visitor_without_permission_to_work',
	'visitor_with_permission_to_work',
	'regional_visitor',
	'border_worker_visitor',
	'humanitarian_visitor'
] as const;
export type ConditionOfStay = (typeof CONDITIONS_OF_STAY)[number];

export const MAX_DAYS_AUTHORIZED = 180;

export type DecisionInput =
	| {
			decisionId: string;
			registrationId: string;
			decision: 'authorized';
			daysAuthorized: number;
			portOfEntry: string;
			entryAt: string;
			conditionOfStay: ConditionOfStay;
	  }
	| {
			decisionId: string;
			registrationId: string;
			decision: 'refused';
			refusalReason: string;
			entryAt: string;
	  };

export type DecisionField =
	| 'decisionId'
	| 'registrationId'
	| 'decision'
	| 'daysAuthorized'
	| 'portOfEntry'
	| 'entryAt'
	| 'conditionOfStay'
	| 'refusalReason';

export type DecisionCheck =
	| { ok: true; value: DecisionInput }
	| { ok: false; fields: Partial<Record<DecisionField, 'required' | 'invalid'>> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const REGISTRATION_ID = /^registration:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Port codes are short upper-case codes from the shipped list (e.g. MEX, CUN, TIJ). */
const PORT = /^[A-Z0-9-]{2,12}$/;

/** Checks a decision from the console; `now` bounds the entry time (no more than a day ahead). */
export function checkDecision(input: Record<string, unknown>, now: number): DecisionCheck {
	const fields: Partial<Record<DecisionField, 'required' | 'invalid'>> = {};
	const decisionId = typeof input.decisionId === 'string' ? input.decisionId.toLowerCase() : '';
	// Client-generated so an offline officer's retries are recognised as the same decision.
	if (!UUID.test(decisionId)) fields.decisionId = 'invalid';
	const registrationId = typeof input.registrationId === 'string' ? input.registrationId : '';
	if (!REGISTRATION_ID.test(registrationId)) fields.registrationId = 'invalid';
	const entryAt = typeof input.entryAt === 'string' ? Date.parse(input.entryAt) : NaN;
	// An offline decision may arrive hours later, so the past is fine; the future is a typo.
	if (Number.isNaN(entryAt) || entryAt > now + 24 * 3600_000) fields.entryAt = 'invalid';
	const entryIso = Number.isNaN(entryAt) ? '' : new Date(entryAt).toISOString();

	if (input.decision === 'authorized') {
		const days = input.daysAuthorized;
		if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_DAYS_AUTHORIZED)
			fields.daysAuthorized = days === undefined ? 'required' : 'invalid';
		const port = typeof input.portOfEntry === 'string' ? input.portOfEntry.trim().toUpperCase() : '';
		if (!PORT.test(port)) fields.portOfEntry = port ? 'invalid' : 'required';
		const condition = input.conditionOfStay;
		if (!CONDITIONS_OF_STAY.includes(condition as ConditionOfStay))
			fields.conditionOfStay = condition ? 'invalid' : 'required';
		if (Object.keys(fields).length > 0) return { ok: false, fields };
		return {
			ok: true,
			value: {
				decisionId,
				registrationId,
				decision: 'authorized',
				daysAuthorized: days as number,
				portOfEntry: port,
				entryAt: entryIso,
				conditionOfStay: condition as ConditionOfStay
			}
		};
	}
	if (input.decision === 'refused') {
		const reason = typeof input.refusalReason === 'string' ? input.refusalReason.trim() : '';
		// A refusal must say why; the traveller sees it in their history.
		if (reason.length < 3 || reason.length > 500) fields.refusalReason = reason ? 'invalid' : 'required';
		if (Object.keys(fields).length > 0) return { ok: false, fields };
		return {
			ok: true,
			value: { decisionId, registrationId, decision: 'refused', refusalReason: reason, entryAt: entryIso }
		};
	}
	fields.decision = 'required';
	return { ok: false, fields };
}
