import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../domain/couch-error.js';
import { LIMITS, validateDocId } from '../../domain/limits.js';
import type { ReplicationServices } from '../../replication/replication-service.js';
import { jsonObject } from './body.js';
import { openDb, queryOf, type Params } from './context.js';
import { bool, int, json, str, stringKey, type Query } from './query.js';

function readOptions(query: Query) {
	return {
		revs: bool(query, 'revs'),
		conflicts: bool(query, 'conflicts'),
		attachments: bool(query, 'attachments'),
		latest: bool(query, 'latest')
	};
}

/** Documents: `_bulk_docs`, `_bulk_get`, `_revs_diff`, `_all_docs` and `/{db}/{id}`. */
export function registerDocumentRoutes(app: FastifyInstance, services: ReplicationServices): void {
	app.post('/:db/_bulk_docs', { bodyLimit: LIMITS.bulkBodyBytes }, async (request, reply) => {
		const db = await openDb(services, request);
		const body = jsonObject(request);
		if (body.new_edits !== undefined && typeof body.new_edits !== 'boolean')
			throw badRequest('new_edits must be a boolean.');
		const results = await services.writes.bulkDocs(db, body.docs, body.new_edits !== false);
		return reply.code(201).send(results);
	});

	app.post('/:db/_bulk_get', async (request) => {
		const db = await openDb(services, request);
		return services.reads.bulkGet(db, jsonObject(request).docs, readOptions(queryOf(request)));
	});

	app.post('/:db/_revs_diff', async (request) => {
		const db = await openDb(services, request);
		return services.reads.revsDiff(db, jsonObject(request));
	});

	const allDocs = async (db: Awaited<ReturnType<typeof openDb>>, query: Query, bodyKeys: unknown) => {
		const keys = bodyKeys ?? json(query, 'keys');
		if (keys !== undefined && (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string'))) {
			throw badRequest('keys must be an array of strings.');
		}
		if (Array.isArray(keys) && keys.length > LIMITS.docsPerBatch)
			throw badRequest(`At most ${LIMITS.docsPerBatch} keys.`);
		const key = stringKey(json(query, 'key'), 'key');
		return services.reads.allDocs(db, {
			keys: keys as string[] | undefined,
			startkey: key ?? stringKey(json(query, 'startkey') ?? json(query, 'start_key'), 'startkey'),
			endkey: key ?? stringKey(json(query, 'endkey') ?? json(query, 'end_key'), 'endkey'),
			inclusiveEnd: bool(query, 'inclusive_end', true),
			descending: bool(query, 'descending'),
			limit: int(query, 'limit', LIMITS.changesLimit, LIMITS.changesLimit),
			skip: int(query, 'skip', 0),
			includeDocs: bool(query, 'include_docs'),
			conflicts: bool(query, 'conflicts'),
			attachments: bool(query, 'attachments'),
			updateSeq: bool(query, 'update_seq')
		});
	};
	app.get('/:db/_all_docs', async (request) =>
		allDocs(await openDb(services, request), queryOf(request), undefined)
	);
	app.post('/:db/_all_docs', async (request) => {
		const db = await openDb(services, request);
		const body = jsonObject(request);
		return allDocs(db, { ...queryOf(request), ...pickQuery(body) }, body.keys);
	});

	app.get('/:db/:doc', async (request, reply) => {
		const db = await openDb(services, request);
		const id = validateDocId((request.params as Params).doc);
		const query = queryOf(request);
		const openRevs = str(query, 'open_revs');
		if (openRevs !== undefined) {
			const revs = openRevs === 'all' ? 'all' : json(query, 'open_revs');
			if (revs !== 'all' && (!Array.isArray(revs) || !revs.every((r) => typeof r === 'string'))) {
				throw badRequest('open_revs must be "all" or an array of revisions.');
			}
			const result = await services.reads.openRevs(db, id, revs as string[] | 'all', readOptions(query));
			return reply.type('application/json').send(result);
		}
		return services.reads.getDoc(db, id, str(query, 'rev'), readOptions(query));
	});

	app.put('/:db/:doc', async (request, reply) => {
		const db = await openDb(services, request);
		const id = validateDocId((request.params as Params).doc);
		const query = queryOf(request);
		const body: Record<string, unknown> = { ...jsonObject(request), _id: id };
		const rev = str(query, 'rev');
		if (rev !== undefined) body._rev = rev;
		const newEdits = bool(query, 'new_edits', true);
		return reply.code(201).send(await services.writes.writeOne(db, body, newEdits));
	});

	app.delete('/:db/:doc', async (request) => {
		const db = await openDb(services, request);
		const id = validateDocId((request.params as Params).doc);
		const rev = str(queryOf(request), 'rev');
		if (rev === undefined) throw badRequest('Document rev must be specified to delete.');
		return services.writes.writeOne(db, { _id: id, _rev: rev, _deleted: true });
	});
}

/** `_all_docs` POST may put its options in the body; they are strings in the query's encoding. */
function pickQuery(body: Record<string, unknown>): Query {
	const out: Query = {};
	for (const name of [
		'include_docs',
		'conflicts',
		'descending',
		'limit',
		'skip',
		'inclusive_end',
		'update_seq'
	]) {
		if (body[name] !== undefined) out[name] = String(body[name]);
	}
	for (const name of ['startkey', 'endkey', 'start_key', 'end_key', 'key']) {
		if (body[name] !== undefined) out[name] = JSON.stringify(body[name]);
	}
	return out;
}
