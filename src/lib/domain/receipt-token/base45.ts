/**
 * Base45 (RFC 9285): bytes as characters of the QR alphanumeric set, so a QR code can hold them in its
 * denser alphanumeric mode (5.5 bits per character instead of 8). Written here rather than taken from a
 * package: it is 40 lines, checked against the RFC's examples, and the maintained packages either need
 * Node's Buffer or ship no types; the app and the server both need it in pure code.
 */
export const BASE45_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

const VALUE_OF = new Map([...BASE45_ALPHABET].map((char, value) => [char, value]));

export class Base45Error extends Error {}

export function encodeBase45(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i + 1 < bytes.length; i += 2) {
		const n = bytes[i]! * 256 + bytes[i + 1]!;
		out +=
			BASE45_ALPHABET[n % 45]! +
			BASE45_ALPHABET[Math.floor(n / 45) % 45]! +
			BASE45_ALPHABET[Math.floor(n / 2025)]!;
	}
	if (bytes.length % 2 === 1) {
		const n = bytes[bytes.length - 1]!;
		out += BASE45_ALPHABET[n % 45]! + BASE45_ALPHABET[Math.floor(n / 45)]!;
	}
	return out;
}

/** Throws Base45Error for a character outside the alphabet, a dangling character or a value too large. */
export function decodeBase45(text: string): Uint8Array {
	if (text.length % 3 === 1) throw new Base45Error('Base45 text length is 1 modulo 3.');
	const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
	const value = (char: string): number => {
		const v = VALUE_OF.get(char);
		if (v === undefined) throw new Base45Error(`"${char}" is not a Base45 character.`);
		return v;
	};
	let o = 0;
	for (let i = 0; i < text.length; i += 3) {
		const c = value(text[i]!);
		const d = value(text[i + 1]!);
		if (i + 2 < text.length) {
			const n = c + d * 45 + value(text[i + 2]!) * 2025;
			// Each triplet encodes two bytes; anything above 0xFFFF was never produced by an encoder.
			if (n > 0xffff) throw new Base45Error('Base45 triplet out of range.');
			out[o++] = n >> 8;
			out[o++] = n & 0xff;
		} else {
			const n = c + d * 45;
			if (n > 0xff) throw new Base45Error('Base45 pair out of range.');
			out[o++] = n;
		}
	}
	return out;
}
