import { greyImage, type GreyImage } from './image';

/** Sliding-window maximum along rows then columns (a square dilation of the bright paper), O(n·radius). */
export function maxFilter(image: GreyImage, radius: number): GreyImage {
	const { width, height } = image;
	const tmp = greyImage(width, height);
	const out = greyImage(width, height);
	for (let y = 0; y < height; y++) {
		const row = y * width;
		for (let x = 0; x < width; x++) {
			let m = 0;
			const x0 = Math.max(0, x - radius);
			const x1 = Math.min(width - 1, x + radius);
			for (let k = x0; k <= x1; k++) if (image.data[row + k]! > m) m = image.data[row + k]!;
			tmp.data[row + x] = m;
		}
	}
	for (let y = 0; y < height; y++) {
		const y0 = Math.max(0, y - radius);
		const y1 = Math.min(height - 1, y + radius);
		for (let x = 0; x < width; x++) {
			let m = 0;
			for (let k = y0; k <= y1; k++) if (tmp.data[k * width + x]! > m) m = tmp.data[k * width + x]!;
			out.data[y * width + x] = m;
		}
	}
	return out;
}

/** Box blur through an integral image. */
export function boxBlur(image: GreyImage, radius: number): GreyImage {
	const { width, height } = image;
	const integral = new Float64Array((width + 1) * (height + 1));
	for (let y = 0; y < height; y++) {
		let rowSum = 0;
		for (let x = 0; x < width; x++) {
			rowSum += image.data[y * width + x]!;
			integral[(y + 1) * (width + 1) + x + 1] = integral[y * (width + 1) + x + 1]! + rowSum;
		}
	}
	const out = greyImage(width, height);
	for (let y = 0; y < height; y++) {
		const y0 = Math.max(0, y - radius);
		const y1 = Math.min(height, y + radius + 1);
		for (let x = 0; x < width; x++) {
			const x0 = Math.max(0, x - radius);
			const x1 = Math.min(width, x + radius + 1);
			const sum =
				integral[y1 * (width + 1) + x1]! -
				integral[y0 * (width + 1) + x1]! -
				integral[y1 * (width + 1) + x0]! +
				integral[y0 * (width + 1) + x0]!;
			out.data[y * width + x] = sum / ((y1 - y0) * (x1 - x0));
		}
	}
	return out;
}

/**
 * How much darker each pixel is than the paper around it (0 = paper). Estimating the paper brightness locally
 * (max filter, then blur) is what removes shadows and uneven light: a shadowed MRZ is as dark *relative to its
 * own paper* as a lit one.
 */
export function darkness(image: GreyImage, radius: number): GreyImage {
	const paper = boxBlur(maxFilter(image, radius), radius);
	const out = greyImage(image.width, image.height);
	for (let i = 0; i < out.data.length; i++) {
		const p = Math.max(paper.data[i]!, 1);
		out.data[i] = Math.max(0, (p - image.data[i]!) * (255 / p));
	}
	return out;
}

/** Otsu's threshold over a histogram of the image. */
export function otsuThreshold(image: GreyImage): number {
	const histogram = new Float64Array(256);
	for (const v of image.data) histogram[v]!++;
	const total = image.data.length;
	let sumAll = 0;
	for (let i = 0; i < 256; i++) sumAll += i * histogram[i]!;
	let sumBelow = 0;
	let countBelow = 0;
	let best = 0;
	let threshold = 128;
	for (let t = 0; t < 256; t++) {
		countBelow += histogram[t]!;
		if (countBelow === 0) continue;
		const countAbove = total - countBelow;
		if (countAbove === 0) break;
		sumBelow += t * histogram[t]!;
		const meanBelow = sumBelow / countBelow;
		const meanAbove = (sumAll - sumBelow) / countAbove;
		const between = countBelow * countAbove * (meanBelow - meanAbove) ** 2;
		if (between > best) {
			best = between;
			threshold = t;
		}
	}
	return threshold;
}

/** Black text on white paper, shadows and grey casts removed: what the OCR engine reads. */
export function normalise(image: GreyImage, radius: number): GreyImage {
	const dark = darkness(image, radius);
	// Stretch so the darkest strokes become black, whatever the print contrast was.
	const sorted = Uint8ClampedArray.from(dark.data).sort();
	const strong = Math.max(40, sorted[Math.floor(sorted.length * 0.97)] ?? 255);
	const out = greyImage(image.width, image.height);
	for (let i = 0; i < out.data.length; i++) out.data[i] = 255 - Math.min(255, (dark.data[i]! * 255) / strong);
	return out;
}

export function binarise(image: GreyImage, threshold = otsuThreshold(image)): GreyImage {
	const out = greyImage(image.width, image.height);
	for (let i = 0; i < out.data.length; i++) out.data[i] = image.data[i]! > threshold ? 255 : 0;
	return out;
}
