import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '../../domain/couch-error.js';
import { LIMITS, jsonDepthExceeds } from '../../domain/limits.js';

/** Parses JSON text with CouchDB's error shape and a nesting-depth cap. */
export function parseJson(text: string): unknown {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw badRequest('invalid UTF-8 JSON');
	}
	if (jsonDepthExceeds(value, LIMITS.jsonDepth))
		throw badRequest(`JSON is nested deeper than ${LIMITS.jsonDepth} levels.`);
	return value;
}

/** Body parsers of the `/db` scope: JSON (any JSON type, depth-checked) and raw bytes for attachments. */
export function registerBodyParsers(app: FastifyInstance): void {
	app.removeAllContentTypeParsers();
	app.addContentTypeParser(
		['application/json', 'text/plain'],
		{ parseAs: 'string' },
		(_request, body, done) => {
			try {
				done(null, (body as string).length === 0 ? undefined : parseJson(body as string));
			} catch (error) {
				done(error as Error, undefined);
			}
		}
	);
	app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
}

/** The request body as a JSON object, whatever content type the client sent. */
export function jsonObject(request: FastifyRequest): Record<string, unknown> {
	let body = request.body;
	if (Buffer.isBuffer(body)) body = body.length === 0 ? undefined : parseJson(body.toString('utf8'));
	if (body === null || typeof body !== 'object' || Array.isArray(body))
		throw badRequest('Request body must be a JSON object.');
	return body as Record<string, unknown>;
}
