import { describe, expect, it } from 'vitest';
import { maxFilter } from './filters';
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
