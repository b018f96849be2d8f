import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { between, pick, type Format, type Specimen } from './specimen';

/** ImageMagick 6 (`convert`) renders the pages; CI installs it with `fonts-ocr-b`. */
export const OCRB = '/usr/share/fonts/opentype/ocr-b/OCRB.otf';
const SANS = 'DejaVu-Sans';

/** Page size in pixels at 10 px/mm, and the MRZ pitch ICAO gives (2.54 mm per character, 4.23 mm per line). */
const PAGE: Record<Format, { w: number; h: number }> = {
	TD3: { w: 1250, h: 880 },
	TD2: { w: 1050, h: 740 },
	TD1: { w: 856, h: 540 }
};

export interface Degradation {
	level: number;
	rotate: number;
	perspective: number;
	blur: number;
	noise: number;
	shadow: number;
	contrast: number;
	jpegQuality: number;
	/** Document width as a share of the photo's width (1 = filling the frame). */
	scale: number;
	booklet: boolean;
}

export function degradation(random: () => number, level: number): Degradation {
	const s = level / 3;
	return {
		level,
		rotate: between(random, -8, 8) * s,
		perspective: between(random, 0, 0.06) * s,
		blur: between(random, 0.3, 0.6 + 1.4 * s),
		noise: between(random, 0, 12 * s),
		shadow: random() < 0.3 + 0.4 * s ? between(random, 0.15, 0.55) * s : 0,
		contrast: between(random, 0, 0.45 * s),
		jpegQuality: Math.round(between(random, 92 - 40 * s, 95 - 20 * s)),
		scale: level >= 2 && random() < 0.5 ? between(random, 0.45, 0.75) : between(random, 0.82, 0.97),
		booklet: level >= 1 && random() < 0.15
	};
}

function guilloche(random: () => number, w: number, h: number): string[] {
	const args: string[] = [];
	for (let k = 0; k < 14; k++) {
		const amp = between(random, 10, 60);
		const freq = between(random, 0.004, 0.03);
		const y0 = between(random, 0, h);
		const phase = between(random, 0, 6.28);
		const points: string[] = [];
		for (let x = 0; x <= w; x += 12)
			points.push(`${x},${(y0 + amp * Math.sin(x * freq + phase)).toFixed(1)}`);
		args.push(
			'-stroke',
			pick(random, ['#c9d8e8', '#e3cfe0', '#d2e4d0']),
			'-fill',
			'none',
			'-draw',
			`polyline ${points.join(' ')}`
		);
	}
	return args;
}

/** Draws a passport data page or identity card front with its MRZ; returns the PNG bytes. */
function page(random: () => number, s: Specimen, withMrz: boolean, cutMrz: boolean): Buffer {
	const { w, h } = PAGE[s.format];
	const pitch = 25.4;
	const pointsize = pitch / 0.717;
	const lineGap = 42.3;
	const mrzLeft = Math.round((w - pitch * s.lines[0]!.length) / 2);
	const mrzTop = h - 30 - lineGap * s.lines.length;
	const args = ['-size', `${w}x${h}`, `xc:${pick(random, ['#f4f1e8', '#eef3f6', '#f6eef0', '#f0f4ea'])}`];
	args.push('-strokewidth', '1.5', ...guilloche(random, w, h), '-stroke', 'none');
	const photo = { x: 40, y: 110, w: Math.round(w * 0.24), h: Math.round(w * 0.31) };
	args.push(
		'-fill',
		'#b8b2aa',
		'-draw',
		`rectangle ${photo.x},${photo.y} ${photo.x + photo.w},${photo.y + photo.h}`
	);
	args.push(
		'-fill',
		'#6d625a',
		'-draw',
		`ellipse ${photo.x + photo.w / 2},${photo.y + photo.h * 0.4} ${photo.w * 0.25},${photo.h * 0.22} 0,360`
	);
	args.push(
		'-draw',
		`ellipse ${photo.x + photo.w / 2},${photo.y + photo.h} ${photo.w * 0.45},${photo.h * 0.35} 180,360`
	);
	args.push(
		'-font',
		SANS,
		'-fill',
		'#223a5e',
		'-pointsize',
		'30',
		'-annotate',
		'+40+60',
		s.format === 'TD3' ? 'PASSPORT / PASAPORTE' : 'IDENTITY CARD'
	);
	const x = photo.x + photo.w + 40;
	const labels: [string, string][] = [
		['Surname / Apellidos', s.fields.lastName],
		['Given names / Nombres', s.fields.firstName],
		['Nationality', s.fields.nationality],
		['Date of birth', s.fields.birthDate],
		['Sex', s.fields.sex],
		['Date of expiry', s.fields.expirationDate],
		['Document no.', s.fields.documentNumber]
	];
	let y = 130;
	const step = Math.min(62, (mrzTop - 150) / labels.length);
	for (const [label, value] of labels) {
		args.push('-pointsize', '15', '-fill', '#5a6b80', '-annotate', `+${x}+${y}`, label);
		args.push(
			'-pointsize',
			'24',
			'-fill',
			'#111111',
			'-annotate',
			`+${x}+${Math.round(y + 27)}`,
			value || '-'
		);
		y += step;
	}
	if (withMrz) {
		args.push('-font', OCRB, '-pointsize', pointsize.toFixed(2), '-fill', '#151515');
		s.lines.forEach((line, i) => {
			const text = cutMrz && i === s.lines.length - 1 ? line.slice(0, Math.floor(line.length * 0.4)) : line;
			args.push('-annotate', `+${mrzLeft}+${Math.round(mrzTop + lineGap * (i + 0.8))}`, text);
		});
		if (cutMrz)
			args.push('-fill', '#f4f1e8', '-draw', `rectangle 0,${Math.round(mrzTop + lineGap * 1.15)} ${w},${h}`);
	}
	args.push('png:-');
	return execFileSync('convert', args, { maxBuffer: 64 << 20 });
}

