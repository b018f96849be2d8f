import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('common-password list', () => {
	it('is the same generated file in the app and on the server (sync-server/scripts/generate-common-passwords.mjs)', () => {
		const root = path.join(import.meta.dirname, '..', '..', '..');
		const app = fs.readFileSync(path.join(root, 'src/lib/domain/accounts/common-passwords.ts'), 'utf8');
		const server = fs.readFileSync(path.join(root, 'sync-server/src/domain/common-passwords.ts'), 'utf8');
		expect(app).toBe(server);
	});
});
