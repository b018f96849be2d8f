import { describe, expect, it } from 'vitest';
import { findLines, pickBand } from './band';
import { binarise, darkness, normalise } from './filters';
import { locateMrz } from './locate';
import { estimateSkew } from './skew';
import { downscale, greyImage, rotate } from './image';
import { rotatedDegrees, syntheticPage } from './test-images';

const passport = { width: 900, height: 640, mrzLines: 2, charsPerLine: 44, pitch: 18, mrzTop: 520 };
const card = { width: 800, height: 520, mrzLines: 3, charsPerLine: 30, pitch: 22, mrzTop: 370 };
const ink = (image: ReturnType<typeof syntheticPage>) => binarise(darkness(image, 8), 70);
/** A passport page turned by `degrees` on a dark table (60), that photo framed by `margin` px of lighter grey (150). */
function tiltedOnTableInFrame(degrees: number, margin: number) {
	const tilted = rotate(syntheticPage(passport), (-degrees * Math.PI) / 180, 60);
	const photo = greyImage(tilted.width + 2 * margin, tilted.height + 2 * margin);
	photo.data.fill(150);
	for (let y = 0; y < tilted.height; y++)
		photo.data.set(
			tilted.data.subarray(y * tilted.width, (y + 1) * tilted.width),
			(y + margin) * photo.width + margin
		);
	return photo;
}

describe('estimateSkew', () => {
	for (const degrees of [-7.5, -3, 0, 4, 8]) {
		it(`finds a page rotated by ${degrees}° to within 0.3°`, () => {
			const page = rotatedDegrees(syntheticPage(passport), degrees);
			expect((estimateSkew(ink(page)) * 180) / Math.PI).toBeCloseTo(degrees, 0);
			expect(Math.abs((estimateSkew(ink(page)) * 180) / Math.PI - degrees)).toBeLessThan(0.3);
		});
	}
});

describe('estimateSkew, asked to ignore level edges', () => {
	it('finds the angle of a small page tilted inside a wide, level dark frame', () => {
		// A page turned 5° on a dark table (60), framed by a lighter grey (150) 250 px wide: the frame's two
		// long level edges outweigh the text's rows (the default estimate says 1.2°).
		const work = downscale(tiltedOnTableInFrame(5, 250), 1000).image;
		const mask = binarise(darkness(work, Math.round(work.width / 120)), 70);
		expect((estimateSkew(mask, 12, true) * 180) / Math.PI).toBeCloseTo(5, 0);
	});
});

