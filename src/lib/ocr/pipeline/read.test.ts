import { describe, expect, it } from 'vitest';
import { GERMAN_PASSPORT, TD1_SPECIMEN, TD3_SPECIMEN } from '../../domain/mrz/specimens.test-data';
import type { OcrLine } from './hocr';
import { interpret, readMrz, type OcrEngine } from './read';
import { syntheticPage } from './test-images';

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

describe('interpret: three looks, and how much doubt a reading bears', () => {
	/** Line `text` read confidently, with the given (position → [first, confidence, runner-up, confidence]). */
	const readWith = (text: string, at: Record<number, [string, number, string, number]>): OcrLine =>
		[...text].map((char, c) => {
			const seen = at[c];
			return seen
				? {
						choices: [
							{ char: seen[0], confidence: seen[1] },
							{ char: seen[2], confidence: seen[3] }
						]
					}
				: { choices: [{ char, confidence: 93 }] };
		});
	const [names, numbers] = TD3_SPECIMEN;

	it('counts a glyph that every look hesitated over as one doubt, not three', () => {
		// The K of ERIKSSON (column 8) read with an X at 40 behind it by all three looks: one blurred glyph.
		const look = [readWith(names, { 8: ['K', 92, 'X', 40] }), read(numbers)];
		expect(interpret([look, look, look], 2, TODAY).accepted).toBe(true);
		// Hesitations at three different characters mark a photo too degraded to trust names.
		const degraded = [
			readWith(names, { 6: ['E', 92, 'F', 40], 8: ['K', 92, 'X', 40], 12: ['N', 92, 'M', 40] }),
			read(numbers)
		];
		expect(interpret([degraded, degraded, degraded], 2, TODAY).accepted).toBe(false);
	});

	it('lets one look in three waver on a name letter the other two read cleanly, if it saw that letter too', () => {
		const clean = [read(names), read(numbers)];
		const wavering = [readWith(names, { 8: ['X', 83, 'K', 64] }), read(numbers)];
		const reading = interpret([clean, wavering, clean], 2, TODAY);
		expect(reading.lines).toEqual([...TD3_SPECIMEN]);
		expect(reading.accepted).toBe(true);
		// A look that saw something else entirely, or two looks against one, still leave the letter in doubt.
		const elsewhere = [readWith(names, { 8: ['X', 83, 'Y', 40] }), read(numbers)];
		expect(interpret([clean, elsewhere, clean], 2, TODAY).accepted).toBe(false);
		expect(interpret([clean, wavering, wavering], 2, TODAY).accepted).toBe(false);
	});

	it('takes no doubt from a runner-up that would make a code that does not exist', () => {
		// The O of the nationality UTO (column 12) with a 0 at 86 behind it: UT0 is no state.
		const look = [read(names), readWith(numbers, { 12: ['O', 89, '0', 86] })];
		expect(interpret([look, look, look], 2, TODAY).accepted).toBe(true);
	});

	it('prefers the look that read a line at its full length to one that saw a glyph twice', () => {
		// The first look saw the K of ERIKSSON twice; cut back to 44 characters, it reads ERIKKSSON.
		const doubled = names.slice(0, 9) + 'K' + names.slice(9);
		const reading = interpret([run(doubled, numbers), run(...TD3_SPECIMEN), run(...TD3_SPECIMEN)], 2, TODAY);
		expect(reading.lines).toEqual([...TD3_SPECIMEN]);
	});
});

describe('readMrz: which band to read', () => {
	// A faint MRZ that only the finer look sees, below two rows of dark texture shaped like an MRZ that the
	// first look finds: the texture is the first band offered.
	const photo = () => {
		const page = syntheticPage(
			{ width: 900, height: 640, mrzLines: 2, charsPerLine: 44, pitch: 18, mrzTop: 520 },
			235,
			175
		);
		for (const top of [150, 187])
			for (let c = 0; c < 30; c++)
				for (let y = top; y < top + 26; y++)
					page.data.fill(30, y * page.width + 60 + c * 22, y * page.width + 60 + c * 22 + 13);
		return page;
	};
	/** An engine that reads each band (three looks) as the next of `bands`. */
	const engineReading = (...bands: string[][]) => {
		let calls = 0;
		const engine: OcrEngine & { calls: () => number } = {
			calls: () => calls,
			recognize: async () => run(...bands[Math.min(Math.floor(calls++ / 3), bands.length - 1)]!)
		};
		return engine;
	};
	const texture = ['X4KQ<ZZ8M2'.repeat(4) + 'ABCD', 'QQ7<<M0ZXK'.repeat(4) + '1234'];

	it('reads the next band when the first does not read as an MRZ', async () => {
		const engine = engineReading(texture, [...TD3_SPECIMEN]);
		const reading = await readMrz(photo(), engine, TODAY);
		expect(reading.lines).toEqual([...TD3_SPECIMEN]);
		expect(reading.accepted).toBe(true);
		expect(engine.calls()).toBe(6);
	});

	it('reads no further band once one reads as a valid MRZ', async () => {
		const engine = engineReading([...TD3_SPECIMEN], texture);
		const reading = await readMrz(photo(), engine, TODAY);
		expect(reading.lines).toEqual([...TD3_SPECIMEN]);
		expect(engine.calls()).toBe(3);
	});
});
