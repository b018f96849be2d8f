import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
	it('gives the embedded default: port 8080, ./data, SQLite, no admin, no SMTP', () => {
		const config = loadConfig({}, '/srv/arribo');
		expect(config.port).toBe(8080);
		expect(config.dataDir).toBe(path.resolve('/srv/arribo/data'));
		expect(config.databaseUrl).toBeUndefined();
		expect(config.admin).toBeUndefined();
		expect(config.smtpUrl).toBeUndefined();
		expect(config.publicUrl.href).toBe('http://localhost:8080/');
	});

	it('reads PORT, HOST, DATA_DIR and PUBLIC_URL', () => {
		const config = loadConfig(
			{ PORT: '9000', HOST: '0.0.0.0', DATA_DIR: '/var/lib/arribo', PUBLIC_URL: 'https://arribo.example' },
			'/srv'
		);
		expect(config).toMatchObject({ port: 9000, host: '0.0.0.0', dataDir: '/var/lib/arribo' });
		expect(config.publicUrl.protocol).toBe('https:');
	});

	it.each([
		[{ PORT: 'eighty' }, /PORT/],
		[{ PORT: '70000' }, /PORT/],
		[{ PUBLIC_URL: 'not a url' }, /PUBLIC_URL/],
		[{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
		[{ SMTP_URL: 'http://mail' }, /SMTP_URL/],
		[{ ADMIN_USER: 'root' }, /together/],
		[{ ADMIN_USER: 'root', ADMIN_PASSWORD: 'short' }, /12 characters/],
		[{ LOG_LEVEL: 'chatty' }, /LOG_LEVEL/]
	])('refuses %o with a clear message', (env, message) => {
		expect(() => loadConfig(env)).toThrow(ConfigError);
		expect(() => loadConfig(env)).toThrow(message);
	});
});
