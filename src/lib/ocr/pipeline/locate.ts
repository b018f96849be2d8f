import { findLines, pickBand, type Band, type LineBox } from './band';
import { binarise, boxBlur, darkness, normalise } from './filters';
import { downscale, greyImage, rotate, sample, toGrey, type GreyImage, type PixelBuffer } from './image';
import { estimateSkew } from './skew';

/** The long side the MRZ is searched at: big enough for 30-character lines in a small card, small enough to be fast. */
const WORK_SIDE = 1000;
/** The source is kept at most this large for cropping, so crops are not aliased from huge phone photos. */
const SOURCE_SIDE = 2200;
/** Cap height the OCR model sees (tesseract's LSTM rescales lines to 36 px; ~28 px caps read best). */
const TARGET_PITCH = 28;
/** How dark (0–255, relative to the local paper) a pixel must be to count as ink. */
const INK = 70;

export interface LocatedMrz {
	band: Band;
	/** The straightened, cropped and normalised lines, stacked one under the other, ready for OCR. */
	image: GreyImage;
	/** Straightening applied to the whole image, in degrees. */
	skewDegrees: number;
	/** Centre of the first line and the line spacing, in pixels of the (downscaled) source. */
	centre: [number, number];
	spacing: number;
}

function inkMask(image: GreyImage, ink = INK): GreyImage {
	const radius = Math.max(4, Math.round(Math.max(image.width, image.height) / 120));
	const mask = darkness(image, radius);
	for (let i = 0; i < mask.data.length; i++) mask.data[i] = mask.data[i]! > ink ? 255 : 0;
	return mask;
}

/** Fine angle of one line (perspective makes lines of the same band slightly non-parallel). */
function lineAngle(mask: GreyImage, line: LineBox, halfHeight: number): number {
	const y0 = Math.max(0, Math.round(line.y - halfHeight));
	const y1 = Math.min(mask.height, Math.round(line.y + halfHeight));
	const x0 = Math.max(0, Math.round(line.x0));
	const x1 = Math.min(mask.width, Math.round(line.x1) + 1);
	const region = greyImage(x1 - x0, y1 - y0);
	for (let y = y0; y < y1; y++)
		region.data.set(mask.data.subarray(y * mask.width + x0, y * mask.width + x1), (y - y0) * region.width);
	return estimateSkew(region, 3);
}

/**
 * Finds the MRZ anywhere in a photo, straightens it and returns its lines as one clean greyscale image.
 * Returns null when no MRZ-shaped band is found.
 */
export function locateMrz(pixels: PixelBuffer): LocatedMrz | null {
	for (const located of mrzCandidates(pixels)) return located;
	return null;
}

/**
 * Every distinct MRZ-shaped band of a photo, most likely first, each straightened and cropped. Only the
 * reader can tell a real MRZ from rows of texture that look like one (a dim photo's background noise
 * forms bands as wide and as evenly spaced as a small document's MRZ), so it asks for the next band
 * when one does not read as an MRZ. Bands are found lazily: the common photo costs one look.
 */
export function* mrzCandidates(pixels: PixelBuffer): Generator<LocatedMrz> {
	const grey = toGrey(pixels);
	const source = downscale(grey, SOURCE_SIDE).image;
	// The fast look first; then the same smoothed, for a dim photo whose sensor noise turns the whole frame
	// into specks of "ink"; a small, blurred or faint document in a large photo gets a finer, more sensitive one.
	// A band that runs into the frame's edge comes last: a photo's sensor noise forms "lines" that start
	// at the edge, and a real MRZ there would be cut anyway.
	const seen: LocatedMrz[] = [];
	const atEdge: LocatedMrz[] = [];
	const isNew = (found: LocatedMrz) => ![...seen, ...atEdge].some((other) => sameBand(found, other));
	for (const [side, ink, smooth, ignoreLevelEdges] of [
		[WORK_SIDE, INK, false, false],
		[WORK_SIDE, INK, true, false],
		[WORK_SIDE * 1.6, INK * 0.7, false, false],
		// A page tilted inside a level dark frame (the table, or the photo's own border) whose edges
		// outvoted the text's angle; only asked for when the looks above found no band that reads.
		[WORK_SIDE, INK, true, true]
	] as const) {
		const work = downscale(source, side).image;
		const mask = inkMask(smooth ? boxBlur(work, 1) : work, ink);
		const found = locateIn(source, work, mask, estimateSkew(mask, 12, ignoreLevelEdges));
		if (!found || !isNew(found)) continue;
		if (found.band.lines.some((line) => line.atEdge)) atEdge.push(found);
		else {
			seen.push(found);
			yield found;
		}
	}
	yield* atEdge;
}

