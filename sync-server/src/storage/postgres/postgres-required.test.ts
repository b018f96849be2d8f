import pg from 'pg';
import { describe, expect, it } from 'vitest';

const url = process.env.TEST_DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';

/**
 * PostgreSQL suites skip themselves on a machine without PostgreSQL, so a newcomer's `npm test` passes.
 * CI sets REQUIRE_POSTGRES=1 (see .ci/run): there, an unreachable server must fail the run instead of
 * silently skipping every PostgreSQL test.
 */
describe.skipIf(process.env.REQUIRE_POSTGRES !== '1')('PostgreSQL is required here', () => {
	it('answers at TEST_DATABASE_URL', async () => {
		const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
		await client.connect();
		try {
			const { rows } = await client.query<{ ok: number }>('SELECT 1 AS ok');
			expect(rows[0]?.ok).toBe(1);
		} finally {
			await client.end();
		}
	});
});
