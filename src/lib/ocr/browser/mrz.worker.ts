/// <reference lib="webworker" />
/**
 * The OCR worker: decodes a photo, runs the MRZ pipeline and re-encodes the photo for storage, off the main
 * thread. tesseract.js runs in its own nested worker, loaded from our origin (`/ocr/`).
 */
import { sniffImage } from '../../domain/documents/image-file';
import { readMrz } from '../pipeline/read';
import { createMrzEngine } from '../tesseract-engine';
import type { ImageProblem, ReadStage, WorkerRequest, WorkerResponse } from './messages';
import { reencodeForStorage } from './reencode';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: WorkerResponse) => scope.postMessage(message);

/** Long side the photo is decoded at for reading; the pipeline needs no more. */
const READ_SIDE = 2200;

let engine: ReturnType<typeof createMrzEngine> | null = null;
let current = 0;

function getEngine(id: number, lang = 'mrz') {
	engine ??= createMrzEngine({
		lang,
		paths: {
			workerPath: new URL('/ocr/worker.min.js', scope.location.origin).href,
			corePath: new URL('/ocr/', scope.location.origin).href,
			langPath: new URL('/ocr', scope.location.origin).href
		},
		logger: (message) => {
			if (message.status === 'recognizing text') progress(current || id, 'recognizing', message.progress);
		}
	}).catch((error) => {
		engine = null;
		throw error;
	});
	return engine;
}

function progress(id: number, stage: ReadStage, value: number) {
	post({ id, kind: 'progress', stage, progress: value });
}

class ProblemError extends Error {
	constructor(readonly code: ImageProblem) {
		super(code);
	}
}

async function bitmapOf(file: Blob): Promise<ImageBitmap> {
	const sniffed = sniffImage(new Uint8Array(await file.slice(0, 256 * 1024).arrayBuffer()));
	if (!sniffed.ok) throw new ProblemError(sniffed.problem);
	try {
		return await createImageBitmap(file);
	} catch {
		throw new ProblemError('corrupt');
	}
}

function pixelsOf(source: ImageBitmap, maxSide: number): ImageData {
	const scale = Math.min(1, maxSide / Math.max(source.width, source.height));
	const width = Math.round(source.width * scale);
	const height = Math.round(source.height * scale);
	const canvas = new OffscreenCanvas(width, height);
	const context = canvas.getContext('2d', { willReadFrequently: true })!;
	context.drawImage(source, 0, 0, width, height);
	return context.getImageData(0, 0, width, height);
}

async function handle(request: WorkerRequest): Promise<void> {
	const started = performance.now();
	current = request.id;
	if (request.kind === 'warm-up') {
		progress(request.id, 'loading-engine', 0);
		await getEngine(request.id, request.lang);
		post({ id: request.id, kind: 'ready', ms: performance.now() - started });
		return;
	}
	progress(request.id, 'preparing', 0);
	const bitmap = request.kind === 'read-file' ? await bitmapOf(request.file) : null;
	const pixels = bitmap ? pixelsOf(bitmap, READ_SIDE) : (request as { frame: ImageData }).frame;
	const stored = bitmap ? await reencodeForStorage(bitmap) : null;
	bitmap?.close();
	progress(request.id, 'loading-engine', 0);
	const ocr = await getEngine(request.id);
	progress(request.id, 'locating', 0);
	const reading = await readMrz(pixels, ocr);
	post({ id: request.id, kind: 'result', reading, stored, ms: performance.now() - started });
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
	handle(event.data).catch((error: unknown) => {
		const code = error instanceof ProblemError ? error.code : 'engine-failed';
		// Not a problem with the photo: keep the cause visible to whoever debugs the device.
		if (code === 'engine-failed') console.error('OCR worker failed', error);
		post({ id: event.data.id, kind: 'error', code });
	});
};
