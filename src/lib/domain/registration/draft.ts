import type { IdentityDocumentRecord } from '../records/record-types';
import type { RegistrationRecord } from '../records/registration-types';
import {
	type AdditionalDraft,
	EMPTY_ADDITIONAL,
	type PhoneParser,
	toAdditionalInfo,
	validateAdditional
} from './additional-rules';
import type { FileKind } from './file-rules';
import { type AnswersDraft, type QuestionSet, toMigratoryAnswers, validateAnswers } from './question-set';
import { EMPTY_TRIP, toTripInfo, type TripDraft, validateTrip } from './trip-rules';

export const WIZARD_STEPS = ['trip', 'additional', 'control', 'finish', 'review'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];
export type AttachmentPurpose = 'exitTicket' | 'lodging' | 'itinerary';

/** An attached file, already checked and processed on the device; its record id is fixed when attached. */
export interface DraftAttachment {
	recordId: string;
	fileName: string;
	contentType: FileKind;
	byteLength: number;
}

/**
 * A pre-registration being filled in, kept on this device only. `registrationId` is chosen when the
 * draft starts, so sealing and sending twice always produce the same record.
 */
export interface RegistrationDraft {
	id: string;
	/** The account this draft belongs to on this device. */
	accountKey: string;
	registrationId: string;
	documentId: string;
	step: WizardStep;
	trip: TripDraft;
	additional: AdditionalDraft;
	answers: AnswersDraft;
	attachments: Partial<Record<AttachmentPurpose, DraftAttachment>>;
	termsAccepted: boolean;
	/** draft → sealed (written to the records db, waiting for the server) → sent (the server has it). */
	status: 'draft' | 'sealed' | 'sent';
	createdAt: string;
	updatedAt: string;
	sealedAt?: string;
}

export function newDraft(init: {
	id: string;
	accountKey: string;
	registrationId: string;
	documentId: string;
	now: string;
}): RegistrationDraft {
	const { now, ...ids } = init;
	return {
		...ids,
		step: 'trip',
		trip: { ...EMPTY_TRIP },
		additional: { ...EMPTY_ADDITIONAL },
		answers: {},
		attachments: {},
		termsAccepted: false,
		status: 'draft',
		createdAt: now,
		updatedAt: now
	};
}

/** A family member travelling together: their draft starts with the same trip (dates, flight, port). */
export function copyTrip(from: RegistrationDraft, to: RegistrationDraft): RegistrationDraft {
	return { ...to, trip: { ...from.trip } };
}

export type FinishErrors = Partial<Record<AttachmentPurpose | 'terms', string>>;

/** Message keys at `wizard.error.finish.<field>.<code>`. */
export function validateFinish(draft: Pick<RegistrationDraft, 'attachments'>): FinishErrors {
	const errors: FinishErrors = {};
	// The exit ticket proves the traveller will leave.
	if (!draft.attachments.exitTicket) errors.exitTicket = 'required';
	// A reservation or proof of address shows where they stay.
	if (!draft.attachments.lodging) errors.lodging = 'required';
	return errors;
}

export interface StepContext {
	today: string;
	document: Pick<IdentityDocumentRecord, 'expiryDate'>;
	questionSet: QuestionSet;
	parsePhone: PhoneParser;
}

/** Which steps have no problems left, for the step indicator and the check-your-answers page. */
export function stepCompleteness(
	draft: RegistrationDraft,
	context: StepContext
): Record<WizardStep, boolean> {
	const trip =
		Object.keys(
			validateTrip(draft.trip, { today: context.today, documentExpiry: context.document.expiryDate })
		).length === 0;
	const additional = Object.keys(validateAdditional(draft.additional, context.parsePhone)).length === 0;
	const control = Object.keys(validateAnswers(context.questionSet, draft.answers)).length === 0;
	const finish = Object.keys(validateFinish(draft)).length === 0;
	return { trip, additional, control, finish, review: draft.status !== 'draft' };
}

/** The sealed, immutable registration record; the caller has checked every step first. */
export function sealRegistration(
	draft: RegistrationDraft,
	document: IdentityDocumentRecord,
	context: { questionSet: QuestionSet; parsePhone: PhoneParser; now: string; language: string }
): RegistrationRecord {
	const { exitTicket, lodging, itinerary } = draft.attachments;
	if (!exitTicket || !lodging) throw new Error('required attachments missing');
	return {
		_id: draft.registrationId,
		type: 'registration',
		createdAt: context.now,
		documentId: document._id,
		traveller: {
			documentType: document.documentType,
			issuingState: document.issuingState,
			surnames: document.surnames,
			givenNames: document.givenNames,
			documentNumber: document.documentNumber,
			nationality: document.nationality,
			birthDate: document.birthDate,
			expiryDate: document.expiryDate,
			sex: document.sex
		},
		trip: toTripInfo(draft.trip),
		additional: toAdditionalInfo(draft.additional, context.parsePhone),
		answers: toMigratoryAnswers(context.questionSet, draft.answers),
		attachmentIds: {
			exitTicket: exitTicket.recordId,
			lodging: lodging.recordId,
			...(itinerary ? { itinerary: itinerary.recordId } : {})
		},
		termsAcceptedAt: context.now,
		submittedAt: context.now,
		language: context.language
	};
}
