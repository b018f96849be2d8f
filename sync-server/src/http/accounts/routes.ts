import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AccountService, ValidationError } from '../../accounts/account-service.js';
import { clearSessionCookie, cookieName, readCookie, setSessionCookie } from './session-cookie.js';

export interface AccountRoutesOptions {
	accounts: AccountService;
	https: boolean;
}

type Body = Record<string, unknown>;
const body = (request: FastifyRequest): Body =>
	request.body && typeof request.body === 'object' ? (request.body as Body) : {};

/**
 * /api/accounts/*: thin controllers over AccountService. Answers never say whether an e-mail has an
 * account: register, resend and reset-request always answer 202, log-in failures always the same 401.
 */
export async function registerAccountRoutes(
	app: FastifyInstance,
	{ accounts, https }: AccountRoutesOptions
): Promise<void> {
	const cookie = cookieName(https);
	const unauthenticated = (reply: FastifyReply) => reply.code(401).send({ error: 'unauthenticated' });

	app.post('/api/accounts/register', async (request, reply) => {
		try {
			await accounts.register(body(request) as never);
		} catch (error) {
			if (error instanceof ValidationError)
				return reply.code(400).send({ error: 'invalid', fields: error.fields });
			throw error;
		}
		return reply.code(202).send({ status: 'pending_confirmation' });
	});

	app.post('/api/accounts/confirm', async (request, reply) => {
		const result = await accounts.confirm(body(request).token);
		if (!result.ok) return reply.code(400).send({ error: 'invalid_token', reason: result.reason });
		return { status: 'confirmed' };
	});

	app.post('/api/accounts/resend', async (request, reply) => {
		let email = body(request).email;
		if (email === undefined && request.principal && request.principal.role !== 'admin') {
			const live = await accounts.resolveSession(readCookie(request, cookie) ?? '');
			email = live?.account.email;
		}
		await accounts.resendConfirmation(email);
		return reply.code(202).send({ status: 'accepted' });
	});

	app.post('/api/accounts/login', async (request, reply) => {
		const { email, password, remember } = body(request);
		const result = await accounts.login(email, password, {
			remember: remember === true,
			clientAddress: request.ip,
			roles: ['traveller'],
			previousToken: readCookie(request, cookie)
		});
		if (!result.ok && result.reason === 'too_many_attempts') {
			const retryAfter = Math.ceil(result.retryAfterMs / 1000);
			return reply
				.code(429)
				.header('Retry-After', String(retryAfter))
				.send({ error: 'too_many_attempts', retryAfter });
		}
		if (!result.ok) return reply.code(401).send({ error: 'invalid_credentials' });
		const maxAge = result.session.remember
			? (result.session.absoluteExpiresAt - result.session.createdAt) / 1000
			: null;
		setSessionCookie(reply, https, result.token, maxAge);
		return accounts.view(result.session, result.account);
	});

	app.post('/api/accounts/logout', async (request, reply) => {
		await accounts.logout(readCookie(request, cookie) ?? '');
		clearSessionCookie(reply, https);
		return reply.code(204).send();
	});

	app.get('/api/accounts/session', async (request, reply) => {
		if (!request.principal || request.principal.role === 'admin') return unauthenticated(reply);
		const live = await accounts.resolveSession(readCookie(request, cookie) ?? '');
		if (!live) return unauthenticated(reply);
		return accounts.view(live.session, live.account);
	});

	app.post('/api/accounts/reset-request', async (request, reply) => {
		await accounts.requestReset(body(request).email);
		return reply.code(202).send({ status: 'accepted' });
	});

	app.post('/api/accounts/reset', async (request, reply) => {
		const { token, password } = body(request);
		const result = await accounts.resetPassword(token, password);
		if (!result.ok) {
			if (['invalid', 'used', 'expired'].includes(result.reason)) {
				return reply.code(400).send({ error: 'invalid_token', reason: result.reason });
			}
			return reply.code(400).send({ error: 'invalid', fields: { password: result.reason } });
		}
		clearSessionCookie(reply, https);
		return { status: 'password_changed' };
	});

	app.post('/api/accounts/password', async (request, reply) => {
		const principal = request.principal;
		if (!principal || principal.role !== 'traveller') return unauthenticated(reply);
		const { currentPassword, newPassword } = body(request);
		const result = await accounts.changePassword(principal.userId, currentPassword, newPassword);
		if (!result.ok && result.reason === 'invalid_credentials') {
			return reply.code(401).send({ error: 'invalid_credentials' });
		}
		if (!result.ok) return reply.code(400).send({ error: 'invalid', fields: { newPassword: result.reason } });
		setSessionCookie(reply, https, result.token, null);
		return accounts.view(result.session, result.account);
	});

	app.post('/api/accounts/language', async (request, reply) => {
		const principal = request.principal;
		if (!principal || principal.role !== 'traveller') return unauthenticated(reply);
		const language = await accounts.setLanguage(principal.userId, body(request).language);
		if (!language) return reply.code(400).send({ error: 'invalid', fields: { language: 'required' } });
		return { language };
	});

	app.get('/api/accounts/export', async (request, reply) => {
		const principal = request.principal;
		if (!principal || principal.role === 'admin') return unauthenticated(reply);
		const archive = await accounts.exportData(principal.userId);
		return reply
			.header('Content-Disposition', 'attachment; filename="arribo-my-data.zip"')
			.type('application/zip')
			.send(Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength));
	});

	app.delete('/api/accounts/me', async (request, reply) => {
		const principal = request.principal;
		if (!principal || principal.role === 'admin') return unauthenticated(reply);
		await accounts.deleteAccount(principal.userId);
		clearSessionCookie(reply, https);
		return reply.code(204).send();
	});
}
