import { describe, expect, it } from 'vitest';
import { isQuestionSet, newestSet, toMigratoryAnswers, validateAnswers } from './question-set';
import { SHIPPED_QUESTION_SET } from './shipped-question-set';

const set = SHIPPED_QUESTION_SET;
const allNo = Object.fromEntries(set.questions.map((q) => [q.id, { answer: 'no', followUp: {} }]));

describe('control migratorio answers', () => {
	it('ships a well-formed set', () => {
		expect(isQuestionSet(set)).toBe(true);
		expect(isQuestionSet({ ...set, version: 0 })).toBe(false);
		expect(isQuestionSet({ ...set, questions: [{ id: 'x' }] })).toBe(false);
	});

	it('uses the newest set the device has', () => {
		expect(newestSet([set, { ...set, version: 3 }, { ...set, version: 2 }])?.version).toBe(3);
	});

	it('needs every question answered', () => {
		expect(validateAnswers(set, allNo)).toEqual({});
		const { deported: _dropped, ...missing } = allNo;
		expect(validateAnswers(set, missing)).toEqual({ deported: 'required' });
		expect(validateAnswers(set, { ...allNo, cash: { answer: 'maybe', followUp: {} } }).cash).toBe('required');
	});

	it('needs the follow-up fields of a "yes"', () => {
		const yes = { ...allNo, 'refused-entry': { answer: 'yes', followUp: { when: '2019' } } };
		expect(validateAnswers(set, yes)).toEqual({ 'refused-entry.reason': 'followup_required' });
		const long = { ...allNo, goods: { answer: 'yes', followUp: { details: 'x'.repeat(301) } } };
		expect(validateAnswers(set, long)).toEqual({ 'goods.details': 'followup_too_long' });
	});

	it('records the version answered and drops follow-ups of a "no"', () => {
		const answers = toMigratoryAnswers(set, {
			...allNo,
			cash: { answer: 'yes', followUp: { amount: ' 12000 USD ' } }
		});
		expect(answers.questionSetVersion).toBe(1);
		expect(answers.questionSetId).toBe(set.id);
		expect(answers.items.cash).toEqual({ answer: true, followUp: { amount: '12000 USD' } });
		expect(answers.items.goods).toEqual({ answer: false });
	});
});
