import { createWorker, OEM, PSM, type Worker, type WorkerOptions } from 'tesseract.js';
import { parseHocrChoices } from './pipeline/hocr';
import type { OcrEngine } from './pipeline/read';

/** The MRZ alphabet: nothing else can appear, so the model is not allowed to guess anything else. */
export const MRZ_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

export interface EngineOptions {
	/** Model name: `mrz` (the app's model) or `eng` (stock model, for comparison only). */
	lang: string;
	/**
	 * Where tesseract.js finds its worker script, WebAssembly core and model. Set explicitly: the defaults
	 * point at a public CDN, and the app makes no request to another origin.
	 */
	paths: Partial<Pick<WorkerOptions, 'workerPath' | 'corePath' | 'langPath'>>;
	/** Models are served as plain `.traineddata` (the server and the service worker compress on the wire). */
	gzip?: boolean;
	/** Browser: tesseract.js's own IndexedDB cache of the model is not needed (the service worker caches it). */
	cacheMethod?: WorkerOptions['cacheMethod'];
	logger?: WorkerOptions['logger'];
}

/** A tesseract.js worker set up for MRZ lines; one per app session, reused for every photo. */
export async function createMrzEngine(
	options: EngineOptions
): Promise<OcrEngine & { worker: Worker; terminate(): Promise<void> }> {
	const worker = await createWorker(
		options.lang,
		OEM.LSTM_ONLY,
		{
			...options.paths,
			// A blob: worker URL would be created from a fetched script; the plain URL keeps the CSP simple.
			workerBlobURL: false,
			gzip: options.gzip ?? false,
			cacheMethod: options.cacheMethod ?? 'none',
			...(options.logger ? { logger: options.logger } : {}),
			errorHandler: () => undefined
		},
		{
			// Dictionaries only pull MRZ text towards words; the MRZ has none.
			load_system_dawg: '0',
			load_freq_dawg: '0'
		}
	);
	await worker.setParameters({
		tessedit_char_whitelist: MRZ_ALPHABET,
		tessedit_pageseg_mode: PSM.SINGLE_BLOCK,
		// Per-symbol alternatives in the hOCR, for the check-digit-driven choice between readings.
		lstm_choice_mode: '2',
		user_defined_dpi: '300',
		preserve_interword_spaces: '0'
	} as Parameters<Worker['setParameters']>[0]);
	return {
		worker,
		async recognize(image: Uint8Array) {
			const result = await worker.recognize(image as unknown as Buffer, {}, { text: false, hocr: true });
			return parseHocrChoices(result.data.hocr ?? '');
		},
		terminate: async () => {
			await worker.terminate();
		}
	};
}
