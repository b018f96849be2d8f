import { describe, expect, it } from 'vitest';
import { LIMITS } from '../domain/limits.js';
import { decodeBase64 } from './attachments.js';

describe('decodeBase64', () => {
	const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 37) % 256));

	it('decodes base64 of every length, with and without padding', () => {
		for (const length of [0, 1, 2, 3, 4, 999, 1000]) {
			const part = bytes.subarray(0, length);
			expect(decodeBase64(part.toString('base64')).equals(part)).toBe(true);
		}
	});

	it('takes base64 broken over lines, as MIME writes it', () => {
		const wrapped = bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
		expect(decodeBase64(wrapped).equals(bytes)).toBe(true);
	});

	it('refuses text that is not base64 rather than storing what is left of it', () => {
		const good = bytes.toString('base64');
		for (const bad of [
			good.slice(0, 100) + '*' + good.slice(101),
			good.slice(0, 100) + '-' + good.slice(101),
			good.slice(0, 100) + '_' + good.slice(101),
			'AA==AAAA',
			'A=AA',
			'AAAAA'
		])
			expect(() => decodeBase64(bad), bad.slice(0, 12)).toThrow(/not valid base64/);
	});

	it('refuses an attachment over the size limit', () => {
		const big = Buffer.alloc(LIMITS.attachmentBytes + 10).toString('base64');
		expect(() => decodeBase64(big)).toThrow(/at most/);
	});
});
