import fs from 'node:fs';
import path from 'node:path';
import { createMrzEngine } from '../tesseract-engine';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..', '..');
/** The app's model, as the build ships it. */
export const MRZ_MODEL = path.join(ROOT, 'static', 'ocr', 'mrz.traineddata');

/**
 * The engine for Node (CLI, tests, benchmark). `model` is a `.traineddata` file; its name is the language.
 * tesseract.js in Node loads its core from node_modules and the model from the local folder.
 */
export async function createNodeEngine(model = MRZ_MODEL) {
	if (!fs.existsSync(model)) throw new Error(`OCR model not found: ${model}`);
	return createMrzEngine({
		lang: path.basename(model, '.traineddata'),
		paths: { langPath: path.dirname(model) },
		cacheMethod: 'none'
	});
}
