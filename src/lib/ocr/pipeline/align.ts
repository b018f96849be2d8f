import type { OcrLine, OcrSymbol } from './hocr';

/**
 * For each character of `text`, the symbol of an OCR read that lines up with it (edit-distance alignment),
 * or null where the read skipped it. A read that saw one glyph twice still lines up everywhere else, so
 * it can still confirm the characters it read right.
 */
export function alignRead(text: string, read: OcrLine): (OcrSymbol | null)[] {
	const n = text.length;
	const m = read.length;
	const char = (j: number) => read[j]!.choices[0]?.char ?? '';
	// cost[i][j]: edits to turn read[0..j) into text[0..i).
	const cost: number[][] = Array.from({ length: n + 1 }, (_, i) =>
		Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
	);
	for (let i = 1; i <= n; i++) {
		for (let j = 1; j <= m; j++) {
			const pair = cost[i - 1]![j - 1]! + (text[i - 1] === char(j - 1) ? 0 : 1);
			cost[i]![j] = Math.min(pair, cost[i - 1]![j]! + 1, cost[i]![j - 1]! + 1);
		}
	}
	const aligned: (OcrSymbol | null)[] = new Array(n).fill(null);
	for (let i = n, j = m; i > 0 && j >= 0;) {
		const here = cost[i]![j]!;
		if (j > 0 && here === cost[i - 1]![j - 1]! + (text[i - 1] === char(j - 1) ? 0 : 1)) {
			aligned[i - 1] = read[j - 1]!;
			i--;
			j--;
		} else if (here === cost[i - 1]![j]! + 1) i--;
		else j--;
	}
	return aligned;
}
