import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../../domain/couch-error.js';
import { LIMITS } from '../../domain/limits.js';
import type { ChangesQuery } from '../../replication/changes-feed.js';
import type { ReplicationServices } from '../../replication/replication-service.js';
import { jsonObject } from './body.js';
import { openDb, queryOf } from './context.js';
import { bool, int, str, type Query } from './query.js';

function parseSince(raw: string | undefined): number | 'now' {
	if (raw === undefined || raw === '') return 0;
	if (raw === 'now') return 'now';
	// CouchDB 2+ sequences are strings like "12-g1AAAA"; ours are numbers, maybe quoted.
	const match = /^"?(\d+)/.exec(raw);
	if (!match) throw badRequest('Malformed since parameter.');
	return Number(match[1]);
}

function parseQuery(query: Query, docIds: unknown): ChangesQuery {
	const filter = str(query, 'filter');
	if (filter !== undefined && filter !== '_doc_ids')
		throw badRequest('Only the _doc_ids filter is supported.');
	if (docIds !== undefined && (!Array.isArray(docIds) || !docIds.every((id) => typeof id === 'string'))) {
		throw badRequest('doc_ids must be an array of strings.');
	}
	return {
		since: parseSince(str(query, 'since')),
		limit: Math.max(1, int(query, 'limit', LIMITS.changesLimit, LIMITS.changesLimit)),
		allDocs: str(query, 'style') === 'all_docs',
		includeDocs: bool(query, 'include_docs'),
		conflicts: bool(query, 'conflicts'),
		docIds: Array.isArray(docIds) ? new Set(docIds as string[]) : undefined
	};
}

/** `_changes`: normal and longpoll (with heartbeat newlines), GET or POST (doc_ids filter). */
export function registerChangesRoutes(app: FastifyInstance, services: ReplicationServices): void {
	const handler = async (request: FastifyRequest, reply: FastifyReply) => {
		const db = await openDb(services, request);
		const query = queryOf(request);
		const body = request.method === 'POST' && request.body !== undefined ? jsonObject(request) : {};
		const changesQuery = parseQuery(query, body.doc_ids);
		const since = await services.changes.resolveSince(db, changesQuery.since);
		const feed = str(query, 'feed') ?? 'normal';
		if (feed !== 'normal' && feed !== 'longpoll')
			throw badRequest('Only normal and longpoll feeds are supported.');
		const first = await services.changes.page(db, since, changesQuery);
		if (feed === 'normal' || first.results.length > 0) return first;

		const timeout = Math.min(int(query, 'timeout', LIMITS.longpollMaxMs), LIMITS.longpollMaxMs);
		const heartbeat = str(query, 'heartbeat') === 'true' ? 60_000 : int(query, 'heartbeat', 0);
		const stream = new PassThrough();
		const abort = new AbortController();
		reply.raw.on('close', () => abort.abort());
		const beat = heartbeat > 0 ? setInterval(() => stream.write('\n'), Math.max(heartbeat, 1000)) : undefined;
		void (async () => {
			try {
				// Wait until the database moves past `since`; a write to a document the doc_ids filter
				// skips wakes us with an empty page, and we wait again until the time is up.
				const deadline = Date.now() + timeout;
				let page = first;
				while (page.results.length === 0 && !abort.signal.aborted && Date.now() < deadline) {
					await services.changes.waitForChange(db, page.last_seq, deadline - Date.now(), abort.signal);
					page = await services.changes.page(db, page.last_seq, changesQuery);
				}
				stream.end(JSON.stringify(page) + '\n');
			} catch (error) {
				request.log.error({ err: error }, 'longpoll failed');
				stream.end(JSON.stringify({ results: [], last_seq: since, pending: 0 }) + '\n');
			} finally {
				if (beat) clearInterval(beat);
			}
		})();
		return reply.type('application/json').send(stream);
	};
	app.get('/:db/_changes', handler);
	app.post('/:db/_changes', handler);
}
