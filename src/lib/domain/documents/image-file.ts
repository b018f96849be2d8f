/**
 * Checks a chosen file by its content (magic bytes), not its name or declared type, and reads its pixel size
 * from the header, so a huge image is refused before anything tries to decode it (a 20000 × 20000 PNG would
 * need 1.6 GB of memory and freeze or crash a phone's browser tab).
 */
export type ImageKind = 'image/jpeg' | 'image/png';

export type SniffResult =
	| { ok: true; type: ImageKind; width: number; height: number }
	| { ok: false; problem: 'not-an-image' | 'too-large' | 'corrupt' };

/** Phone cameras reach 50 MP (8160 × 6120); beyond that it is not a photo of a passport. */
export const MAX_PIXELS = 52_000_000;
export const MAX_SIDE = 12_000;

function sizeResult(type: ImageKind, width: number, height: number): SniffResult {
	if (width <= 0 || height <= 0) return { ok: false, problem: 'corrupt' };
	if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS)
		return { ok: false, problem: 'too-large' };
	return { ok: true, type, width, height };
}

function pngSize(bytes: Uint8Array): SniffResult {
	// The IHDR chunk comes first: length (4), "IHDR" (4), width (4), height (4), big-endian.
	if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') {
		return { ok: false, problem: 'corrupt' };
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	return sizeResult('image/png', view.getUint32(16), view.getUint32(20));
}

function jpegSize(bytes: Uint8Array): SniffResult {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let offset = 2;
	while (offset + 9 < bytes.length) {
		if (bytes[offset] !== 0xff) return { ok: false, problem: 'corrupt' };
		const marker = bytes[offset + 1]!;
		if (marker === 0xff) {
			offset++;
			continue;
		}
		const length = view.getUint16(offset + 2);
		// Start-of-frame markers carry the size (C4 DHT, C8 JPG and CC DAC are not frames).
		if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
			return sizeResult('image/jpeg', view.getUint16(offset + 7), view.getUint16(offset + 5));
		}
		if (marker === 0xda || length < 2) break;
		offset += 2 + length;
	}
	return { ok: false, problem: 'corrupt' };
}

export function sniffImage(bytes: Uint8Array): SniffResult {
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
		return jpegSize(bytes);
	const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
	if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return pngSize(bytes);
	return { ok: false, problem: 'not-an-image' };
}