describe('band location', () => {
	it('finds the two MRZ lines of a passport page and not the short words above them', () => {
		const band = pickBand(findLines(ink(syntheticPage(passport))));
		expect(band?.lines).toHaveLength(2);
		expect(band?.charsPerLine).toBe(44);
		expect(band!.lines[0]!.y).toBeGreaterThan(passport.mrzTop);
	});

	it('finds the three lines of an identity card', () => {
		const band = pickBand(findLines(ink(syntheticPage(card))));
		expect(band?.lines).toHaveLength(3);
		expect(band?.charsPerLine).toBe(30);
	});

	it('finds a tilted page photographed on a dark table inside a lighter frame', () => {
		// The page turned 4° on a dark table (60), that photo framed by a lighter grey (150): the dark wedges
		// and strips are level with the frame, not with the text, and must outvote neither skew nor band.
		const located = locateMrz(tiltedOnTableInFrame(4, 120));
		expect(located?.band.lines).toHaveLength(2);
		expect(located?.band.charsPerLine).toBe(44);
		expect(located!.skewDegrees).toBeCloseTo(4, 0);
	});

	it('does not take two solid dark strips shaped like an MRZ for one', () => {
		const mask = greyImage(900, 300);
		for (const top of [100, 130])
			for (let y = top; y < top + 16; y++) mask.data.fill(255, y * 900 + 50, y * 900 + 850);
		expect(pickBand(findLines(mask))).toBeNull();
	});

	it('does not take rows of sensor noise that touch each other for MRZ lines', () => {
		// Measured on a dim photo's background: "lines" 8.5 px apart with 7–8 px cores. Printed lines leave
		// paper between them, so the same rows with half the core are a band.
		const rows = (core: number) =>
			[648, 656.5].map((y) => ({ x0: 9, x1: 240, y, core, density: 0.28, atEdge: false }));
		expect(pickBand(rows(8))).toBeNull();
		expect(pickBand(rows(5))?.lines).toHaveLength(2);
	});

	it('prefers an MRZ inside the photo to a wider one cut by its edge', () => {
		// Two rows of glyphs wider than the real MRZ, running into the left edge of the photo (as sensor noise
		// along a border does): a band running into the frame is either cut or noise, never the MRZ to read.
		const photo = syntheticPage({ ...passport, charsPerLine: 30 });
		for (const top of [150, 187])
			for (let c = 0; c < 38; c++)
				for (let y = top; y < top + 26; y++)
					photo.data.fill(30, y * photo.width + c * 22, y * photo.width + c * 22 + 13);
		const located = locateMrz(photo);
		expect(located?.band.lines[0]!.y).toBeGreaterThan(passport.mrzTop);
	});

	it('finds nothing on a page without an MRZ', () => {
		expect(pickBand(findLines(ink(syntheticPage({ ...passport, mrzLines: 0 }))))).toBeNull();
	});

	it('straightens a rotated page and crops the lines level', () => {
		const located = locateMrz(rotatedDegrees(syntheticPage(passport), 6));
		expect(located).not.toBeNull();
		expect(located!.skewDegrees).toBeCloseTo(6, 0);
		// Two level lines: the ink rows of the crop form exactly two bands.
		const { image } = located!;
		const rows = Array.from({ length: image.height }, (_, y) =>
			image.data.subarray(y * image.width, (y + 1) * image.width).some((v) => v < 128)
		);
		const bands = rows.filter((dark, y) => dark && !rows[y - 1]).length;
		expect(bands).toBe(2);
	});
});

describe('normalise and binarise', () => {
	it('gives the lines of a dim photo white paper from top to bottom, with no grey bands for the OCR to read', () => {
		const located = locateMrz(syntheticPage(passport, 110, 20));
		const { image } = located!;
		// Rows without glyphs (above, between and below the lines) must be paper, not shades of grey.
		const rowMean = (y: number) =>
			image.data.subarray(y * image.width, (y + 1) * image.width).reduce((sum, v) => sum + v, 0) /
			image.width;
		const paperRows = Array.from({ length: image.height }, (_, y) => y).filter(
			(y) => Math.min(...image.data.subarray(y * image.width, (y + 1) * image.width)) > 128
		);
		expect(paperRows.length).toBeGreaterThan(image.height * 0.3);
		for (const y of paperRows) expect(rowMean(y), `row ${y}`).toBeGreaterThan(235);
	});

	it('keeps text black and paper white under a strong shadow', () => {
		const page = syntheticPage(passport, 235, 60);
		// A shadow darkening the left half to below the ink level of the lit side.
		for (let y = 0; y < page.height; y++) {
			for (let x = 0; x < page.width; x++) {
				const i = y * page.width + x;
				page.data[i] = page.data[i]! * (0.3 + 0.7 * (x / page.width));
			}
		}
		const clean = binarise(normalise(page, 12));
		const at = (x: number, y: number) => clean.data[y * page.width + x];
		const left = Math.round((page.width - 18 * 44) / 2);
		// A glyph and the paper next to it, in the deep shadow and in the light.
		expect(at(left + 4, 530)).toBe(0);
		expect(at(left + 14, 530)).toBe(255);
		expect(at(left + 18 * 43 + 4, 530)).toBe(0);
		expect(at(left + 18 * 43 + 14, 530)).toBe(255);
	});
});
