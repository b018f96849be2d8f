/**
 * Shrinks and re-encodes a photo for storage: at most 1600 px on the long side, JPEG, ≤ 400 KB if quality
 * allows (never above 2 MB). Drawing through a canvas keeps only pixels: EXIF, GPS position and camera data
 * are gone from what is stored and sent.
 */
const LONG_SIDE = 1600;
const TARGET_BYTES = 400 * 1024;
const MAX_BYTES = 2 * 1024 * 1024;

export async function reencodeForStorage(
	bitmap: ImageBitmap
): Promise<{ blob: Blob; width: number; height: number }> {
	let scale = Math.min(1, LONG_SIDE / Math.max(bitmap.width, bitmap.height));
	for (;;) {
		const width = Math.max(1, Math.round(bitmap.width * scale));
		const height = Math.max(1, Math.round(bitmap.height * scale));
		const canvas = new OffscreenCanvas(width, height);
		canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
		for (const quality of [0.82, 0.7, 0.55]) {
			const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
			if (blob.size <= TARGET_BYTES) return { blob, width, height };
			if (quality === 0.55 && blob.size <= MAX_BYTES && scale <= 0.5) return { blob, width, height };
		}
		scale *= 0.8;
	}
}
