import type { FastifyInstance } from 'fastify';
import type { ReplicationServices } from '../../replication/replication-service.js';
import { jsonObject } from './body.js';
import { openDb, queryOf, type Params } from './context.js';
import { str } from './query.js';

/** `_local/{id}`: replication checkpoints of this database only. */
export function registerLocalRoutes(app: FastifyInstance, services: ReplicationServices): void {
	app.get('/:db/_local/:id', async (request) => {
		const db = await openDb(services, request);
		return services.local.get(db, (request.params as Params).id!);
	});
	app.put('/:db/_local/:id', async (request, reply) => {
		const db = await openDb(services, request);
		const body = jsonObject(request);
		const rev = str(queryOf(request), 'rev');
		if (rev !== undefined) body._rev = rev;
		return reply.code(201).send(await services.local.put(db, (request.params as Params).id!, body));
	});
	app.delete('/:db/_local/:id', async (request) => {
		const db = await openDb(services, request);
		return services.local.delete(db, (request.params as Params).id!, str(queryOf(request), 'rev'));
	});
}
