import type { GreyImage } from './image';

/** One MRZ text line found in the straightened work image (pixel coordinates of that image). */
export interface LineBox {
	x0: number;
	x1: number;
	/** Centre row of the line and the height of its dense core. */
	y: number;
	core: number;
	/** Share of inked pixels in the line's core: glyphs leave paper between strokes, a dark strip does not. */
	density?: number;
	/** The line runs into the left or right edge of the image: cut off, or noise of the photo's border. */
	atEdge?: boolean;
}

export interface Band {
	lines: LineBox[];
	/** 30 (TD1), 36 (TD2) or 44 (TD3): guessed from the band's shape, confirmed later by the reader. */
	charsPerLine: 30 | 36 | 44;
}

interface Box {
	x0: number;
	x1: number;
	y0: number;
	y1: number;
	area: number;
}

/** Row runs of a binary mask after bridging horizontal gaps up to `gap`. */
function rowRuns(mask: GreyImage, gap: number): { y: number; a: number; b: number }[] {
	const runs: { y: number; a: number; b: number }[] = [];
	for (let y = 0; y < mask.height; y++) {
		const row = y * mask.width;
		let start = -1;
		let last = -1;
		for (let x = 0; x < mask.width; x++) {
			if (!mask.data[row + x]) continue;
			if (start >= 0 && x - last > gap) {
				runs.push({ y, a: start, b: last });
				start = x;
			} else if (start < 0) start = x;
			last = x;
		}
		if (start >= 0) runs.push({ y, a: start, b: last });
	}
	return runs;
}

/** Connected blocks of bridged runs (union-find over runs of neighbouring rows that overlap). */
function blocks(mask: GreyImage, gap: number): Box[] {
	const runs = rowRuns(mask, gap);
	const parent = runs.map((_, i) => i);
	const find = (i: number): number => {
		while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
		return i;
	};
	let previousStart = 0;
	let rowStart = 0;
	for (let i = 0; i < runs.length; i++) {
		if (i > 0 && runs[i]!.y !== runs[i - 1]!.y) {
			previousStart = runs[i - 1]!.y === runs[i]!.y - 1 ? rowStart : i;
			rowStart = i;
		}
		for (let j = previousStart; j < rowStart; j++) {
			if (runs[j]!.b >= runs[i]!.a && runs[j]!.a <= runs[i]!.b) parent[find(i)] = find(j);
		}
	}
	const boxes = new Map<number, Box>();
	runs.forEach((run, i) => {
		const root = find(i);
		const box = boxes.get(root);
		if (!box) boxes.set(root, { x0: run.a, x1: run.b, y0: run.y, y1: run.y, area: run.b - run.a + 1 });
		else {
			box.x0 = Math.min(box.x0, run.a);
			box.x1 = Math.max(box.x1, run.b);
			box.y1 = Math.max(box.y1, run.y);
			box.area += run.b - run.a + 1;
		}
	});
	return [...boxes.values()];
}

/** Row segments where the ink profile stays above `level`. */
function segments(profile: number[], level: number): [number, number][] {
	const found: [number, number][] = [];
	for (let i = 0; i < profile.length;) {
		if (profile[i]! < level) {
			i++;
			continue;
		}
		let end = i;
		while (end < profile.length && profile[end]! >= level) end++;
		if (end - i >= 3) found.push([i, end - 1]);
		i = end;
	}
	return found;
}

/** The longest run of ink columns in rows y0..y1, bridging gaps up to `bridge`. */
function extent(ink: GreyImage, box: Box, y0: number, y1: number, bridge: number): [number, number] {
	let best: [number, number] = [0, -1];
	let start = -1;
	let last = -1;
	for (let x = box.x0; x <= box.x1; x++) {
		let has = false;
		for (let y = y0; y <= y1 && !has; y++) has = ink.data[y * ink.width + x] !== 0;
		if (!has) continue;
		if (start < 0 || x - last > bridge) start = x;
		last = x;
		if (last - start > best[1] - best[0]) best = [start, last];
	}
	return best;
}

/** Splits a block into text lines by its row profile of ink, each with the horizontal extent of its ink. */
function linesIn(ink: GreyImage, box: Box, gap: number): LineBox[] {
	const profile: number[] = [];
	for (let y = box.y0; y <= box.y1; y++) {
		let count = 0;
		for (let x = box.x0; x <= box.x1; x++) if (ink.data[y * ink.width + x]) count++;
		profile.push(count);
	}
	const peak = Math.max(...profile);
	// Blur can fill the space between lines; a higher cut then still separates them. Keep the finest split.
	let rows: [number, number][] = [];
	for (const share of [0.18, 0.35, 0.5]) {
		const split = segments(profile, peak * share);
		if (split.length > rows.length) rows = split;
	}
	return rows.map(([a, b]) => {
		// Narrow glyphs (`1`, `<`) leave gaps up to most of a pitch, and the pitch is about the line height.
		const [x0, x1] = extent(ink, box, box.y0 + a, box.y0 + b, Math.max(gap, Math.round((b - a + 1) * 0.9)));
		let inked = 0;
		for (let y = box.y0 + a; y <= box.y0 + b; y++)
			for (let x = x0; x <= x1; x++) if (ink.data[y * ink.width + x]) inked++;
		const density = inked / Math.max(1, (x1 - x0 + 1) * (b - a + 1));
		return { x0, x1, y: box.y0 + (a + b) / 2, core: b - a + 1, density };
	});
}

