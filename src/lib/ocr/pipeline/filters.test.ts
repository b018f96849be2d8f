import { describe, expect, it } from 'vitest';
import { maxFilter, median3 } from './filters';
import { greyImage } from './image';

describe('maxFilter', () => {
	it('equals the brute-force sliding maximum, edges included', () => {
		const image = greyImage(37, 23);
		let seed = 1;
		for (let i = 0; i < image.data.length; i++) image.data[i] = (seed = (seed * 48271) % 2147483647) % 256;
		for (const radius of [1, 3, 8]) {
			const fast = maxFilter(image, radius);
			for (let y = 0; y < image.height; y++) {
				for (let x = 0; x < image.width; x++) {
					let m = 0;
					for (let yy = Math.max(0, y - radius); yy <= Math.min(image.height - 1, y + radius); yy++)
						for (let xx = Math.max(0, x - radius); xx <= Math.min(image.width - 1, x + radius); xx++)
							m = Math.max(m, image.data[yy * image.width + xx]!);
					expect(fast.data[y * image.width + x]).toBe(m);
				}
			}
		}
	});
});

describe('median3', () => {
	it('removes a one-pixel speck and keeps a straight stroke edge where it was', () => {
		const image = greyImage(12, 9);
		image.data.fill(255);
		for (let y = 0; y < 9; y++) image.data.fill(0, y * 12, y * 12 + 5); // a stroke, columns 0–4
		image.data[4 * 12 + 9] = 0; // a speck on the paper
		const out = median3(image);
		expect(out.data[4 * 12 + 9]).toBe(255);
		for (let y = 0; y < 9; y++) {
			expect(out.data[y * 12 + 4]).toBe(0);
			expect(out.data[y * 12 + 5]).toBe(255);
		}
	});
});
