/**
 * Where one registration stands, from the records the device holds: its draft (device only), the sealed
 * registration, the server's receipt and entry record, and whether this device made the FMM. Pure, so the
 * rules that decide what a traveller may download are tested alone. A receipt counts only once its token
 * has been verified against the server's published keys: nothing that looks like a receipt is offered
 * before it is one.
 */
export type Stage = 'draft' | 'waiting' | 'received' | 'authorized' | 'refused' | 'fmm';
export type Action = 'continue' | 'receipt' | 'fmm';
export type TokenCheck = 'valid' | 'invalid' | 'unchecked';

export interface StatusInput {
	draft?: { status: 'draft' | 'sealed' | 'sent'; updatedAt: string };
	registration?: { submittedAt: string };
	receipt?: { folio: string; issuedAt: string; check: TokenCheck };
	entry?: {
		decision: 'authorized' | 'refused';
		entryAt?: string;
		portOfEntry?: string;
		daysAuthorized?: number;
		check: TokenCheck;
	};
	fmmGeneratedAt?: string;
}

export interface TimelineStep {
	stage: Stage;
	/** ISO time the step happened, when known. */
	at?: string;
	done: boolean;
}

export interface RegistrationStatus {
	stage: Stage;
	timeline: TimelineStep[];
	actions: Action[];
	/** A receipt or entry record arrived but its signature did not check out (never offered for download). */
	unverified: boolean;
}

export function registrationStatus(input: StatusInput): RegistrationStatus {
	const sealed = Boolean(input.registration) || (input.draft !== undefined && input.draft.status !== 'draft');
	const receiptOk = input.receipt?.check === 'valid';
	const entry = input.entry;
	const authorized = entry?.decision === 'authorized' && entry.check === 'valid' && receiptOk;
	const refused = entry?.decision === 'refused';
	const fmm = authorized && Boolean(input.fmmGeneratedAt);
	const stage: Stage = fmm
		? 'fmm'
		: authorized
			? 'authorized'
			: refused
				? 'refused'
				: receiptOk
					? 'received'
					: sealed
						? 'waiting'
						: 'draft';
	const timeline: TimelineStep[] = [
		{ stage: 'draft', at: input.draft?.updatedAt, done: true },
		{ stage: 'waiting', at: input.registration?.submittedAt, done: sealed },
		{ stage: 'received', at: receiptOk ? input.receipt?.issuedAt : undefined, done: receiptOk },
		refused
			? { stage: 'refused', at: entry?.entryAt, done: true }
			: { stage: 'authorized', at: authorized ? entry?.entryAt : undefined, done: authorized },
		...(refused ? [] : [{ stage: 'fmm' as const, at: input.fmmGeneratedAt, done: fmm }])
	];
	const actions: Action[] = [];
	if (!sealed) actions.push('continue');
	if (receiptOk) actions.push('receipt');
	if (authorized) actions.push('fmm');
	const unverified = input.receipt?.check === 'invalid' || entry?.check === 'invalid';
	return { stage, timeline, actions, unverified };
}
