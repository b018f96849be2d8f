import { describe, expect, it } from 'vitest';
import { lineText, parseHocrChoices } from './hocr';

const HOCR = `<div class='ocr_page'>
 <span class='ocr_line' id='line_1_1' title="bbox 25 24 1160 51">
  <span class='ocrx_word' id='word_1_1' title='bbox 25 24 1160 51; x_wconf 17'>P&lt;
   <span class='ocrx_cinfo' id='lstm_choices_1_1_1'>
    <span class='ocrx_cinfo' id='choice_1_1_1' title='x_confs 92.2'>P</span>
    <span class='ocrx_cinfo' id='choice_1_1_2' title='x_confs 0'>F</span></span>
   <span class='ocrx_cinfo' id='lstm_choices_1_1_2'>
    <span class='ocrx_cinfo' id='choice_1_1_7' title='x_confs 60.5'>K</span>
    <span class='ocrx_cinfo' id='choice_1_1_8' title='x_confs 39.5'>&lt;</span></span>
  </span>
 </span>
 <span class='ocr_line' id='line_1_2' title="bbox 25 60 1160 90">
  <span class='ocrx_word' id='word_1_2' title='bbox 25 60 1160 90; x_wconf 90'>L8
   <span class='ocrx_cinfo' id='lstm_choices_1_2_1'>
    <span class='ocrx_cinfo' id='choice_1_2_1' title='x_confs 99'>L</span></span>
   <span class='ocrx_cinfo' id='lstm_choices_1_2_2'>
    <span class='ocrx_cinfo' id='choice_1_2_2' title='x_confs 97'>8</span>
    <span class='ocrx_cinfo' id='choice_1_2_3' title='x_confs 3'>B</span></span>
  </span>
 </span>
</div>`;

describe('parseHocrChoices', () => {
	it('keeps every line, every symbol and its alternatives in order', () => {
		const lines = parseHocrChoices(HOCR);
		expect(lines.map(lineText)).toEqual(['PK', 'L8']);
		expect(lines[0]![1]!.choices).toEqual([
			{ char: 'K', confidence: 60.5 },
			{ char: '<', confidence: 39.5 }
		]);
		expect(lines[1]![1]!.choices.map((c) => c.char)).toEqual(['8', 'B']);
	});

	it('returns no lines for a page without text', () => {
		expect(parseHocrChoices("<div class='ocr_page' id='page_1'></div>")).toEqual([]);
	});
});
