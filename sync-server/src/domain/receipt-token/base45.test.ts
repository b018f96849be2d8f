import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Base45Error, decodeBase45, encodeBase45 } from './base45.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('Base45 (RFC 9285)', () => {
	it('encodes and decodes the RFC examples', () => {
		// RFC 9285 section 4.3 and 4.4.
		expect(encodeBase45(utf8('AB'))).toBe('BB8');
		expect(encodeBase45(utf8('Hello!!'))).toBe('%69 VD92EX0');
		expect(encodeBase45(utf8('base-45'))).toBe('UJCLQE7W581');
		expect(new TextDecoder().decode(decodeBase45('QED8WEX0'))).toBe('ietf!');
		expect(encodeBase45(new Uint8Array())).toBe('');
	});

	it('round-trips any bytes (1,000 seeded cases)', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
				expect(decodeBase45(encodeBase45(bytes))).toEqual(bytes);
			}),
			{ seed: 45, numRuns: 1000 }
		);
	});

	it('rejects text no encoder produces', () => {
		expect(() => decodeBase45('GGW')).toThrow(Base45Error); // 65535 < n: ":::" style overflow
		expect(() => decodeBase45(':::')).toThrow(Base45Error);
		expect(() => decodeBase45('ab')).toThrow(Base45Error); // lower case is outside the alphabet
		expect(() => decodeBase45('BB8A')).toThrow(Base45Error); // dangling character
		expect(() => decodeBase45('::')).toThrow(Base45Error); // a single byte above 255
	});
});
