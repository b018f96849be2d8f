import { describe, expect, it } from 'vitest';

import { chooseMrz, type CharChoice, type LineRead, type MrzChoice } from './candidates';
import { checkDigit } from './check-digit';
import { TD1_SPECIMEN, TD2_SPECIMEN, TD3_SPECIMEN } from './specimens.test-data';

const plain = (...lines: string[]): LineRead[][] => lines.map((text) => [{ text }]);

/** A read whose characters are all sure except the given positions. */
function withDoubts(text: string, doubts: Record<number, CharChoice[]>): LineRead {
	const choices = [...text].map((char, index) => doubts[index] ?? [{ char, confidence: 97 }]);
	return { text, choices };
}

function confirmedLines(choice: MrzChoice): string[] {
	if (choice.status !== 'confirmed') throw new Error(`not confirmed: ${JSON.stringify(choice)}`);
	return choice.lines;
}

describe('chooseMrz', () => {
	it('confirms clean specimens of all three formats without repairs', () => {
		for (const specimen of [TD3_SPECIMEN, TD2_SPECIMEN, TD1_SPECIMEN]) {
			const choice = chooseMrz(plain(...specimen));
			expect(confirmedLines(choice)).toEqual([...specimen]);
			expect(choice.status === 'confirmed' && choice.repairs).toEqual([]);
		}
	});

	it('tolerates spaces, lower case and guillemets from the OCR engine', () => {
		const lines = [
			TD3_SPECIMEN[0].replace(/<<<</, '<‹<«').toLowerCase(),
			TD3_SPECIMEN[1].replace('UTO', 'UTO ')
		];
		expect(confirmedLines(chooseMrz(plain(...lines)))).toEqual([...TD3_SPECIMEN]);
	});

	it('fixes letters in digit-only fields when the check digits then hold', () => {
		const choice = chooseMrz(plain(TD3_SPECIMEN[0], 'L898902C36UTO74O8IZ2F12O4I59ZE184226B<<<<<IO'));
		expect(confirmedLines(choice)).toEqual([...TD3_SPECIMEN]);
		expect(choice.status === 'confirmed' && choice.repairs.every((r) => r.confirmedBy === 'grammar')).toBe(
			true
		);
	});

	it('turns filler look-alikes in name padding and digits in names back', () => {
		const names = 'P<UTOER1KSSON<<ANNA<MAR1A<<<<<<KK<<<<<<<<L<<';
		expect(confirmedLines(chooseMrz(plain(names, TD3_SPECIMEN[1])))).toEqual([...TD3_SPECIMEN]);
		const td1Names = 'ERIKSSON<<ANNA<MARIA<<<<CH<<<<';
		expect(confirmedLines(chooseMrz(plain(TD1_SPECIMEN[0], TD1_SPECIMEN[1], td1Names)))).toEqual([
			...TD1_SPECIMEN
		]);
	});

	it('repairs a letter/digit swap in the document number only where the engine was unsure', () => {
		const misread = 'L8989O2C36UTO7408122F1204159ZE184226B<<<<<10';
		expect(chooseMrz(plain(TD3_SPECIMEN[0], misread))).toMatchObject({
			status: 'unconfirmed',
			reason: 'check-failed'
		});
		const unsure = withDoubts(misread, { 5: [{ char: 'O', confidence: 55 }] });
		const choice = chooseMrz([[{ text: TD3_SPECIMEN[0] }], [unsure]]);
		expect(confirmedLines(choice)).toEqual([...TD3_SPECIMEN]);
		expect(choice.status === 'confirmed' && choice.repairs).toEqual([
			{ line: 1, column: 5, read: 'O', chosen: '0', confirmedBy: 'check-digit' }
		]);
	});

	it('uses alternatives the engine offered', () => {
		const misread = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'.replace('L898902C3', 'L893902C3');
		const unsure = withDoubts(misread, {
			3: [
				{ char: '3', confidence: 60 },
				{ char: '8', confidence: 35 }
			]
		});
		expect(confirmedLines(chooseMrz([[{ text: TD3_SPECIMEN[0] }], [unsure]]))).toEqual([...TD3_SPECIMEN]);
	});

	it('takes the read that checks out when several reads of a line are given', () => {
		const broken = { text: 'L893902C36UTO7408122F1204159ZE184226B<<<<<10' };
		const choice = chooseMrz([[{ text: TD3_SPECIMEN[0] }], [broken, { text: TD3_SPECIMEN[1] }]]);
		expect(confirmedLines(choice)).toEqual([...TD3_SPECIMEN]);
	});

	it('never accepts a digit misread it cannot confirm', () => {
		const misreads = [
			'L893902C36UTO7408122F1204159ZE184226B<<<<<10',
			'L898902C36UTO7408722F1204159ZE184226B<<<<<10',
			'L898902C36UTO7408122F1204159ZE184226B<<<<<13',
			'L898902C36UTO7408122F1204153ZE184226B<<<<<10'
		];
		for (const misread of misreads) {
			expect(chooseMrz(plain(TD3_SPECIMEN[0], misread)).status).toBe('unconfirmed');
		}
	});

	it('refuses to choose between two repairs that both satisfy the check digits', () => {
		// Position 1 really is 8 but reads 5; find a swap at position 3 that also satisfies the check.
		const misread = 'L598902C36UTO7408122F1204159ZE184226B<<<<<10';
		const rival = [...'0123456789'].find(
			(digit) => digit !== '9' && checkDigit('L59' + digit + '902C3') === 6
		)!;
		const unsure = withDoubts(misread, {
			1: [
				{ char: '5', confidence: 50 },
				{ char: '8', confidence: 40 }
			],
			3: [
				{ char: '9', confidence: 50 },
				{ char: rival, confidence: 40 }
			]
		});
		const choice = chooseMrz([[{ text: TD3_SPECIMEN[0] }], [unsure]]);
		expect(choice).toMatchObject({ status: 'unconfirmed', reason: 'ambiguous' });
		expect(choice.status !== 'unreadable' && choice.lines[1]).toBe(misread);
	});

	it('settles a character no date can hold by its check digit alone', () => {
		// Expiry 120415 read with a Y: no look-alike says which digit, the expiry check digit allows one.
		const misread = TD3_SPECIMEN[1].replace('F1204159', 'F12Y4159');
		const choice = chooseMrz(plain(TD3_SPECIMEN[0], misread));
		expect(confirmedLines(choice)).toEqual([...TD3_SPECIMEN]);
		expect(choice.status === 'confirmed' && choice.repairs).toEqual([
			{ line: 1, column: 23, read: 'Y', chosen: '0', confirmedBy: 'check-digit' }
		]);
	});

	it('does not let one check digit settle two such characters, nor guess one in a name', () => {
		const twoUnknown = TD3_SPECIMEN[1].replace('7408122', 'Y40W122');
		expect(chooseMrz(plain(TD3_SPECIMEN[0], twoUnknown)).status).not.toBe('confirmed');
		const digitInName = TD3_SPECIMEN[0].replace('ANNA', 'AN3A');
		expect(chooseMrz(plain(digitInName, TD3_SPECIMEN[1]))).toMatchObject({ reason: 'ungrammatical' });
	});

	it('rejects reads that fit no format or break the grammar', () => {
		expect(chooseMrz(plain(TD3_SPECIMEN[0], TD3_SPECIMEN[1].slice(1)))).toEqual({
			status: 'unreadable',
			reason: 'no-format'
		});
		expect(chooseMrz(plain(TD3_SPECIMEN[0]))).toMatchObject({ reason: 'no-format' });
		const junkInPadding = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<W<<<<<<<<<<<';
		expect(chooseMrz(plain(junkInPadding, TD3_SPECIMEN[1]))).toEqual({
			status: 'unreadable',
			reason: 'ungrammatical'
		});
		const unclearSex = TD3_SPECIMEN[1].replace('2F1', '2H1');
		expect(chooseMrz(plain(TD3_SPECIMEN[0], unclearSex))).toMatchObject({ reason: 'ungrammatical' });
	});
});
