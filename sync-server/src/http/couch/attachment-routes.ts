import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '../../domain/couch-error.js';
import { LIMITS, validateDocId } from '../../domain/limits.js';
import type { ReplicationServices } from '../../replication/replication-service.js';
import { openDb, queryOf, type Params } from './context.js';
import { str } from './query.js';

const SAFE_TYPES =
	/^(image\/(png|jpeg|webp|gif|avif)|application\/(pdf|octet-stream|json)|text\/plain)(;|$)/i;

function names(request: FastifyRequest): { id: string; name: string } {
	const params = request.params as Params;
	return { id: validateDocId(params.doc), name: params['*'] ?? '' };
}

/** Attachments: `GET|PUT|DELETE /db/{db}/{id}/{name}`; bytes come from the content-addressed store. */
export function registerAttachmentRoutes(app: FastifyInstance, services: ReplicationServices): void {
	app.get('/:db/:doc/*', async (request, reply) => {
		const db = await openDb(services, request);
		const { id, name } = names(request);
		const { data, stub } = await services.reads.attachment(db, id, name, str(queryOf(request), 'rev'));
		// Travellers choose content types: anything a browser could run (HTML, SVG, scripts) is served as bytes.
		const type = SAFE_TYPES.test(stub.content_type) ? stub.content_type : 'application/octet-stream';
		if (type !== stub.content_type) reply.header('Content-Disposition', 'attachment');
		return reply.type(type).header('ETag', `"${stub.digest}"`).send(data);
	});
	app.put('/:db/:doc/*', { bodyLimit: LIMITS.attachmentBytes + 1024 }, async (request, reply) => {
		const db = await openDb(services, request);
		const { id, name } = names(request);
		const body = request.body;
		const data = Buffer.isBuffer(body)
			? body
			: body === undefined
				? Buffer.alloc(0)
				: Buffer.from(JSON.stringify(body));
		if (!Buffer.isBuffer(data)) throw badRequest('Attachment body missing.');
		const contentType = request.headers['content-type'] ?? 'application/octet-stream';
		const rev =
			str(queryOf(request), 'rev') ?? (request.headers['if-match'] as string | undefined)?.replace(/"/g, '');
		return reply.code(201).send(await services.writes.putAttachment(db, id, name, rev, data, contentType));
	});
	app.delete('/:db/:doc/*', async (request) => {
		const db = await openDb(services, request);
		const { id, name } = names(request);
		return services.writes.deleteAttachment(db, id, name, str(queryOf(request), 'rev'));
	});
}
