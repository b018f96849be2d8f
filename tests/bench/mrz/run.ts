/**
 * MRZ reading benchmark: `npm run bench:mrz [-- --count N --seed S --skip-node --skip-browser --skip-eng --model F]`.
 * The default set is seed 2026 (60 images); another seed is generated into its own folder and reported as
 * `mrz-seed-S`, a check that the pipeline was not tuned to one set.
 * The Chromium run uses the build's `ocr/mrz.traineddata` (the model the app ships).
 *
 * Over the generated set (tests/mrz/generated, made if missing), in Node and in headless Chromium (the app's
 * worker, warm), with the app's MRZ model and, for comparison, the stock tesseract `eng` model on the same
 * pipeline. Writes tests/bench/results/mrz.{json,md}.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { MRZ_MODEL } from '../../../src/lib/ocr/node/node-engine';
import { DEFAULT_DIR, generate, type ManifestEntry } from '../../mrz/generate';
import { kb, writeReport } from '../report';
import { runBrowser } from './browser-run';
import { summarise, TABLE_HEAD, tableRow, type Summary } from './metrics';
import { runNode } from './node-run';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const ENG = '/usr/share/tesseract-ocr/5/tessdata/eng.traineddata';
const arg = (name: string, fallback: string) => {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? (process.argv[index + 1] ?? fallback) : fallback;
};

const count = Number(arg('count', '60'));
const mrzModel = path.resolve(arg('model', MRZ_MODEL));
const hasMrzModel = fs.existsSync(mrzModel);
if (!hasMrzModel) console.warn(`no MRZ model at ${mrzModel}: measuring the stock eng model only`);
const models: ('mrz' | 'eng')[] = [
	...(hasMrzModel ? (['mrz'] as const) : []),
	...(process.argv.includes('--skip-eng') ? [] : (['eng'] as const))
];
const seed = Number(arg('seed', '2026'));
// Each seed has its own folder: a set generated from another seed must never be measured as this one.
const setDir = seed === 2026 ? DEFAULT_DIR : path.join(DEFAULT_DIR, `seed-${seed}`);
const manifestFile = path.join(setDir, 'manifest.json');
let manifest: ManifestEntry[] = fs.existsSync(manifestFile)
	? JSON.parse(fs.readFileSync(manifestFile, 'utf8'))
	: [];
if (manifest.length < count) {
	console.log(`generating ${count} images (seed ${seed})…`);
	manifest = generate(count, seed, setDir);
}
manifest = manifest.slice(0, count);

const gzipBytes = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const assets = {
	model: hasMrzModel ? gzipBytes(mrzModel) : 0,
	worker: gzipBytes(path.join(ROOT, 'node_modules/tesseract.js/dist/worker.min.js')),
	coreRelaxedSimd: gzipBytes(
		path.join(ROOT, 'node_modules/tesseract.js-core/tesseract-core-relaxedsimd-lstm.wasm.js')
	),
	coreSimd: gzipBytes(path.join(ROOT, 'node_modules/tesseract.js-core/tesseract-core-simd-lstm.wasm.js')),
	corePlain: gzipBytes(path.join(ROOT, 'node_modules/tesseract.js-core/tesseract-core-lstm.wasm.js'))
};
const perDevice =
	assets.model + assets.worker + Math.max(assets.coreRelaxedSimd, assets.coreSimd, assets.corePlain);

const runs: Record<string, { summary: Summary; startupMs: number }> = {};
for (const [name, model] of models.map((m): [string, string] =>
	m === 'mrz' ? ['node · mrz model', mrzModel] : ['node · stock eng', ENG]
)) {
	if (process.argv.includes('--skip-node')) break;
	console.log(`${name}…`);
	const { outcomes, startupMs } = await runNode(setDir, manifest, model);
	runs[name] = { summary: summarise(manifest, outcomes), startupMs };
}
if (!process.argv.includes('--skip-browser')) {
	// The stock model is only copied into the build for this run (the app never ships it).
	const engInBuild = path.join(ROOT, 'build', 'ocr', 'eng.traineddata');
	fs.copyFileSync(ENG, engInBuild);
	try {
		for (const lang of models) {
			const name = `chromium · ${lang === 'mrz' ? 'mrz model' : 'stock eng'}`;
			console.log(`${name}…`);
			const { outcomes, startupMs } = await runBrowser(setDir, manifest, lang);
			runs[name] = { summary: summarise(manifest, outcomes), startupMs };
		}
	} finally {
		fs.rmSync(engInBuild, { force: true });
	}
}

const documents = manifest.filter((m) => m.kind === 'document').length;
const markdown = [
	`# MRZ reading benchmark`,
	'',
	`${manifest.length} generated images (seed ${seed}): ${documents} documents (TD3/TD2/TD1, damage levels 0–3), ${manifest.length - documents} negatives. Times per image include decoding the JPEG; the worker is warm.`,
	'',
	TABLE_HEAD,
	...Object.entries(runs).map(([name, run]) => tableRow(name, run.summary)),
	'',
	'| run | worker start-up ms |',
	'|---|---|',
	...Object.entries(runs).map(([name, run]) => `| ${name} | ${Math.round(run.startupMs)} |`),
	'',
	`OCR assets (gzip -9): model ${kb(assets.model)}, tesseract.js worker ${kb(assets.worker)}, core relaxed-SIMD ${kb(assets.coreRelaxedSimd)}, SIMD ${kb(assets.coreSimd)}, plain ${kb(assets.corePlain)}; one device downloads at most ${kb(perDevice)}.`
].join('\n');
const reportName = arg('report', seed === 2026 ? 'mrz' : `mrz-seed-${seed}`);
writeReport(reportName, { count: manifest.length, seed, assets, perDevice, runs }, markdown);
