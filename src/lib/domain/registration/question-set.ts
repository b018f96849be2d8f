import type { LocalizedText } from '../localized-text';
import type { MigratoryAnswers } from '../records/registration-types';

/**
 * The "Control migratorio" questions are data: versioned, shipped with the app, cached on the device and
 * replaceable from the server. A registration records which version the traveller answered.
 */
export interface QuestionSet {
	id: string;
	version: number;
	questions: Question[];
}

export interface Question {
	id: string;
	text: LocalizedText;
	/** Fields asked when the answer is "yes". */
	followUps: { id: string; label: LocalizedText; maxLength: number }[];
}

/** What the form holds: per question 'yes' | 'no' | '' and the follow-up texts. */
export type AnswersDraft = Record<string, { answer: string; followUp: Record<string, string> }>;
/** Keys: `<questionId>` or `<questionId>.<followUpId>`; message keys `wizard.error.control.<code>`. */
export type AnswerErrors = Record<string, string>;

/** Shape check for a set received from the server, before the device keeps it. */
export function isQuestionSet(value: unknown): value is QuestionSet {
	const set = value as QuestionSet;
	const text = (t: unknown) =>
		!!t && typeof (t as { es?: unknown }).es === 'string' && typeof (t as { en?: unknown }).en === 'string';
	return (
		!!set &&
		typeof set.id === 'string' &&
		Number.isInteger(set.version) &&
		set.version > 0 &&
		Array.isArray(set.questions) &&
		set.questions.length > 0 &&
		set.questions.every(
			(q) =>
				typeof q?.id === 'string' &&
				text(q.text) &&
				Array.isArray(q.followUps) &&
				q.followUps.every((f) => typeof f?.id === 'string' && text(f.label) && Number.isInteger(f.maxLength))
		)
	);
}

/** The newest of the sets the device has (shipped or downloaded). */
export function newestSet(sets: QuestionSet[]): QuestionSet | undefined {
	return [...sets].sort((a, b) => b.version - a.version)[0];
}

export function validateAnswers(set: QuestionSet, draft: AnswersDraft): AnswerErrors {
	const errors: AnswerErrors = {};
	for (const question of set.questions) {
		const item = draft[question.id];
		// Every question needs a yes or a no.
		if (item?.answer !== 'yes' && item?.answer !== 'no') {
			errors[question.id] = 'required';
			continue;
		}
		if (item.answer === 'no') continue;
		for (const field of question.followUps) {
			const value = (item.followUp[field.id] ?? '').trim();
			// A "yes" needs its details.
			if (!value) errors[`${question.id}.${field.id}`] = 'followup_required';
			else if (value.length > field.maxLength) errors[`${question.id}.${field.id}`] = 'followup_too_long';
		}
	}
	return errors;
}

export function toMigratoryAnswers(set: QuestionSet, draft: AnswersDraft): MigratoryAnswers {
	const items: MigratoryAnswers['items'] = {};
	for (const question of set.questions) {
		const item = draft[question.id];
		const answer = item?.answer === 'yes';
		items[question.id] = answer
			? {
					answer,
					followUp: Object.fromEntries(
						question.followUps.map((f) => [f.id, (item?.followUp[f.id] ?? '').trim()])
					)
				}
			: { answer };
	}
	return { questionSetId: set.id, questionSetVersion: set.version, items };
}