/** A boarding pass: lots of text and a barcode, no MRZ. */
function boardingPass(random: () => number): Buffer {
	const args = [
		'-size',
		'1200x480',
		'xc:#fbfbf7',
		'-font',
		SANS,
		'-fill',
		'#1a1a1a',
		'-pointsize',
		'34',
		'-annotate',
		'+40+70',
		'BOARDING PASS'
	];
	args.push('-pointsize', '24');
	[
		'NAME SMITH/JOHN MR',
		'FROM MADRID MAD  TO CANCUN CUN',
		`FLIGHT IB${Math.floor(random() * 9000 + 1000)}  SEAT 23A`,
		'GATE B12  BOARDING 10:35'
	].forEach((line, i) => args.push('-annotate', `+40+${140 + i * 48}`, line));
	for (let i = 0; i < 90; i++) {
		const x = 760 + i * 4.5;
		if (random() < 0.55) args.push('-draw', `rectangle ${x.toFixed(0)},120 ${(x + 2).toFixed(0)},400`);
	}
	args.push('png:-');
	return execFileSync('convert', args, { maxBuffer: 64 << 20 });
}

/** Applies the photo-like damage, then encodes as JPEG. */
function photograph(random: () => number, png: Buffer, d: Degradation): Buffer {
	const args = ['png:-'];
	args.push('-bordercolor', '#e9e4d8', '-border', '6', '-gravity', 'northwest');
	const p = d.perspective;
	if (p > 0) {
		const dx = between(random, -1, 1) > 0 ? 1 : -1;
		args.push(
			'-virtual-pixel',
			'background',
			'-background',
			'#3b3b3b',
			'-distort',
			'Perspective',
			`0,0 ${(p * 600 * dx).toFixed(1)},${(p * 300).toFixed(1)}  %w,0 %[fx:w-${(p * 600).toFixed(1)}],0  0,%h 0,%h  %w,%h %w,%h`
		);
	}
	args.push('-background', '#3b3b3b', '-rotate', d.rotate.toFixed(2));
	const frameW = 1600;
	const docW = Math.round(frameW * d.scale);
	// Fit inside the frame both ways: an open booklet (two pages, one above the other) is taller than wide,
	// and fitting its width alone cut the data page's MRZ off below the frame.
	args.push(
		'-resize',
		`${docW}x${Math.round(frameW * 0.75 * 0.97)}`,
		'-gravity',
		'center',
		'-background',
		pick(random, ['#3b3b3b', '#6b5a48', '#9aa3a8']),
		'-extent',
		`${frameW}x${Math.round(frameW * 0.75)}`
	);
	if (d.shadow > 0) {
		const dark = Math.round(255 * (1 - d.shadow));
		args.push(
			'(',
			'-size',
			`${frameW}x${Math.round(frameW * 0.75)}`,
			`gradient:rgb(${dark},${dark},${dark})-white`,
			'-rotate',
			String(pick(random, [0, 90, 180, 270])),
			'-resize',
			`${frameW}x${Math.round(frameW * 0.75)}!`,
			')',
			'-compose',
			'multiply',
			'-composite'
		);
	}
	if (d.contrast > 0)
		args.push('+level', `${(d.contrast * 45).toFixed(0)}%,${(100 - d.contrast * 25).toFixed(0)}%`);
	if (d.blur > 0) args.push('-blur', `0x${d.blur.toFixed(2)}`);
	if (d.noise > 0) args.push('-attenuate', (d.noise / 10).toFixed(2), '+noise', 'Gaussian');
	args.push('-quality', String(d.jpegQuality), 'jpg:-');
	return execFileSync('convert', args, { input: new Uint8Array(png), maxBuffer: 64 << 20 });
}

export function renderDocument(
	random: () => number,
	s: Specimen,
	d: Degradation,
	kind: 'document' | 'no-mrz' | 'cut-mrz'
): Buffer {
	const png = page(random, s, kind !== 'no-mrz', kind === 'cut-mrz');
	if (d.booklet) {
		// The facing page of an open booklet: visa-like text, no MRZ.
		const facing = execFileSync('convert', [
			'-size',
			`${PAGE[s.format].w}x${PAGE[s.format].h}`,
			'xc:#efece2',
			'-font',
			SANS,
			'-pointsize',
			'22',
			'-fill',
			'#444',
			'-annotate',
			'+60+120',
			'OBSERVATIONS / OBSERVACIONES',
			'-annotate',
			'+60+200',
			'This passport is valid for all countries',
			'png:-'
		]);
		const both = execFileSync(
			'convert',
			['-background', '#e9e4d8', `png:${writeTemp(facing)}`, `png:${writeTemp(png)}`, '-append', 'png:-'],
			{ maxBuffer: 64 << 20 }
		);
		return photograph(random, both, d);
	}
	return photograph(random, png, d);
}

export function renderBoardingPass(random: () => number, d: Degradation): Buffer {
	return photograph(random, boardingPass(random), d);
}

let tempCounter = 0;
function writeTemp(bytes: Buffer): string {
	const file = path.join(os.tmpdir(), `arribo-mrz-${process.pid}-${tempCounter++ % 4}.png`);
	fs.writeFileSync(file, new Uint8Array(bytes));
	return file;
}
