/**
 * Checks on the files a traveller attaches, done on the bytes (never on the file name): what the file
 * really is, whether a PDF carries active content or encryption, and the size limits. Problems are
 * message keys at `wizard.error.file.<code>`.
 */
export type FileKind = 'application/pdf' | 'image/png' | 'image/jpeg';

/** Every file ends at most this big after the device has processed it. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** What a phone can decode without running out of memory; a 20000×20000 image is 400 MP. */
export const MAX_IMAGE_PIXELS = 50_000_000;
export const MAX_IMAGE_SIDE = 16_384;

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
	signature.every((byte, i) => bytes[at + i] === byte);

/** The type by magic bytes: a renamed text file is null whatever its name says. */
export function sniffType(bytes: Uint8Array): FileKind | null {
	if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	return null;
}

/** Width and height from a PNG's IHDR or a JPEG's SOF marker, read before decoding anything. */
export function imageDimensions(bytes: Uint8Array, kind: FileKind): { width: number; height: number } | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (kind === 'image/png') {
		if (bytes.length < 24) return null;
		return { width: view.getUint32(16), height: view.getUint32(20) };
	}
	if (kind !== 'image/jpeg') return null;
	let offset = 2;
	while (offset + 9 < bytes.length) {
		if (bytes[offset] !== 0xff) return null;
		const marker = bytes[offset + 1]!;
		const length = view.getUint16(offset + 2);
		// SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
		if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
			return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
		offset += 2 + length;
	}
	return null;
}

const latin1 = (bytes: Uint8Array) => {
	let text = '';
	// Chunked: String.fromCharCode with a whole 2 MB array would overflow the argument limit.
	for (let i = 0; i < bytes.length; i += 65_536)
		text += String.fromCharCode(...bytes.subarray(i, Math.min(i + 65_536, bytes.length)));
	return text;
};

/**
 * A PDF name token such as /JS: followed by a delimiter, so /JSON or /JSomething do not count.
 * PDF allows #xx escapes in names (/J#53 is /JS), so those are decoded first.
 */
function hasName(text: string, name: string): boolean {
	return new RegExp(`/${name}(?=[\\s/<>\\[\\]()%{}]|$)`).test(text);
}

function decodeNameEscapes(text: string): string {
	return text.replace(/#([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Problems that make a PDF unacceptable whatever its size. */
export function pdfProblem(bytes: Uint8Array): string | null {
	const text = decodeNameEscapes(latin1(bytes));
	// Encrypted PDFs cannot be checked or read by the officer's device.
	if (hasName(text, 'Encrypt')) return 'pdf_encrypted';
	// Scripts run when the file is opened: /JavaScript actions, /JS entries (an /OpenAction that runs
	// JavaScript always carries one of them).
	if (hasName(text, 'JavaScript') || hasName(text, 'JS')) return 'pdf_javascript';
	// A PDF without its end-of-file marker is truncated.
	if (!text.slice(-2048).includes('%%EOF')) return 'pdf_damaged';
	return null;
}

/** What to do with the bytes the traveller picked, decided before any decoding. */
export type FilePlan =
	| { ok: true; kind: 'application/pdf' }
	| { ok: true; kind: 'image/png' | 'image/jpeg'; width: number; height: number }
	| { ok: false; problem: string };

export function planFile(bytes: Uint8Array): FilePlan {
	// Nothing in it.
	if (bytes.length === 0) return { ok: false, problem: 'empty' };
	const kind = sniffType(bytes);
	// Not a PDF, PNG or JPEG by content, whatever the name says.
	if (!kind) return { ok: false, problem: 'unsupported_type' };
	if (kind === 'application/pdf') {
		// PDFs are not re-encoded on the device, so they must already fit.
		if (bytes.length > MAX_FILE_BYTES) return { ok: false, problem: 'pdf_too_large' };
		const problem = pdfProblem(bytes);
		return problem ? { ok: false, problem } : { ok: true, kind };
	}
	const size = imageDimensions(bytes, kind);
	// Header unreadable: the image is damaged.
	if (!size || size.width === 0 || size.height === 0) return { ok: false, problem: 'image_damaged' };
	// Too many pixels to decode safely on a phone (decompression bomb or a huge scan).
	if (
		size.width > MAX_IMAGE_SIDE ||
		size.height > MAX_IMAGE_SIDE ||
		size.width * size.height > MAX_IMAGE_PIXELS
	)
		return { ok: false, problem: 'image_too_many_pixels' };
	return { ok: true, kind, ...size };
}

/** The size an image is scaled to before re-encoding: long side at most `maxSide`, never enlarged. */
export function scaledSize(
	width: number,
	height: number,
	maxSide: number
): { width: number; height: number } {
	const scale = Math.min(1, maxSide / Math.max(width, height));
	return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
