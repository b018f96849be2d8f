import { describe, expect, it } from 'vitest';
import { sniffImage } from './image-file';

function png(width: number, height: number): Uint8Array {
	const bytes = new Uint8Array(33);
	bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
	const view = new DataView(bytes.buffer);
	view.setUint32(16, width);
	view.setUint32(20, height);
	return bytes;
}

function jpeg(width: number, height: number): Uint8Array {
	// SOI, an APP0 segment to skip, then SOF0 with the size.
	const app0 = [0xff, 0xe0, 0, 16, ...new Array(14).fill(0)];
	const sof = [
		0xff,
		0xc0,
		0,
		17,
		8,
		height >> 8,
		height & 255,
		width >> 8,
		width & 255,
		3,
		...new Array(9).fill(0)
	];
	return Uint8Array.from([0xff, 0xd8, ...app0, ...sof, 0xff, 0xd9]);
}

describe('sniffImage', () => {
	it('reads the size of a JPEG past its other segments', () => {
		expect(sniffImage(jpeg(4032, 3024))).toEqual({ ok: true, type: 'image/jpeg', width: 4032, height: 3024 });
	});

	it('reads the size of a PNG', () => {
		expect(sniffImage(png(1600, 1200))).toEqual({ ok: true, type: 'image/png', width: 1600, height: 1200 });
	});

	it('refuses a 20000 × 20000 image before decoding it', () => {
		expect(sniffImage(png(20_000, 20_000))).toEqual({ ok: false, problem: 'too-large' });
	});

	it('refuses text renamed to .jpg', () => {
		expect(sniffImage(new TextEncoder().encode('hello, this is not a photo'))).toEqual({
			ok: false,
			problem: 'not-an-image'
		});
	});

	it('calls a JPEG cut off before its size corrupt', () => {
		expect(sniffImage(jpeg(800, 600).subarray(0, 12))).toEqual({ ok: false, problem: 'corrupt' });
	});
});
