import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';

/**
 * Structured JSON logs that never carry personal data: we log the path without its query string
 * (confirmation tokens and search terms live there), never headers, cookies or bodies.
 */
export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
	return {
		level: config.logLevel,
		serializers: {
			req(request: { method: string; url: string; id: string }) {
				return { id: request.id, method: request.method, path: request.url.split('?')[0] };
			},
			res(reply: { statusCode: number }) {
				return { statusCode: reply.statusCode };
			}
		}
	};
}
