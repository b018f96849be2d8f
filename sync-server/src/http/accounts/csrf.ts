import type { FastifyInstance } from 'fastify';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for the API, beside SameSite=Strict cookies: a state-changing request that a browser sends
 * from another site carries that site's Origin (or Sec-Fetch-Site: cross-site) and is refused. Requests
 * without Origin come from non-browser clients, which cannot ride on a victim's cookies.
 */
export function registerOriginCheck(app: FastifyInstance, publicOrigin: () => string): void {
	app.addHook('onRequest', async (request, reply) => {
		if (SAFE.has(request.method) || !(request.url.startsWith('/api/') || request.url.startsWith('/db/')))
			return;
		const origin = request.headers.origin;
		const site = request.headers['sec-fetch-site'];
		if ((origin !== undefined && origin !== publicOrigin()) || site === 'cross-site') {
			return reply.code(403).send({ error: 'forbidden', reason: 'cross_origin' });
		}
	});
}
