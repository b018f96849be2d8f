import fs from 'node:fs';
import path from 'node:path';

export const RESULTS_DIR = path.resolve(import.meta.dirname, 'results');

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	if (sorted.length === 0) return NaN;
	return sorted.length % 2
		? (sorted[middle] ?? NaN)
		: ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Writes `<name>.json` (machine-readable) and `<name>.md` (for people) into tests/bench/results/. */
export function writeReport(name: string, data: unknown, markdown: string): void {
	fs.mkdirSync(RESULTS_DIR, { recursive: true });
	fs.writeFileSync(path.join(RESULTS_DIR, `${name}.json`), JSON.stringify(data, null, 2) + '\n');
	fs.writeFileSync(path.join(RESULTS_DIR, `${name}.md`), markdown + '\n');
	console.log(markdown);
}
