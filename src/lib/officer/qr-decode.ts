import jsQR from 'jsqr';

/** The subset of the Shape Detection API we use (Chromium on Android, macOS, ChromeOS). */
interface BarcodeDetectorLike {
	detect(source: ImageBitmapSource): Promise<{ rawValue: string }[]>;
}
declare global {
	interface Window {
		BarcodeDetector?: {
			new (options: { formats: string[] }): BarcodeDetectorLike;
			getSupportedFormats?: () => Promise<string[]>;
		};
	}
}

let detector: BarcodeDetectorLike | null | undefined;

/** The browser's own QR detector when it has one; otherwise null and jsQR does the work. */
async function nativeDetector(): Promise<BarcodeDetectorLike | null> {
	if (detector !== undefined) return detector;
	detector = null;
	const Detector = window.BarcodeDetector;
	if (Detector) {
		try {
			const formats = (await Detector.getSupportedFormats?.()) ?? ['qr_code'];
			if (formats.includes('qr_code')) detector = new Detector({ formats: ['qr_code'] });
		} catch {
			detector = null;
		}
	}
	return detector;
}

/** Reads a QR from pixels already on a canvas (a camera frame or an uploaded picture). */
export async function decodeCanvas(canvas: HTMLCanvasElement): Promise<string | null> {
	const native = await nativeDetector();
	if (native) {
		try {
			const [found] = await native.detect(canvas);
			if (found?.rawValue) return found.rawValue;
		} catch {
			// Fall through to jsQR: some platforms list the detector but fail at run time.
		}
	}
	const context = canvas.getContext('2d', { willReadFrequently: true });
	if (!context) return null;
	const image = context.getImageData(0, 0, canvas.width, canvas.height);
	return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/** Reads a QR from an image file (a photo or a screenshot of the traveller's receipt). */
export async function decodeImageFile(file: Blob): Promise<string | null> {
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file);
	} catch {
		return null; // not an image the browser can read
	}
	// Large photos are scaled down: QR finding is quicker and as reliable at about 1000 px.
	const scale = Math.min(1, 1200 / Math.max(bitmap.width, bitmap.height));
	const canvas = document.createElement('canvas');
	canvas.width = Math.round(bitmap.width * scale);
	canvas.height = Math.round(bitmap.height * scale);
	canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
	bitmap.close();
	return decodeCanvas(canvas);
}
