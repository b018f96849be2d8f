import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { PixelBuffer } from '../pipeline/image';

/** Decodes a JPEG or PNG file in Node (pure JS decoders: no native binaries to download or build). */
export function decodeImage(bytes: Uint8Array): PixelBuffer {
	if (bytes[0] === 0xff && bytes[1] === 0xd8) {
		const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
		return { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data.buffer) };
	}
	if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
		const image = PNG.sync.read(Buffer.from(bytes));
		return {
			width: image.width,
			height: image.height,
			data: new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length)
		};
	}
	throw new Error('not a JPEG or PNG file');
}
