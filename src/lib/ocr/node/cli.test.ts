import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, type ManifestEntry } from '../../../../tests/mrz/generate';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..', '..', '..');
let dir: string;
let manifest: ManifestEntry[];

interface CliLine {
	file: string;
	format: string | null;
	lines: string[];
	fields: Record<string, unknown> | null;
	valid: boolean;
	accepted: boolean;
	ms: number;
	error?: string;
}

async function cli(files: string[]): Promise<{ lines: CliLine[]; code: number }> {
	try {
		const { stdout } = await run('npx', ['tsx', 'src/lib/ocr/node/cli.ts', ...files], {
			cwd: ROOT,
			timeout: 120_000
		});
		return {
			lines: stdout
				.trim()
				.split('\n')
				.map((line) => JSON.parse(line) as CliLine),
			code: 0
		};
	} catch (error) {
		const failed = error as { stdout: string; code: number };
		return {
			lines: failed.stdout
				.trim()
				.split('\n')
				.map((line) => JSON.parse(line) as CliLine),
			code: failed.code
		};
	}
}

beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-mrz-cli-'));
	// A fixed small set rendered on the fly: documents at levels 0–3 of damage, a cut MRZ and a page without one,
	// plus the clean passport the browser test also uses.
	manifest = [
		...generate(6, 7, dir, ['document', 'document', 'document', 'cut-mrz', 'document', 'no-mrz']),
		...generate(1, 4242, path.join(dir, 'clean'), ['document']).map((entry) => ({
			...entry,
			file: path.join('clean', entry.file)
		}))
	];
}, 120_000);

describe('npm run mrz', () => {
	// How many documents are read exactly is the benchmark's figure (npm run bench:mrz); here we check the
	// contract: one line per image, a clean passport read and accepted, and nothing ever accepted wrongly.
	it('prints one JSON line per image, reads a clean passport exactly, and never accepts a wrong read', async () => {
		const files = manifest.map((entry) => path.join(dir, entry.file));
		const { lines } = await cli(files);
		expect(lines.map((line) => line.file)).toEqual(files);
		for (const [index, entry] of manifest.entries()) {
			const line = lines[index]!;
			expect(line.ms).toBeGreaterThan(0);
			if (entry.kind !== 'document') {
				// Nothing may be accepted from a page without a (whole) MRZ.
				expect(line.accepted, entry.file).toBe(false);
				continue;
			}
			if (entry.file.startsWith('clean')) {
				expect(line.lines, entry.file).toEqual(entry.lines);
				expect(line.accepted, entry.file).toBe(true);
				expect(line.format).toBe(entry.format);
			}
			// Never silently wrong: an accepted reading is the true one.
			if (line.accepted) expect(line.lines, entry.file).toEqual(entry.lines);
		}
	}, 180_000);

	it('reports a file that is not an image and exits non-zero', async () => {
		const text = path.join(dir, 'not-a-photo.jpg');
		fs.writeFileSync(text, 'this is text, not a JPEG');
		const { lines, code } = await cli([text]);
		expect(code).toBe(1);
		expect(lines[0]).toMatchObject({
			file: text,
			lines: [],
			accepted: false,
			error: 'not a JPEG or PNG file'
		});
	}, 60_000);
});
