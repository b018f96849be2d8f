import type { GreyImage } from './image';

/**
 * The text angle by projection profiles: rotated to the right angle, the dark pixels of text lines pile up in
 * few rows, so the sum of squared row counts peaks. The MRZ is the densest text on a document page, so it
 * dominates the estimate. Returns radians; positive means the text runs downhill to the right.
 */
export function estimateSkew(mask: GreyImage, maxDegrees = 12, ignoreLevelEdges = false): number {
	const xs: number[] = [];
	const ys: number[] = [];
	const { width, height } = mask;
	const data = thinInk(
		mask,
		Math.max(8, Math.round(height / 20)),
		ignoreLevelEdges ? Math.max(16, Math.round(width / 8)) : width
	);
	// Every pixel of a large image is not needed to find an angle; a regular subsample keeps it fast.
	const total = data.reduce((n, v) => n + (v ? 1 : 0), 0);
	const stride = Math.max(1, Math.ceil(total / 25_000));
	let seen = 0;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			if (data[y * width + x] && seen++ % stride === 0) {
				xs.push(x);
				ys.push(y);
			}
		}
	}
	if (xs.length < 50) return 0;
	const diagonal = Math.ceil(Math.hypot(width, height));
	const bins = new Float64Array(diagonal * 2 + 2);
	const score = (degrees: number): number => {
		const radians = (degrees * Math.PI) / 180;
		const sin = Math.sin(radians);
		const cos = Math.cos(radians);
		bins.fill(0);
		for (let i = 0; i < xs.length; i++) bins[Math.round(-xs[i]! * sin + ys[i]! * cos) + diagonal]!++;
		let sum = 0;
		for (const count of bins) sum += count * count;
		return sum;
	};
	let best = 0;
	let bestScore = -1;
	for (let d = -maxDegrees; d <= maxDegrees; d += 0.5) {
		const s = score(d);
		if (s > bestScore) [best, bestScore] = [d, s];
	}
	const coarse = best;
	for (let d = coarse - 0.5; d <= coarse + 0.5; d += 0.1) {
		const s = score(d);
		if (s > bestScore) [best, bestScore] = [d, s];
	}
	return (best * Math.PI) / 180;
}

/**
 * The mask without ink that runs vertically for more than `maxRun` rows or horizontally for more than
 * `maxLength` columns: glyph strokes are short, while a dark table or background around a tilted document
 * is a solid area whose straight edges (the photo's frame, not the document) would otherwise outvote the
 * text. A level edge is a long horizontal run however thin, and a tilted page inside a level dark frame
 * was read as level; but blurred MRZ filler (`<<<<<<`) runs long too, so long runs are only removed when
 * asked (`ignoreLevelEdges`).
 */
function thinInk(mask: GreyImage, maxRun: number, maxLength: number): Uint8ClampedArray {
	const { width, height } = mask;
	const out = new Uint8ClampedArray(mask.data);
	for (let x = 0; x < width; x++) {
		let start = -1;
		for (let y = 0; y <= height; y++) {
			const inked = y < height && out[y * width + x] !== 0;
			if (inked && start < 0) start = y;
			if (!inked && start >= 0) {
				if (y - start > maxRun) for (let k = start; k < y; k++) out[k * width + x] = 0;
				start = -1;
			}
		}
	}
	for (let y = 0; y < height && maxLength < width; y++) {
		const row = y * width;
		let start = -1;
		for (let x = 0; x <= width; x++) {
			const inked = x < width && mask.data[row + x] !== 0;
			if (inked && start < 0) start = x;
			if (!inked && start >= 0) {
				if (x - start > maxLength) out.fill(0, row + start, row + x);
				start = -1;
			}
		}
	}
	return out;
}
