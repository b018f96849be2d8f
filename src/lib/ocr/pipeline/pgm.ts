import type { GreyImage } from './image';

/**
 * Binary PGM (P5): the simplest file Leptonica (inside tesseract.js) reads, so the worker gets our pixels
 * without a canvas or a PNG encoder, in the browser and in Node alike.
 */
export function encodePgm(image: GreyImage): Uint8Array {
	const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
	const out = new Uint8Array(header.length + image.data.length);
	out.set(header, 0);
	out.set(image.data, header.length);
	return out;
}
