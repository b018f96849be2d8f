import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OfficerStore } from '../../officers/officer-store.js';
import type { Principal, PrincipalResolver } from '../principal.js';

/**
 * Wraps the session-cookie resolver: an officer session counts only once it passed the second factor
 * (a session made through the travellers' log-in by an officer's password acts as nobody).
 */
export function requireVerifiedOfficerSessions(
	resolve: PrincipalResolver,
	officers: OfficerStore
): PrincipalResolver {
	return async (request) => {
		const principal = await resolve(request);
		if (principal?.role !== 'officer') return principal;
		try {
			return (await officers.isSessionVerified(principal.sessionId)) ? principal : null;
		} catch (error) {
			request.log.error({ err: (error as Error).message }, 'officer session check failed');
			return null;
		}
	};
}

export type OfficerPrincipal = Extract<Principal, { role: 'officer' }>;

/**
 * The one gate of every officer endpoint: 401 without a session, 403 for anyone who is not an officer
 * (travellers and the server admin alike). Returns the officer, or null after answering.
 */
export function officerOrRefuse(request: FastifyRequest, reply: FastifyReply): OfficerPrincipal | null {
	const principal = request.principal;
	if (!principal) {
		void reply.code(401).send({ error: 'unauthenticated' });
		return null;
	}
	if (principal.role !== 'officer') {
		void reply.code(403).send({ error: 'forbidden', reason: 'officers_only' });
		return null;
	}
	return principal;
}
