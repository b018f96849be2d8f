import { createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import vectors from '../../src/domain/receipt-token/test-vectors.json' with { type: 'json' };
import { verifyToken, type KeyLookup } from '../../src/domain/receipt-token/token.js';

/** Verification as the server does it (node:crypto), over the vectors the app's suite checks with WebCrypto. */
const keys: KeyLookup = (kid) => {
	const jwk = vectors.keys.find((key) => key.kid === kid);
	if (!jwk) return null;
	const key = createPublicKey({ key: jwk as unknown as import('node:crypto').JsonWebKey, format: 'jwk' });
	return async (data, signature) => verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
};

describe('shared receipt-token vectors (server)', () => {
	for (const vector of vectors.cases) {
		it(vector.name, async () => {
			expect(await verifyToken(vector.token, keys, vectors.now)).toMatchObject(vector.expect);
		});
	}

	it('are the same file in the app and on the server', () => {
		const root = path.join(import.meta.dirname, '..', '..', '..');
		const server = path.join(root, 'sync-server/src/domain/receipt-token');
		const app = fs.readFileSync(path.join(root, 'src/lib/domain/receipt-token/test-vectors.json'), 'utf8');
		expect(app).toBe(fs.readFileSync(path.join(server, 'test-vectors.json'), 'utf8'));
	});

	it('have the same token format code on both sides (only import paths differ)', () => {
		const root = path.join(import.meta.dirname, '..', '..', '..');
		const server = path.join(root, 'sync-server/src/domain/receipt-token');
		for (const file of ['base45.ts', 'cose.ts', 'claims.ts', 'token.ts', 'expiry.ts']) {
			const app = fs.readFileSync(path.join(root, 'src/lib/domain/receipt-token', file), 'utf8');
			const serverCode = fs
				.readFileSync(path.join(server, file), 'utf8')
				.replace(/from '(\.\/[\w-]+)\.js'/g, "from '$1'");
			expect(serverCode, file).toBe(app);
		}
	});
});
