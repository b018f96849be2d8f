import { describe, expect, it } from 'vitest';
import { columnClasses, layoutFor } from '../../domain/mrz/layout';
import { TD3_SPECIMEN } from '../../domain/mrz/specimens.test-data';
import { fitLength } from './fit';
import type { OcrLine } from './hocr';

const line = (text: string, confidences: Record<number, number> = {}): OcrLine =>
	[...text].map((char, i) => ({ choices: [{ char, confidence: confidences[i] ?? 95 }] }));
const text = (read: OcrLine) => read.map((symbol) => symbol.choices[0]!.char).join('');

const classesOf = (lineIndex: number) => columnClasses(layoutFor(2, 44)!, lineIndex);

describe('fitLength', () => {
	const [names, data] = TD3_SPECIMEN;

	it('drops a glyph read twice inside the data, not a filler, when the grammar shows where it is', () => {
		// "F1204159" read as "F12Y04159": a Y no date can hold, with middling confidence.
		const read = line(data.replace('F1204159', 'F12Y04159'), { 24: 70 });
		expect(text(fitLength(read, 44, classesOf(1)))).toBe(data);
		// Without the grammar only the filler run changes, which shifts the date.
		expect(text(fitLength(read, 44))).not.toBe(data);
	});

	it('shortens the padding rather than the separator between surname and given names', () => {
		const read = line(names + '<');
		expect(text(fitLength(read, 44, classesOf(0)))).toBe(names);
	});

	it('fills a missing filler in the padding, never between the names', () => {
		const read = line(names.slice(0, -1));
		expect(text(fitLength(read, 44, classesOf(0)))).toBe(names);
	});

	it('falls back to the filler run when the length is far off', () => {
		const read = line(data.replace('<<<<<', '<<<<<<<<<<'));
		expect(text(fitLength(read, 44, classesOf(1)))).toBe(data);
	});
});
