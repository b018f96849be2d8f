/**
 * Pixel buffers as both ImageData (browser) and decoded files (Node) provide them. The pipeline works on
 * single-channel greyscale; everything here is pure TypeScript so it runs the same in a Web Worker and in Node.
 */
export interface PixelBuffer {
	width: number;
	height: number;
	/** RGBA (4 bytes per pixel) or greyscale (1 byte per pixel). */
	data: Uint8ClampedArray;
}

export interface GreyImage {
	width: number;
	height: number;
	data: Uint8ClampedArray;
}

export function greyImage(width: number, height: number): GreyImage {
	return { width, height, data: new Uint8ClampedArray(width * height) };
}

/** Luma (Rec. 601); a grey buffer is returned as is. */
export function toGrey(image: PixelBuffer): GreyImage {
	const { width, height, data } = image;
	const pixels = width * height;
	if (data.length === pixels) return { width, height, data };
	if (data.length !== pixels * 4) throw new Error('expected greyscale or RGBA pixels');
	const out = new Uint8ClampedArray(pixels);
	for (let i = 0, j = 0; i < pixels; i++, j += 4) {
		out[i] = (data[j]! * 77 + data[j + 1]! * 150 + data[j + 2]! * 29) >> 8;
	}
	return { width, height, data: out };
}

/** Box-averaging downscale so the long side is at most `maxSide` (no aliasing of thin strokes). */
export function downscale(image: GreyImage, maxSide: number): { image: GreyImage; factor: number } {
	const factor = Math.max(image.width, image.height) / maxSide;
	if (factor <= 1) return { image, factor: 1 };
	const width = Math.max(1, Math.round(image.width / factor));
	const height = Math.max(1, Math.round(image.height / factor));
	const out = greyImage(width, height);
	const fx = image.width / width;
	const fy = image.height / height;
	for (let y = 0; y < height; y++) {
		const y0 = Math.floor(y * fy);
		const y1 = Math.max(y0 + 1, Math.floor((y + 1) * fy));
		for (let x = 0; x < width; x++) {
			const x0 = Math.floor(x * fx);
			const x1 = Math.max(x0 + 1, Math.floor((x + 1) * fx));
			let sum = 0;
			for (let yy = y0; yy < y1; yy++) {
				const row = yy * image.width;
				for (let xx = x0; xx < x1; xx++) sum += image.data[row + xx]!;
			}
			out.data[y * width + x] = sum / ((y1 - y0) * (x1 - x0));
		}
	}
	return { image: out, factor: image.width / width };
}

/** Bilinear sample; outside the image it returns white (paper), which keeps crops near the border clean. */
export function sample(image: GreyImage, x: number, y: number, fill = 255): number {
	const { width, height, data } = image;
	if (x < 0 || y < 0 || x > width - 1 || y > height - 1) return fill;
	const x0 = Math.floor(x);
	const y0 = Math.floor(y);
	const x1 = Math.min(x0 + 1, width - 1);
	const y1 = Math.min(y0 + 1, height - 1);
	const ax = x - x0;
	const ay = y - y0;
	const top = data[y0 * width + x0]! * (1 - ax) + data[y0 * width + x1]! * ax;
	const bottom = data[y1 * width + x0]! * (1 - ax) + data[y1 * width + x1]! * ax;
	return top * (1 - ay) + bottom * ay;
}

/** Rotates the whole image about its centre (same size); used to straighten the work image. */
export function rotate(image: GreyImage, radians: number, fill = 255): GreyImage {
	const out = greyImage(image.width, image.height);
	const cx = image.width / 2;
	const cy = image.height / 2;
	const cos = Math.cos(radians);
	const sin = Math.sin(radians);
	for (let y = 0; y < image.height; y++) {
		for (let x = 0; x < image.width; x++) {
			const dx = x - cx;
			const dy = y - cy;
			out.data[y * image.width + x] = sample(image, cx + dx * cos - dy * sin, cy + dx * sin + dy * cos, fill);
		}
	}
	return out;
}
