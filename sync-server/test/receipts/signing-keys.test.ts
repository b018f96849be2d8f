import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiptClaims } from '../../src/domain/receipt-token/claims.js';
import { signToken, verifyToken } from '../../src/domain/receipt-token/token.js';
import {
	KEY_FILE,
	Keyring,
	keysFromDataDir,
	keysFromEnv,
	loadKeyring,
	rotateDataDirKey
} from '../../src/receipts/signing-keys.js';

const NOW = 1_790_000_000;
const claims: ReceiptClaims = {
	kind: 'receipt',
	folio: 'ARR-0000-0000-0011-~',
	registrationId: 'registration:00000000-0000-4000-8000-000000000000',
	documentNumber: 'X1',
	nationality: 'CAN',
	surnames: 'ROY',
	givenNames: 'JEAN',
	birthDate: '1980-02-29',
	arrivalDate: '2026-09-21',
	portOfEntry: 'AIR-CUN',
	flight: '',
	issuedAt: NOW,
	expiresAt: NOW + 86_400
};
const dirs: string[] = [];
const tempDir = () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-keys-'));
	dirs.push(dir);
	return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('signing keys', () => {
	it('are generated on first start, owner-only, and the same on the next start', async () => {
		const dir = tempDir();
		const first = new Keyring(await keysFromDataDir(dir));
		expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
		const second = new Keyring(await keysFromDataDir(dir));
		expect(second.active.kid).toBe(first.active.kid);
		expect(first.active.kid).toMatch(/^[A-Za-z0-9_-]{11}$/);
	});

	it('rotate: the new key signs, tokens of the old key still verify, both are published', async () => {
		const dir = tempDir();
		const before = new Keyring(await keysFromDataDir(dir));
		const oldToken = await signToken(claims, before.activeKid(), (d) => before.sign(d));
		const after = new Keyring(await rotateDataDirKey(dir));
		expect(after.active.kid).not.toBe(before.active.kid);
		const newToken = await signToken(claims, after.activeKid(), (d) => after.sign(d));
		expect(await verifyToken(oldToken, after.lookup, NOW)).toMatchObject({
			ok: true,
			kid: before.active.kid
		});
		expect(await verifyToken(newToken, after.lookup, NOW)).toMatchObject({ ok: true, kid: after.active.kid });
		expect(await verifyToken(newToken, before.lookup, NOW)).toEqual({ ok: false, reason: 'unknown_key' });
		const published = after.publicJwks().keys;
		expect(published.map((k) => k.kid)).toEqual([before.active.kid, after.active.kid]);
		// Public keys only: no private scalar leaves the server.
		expect(published.every((k) => k.d === undefined && k.crv === 'P-256' && k.alg === 'ES256')).toBe(true);
	});

	it('SIGNING_KEYS wins over DATA_DIR, so several processes sign with the same keys', async () => {
		const shared = JSON.stringify(await keysFromDataDir(tempDir()));
		const a = await loadKeyring({ SIGNING_KEYS: shared }, tempDir());
		const b = await loadKeyring({ SIGNING_KEYS: shared }, tempDir());
		expect(a.active.kid).toBe(b.active.kid);
		const token = await signToken(claims, a.activeKid(), (d) => a.sign(d));
		expect((await verifyToken(token, b.lookup, NOW)).ok).toBe(true);
		expect(() => keysFromEnv('[]')).toThrow();
		expect(() => keysFromEnv('not json')).toThrow();
	});
});
