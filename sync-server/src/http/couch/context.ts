import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../domain/access-policy.js';
import type { OpenDb } from '../../replication/databases.js';
import type { ReplicationServices } from '../../replication/replication-service.js';
import type { Query } from './query.js';

export type Params = { db: string; doc?: string; id?: string; '*'?: string };

export function actorOf(request: FastifyRequest): Actor {
	return request.principal;
}

export function queryOf(request: FastifyRequest): Query {
	return request.query as Query;
}

/** The database named in the path, as this request's principal may see it. */
export function openDb(services: ReplicationServices, request: FastifyRequest): Promise<OpenDb> {
	return services.databases.open(actorOf(request), (request.params as Params).db);
}
