import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { SqliteStorage } from '../storage/sqlite/sqlite-storage.js';
import { buildApp } from './app.js';

const BOOT_SCRIPT = '\n\t\t\tconsole.log("boot");\n\t\t';
const ANNOUNCER_STYLE = 'position: absolute; width: 1px';

/** A tiny stand-in for the built PWA: the shell with one inline script, and one hashed module. */
function fakeBuild(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-app-'));
	fs.writeFileSync(
		path.join(dir, 'index.html'),
		`<!doctype html><html><body><script>${BOOT_SCRIPT}</script></body></html>`
	);
	fs.mkdirSync(path.join(dir, '_app', 'immutable', 'entry'), { recursive: true });
	fs.writeFileSync(
		path.join(dir, '_app', 'immutable', 'entry', 'start.abc123.js'),
		`const t = '<div style="${ANNOUNCER_STYLE}"></div>';`
	);
	fs.writeFileSync(path.join(dir, 'service-worker.js'), 'self.addEventListener("fetch", () => {});');
	return dir;
}

async function serve(
	env: Record<string, string>
): Promise<{ app: FastifyInstance; base: string; close: () => Promise<void> }> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-data-'));
	const config = loadConfig({ APP_DIR: fakeBuild(), DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
	const storage = SqliteStorage.inDataDir(dataDir);
	await storage.migrate();
	const app = await buildApp({ config, storage });
	const base = await app.listen({ port: 0, host: '127.0.0.1' });
	return { app, base, close: async () => (await app.close(), await storage.close()) };
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('sync-server serving the app', () => {
	let server: Awaited<ReturnType<typeof serve>>;
	beforeAll(async () => (server = await serve({})));
	afterAll(async () => server.close());

	it('answers /healthz with the storage kind and no-store', async () => {
		const response = await fetch(`${server.base}/healthz`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: 'ok', storage: 'sqlite' });
		expect(response.headers.get('cache-control')).toBe('no-store');
	});

	it('serves the SPA shell for any app route, so deep links work', async () => {
		const response = await fetch(`${server.base}/pre-registration/step/2`, {
			headers: { accept: 'text/html' }
		});
		expect(response.status).toBe(200);
		expect(await response.text()).toContain(BOOT_SCRIPT);
	});

	it('answers a missing file or API path with a 404 error object, not the shell', async () => {
		const file = await fetch(`${server.base}/_app/immutable/missing.js`, {
			headers: { accept: 'text/html' }
		});
		expect(file.status).toBe(404);
		const api = await fetch(`${server.base}/api/nothing-here`, { headers: { accept: 'text/html' } });
		expect(api.status).toBe(404);
		expect(await api.json()).toMatchObject({ error: 'not_found' });
	});

	it('allows exactly the shell inline script and the built style attributes in a strict CSP', async () => {
		const csp = (await fetch(`${server.base}/`)).headers.get('content-security-policy') ?? '';
		expect(csp).toContain(`script-src 'self' 'wasm-unsafe-eval' ${sha256(BOOT_SCRIPT)}`);
		expect(csp).toContain(`style-src 'self' 'unsafe-hashes' ${sha256(ANNOUNCER_STYLE)}`);
		expect(csp).not.toContain('unsafe-inline');
		expect(csp).not.toContain("'unsafe-eval'");
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).not.toContain('upgrade-insecure-requests');
	});

	it('sends the other security headers on every response, and no HSTS over plain http', async () => {
		const response = await fetch(`${server.base}/`);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('referrer-policy')).toBe('no-referrer');
		expect(response.headers.get('permissions-policy')).toContain('camera=(self)');
		expect(response.headers.get('strict-transport-security')).toBeNull();
	});

	it('caches hashed assets for a year and makes the service worker revalidate', async () => {
		const asset = await fetch(`${server.base}/_app/immutable/entry/start.abc123.js`);
		expect(asset.headers.get('cache-control')).toContain('immutable');
		const worker = await fetch(`${server.base}/service-worker.js`);
		expect(worker.headers.get('cache-control')).toBe('no-cache');
	});
});

describe('sync-server behind https', () => {
	it('sends HSTS and upgrades insecure requests when PUBLIC_URL is https', async () => {
		const server = await serve({ PUBLIC_URL: 'https://arribo.example' });
		try {
			const response = await fetch(`${server.base}/healthz`);
			expect(response.headers.get('strict-transport-security')).toContain('max-age=');
			expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
		} finally {
			await server.close();
		}
	});
});
