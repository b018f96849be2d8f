import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '$lib/i18n/catalogs';

/** The code points a TrueType font maps (cmap formats 4 and 12), read straight from the file. */
function mappedCodePoints(font: Buffer): Set<number> {
	const tables = font.readUInt16BE(4);
	let cmap = -1;
	for (let i = 0; i < tables; i++) {
		const record = 12 + 16 * i;
		if (font.toString('latin1', record, record + 4) === 'cmap') cmap = font.readUInt32BE(record + 8);
	}
	if (cmap < 0) throw new Error('no cmap table');
	const points = new Set<number>();
	for (let i = 0; i < font.readUInt16BE(cmap + 2); i++) {
		const sub = cmap + font.readUInt32BE(cmap + 4 + 8 * i + 4);
		const format = font.readUInt16BE(sub);
		if (format === 4) {
			const segments = font.readUInt16BE(sub + 6) / 2;
			const ends = sub + 14;
			const starts = ends + 2 * segments + 2;
			for (let s = 0; s < segments; s++)
				for (let c = font.readUInt16BE(starts + 2 * s); c <= font.readUInt16BE(ends + 2 * s); c++)
					if (c !== 0xffff) points.add(c);
		} else if (format === 12) {
			for (let g = 0; g < font.readUInt32BE(sub + 12); g++) {
				const group = sub + 16 + 12 * g;
				for (let c = font.readUInt32BE(group); c <= font.readUInt32BE(group + 4); c++) points.add(c);
			}
		}
	}
	return points;
}

describe('the CJK font of the PDFs (static/fonts/arribo-cjk.ttf)', () => {
	const covered = mappedCodePoints(
		fs.readFileSync(new URL('../../../../static/fonts/arribo-cjk.ttf', import.meta.url))
	);

	// The PDFs write Spanish beside the traveller's language in this one font: both must be covered, or the
	// line prints blanks. When this fails, run `node src/lib/receipts/fonts/build-cjk-font.mjs`.
	for (const locale of ['es', 'zh-Hans', 'ja', 'ko'] as const) {
		it(`has a glyph for every character of the ${locale} PDF texts`, async () => {
			const text = Object.entries(await loadCatalog(locale))
				.filter(([key]) => key.startsWith('receipts.'))
				.map(([, value]) => value)
				.join('');
			const missing = [...new Set(text)].filter((c) => !covered.has(c.codePointAt(0) ?? 0));
			expect(missing).toEqual([]);
		});
	}

	it('covers everyday names and places beyond the catalogs (kana, hangul, common hanzi)', () => {
		for (const c of 'あアン가한北京東京서울김李王田中')
			expect(covered.has(c.codePointAt(0) ?? 0), c).toBe(true);
	});
});
