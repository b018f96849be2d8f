import type { FastifyRequest } from 'fastify';
import type { AccountService } from '../../accounts/account-service.js';
import type { PrincipalResolver } from '../principal.js';
import { cookieName, readCookie } from './session-cookie.js';

/** Turns a valid session cookie into a traveller or officer principal. Never throws. */
export function sessionCookieResolver(accounts: AccountService, https: boolean): PrincipalResolver {
	const name = cookieName(https);
	return async (request: FastifyRequest) => {
		const token = readCookie(request, name);
		if (!token) return null;
		try {
			const live = await accounts.resolveSession(token);
			if (!live) return null;
			const { account, session } = live;
			if (account.role === 'officer') return { role: 'officer', userId: account.id, sessionId: session.id };
			return {
				role: 'traveller',
				userId: account.id,
				sessionId: session.id,
				confirmed: account.confirmedAt !== null
			};
		} catch (error) {
			request.log.error({ err: (error as Error).message }, 'session lookup failed');
			return null;
		}
	};
}
