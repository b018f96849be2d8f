import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Who is making a request. Every authorization decision on the server starts from this one value;
 * resolvers (session cookie, admin basic auth) fill it in, routes only read it.
 */
export type Principal =
	/** `confirmed`: the e-mail is confirmed; until then the traveller may keep records but not submit. */
	| { role: 'traveller'; userId: string; sessionId: string; confirmed: boolean }
	| { role: 'officer'; userId: string; sessionId: string }
	| { role: 'admin'; userId: 'admin' };

/** Returns the principal a request proves, or null when it proves none. Must not throw for bad input. */
export type PrincipalResolver = (request: FastifyRequest) => Promise<Principal | null>;

declare module 'fastify' {
	interface FastifyRequest {
		principal: Principal | null;
	}
}

/** Runs the resolvers in order before every route; the first one that recognises the request wins. */
export function registerPrincipal(app: FastifyInstance, resolvers: PrincipalResolver[]): void {
	app.decorateRequest('principal', null);
	app.addHook('onRequest', async (request) => {
		for (const resolve of resolvers) {
			const principal = await resolve(request);
			if (principal) {
				request.principal = principal;
				return;
			}
		}
	});
}
