import type { MrzReading } from '../pipeline/read';
import type { ImageProblem, ReadStage, StoredImage, WorkerRequest, WorkerResponse } from './messages';

export type { ImageProblem, ReadStage, StoredImage };

export class OcrError extends Error {
	constructor(readonly code: ImageProblem) {
		super(code);
	}
}

export interface ReadResult {
	reading: MrzReading;
	stored: StoredImage | null;
	ms: number;
}

/** A request without its id (distributed over the union, so each kind keeps its own fields). */
type NewRequest = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

type Pending = {
	resolve: (value: WorkerResponse) => void;
	reject: (error: Error) => void;
	onProgress?: (stage: ReadStage, progress: number) => void;
};

/**
 * The page's handle on the OCR worker. The worker (and with it tesseract.js, its core and the model) is only
 * loaded when the Documents step asks for it, so the home page pays nothing for OCR.
 */
class OcrClient {
	private worker: Worker | null = null;
	private nextId = 1;
	private pending = new Map<number, Pending>();

	private ensureWorker(): Worker {
		if (this.worker) return this.worker;
		const worker = new Worker(new URL('./mrz.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
			const message = event.data;
			const pending = this.pending.get(message.id);
			if (!pending) return;
			if (message.kind === 'progress') return pending.onProgress?.(message.stage, message.progress);
			this.pending.delete(message.id);
			if (message.kind === 'error') pending.reject(new OcrError(message.code));
			else pending.resolve(message);
		};
		worker.onerror = () => {
			for (const pending of this.pending.values()) pending.reject(new OcrError('engine-failed'));
			this.pending.clear();
			this.worker = null;
		};
		this.worker = worker;
		return worker;
	}

	private send(request: NewRequest, onProgress?: Pending['onProgress']): Promise<WorkerResponse> {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, { resolve, reject, onProgress });
			this.ensureWorker().postMessage({ ...request, id } as WorkerRequest);
		});
	}

	/** Starts the worker and loads the engine and model, so the first photo reads quickly. Returns ms. */
	async warmUp(): Promise<number> {
		const answer = await this.send({ kind: 'warm-up' });
		return answer.kind === 'ready' ? answer.ms : 0;
	}

	async readFile(file: Blob, onProgress?: Pending['onProgress']): Promise<ReadResult> {
		const answer = await this.send({ kind: 'read-file', file }, onProgress);
		if (answer.kind !== 'result') throw new OcrError('engine-failed');
		return { reading: answer.reading, stored: answer.stored, ms: answer.ms };
	}

	async readFrame(frame: ImageData): Promise<MrzReading> {
		const answer = await this.send({ kind: 'read-frame', frame });
		if (answer.kind !== 'result') throw new OcrError('engine-failed');
		return answer.reading;
	}
}

export const ocrClient = new OcrClient();
