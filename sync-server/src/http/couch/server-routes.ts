import type { FastifyInstance } from 'fastify';
import type { ReplicationServices } from '../../replication/replication-service.js';
import { jsonObject } from './body.js';
import { actorOf, openDb, type Params } from './context.js';

export const COUCH_VERSION = '3.3.3';

/** Server root and database-level endpoints: `GET /db/`, `_all_dbs`, `GET|PUT|DELETE /db/{db}`. */
export function registerServerRoutes(app: FastifyInstance, services: ReplicationServices): void {
	app.get('/', async () => ({
		couchdb: 'Welcome',
		uuid: await services.serverUuid(),
		version: COUCH_VERSION,
		vendor: { name: 'arribo' },
		features: []
	}));
	app.get('/_all_dbs', async (request) => services.databases.list(actorOf(request)));
	app.get('/_session', async (request) => ({
		ok: true,
		userCtx: {
			name: request.principal?.userId ?? null,
			roles: request.principal ? [request.principal.role] : []
		}
	}));
	for (const path of ['/:db', '/:db/']) {
		app.get(path, async (request) => services.databases.info(await openDb(services, request)));
		app.put(path, async (request, reply) => {
			await services.databases.create(actorOf(request), (request.params as Params).db);
			return reply.code(201).send({ ok: true });
		});
		app.delete(path, async (request) => {
			await services.databases.delete(actorOf(request), (request.params as Params).db);
			return { ok: true };
		});
		app.post(path, async (request, reply) => {
			const db = await openDb(services, request);
			const result = await services.writes.writeOne(db, jsonObject(request));
			return reply.code(201).send(result);
		});
	}
	app.post('/:db/_ensure_full_commit', async (request, reply) => {
		await openDb(services, request);
		return reply.code(201).send({ ok: true, instance_start_time: '0' });
	});
}
