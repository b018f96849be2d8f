import path from 'node:path';
import { keysFromDataDir, Keyring, newStoredKey, rotateDataDirKey } from '../receipts/signing-keys.js';

/**
 * `npm run keys -- rotate`: adds a new signing key to DATA_DIR/signing-keys.json (it signs from the next
 * start; older keys stay published and valid). `npm run keys -- new`: prints a fresh key as SIGNING_KEYS
 * JSON for production, where every process must sign with the same keys. `npm run keys -- list`: kids.
 */
async function main(): Promise<void> {
	const command = process.argv[2];
	const dataDir = path.resolve(process.env.DATA_DIR || 'data');
	if (command === 'rotate') {
		const keyring = new Keyring(await rotateDataDirKey(dataDir));
		console.log(`new signing key ${keyring.active.kid}; restart the server to sign with it`);
	} else if (command === 'new') {
		console.log(JSON.stringify([newStoredKey()]));
	} else if (command === 'list') {
		for (const key of new Keyring(await keysFromDataDir(dataDir)).keys) console.log(key.kid, key.createdAt);
	} else {
		console.error('usage: npm run keys -- rotate | new | list');
		process.exit(2);
	}
}

void main();