/**
 * Two looks found the same band when their first lines' centres are within a line spacing in the source
 * and they straightened it alike (the same place at another angle is cropped differently).
 */
function sameBand(a: LocatedMrz, b: LocatedMrz): boolean {
	const [ax, ay] = a.centre;
	const [bx, by] = b.centre;
	return (
		Math.hypot(ax - bx, ay - by) < Math.max(a.spacing, b.spacing) &&
		Math.abs(a.skewDegrees - b.skewDegrees) < 1
	);
}

function locateIn(source: GreyImage, work: GreyImage, mask: GreyImage, skew: number): LocatedMrz | null {
	const straight = binarise(rotate(mask, skew, 0), 127);
	const band = pickBand(findLines(straight));
	if (!band) return null;
	const lines = band.lines;
	const spacing = lines.length > 1 ? (lines[lines.length - 1]!.y - lines[0]!.y) / (lines.length - 1) : 20;
	const scale = source.width / work.width;
	const cos = Math.cos(skew);
	const sin = Math.sin(skew);
	const cx = work.width / 2;
	const cy = work.height / 2;
	const crops = lines.map((line) => {
		const pitch = (line.x1 - line.x0) / band.charsPerLine;
		const s = TARGET_PITCH / pitch;
		const halfLength = (line.x1 - line.x0) / 2 + pitch * 1.2;
		const halfHeight = spacing * 0.55;
		const angle = lineAngle(straight, line, spacing * 0.45);
		const [ca, sa] = [Math.cos(angle), Math.sin(angle)];
		const xc = (line.x0 + line.x1) / 2;
		const out = greyImage(Math.round(2 * halfLength * s), Math.round(2 * halfHeight * s));
		for (let v = 0; v < out.height; v++) {
			const across = -halfHeight + v / s;
			for (let u = 0; u < out.width; u++) {
				const along = -halfLength + u / s;
				// Rotated work frame → work image → source image.
				const dx = xc + along * ca - across * sa - cx;
				const dy = line.y + along * sa + across * ca - cy;
				out.data[v * out.width + u] = sample(
					source,
					(cx + dx * cos - dy * sin) * scale,
					(cy + dx * sin + dy * cos) * scale
				);
			}
		}
		// Each line against its own paper: normalising after stacking would take the white gaps between the
		// lines for paper, and a dim photo's real paper would turn into grey bands the OCR reads as text.
		return normalise(out, Math.round(TARGET_PITCH * 0.5));
	});
	const first = lines[0]!;
	const [dx, dy] = [(first.x0 + first.x1) / 2 - cx, first.y - cy];
	return {
		band,
		image: stack(crops),
		skewDegrees: (skew * 180) / Math.PI,
		centre: [(cx + dx * cos - dy * sin) * scale, (cy + dx * sin + dy * cos) * scale],
		spacing: spacing * scale
	};
}

function stack(images: GreyImage[]): GreyImage {
	const gap = Math.round(TARGET_PITCH * 0.5);
	const width = Math.max(...images.map((i) => i.width));
	const height = images.reduce((h, i) => h + i.height, 0) + gap * (images.length + 1);
	const out = greyImage(width, height);
	out.data.fill(255);
	let top = gap;
	for (const image of images) {
		for (let y = 0; y < image.height; y++)
			out.data.set(image.data.subarray(y * image.width, (y + 1) * image.width), (top + y) * width);
		top += image.height + gap;
	}
	return out;
}
