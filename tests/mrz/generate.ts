/**
 * Generates the synthetic MRZ test set: passport data pages (TD3), identity cards (TD1, TD2) and negatives
 * (no MRZ, a boarding pass, a cut MRZ), under graded photo-like damage. Deterministic for a seed.
 *
 *   npx tsx tests/mrz/generate.ts [--count N] [--seed S] [--out DIR]
 *
 * Writes DIR/<name>.jpg and DIR/manifest.json ({file, kind, format, level, lines, fields}).
 */
import fs from 'node:fs';
import path from 'node:path';
import { degradation, renderBoardingPass, renderDocument } from './render';
import { rng, specimen, type Format, type Specimen } from './specimen';

export interface ManifestEntry {
	file: string;
	kind: 'document' | 'no-mrz' | 'cut-mrz' | 'boarding-pass';
	format: Format | null;
	level: number;
	/** The true MRZ lines; empty for negatives (nothing should be accepted). */
	lines: string[];
	fields: Specimen['fields'] | null;
}

export const DEFAULT_DIR = path.resolve(import.meta.dirname, 'generated');

/** `kinds` forces the kind of each image in turn (for small fixed sets in tests); by default they are drawn. */
export function generate(
	count: number,
	seed: number,
	out: string,
	kinds?: ManifestEntry['kind'][]
): ManifestEntry[] {
	fs.mkdirSync(out, { recursive: true });
	const random = rng(seed);
	const manifest: ManifestEntry[] = [];
	for (let i = 0; i < count; i++) {
		const level = i % 4;
		const d = degradation(random, level);
		const roll = random();
		// 70 % passports, 10 % TD1, 8 % TD2, 12 % negatives.
		const kind: ManifestEntry['kind'] =
			kinds?.[i % kinds.length] ??
			(roll < 0.88 ? 'document' : roll < 0.92 ? 'no-mrz' : roll < 0.96 ? 'boarding-pass' : 'cut-mrz');
		const format: Format = roll < 0.7 || roll >= 0.88 ? 'TD3' : roll < 0.8 ? 'TD1' : 'TD2';
		const s = specimen(random, format);
		const file = `${String(i).padStart(4, '0')}-${kind === 'document' ? format.toLowerCase() : kind}-l${level}.jpg`;
		const jpeg =
			kind === 'boarding-pass' ? renderBoardingPass(random, d) : renderDocument(random, s, d, kind);
		fs.writeFileSync(path.join(out, file), new Uint8Array(jpeg));
		manifest.push({
			file,
			kind,
			format: kind === 'document' ? format : null,
			level,
			lines: kind === 'document' ? s.lines : [],
			fields: kind === 'document' ? s.fields : null
		});
	}
	fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
	return manifest;
}

function arg(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
	const count = Number(arg('count', '120'));
	const seed = Number(arg('seed', '2026'));
	const out = path.resolve(arg('out', DEFAULT_DIR));
	const started = Date.now();
	const manifest = generate(count, seed, out);
	console.log(`${manifest.length} images in ${out} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
