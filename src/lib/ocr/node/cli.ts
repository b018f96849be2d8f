/**
 * Reads the MRZ of image files, the way the app does:
 *
 *   npm run mrz -- [--model file.traineddata] <image…>
 *
 * prints one JSON line per image: {file, format, lines, fields, valid, accepted, ms}.
 */
import fs from 'node:fs';
import { readMrz } from '../pipeline/read';
import { decodeImage } from './decode';
import { createNodeEngine, MRZ_MODEL } from './node-engine';

const args = process.argv.slice(2);
const modelFlag = args.indexOf('--model');
const model = modelFlag >= 0 ? args.splice(modelFlag, 2)[1] : MRZ_MODEL;
if (args.length === 0) {
	console.error('usage: npm run mrz -- [--model file.traineddata] <image…>');
	process.exit(2);
}
const engine = await createNodeEngine(model);
let failures = 0;
for (const file of args) {
	const started = performance.now();
	try {
		const reading = await readMrz(decodeImage(new Uint8Array(fs.readFileSync(file))), engine);
		const { format, lines, fields, valid, accepted } = reading;
		const ms = Math.round(performance.now() - started);
		console.log(JSON.stringify({ file, format, lines, fields, valid, accepted, ms }));
	} catch (error) {
		failures++;
		const ms = Math.round(performance.now() - started);
		console.log(
			JSON.stringify({
				file,
				format: null,
				lines: [],
				fields: {},
				valid: false,
				accepted: false,
				ms,
				error: (error as Error).message
			})
		);
	}
}
await engine.terminate();
process.exit(failures > 0 ? 1 : 0);
