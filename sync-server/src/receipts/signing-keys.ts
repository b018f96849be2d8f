import {
	type JsonWebKey,
	createHash,
	createPrivateKey,
	createPublicKey,
	generateKeyPairSync,
	sign,
	verify,
	type KeyObject
} from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CheckSignature, KeyLookup } from '../domain/receipt-token/token.js';
import { kidFromString, kidToString } from '../domain/receipt-token/token.js';

/**
 * The server's ES256 signing keys. The newest signs; every key listed stays valid for verification, so a
 * rotation never invalidates a receipt already in a traveller's pocket. Keys come from SIGNING_KEYS
 * (production, and required when several processes share PostgreSQL: they must sign with the same keys)
 * or else from `signing-keys.json` in DATA_DIR, generated on first start.
 */
export interface StoredKey {
	/** PKCS#8 PEM of a P-256 private key. */
	privateKeyPem: string;
	createdAt: string;
}

export interface SigningKey {
	kid: string;
	privateKey: KeyObject;
	publicKey: KeyObject;
	createdAt: string;
}

export const KEY_FILE = 'signing-keys.json';

/** kid = first 8 bytes of SHA-256 over the public key's SPKI DER, base64url (as the EU DCC derives its kids). */
export function keyIdOf(publicKey: KeyObject): string {
	const spki = publicKey.export({ type: 'spki', format: 'der' });
	return kidToString(new Uint8Array(createHash('sha256').update(spki).digest().subarray(0, 8)));
}

export function newStoredKey(now = new Date()): StoredKey {
	const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	return {
		privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
		createdAt: now.toISOString()
	};
}

export class Keyring {
	readonly keys: SigningKey[];

	constructor(stored: StoredKey[]) {
		if (stored.length === 0) throw new Error('A keyring needs at least one signing key.');
		this.keys = stored
			.map((key) => {
				const privateKey = createPrivateKey(key.privateKeyPem);
				if (
					privateKey.asymmetricKeyType !== 'ec' ||
					privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1'
				) {
					throw new Error('Signing keys are ECDSA P-256.');
				}
				const publicKey = createPublicKey(privateKey);
				return { kid: keyIdOf(publicKey), privateKey, publicKey, createdAt: key.createdAt };
			})
			.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
	}

	/** The key that signs new tokens: the newest. */
	get active(): SigningKey {
		return this.keys[this.keys.length - 1]!;
	}

	activeKid(): Uint8Array {
		return kidFromString(this.active.kid);
	}

	/** ES256 over `data`; COSE wants the signature as r‖s (IEEE P1363), not DER. */
	sign(data: Uint8Array): Uint8Array {
		return new Uint8Array(sign('sha256', data, { key: this.active.privateKey, dsaEncoding: 'ieee-p1363' }));
	}

	lookup: KeyLookup = (kid) => {
		const key = this.keys.find((k) => k.kid === kid);
		if (!key) return null;
		const check: CheckSignature = async (data, signature) =>
			verify('sha256', data, { key: key.publicKey, dsaEncoding: 'ieee-p1363' }, signature);
		return check;
	};

	/** Public keys as a JWK set, for GET /api/keys. */
	publicJwks(): { keys: JsonWebKey[] } {
		return {
			keys: this.keys.map((key) => ({
				...(key.publicKey.export({ format: 'jwk' }) as JsonWebKey),
				kid: key.kid,
				alg: 'ES256',
				use: 'sig'
			}))
		};
	}
}

/** SIGNING_KEYS: a JSON array of {privateKeyPem, createdAt}. Returns null when not set. */
export function keysFromEnv(raw: string | undefined): StoredKey[] | null {
	if (!raw) return null;
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		throw new Error('SIGNING_KEYS must be a JSON array of {privateKeyPem, createdAt}.');
	}
	if (
		!Array.isArray(parsed) ||
		parsed.length === 0 ||
		!parsed.every((k) => typeof k?.privateKeyPem === 'string' && typeof k?.createdAt === 'string')
	) {
		throw new Error('SIGNING_KEYS must be a non-empty JSON array of {privateKeyPem, createdAt}.');
	}
	return parsed as StoredKey[];
}

/** Reads DATA_DIR/signing-keys.json, creating it with one new key on first start (owner-only permissions). */
export async function keysFromDataDir(dataDir: string): Promise<StoredKey[]> {
	const file = path.join(dataDir, KEY_FILE);
	try {
		return JSON.parse(await fs.readFile(file, 'utf8')) as StoredKey[];
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	await fs.mkdir(dataDir, { recursive: true });
	const keys = [newStoredKey()];
	try {
		// 'wx': if another process created the file first, read theirs instead of overwriting it.
		await fs.writeFile(file, JSON.stringify(keys, null, 2), { flag: 'wx', mode: 0o600 });
		return keys;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		return JSON.parse(await fs.readFile(file, 'utf8')) as StoredKey[];
	}
}

/** Adds a new key to DATA_DIR's key file: it signs from the next start on; older keys keep verifying. */
export async function rotateDataDirKey(dataDir: string): Promise<StoredKey[]> {
	const keys = [...(await keysFromDataDir(dataDir)), newStoredKey()];
	const file = path.join(dataDir, KEY_FILE);
	await fs.writeFile(`${file}.tmp`, JSON.stringify(keys, null, 2), { mode: 0o600 });
	await fs.rename(`${file}.tmp`, file);
	return keys;
}

export async function loadKeyring(env: NodeJS.ProcessEnv, dataDir: string): Promise<Keyring> {
	const fromEnv = keysFromEnv(env.SIGNING_KEYS);
	if (!fromEnv && env.DATABASE_URL) {
		// Several processes on one PostgreSQL must share keys; per-machine files would each sign differently.
		console.warn(
			'SIGNING_KEYS is not set: signing with DATA_DIR keys; set it when running several processes'
		);
	}
	return new Keyring(fromEnv ?? (await keysFromDataDir(dataDir)));
}
