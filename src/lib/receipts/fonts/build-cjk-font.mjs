#!/usr/bin/env node
// Builds static/fonts/arribo-cjk.ttf: the glyphs the receipt and FMM PDFs need to write Chinese, Japanese and
// Korean (labels from the catalogs, and what travellers may type), cut from WenQuanYi Micro Hei (Apache-2.0,
// TrueType outlines, Latin included — jsPDF embeds TrueType only, and one font for a whole page avoids mixing
// fonts inside a line). jsPDF embeds only the glyphs a PDF uses, so the PDFs stay small; this subset keeps the
// download for the device (loaded only when a CJK PDF is made) near 600 KB gzip instead of 5 MB.
//
// Needs Debian's fonts-wqy-microhei and fonttools (pyftsubset):
//   sudo apt-get install fonts-wqy-microhei fonttools && node src/lib/receipts/fonts/build-cjk-font.mjs
// Run it again whenever the zh-Hans, ja or ko catalogs gain characters (a unit test says when).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../../..');
const SOURCE = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const OUTPUT = path.join(root, 'static/fonts/arribo-cjk.ttf');

const chars = new Set();
const add = (text) => {
	for (const c of text) chars.add(c);
};

// Latin (Spanish, the other half of every bilingual line), punctuation and symbols.
for (let code = 0x20; code < 0x250; code++) add(String.fromCodePoint(code));
for (let code = 0x2000; code < 0x2070; code++) add(String.fromCodePoint(code));
add('€№™');

/** Every character of a two-byte legacy character set's rows, decoded by Node's ICU. */
function addRows(encoding, firstRow, lastRow) {
	const decoder = new TextDecoder(encoding);
	for (let row = firstRow; row <= lastRow; row++)
		for (let cell = 0xa1; cell <= 0xfe; cell++) {
			const text = decoder.decode(new Uint8Array([row, cell]));
			if (!text.includes('\uFFFD')) add(text);
		}
}
// The everyday sets: GB2312 symbols + level 1 hanzi (3,755), JIS X 0208 symbols, kana + level 1 kanji (2,965),
// KS X 1001 symbols + all 2,350 hangul syllables. Rarer characters still render when a catalog uses them.
addRows('gbk', 0xa1, 0xd7);
addRows('euc-jp', 0xa1, 0xcf);
addRows('euc-kr', 0xa1, 0xc8);

// Every character the CJK catalogs use, whatever set it belongs to.
for (const locale of ['zh-Hans', 'ja', 'ko']) {
	const dir = path.join(root, 'src/lib/i18n/messages', locale);
	if (!fs.existsSync(dir)) continue;
	for (const file of fs.readdirSync(dir))
		add(Object.values(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))).join(''));
}

const textFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-font-')), 'chars.txt');
fs.writeFileSync(textFile, [...chars].join(''));
fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
execFileSync('pyftsubset', [
	SOURCE,
	'--font-number=0',
	`--text-file=${textFile}`,
	`--output-file=${OUTPUT}`,
	'--layout-features=',
	'--no-hinting',
	'--drop-tables+=DSIG,GSUB,GPOS,GDEF,FFTM'
]);
console.log(`${OUTPUT}: ${chars.size} characters, ${fs.statSync(OUTPUT).size} bytes`);
