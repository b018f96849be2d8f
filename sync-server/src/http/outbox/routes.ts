import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LIMITS } from '../../domain/limits.js';
import { UNCONFIRMED_REFUSAL } from '../../domain/registration-rules.js';
import { DeliveryRefused, type DeliveryService } from '../../outbox/delivery-service.js';
import { registerBodyParsers, jsonObject } from '../couch/body.js';
import { registerCouchErrors } from '../couch/errors.js';

/** The credential travels as `Authorization: Bearer …`, never in a URL (URLs end up in logs). */
function bearer(request: FastifyRequest): string {
	const header = request.headers.authorization;
	if (typeof header !== 'string' || !/^bearer /i.test(header)) return '';
	return header.slice(7).trim();
}

function refused(reply: FastifyReply, error: DeliveryRefused): FastifyReply {
	return reply.code(401).send({ error: 'unauthorized', reason: `delivery:${error.state}` });
}

/**
 * /api/outbox/*: kiosk outboxes. `POST credentials` (a signed-in, confirmed traveller) issues a delivery
 * credential; `POST deliver` (that credential as a bearer token, no session needed) writes a queued
 * submission and answers per record in CouchDB's `_bulk_docs` shape; `DELETE credentials/current` revokes
 * the bearer credential. The credential is not a principal: no other route, `/db/` included, accepts it.
 */
export async function registerOutboxRoutes(app: FastifyInstance, delivery: DeliveryService): Promise<void> {
	await app.register(
		async (scope) => {
			registerBodyParsers(scope);
			registerCouchErrors(scope);

			scope.post('/credentials', { bodyLimit: LIMITS.jsonBodyBytes }, async (request, reply) => {
				const principal = request.principal;
				if (!principal)
					return reply.code(401).send({ error: 'unauthorized', reason: 'You are not signed in.' });
				if (principal.role !== 'traveller')
					return reply.code(403).send({ error: 'forbidden', reason: 'Only travellers send submissions.' });
				try {
					return reply.code(201).send(await delivery.issue(principal.userId));
				} catch (error) {
					if (!(error instanceof DeliveryRefused)) throw error;
					const reason = error.state === 'unconfirmed' ? UNCONFIRMED_REFUSAL : 'delivery:unknown';
					return reply.code(403).send({ error: 'forbidden', reason });
				}
			});

			scope.post('/deliver', { bodyLimit: LIMITS.bulkBodyBytes }, async (request, reply) => {
				try {
					const body = jsonObject(request);
					return reply.code(201).send(await delivery.deliver(bearer(request), body.docs));
				} catch (error) {
					if (error instanceof DeliveryRefused) return refused(reply, error);
					throw error;
				}
			});

			scope.delete('/credentials/current', async (request, reply) => {
				await delivery.revoke(bearer(request));
				return reply.code(204).send();
			});
		},
		{ prefix: '/api/outbox' }
	);
}
