import { greyImage, type GreyImage } from './image';

/**
 * Sliding-window maximum of one row or column (van Herk / Gil-Werman): three comparisons per pixel whatever
 * the window, which keeps the paper estimate fast on large photos.
 */
function maxLine(
	src: Uint8ClampedArray,
	dst: Uint8ClampedArray,
	start: number,
	step: number,
	length: number,
	radius: number,
	g: Uint8ClampedArray,
	h: Uint8ClampedArray
): void {
	const window = 2 * radius + 1;
	for (let i = 0; i < length; i++) {
		const v = src[start + i * step]!;
		g[i] = i % window === 0 ? v : Math.max(g[i - 1]!, v);
	}
	for (let i = length - 1; i >= 0; i--) {
		const v = src[start + i * step]!;
		h[i] = i === length - 1 || (i + 1) % window === 0 ? v : Math.max(h[i + 1]!, v);
	}
	for (let i = 0; i < length; i++) {
		const left = Math.max(0, i - radius);
		const right = Math.min(length - 1, i + radius);
		let m: number;
		// Across two blocks: suffix of the first and prefix of the second. Within one block (only where the
		// window is clipped by an edge): the prefix if it starts the block, else the suffix.
		if (Math.floor(left / window) !== Math.floor(right / window)) m = Math.max(h[left]!, g[right]!);
		else m = left % window === 0 ? g[right]! : h[left]!;
		dst[start + i * step] = m;
	}
}

/** Square dilation of the bright paper: sliding maximum along rows, then along columns. */
export function maxFilter(image: GreyImage, radius: number): GreyImage {
	const { width, height } = image;
	const tmp = greyImage(width, height);
	const out = greyImage(width, height);
	const g = new Uint8ClampedArray(Math.max(width, height));
	const h = new Uint8ClampedArray(Math.max(width, height));
	for (let y = 0; y < height; y++) maxLine(image.data, tmp.data, y * width, 1, width, radius, g, h);
	for (let x = 0; x < width; x++) maxLine(tmp.data, out.data, x, width, height, radius, g, h);
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

/**
 * 3×3 median: removes the specks that JPEG and sensor noise leave on glyphs while keeping stroke edges
 * (a blur spreads a speck instead, so a look through each fails on different glyphs).
 */
export function median3(image: GreyImage): GreyImage {
	const { width, height } = image;
	const out = greyImage(width, height);
	const window = new Uint8Array(9);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let n = 0;
			for (let dy = -1; dy <= 1; dy++) {
				const yy = Math.min(height - 1, Math.max(0, y + dy));
				for (let dx = -1; dx <= 1; dx++) {
					const xx = Math.min(width - 1, Math.max(0, x + dx));
					window[n++] = image.data[yy * width + xx]!;
				}
			}
			window.sort();
			out.data[y * width + x] = window[4]!;
		}
	}
	return out;
}
