import { describe, expect, it } from 'vitest';
import { alignRead } from './align';
import type { OcrLine } from './hocr';

const read = (text: string): OcrLine => [...text].map((char) => ({ choices: [{ char, confidence: 90 }] }));
const chars = (aligned: ReturnType<typeof alignRead>) =>
	aligned.map((symbol) => symbol?.choices[0]?.char ?? '_').join('');

describe('alignRead', () => {
	it('lines up a read with an extra glyph everywhere but at the extra one', () => {
		expect(chars(alignRead('P<GBRSMITH<<EMMA<<<<', read('P<GBRSMITH<<EMMKA<<<<')))).toBe(
			'P<GBRSMITH<<EMMA<<<<'
		);
	});

	it('leaves a gap where the read missed a glyph, and keeps substitutions in place', () => {
		expect(chars(alignRead('L898902C36', read('L89892C36')))).toBe('L8989_2C36');
		expect(chars(alignRead('L898902C36', read('L898S02C36')))).toBe('L898S02C36');
	});

	it('handles empty reads', () => {
		expect(chars(alignRead('ABC', []))).toBe('___');
	});
});
