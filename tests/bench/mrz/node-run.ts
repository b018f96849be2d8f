import fs from 'node:fs';
import path from 'node:path';
import { decodeImage } from '../../../src/lib/ocr/node/decode';
import { createNodeEngine } from '../../../src/lib/ocr/node/node-engine';
import { readMrz } from '../../../src/lib/ocr/pipeline/read';
import type { ManifestEntry } from '../../mrz/generate';
import type { Outcome } from './metrics';

/** Reads every image of the set in Node with the given model; returns outcomes and the engine start-up time. */
export async function runNode(dir: string, manifest: ManifestEntry[], model: string) {
	const started = performance.now();
	const engine = await createNodeEngine(model);
	const startupMs = performance.now() - started;
	const outcomes: Outcome[] = [];
	for (const entry of manifest) {
		const t0 = performance.now();
		const pixels = decodeImage(new Uint8Array(fs.readFileSync(path.join(dir, entry.file))));
		const reading = await readMrz(pixels, engine, new Date('2026-11-25T00:00:00Z'));
		outcomes.push({
			file: entry.file,
			lines: reading.lines,
			fields: reading.fields as Record<string, unknown> | null,
			accepted: reading.accepted,
			ms: performance.now() - t0
		});
	}
	await engine.terminate();
	return { outcomes, startupMs };
}
