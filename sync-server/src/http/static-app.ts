import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { isApiPath } from './security-headers.js';

/** Paths whose names carry a content hash: safe to cache for a year. */
const IMMUTABLE = /^\/_app\/immutable\//;
/** Files that must be revalidated so that a deploy reaches users (the shell, the worker, the manifest). */
const ALWAYS_REVALIDATE = new Set(['/', '/index.html', '/service-worker.js', '/manifest.webmanifest']);

/** The built JavaScript of the app (not the OCR engine's assets), read once at start-up for CSP hashing. */
export function readAppCode(appDir: string): string[] {
	const dir = path.join(appDir, '_app', 'immutable');
	if (!fs.existsSync(dir)) return [];
	return (fs.readdirSync(dir, { recursive: true }) as string[])
		.filter((file) => file.endsWith('.js'))
		.map((file) => fs.readFileSync(path.join(dir, file), 'utf8'));
}

export function readShell(appDir: string): string {
	const file = path.join(appDir, 'index.html');
	if (!fs.existsSync(file)) {
		throw new Error(`The app is not built: ${file} is missing. Run "npm run build" first.`);
	}
	return fs.readFileSync(file, 'utf8');
}

/**
 * Serves the built PWA. Any other GET that asks for HTML gets the SPA shell, so deep links work
 * online just as the service worker makes them work offline.
 */
export async function registerStaticApp(app: FastifyInstance, appDir: string, shell: string): Promise<void> {
	await app.register(fastifyStatic, {
		root: appDir,
		preCompressed: true,
		cacheControl: false,
		setHeaders(reply, filePath) {
			const urlPath = '/' + path.relative(appDir, filePath).split(path.sep).join('/');
			if (IMMUTABLE.test(urlPath)) reply.header('Cache-Control', 'public, max-age=31536000, immutable');
			else if (ALWAYS_REVALIDATE.has(urlPath)) reply.header('Cache-Control', 'no-cache');
			else reply.header('Cache-Control', 'public, max-age=3600');
		}
	});

	app.setNotFoundHandler(async (request, reply) => {
		const wantsPage = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
		if (wantsPage && !isApiPath(request.url) && !path.extname(request.url.split('?')[0] ?? '')) {
			return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(shell);
		}
		return reply.code(404).send({ error: 'not_found', reason: 'missing' });
	});
}