/**
 * Finds text line candidates that could belong to an MRZ: long, unbroken rows of glyphs (the MRZ is a
 * fixed-pitch row of 30 to 44 characters with no word gaps, wider than any other text on a document).
 */
export function findLines(ink: GreyImage): LineBox[] {
	const gap = Math.max(5, Math.round(ink.width / 70));
	// A little vertical smear makes thin glyphs like `<` join their neighbours, and MRZ lines join into a block.
	const mask = dilateVertically(ink, Math.max(2, Math.round(ink.width / 250)));
	const lines: LineBox[] = [];
	for (const box of blocks(mask, Math.round(gap * 1.6))) {
		const width = box.x1 - box.x0 + 1;
		// Tall blocks are kept too: the page's own edge can join the MRZ and everything else into one block,
		// and the row profile still separates its lines.
		if (width < ink.width * 0.22) continue;
		for (const line of linesIn(ink, box, gap)) {
			// Ink from one edge of the photo to the other is noise or a table edge: a document's MRZ has margins.
			const edgeToEdge = line.x0 <= 0 && line.x1 >= ink.width - 1;
			// Within half a percent of the edge: straightening leaves a thin empty wedge along the border.
			const margin = Math.ceil(ink.width * 0.005);
			const atEdge = line.x0 <= margin || line.x1 >= ink.width - 1 - margin;
			if (line.x1 - line.x0 >= ink.width * 0.2 && !edgeToEdge) lines.push({ ...line, atEdge });
		}
	}
	return lines.sort((a, b) => a.y - b.y);
}

function dilateVertically(mask: GreyImage, radius: number): GreyImage {
	const out = { width: mask.width, height: mask.height, data: new Uint8ClampedArray(mask.data.length) };
	for (let y = 0; y < mask.height; y++) {
		const y0 = Math.max(0, y - radius);
		const y1 = Math.min(mask.height - 1, y + radius);
		for (let x = 0; x < mask.width; x++) {
			for (let k = y0; k <= y1; k++) {
				if (mask.data[k * mask.width + x]) {
					out.data[y * mask.width + x] = 255;
					break;
				}
			}
		}
	}
	return out;
}

/** Share of inked pixels above which a "line" is a solid strip (MRZ lines measure 0.3–0.45, strips 0.7–1). */
const MAX_LINE_DENSITY = 0.62;

/** Height of a line's dense core, as a share of the line spacing, above which the lines touch. */
const MAX_CORE_SHARE = 0.9;

const similar = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance * Math.max(a, b);

/**
 * Picks the MRZ among the line candidates: 2 or 3 lines of the same width, aligned left, evenly spaced about
 * 1.67 character pitches apart (ICAO 9303: 2.54 mm pitch, 4.23 mm line spacing). Prefers the widest such group
 * that stays inside the image.
 */
export function pickBand(lines: LineBox[]): Band | null {
	let best: { band: Band; score: number; inside: boolean } | null = null;
	// Not only neighbours: fragments of other text can sit between two MRZ lines in the candidate list.
	const groups: LineBox[][] = [];
	for (let i = 0; i < lines.length; i++) {
		for (let j = i + 1; j < lines.length; j++) {
			groups.push([lines[i]!, lines[j]!]);
			for (let k = j + 1; k < lines.length; k++) groups.push([lines[i]!, lines[j]!, lines[k]!]);
		}
	}
	for (const group of groups) {
		{
			const count = group.length;
			const width = group[0]!.x1 - group[0]!.x0;
			const aligned = group.every(
				(l) => similar(l.x1 - l.x0, width, 0.12) && Math.abs(l.x0 - group[0]!.x0) < width * 0.06
			);
			// Glyph rows are thick; the edge of a page or a photo is a thin line however long.
			const thick = group.every((l) => similar(l.core, group[0]!.core, 0.45));
			// A strip of dark table along a tilted document's edge is long and thick too, but solid.
			const glyphs = group.every((l) => (l.density ?? 0) <= MAX_LINE_DENSITY);
			if (!aligned || !thick || !glyphs) continue;
			const spacings = group.slice(1).map((l, k) => l.y - group[k]!.y);
			const spacing = spacings.reduce((s, v) => s + v, 0) / spacings.length;
			if (!spacings.every((s) => similar(s, spacing, 0.25))) continue;
			// Width over line spacing: 26.4 for TD3, 21.6 for TD2, 18 for TD1 (ICAO sizes).
			const ratio = width / spacing;
			if (ratio < 12 || ratio > 36 || group[0]!.core < spacing * 0.3) continue;
			// Printed lines leave paper between them (the glyphs are about half the line spacing tall; blur
			// gets them to 0.8 of it in the generated photos). Rows of sensor noise on a dim background
			// touch each other, and such a band beat a booklet's small MRZ.
			if (group.some((l) => l.core > spacing * MAX_CORE_SHARE)) continue;
			const charsPerLine = count === 3 ? 30 : ratio > 24 ? 44 : 36;
			const score = width * count * (count === 3 && similar(ratio, 18, 0.25) ? 1.2 : 1);
			// A band inside the image beats any that runs into its edge: sensor noise along a photo's border
			// forms long "lines" there, and a real MRZ at the edge would be cut anyway.
			const inside = !group.some((l) => l.atEdge);
			const better = !best || (inside === best.inside ? score > best.score : inside);
			if (better) best = { band: { lines: group, charsPerLine }, score, inside };
		}
	}
	return best?.band ?? null;
}
