import type { FastifyError, FastifyInstance } from 'fastify';
import { CouchError } from '../../domain/couch-error.js';

/** Replaces Fastify's error shape in the `/db` scope with CouchDB's `{error, reason}`. */
export function registerCouchErrors(app: FastifyInstance): void {
	app.setErrorHandler((error: FastifyError | CouchError, request, reply) => {
		if (error instanceof CouchError) return reply.code(error.status).send(error.toJSON());
		const status = (error as FastifyError).statusCode;
		if (status === 413)
			return reply.code(413).send({ error: 'too_large', reason: 'The request body is too large.' });
		if (status === 415)
			return reply.code(415).send({ error: 'bad_content_type', reason: 'Unsupported content type.' });
		if (status !== undefined && status >= 400 && status < 500) {
			return reply.code(400).send({ error: 'bad_request', reason: 'The request could not be understood.' });
		}
		request.log.error({ err: error }, 'replication request failed');
		return reply
			.code(500)
			.send({ error: 'internal_server_error', reason: 'The server could not complete the request.' });
	});
	app.setNotFoundHandler((_request, reply) => {
		reply.code(404).send({ error: 'not_found', reason: 'missing' });
	});
}
