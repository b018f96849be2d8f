import { greyImage, rotate, type GreyImage } from './image';

/**
 * Synthetic pages for unit tests: glyph-like dark blocks on light paper. An MRZ is rows of equally spaced
 * glyphs across the page; other "text" is short words. No font rendering needed, so tests run anywhere.
 */
export interface PageSpec {
	width: number;
	height: number;
	mrzLines: number;
	charsPerLine: number;
	pitch: number;
	/** Top of the first MRZ line. */
	mrzTop: number;
}

function glyph(image: GreyImage, x: number, y: number, w: number, h: number, ink: number): void {
	for (let yy = Math.max(0, y); yy < Math.min(image.height, y + h); yy++) {
		for (let xx = Math.max(0, x); xx < Math.min(image.width, x + w); xx++)
			image.data[yy * image.width + xx] = ink;
	}
}

export function syntheticPage(spec: PageSpec, paper = 235, ink = 30): GreyImage {
	const image = greyImage(spec.width, spec.height);
	image.data.fill(paper);
	const glyphHeight = Math.round(spec.pitch * 1.2);
	// Short words of ordinary text above the MRZ.
	for (let row = 0; row < 5; row++) {
		for (let word = 0; word < 3; word++) {
			const x0 = Math.round(spec.width * 0.35 + word * spec.pitch * 7);
			for (let c = 0; c < 4; c++)
				glyph(
					image,
					x0 + c * spec.pitch * 0.8,
					40 + row * glyphHeight * 2.5,
					spec.pitch * 0.55,
					glyphHeight * 0.8,
					ink
				);
		}
	}
	const left = Math.round((spec.width - spec.pitch * spec.charsPerLine) / 2);
	for (let line = 0; line < spec.mrzLines; line++) {
		const y = Math.round(spec.mrzTop + line * spec.pitch * 1.67);
		for (let c = 0; c < spec.charsPerLine; c++) {
			glyph(image, Math.round(left + c * spec.pitch), y, Math.round(spec.pitch * 0.6), glyphHeight, ink);
		}
	}
	return image;
}

export function rotatedDegrees(image: GreyImage, degrees: number): GreyImage {
	return rotate(image, (-degrees * Math.PI) / 180, 235);
}
