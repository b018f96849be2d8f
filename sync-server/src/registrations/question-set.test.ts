import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURRENT_QUESTION_SET } from './question-set.js';

describe('served question set', () => {
	it('is, at the same version, the set the app ships', async () => {
		const appFile = path.join(
			import.meta.dirname,
			'../../../src/lib/domain/registration/shipped-question-set.ts'
		);
		const app = (await import(appFile)) as { SHIPPED_QUESTION_SET: unknown };
		const shipped = app.SHIPPED_QUESTION_SET as { version: number };
		if (shipped.version === CURRENT_QUESTION_SET.version) expect(CURRENT_QUESTION_SET).toEqual(shipped);
		else expect(CURRENT_QUESTION_SET.version).toBeGreaterThan(shipped.version);
	});
});
