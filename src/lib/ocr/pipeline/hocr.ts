/** One recognised character with the alternatives the LSTM considered (best first, confidence 0–100). */
export interface OcrSymbol {
	choices: { char: string; confidence: number }[];
}

export type OcrLine = OcrSymbol[];

const ENTITIES: Record<string, string> = {
	'&lt;': '<',
	'&gt;': '>',
	'&amp;': '&',
	'&quot;': '"',
	'&#39;': "'"
};
const decode = (text: string) =>
	text.replace(/&(lt|gt|amp|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);

/**
 * Reads tesseract's hOCR with `lstm_choice_mode=2`: per line, per symbol, the alternative characters and
 * their confidences. (The JSON output of tesseract.js has no alternatives; the hOCR does.) Pure string work,
 * so it runs in a worker or Node without a DOM parser.
 */
export function parseHocrChoices(hocr: string): OcrLine[] {
	const lines: OcrLine[] = [];
	for (const line of hocr.split("<span class='ocr_line'").slice(1)) {
		const symbols: OcrLine = [];
		for (const group of line.split("id='lstm_choices_").slice(1)) {
			const choices: OcrSymbol['choices'] = [];
			const pattern = /title='x_confs ([\d.]+)'>([^<]*)<\/span>/g;
			// Each group ends where the next word or line starts.
			const body = group.split("class='ocrx_word'")[0] ?? group;
			for (const match of body.matchAll(pattern)) {
				const char = decode(match[2] ?? '');
				if (char.length === 1) choices.push({ char, confidence: Number(match[1]) });
			}
			if (choices.length) symbols.push({ choices });
		}
		if (symbols.length) lines.push(symbols);
	}
	return lines;
}

/** The best reading of a line as plain text. */
export const lineText = (line: OcrLine) => line.map((s) => s.choices[0]?.char ?? '').join('');
