import type { FastifyInstance } from 'fastify';

export interface SecurityHeaderOptions {
	csp: string;
	https: boolean;
}

/** API responses carry personal data: no cache anywhere may keep them. */
export function isApiPath(url: string): boolean {
	return (
		url.startsWith('/api/') || url.startsWith('/db/') || url === '/healthz' || url.startsWith('/healthz?')
	);
}

export function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): void {
	app.addHook('onSend', async (request, reply, payload) => {
		reply.header('Content-Security-Policy', options.csp);
		reply.header('X-Content-Type-Options', 'nosniff');
		reply.header('X-Frame-Options', 'DENY');
		reply.header('Referrer-Policy', 'no-referrer');
		reply.header('Cross-Origin-Opener-Policy', 'same-origin');
		reply.header('Cross-Origin-Resource-Policy', 'same-origin');
		// The camera is needed to photograph passports and scan QR codes, only by our own pages.
		reply.header(
			'Permissions-Policy',
			'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()'
		);
		if (options.https) reply.header('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
		if (isApiPath(request.url)) reply.header('Cache-Control', 'no-store');
		return payload;
	});
}
