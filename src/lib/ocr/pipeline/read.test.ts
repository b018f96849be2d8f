import { describe, expect, it } from 'vitest';
import { GERMAN_PASSPORT, TD1_SPECIMEN, TD3_SPECIMEN } from '../../domain/mrz/specimens.test-data';
import type { OcrLine } from './hocr';
import { interpret } from './read';

const TODAY = new Date('2026-11-25T00:00:00Z');
const read = (text: string, confidence = 90): OcrLine =>
	[...text].map((char) => ({ choices: [{ char, confidence }] }));
const run = (...lines: string[]) => lines.map((line) => read(line));
const swap = (text: string, at: number, char: string) => text.slice(0, at) + char + text.slice(at + 1);

describe('interpret: two looks at one MRZ', () => {
	it('accepts what both looks read the same, confidently', () => {
		const reading = interpret([run(...TD3_SPECIMEN), run(...TD3_SPECIMEN)], 2, TODAY);
		expect(reading.lines).toEqual([...TD3_SPECIMEN]);
		expect(reading.accepted).toBe(true);
	});

	it('does not accept a name letter the looks disagree on: no check digit can tell which is right', () => {
		const misread = swap(TD3_SPECIMEN[0], 9, 'O'); // ERIKSSON → ERIKOSON
		const reading = interpret([run(misread, TD3_SPECIMEN[1]), run(...TD3_SPECIMEN)], 2, TODAY);
		expect(reading.valid).toBe(true);
		expect(reading.accepted).toBe(false);
	});

	it('does not accept a name letter the engine saw as two, though a check digit would have settled a digit', () => {
		// Both looks agree on every character; at one name letter and one document-number digit the engine
		// offered a runner-up at 80.
		const doubtful = (text: string, at: number, runnerUp: string) =>
			read(text).map((symbol, c) =>
				c === at ? { choices: [symbol.choices[0]!, { char: runnerUp, confidence: 80 }] } : symbol
			);
		const digitDoubt = [read(TD3_SPECIMEN[0]), doubtful(TD3_SPECIMEN[1], 3, '8')];
		expect(interpret([digitDoubt, digitDoubt], 2, TODAY).accepted).toBe(true);
		const letterDoubt = [doubtful(TD3_SPECIMEN[0], 8, 'X'), read(TD3_SPECIMEN[1])];
		const reading = interpret([letterDoubt, letterDoubt], 2, TODAY);
		expect(reading.lines).toEqual([...TD3_SPECIMEN]);
		expect(reading.accepted).toBe(false);
	});

	it('does not accept a state whose letter the grammar had to guess from a digit', () => {
		// UT0: the grammar turns the 0 into O (UTO exists), but nothing confirms it was not a Q or a D.
		const misread = swap(TD3_SPECIMEN[1], 12, '0');
		const reading = interpret([run(TD3_SPECIMEN[0], misread), run(TD3_SPECIMEN[0], misread)], 2, TODAY);
		expect(reading.lines).toEqual([...TD3_SPECIMEN]);
		expect(reading.accepted).toBe(false);
	});

	it('takes the document code from the look whose code exists, and accepts it', () => {
		// D<D<< is no passport code; P<D<< is. The closed list rules the D out, as a check digit would.
		const misread = swap(GERMAN_PASSPORT[0], 0, 'D');
		const reading = interpret([run(misread, GERMAN_PASSPORT[1]), run(...GERMAN_PASSPORT)], 2, TODAY);
		expect(reading.lines[0]).toBe(GERMAN_PASSPORT[0]);
		expect(reading.accepted).toBe(true);
	});

	it('takes the issuing state from the look that read a real one, even on a TD1 whose first line has check digits', () => {
		const misread = swap(TD1_SPECIMEN[0], 2, 'Q'); // UTO → QTO, no such code
		const reading = interpret(
			[run(misread, TD1_SPECIMEN[1], TD1_SPECIMEN[2]), run(...TD1_SPECIMEN)],
			3,
			TODAY
		);
		expect(reading.lines).toEqual([...TD1_SPECIMEN]);
		expect(reading.accepted).toBe(true);
	});

	it('accepts no state code that does not exist, however both looks agree on it', () => {
		const misread = swap(TD3_SPECIMEN[0], 2, 'Q');
		const reading = interpret([run(misread, TD3_SPECIMEN[1]), run(misread, TD3_SPECIMEN[1])], 2, TODAY);
		expect(reading.valid).toBe(true);
		expect(reading.accepted).toBe(false);
	});

	it('does not let the closed list settle a state when the looks read two codes that both exist', () => {
		// UTO and AUT both exist: only a second photo or the traveller can say which one the page shows.
		const other = TD3_SPECIMEN[0].slice(0, 2) + 'AUT' + TD3_SPECIMEN[0].slice(5);
		const reading = interpret([run(other, TD3_SPECIMEN[1]), run(...TD3_SPECIMEN)], 2, TODAY);
		expect(reading.accepted).toBe(false);
	});
});
