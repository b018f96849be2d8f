import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../domain/languages.js';

describe('account languages', () => {
	it('are exactly the languages the app speaks (src/lib/i18n/locales.ts)', async () => {
		const appFile = path.join(import.meta.dirname, '../../../src/lib/i18n/locales.ts');
		const app = (await import(appFile)) as { LOCALES: readonly string[] };
		expect([...LANGUAGES]).toEqual([...app.LOCALES]);
	});
});
