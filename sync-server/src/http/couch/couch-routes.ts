import type { FastifyInstance } from 'fastify';
import { LIMITS } from '../../domain/limits.js';
import type { ReplicationServices } from '../../replication/replication-service.js';
import { registerAttachmentRoutes } from './attachment-routes.js';
import { registerBodyParsers } from './body.js';
import { registerChangesRoutes } from './changes-routes.js';
import { registerDocumentRoutes } from './document-routes.js';
import { registerCouchErrors } from './errors.js';
import { registerLocalRoutes } from './local-routes.js';
import { registerServerRoutes } from './server-routes.js';

/** The CouchDB replication protocol under `/db/`, in its own scope (parsers, errors, body limits). */
export async function registerCouchRoutes(
	app: FastifyInstance,
	services: ReplicationServices
): Promise<void> {
	await app.register(
		async (scope) => {
			scope.addHook('onRoute', (route) => {
				route.bodyLimit ??= LIMITS.jsonBodyBytes;
			});
			registerBodyParsers(scope);
			registerCouchErrors(scope);
			registerServerRoutes(scope, services);
			registerChangesRoutes(scope, services);
			registerLocalRoutes(scope, services);
			registerDocumentRoutes(scope, services);
			registerAttachmentRoutes(scope, services);
		},
		{ prefix: '/db' }
	);
}
