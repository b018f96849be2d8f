import {
	type FileKind,
	MAX_FILE_BYTES,
	planFile,
	scaledSize,
	sniffType
} from '$domain/registration/file-rules';

export type ProcessedFile = { ok: true; blob: Blob; contentType: FileKind } | { ok: false; problem: string };

/** Long sides tried in turn until the JPEG fits in 2 MB; a document photo stays legible at 1600 px. */
const SIDES = [2400, 2000, 1600, 1200];
const QUALITIES = [0.85, 0.75, 0.65];
/** A camera photo is 3–12 MB; anything much larger is not a photo of a ticket. */
const MAX_INPUT_IMAGE_BYTES = 40 * 1024 * 1024;

async function encode(bitmap: ImageBitmap, side: number, quality: number): Promise<Blob | null> {
	const { width, height } = scaledSize(bitmap.width, bitmap.height, side);
	if (typeof OffscreenCanvas !== 'undefined') {
		const canvas = new OffscreenCanvas(width, height);
		const context = canvas.getContext('2d');
		if (!context) return null;
		// White under transparent PNG areas, since JPEG has no alpha.
		context.fillStyle = '#fff';
		context.fillRect(0, 0, width, height);
		context.drawImage(bitmap, 0, 0, width, height);
		return canvas.convertToBlob({ type: 'image/jpeg', quality });
	}
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	const context = canvas.getContext('2d');
	if (!context) return null;
	context.fillStyle = '#fff';
	context.fillRect(0, 0, width, height);
	context.drawImage(bitmap, 0, 0, width, height);
	return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}

/**
 * Checks a picked file by its bytes and prepares what will be sent: PDFs as they are (after the content
 * checks), images decoded and re-encoded as JPEG — which drops EXIF, GPS and any other metadata — scaled
 * down until they fit in 2 MB.
 */
export async function processFile(file: File): Promise<ProcessedFile> {
	if (file.size === 0) return { ok: false, problem: 'empty' };
	let bytes: Uint8Array<ArrayBuffer>;
	try {
		// The type comes from the first bytes; a file that cannot be accepted is never read in full.
		const kind = sniffType(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
		if (!kind) return { ok: false, problem: 'unsupported_type' };
		if (kind === 'application/pdf' && file.size > MAX_FILE_BYTES)
			return { ok: false, problem: 'pdf_too_large' };
		if (file.size > MAX_INPUT_IMAGE_BYTES) return { ok: false, problem: 'image_too_many_pixels' };
		bytes = new Uint8Array(await file.arrayBuffer());
	} catch {
		return { ok: false, problem: 'read_failed' };
	}
	const plan = planFile(bytes);
	if (!plan.ok) return plan;
	if (plan.kind === 'application/pdf')
		return { ok: true, blob: new Blob([bytes], { type: plan.kind }), contentType: plan.kind };
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(new Blob([bytes], { type: plan.kind }), {
			imageOrientation: 'from-image'
		});
	} catch {
		return { ok: false, problem: 'image_damaged' };
	}
	try {
		for (const side of SIDES) {
			for (const quality of QUALITIES) {
				const blob = await encode(bitmap, side, quality);
				if (blob && blob.size <= MAX_FILE_BYTES) return { ok: true, blob, contentType: 'image/jpeg' };
			}
		}
		return { ok: false, problem: 'too_large' };
	} finally {
		bitmap.close();
	}
}
