import type { MrzReading } from '../pipeline/read';

/** Stages the traveller sees while a photo is read. */
export type ReadStage = 'loading-engine' | 'preparing' | 'locating' | 'recognizing';

export type WorkerRequest =
	/** `lang` picks the model; only the benchmark asks for another than the app's `mrz` (the stock `eng`). */
	| { id: number; kind: 'warm-up'; lang?: string }
	/** A photo or file the traveller chose: read it and re-encode it for storage. */
	| { id: number; kind: 'read-file'; file: Blob }
	/** A camera frame: read only (nothing is stored from frames). */
	| { id: number; kind: 'read-frame'; frame: ImageData };

export type WorkerResponse =
	| { id: number; kind: 'progress'; stage: ReadStage; progress: number }
	| { id: number; kind: 'ready'; ms: number }
	| { id: number; kind: 'result'; reading: MrzReading; stored: StoredImage | null; ms: number }
	| { id: number; kind: 'error'; code: ImageProblem };

export interface StoredImage {
	blob: Blob;
	width: number;
	height: number;
}

/** Why a file could not be used; each has a message for the traveller. */
export type ImageProblem = 'not-an-image' | 'too-large' | 'corrupt' | 'engine-failed';
