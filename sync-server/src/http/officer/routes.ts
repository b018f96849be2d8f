import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccountService } from '../../accounts/account-service.js';
import type { EntryDesk } from '../../officers/entry-desk.js';
import type { OfficerAuth, StepResult } from '../../officers/officer-auth.js';
import { clearSessionCookie, cookieName, readCookie, setSessionCookie } from '../accounts/session-cookie.js';
import { officerOrRefuse } from './officer-guard.js';

export interface OfficerRoutesOptions {
	auth: OfficerAuth;
	desk: EntryDesk;
	accounts: AccountService;
	https: boolean;
}

type Body = Record<string, unknown>;
const body = (request: FastifyRequest): Body =>
	request.body && typeof request.body === 'object' ? (request.body as Body) : {};

/**
 * /api/officer/*: the three log-in steps (open), and the console's endpoints, each behind
 * officerOrRefuse. Every read of a traveller's registration or file is written to the audit log.
 */
export async function registerOfficerRoutes(
	app: FastifyInstance,
	{ auth, desk, accounts, https }: OfficerRoutesOptions
): Promise<void> {
	const cookie = cookieName(https);

	const finish = (result: StepResult, reply: import('fastify').FastifyReply) => {
		if (!result.ok) {
			const status = result.reason === 'invalid_challenge' ? 401 : 400;
			return reply.code(status).send({ error: result.reason });
		}
		if ('challenge' in result) return result;
		// Officers never get a remembered device: a browser-session cookie, 30 min idle, 12 h at most.
		setSessionCookie(reply, https, result.token, null);
		return accounts.view(result.session, result.account);
	};

	app.post('/api/officer/login', async (request, reply) => {
		const { email, password } = body(request);
		const result = await auth.start(email, password, request.ip);
		if (!result.ok && result.reason === 'too_many_attempts') {
			const retryAfter = Math.ceil(result.retryAfterMs / 1000);
			return reply
				.code(429)
				.header('Retry-After', String(retryAfter))
				.send({ error: result.reason, retryAfter });
		}
		if (!result.ok) return reply.code(401).send({ error: 'invalid_credentials' });
		return result;
	});

	app.post('/api/officer/login/password', async (request, reply) => {
		const { challenge, password } = body(request);
		return finish(await auth.changePassword(challenge, password), reply);
	});

	app.post('/api/officer/login/code', async (request, reply) => {
		const { challenge, code } = body(request);
		return finish(await auth.verifyCode(challenge, code), reply);
	});

	app.get('/api/officer/session', async (request, reply) => {
		if (!officerOrRefuse(request, reply)) return reply;
		const live = await accounts.resolveSession(readCookie(request, cookie) ?? '');
		if (!live) return reply.code(401).send({ error: 'unauthenticated' });
		return accounts.view(live.session, live.account);
	});

	app.post('/api/officer/logout', async (request, reply) => {
		if (!officerOrRefuse(request, reply)) return reply;
		await accounts.logout(readCookie(request, cookie) ?? '');
		clearSessionCookie(reply, https);
		return reply.code(204).send();
	});

	app.get<{ Params: { id: string } }>('/api/officer/registrations/:id', async (request, reply) => {
		const officer = officerOrRefuse(request, reply);
		if (!officer) return reply;
		const view = await desk.review(officer, request.params.id);
		if (!view) return reply.code(404).send({ error: 'not_found' });
		return reply.header('Cache-Control', 'no-store').send(view);
	});

	app.get<{ Params: { id: string; fileId: string } }>(
		'/api/officer/registrations/:id/files/:fileId',
		async (request, reply) => {
			const officer = officerOrRefuse(request, reply);
			if (!officer) return reply;
			const file = await desk.file(officer, request.params.id, request.params.fileId);
			if (!file) return reply.code(404).send({ error: 'not_found' });
			return reply.header('Cache-Control', 'no-store').type(file.contentType).send(file.data);
		}
	);

	app.post('/api/officer/decisions', async (request, reply) => {
		const officer = officerOrRefuse(request, reply);
		if (!officer) return reply;
		const result = await desk.decide(officer, body(request));
		switch (result.kind) {
			case 'invalid':
				return reply.code(400).send({ error: 'invalid', fields: result.fields });
			case 'not_found':
				return reply.code(404).send({ error: 'not_found' });
			case 'already_decided':
				return reply.code(409).send({ error: 'already_decided', entry: result.entry });
			case 'created':
				return reply.code(201).send({ status: 'created', entry: result.entry });
			case 'replayed':
				return reply.code(200).send({ status: 'replayed', entry: result.entry });
		}
	});

	// The audit log is read by the server admin (an auditor), never by officers, and written only above.
	app.get<{ Querystring: { registrationId?: string; officerId?: string } }>(
		'/api/admin/audit',
		async (request, reply) => {
			if (!request.principal) return reply.code(401).send({ error: 'unauthenticated' });
			if (request.principal.role !== 'admin') return reply.code(403).send({ error: 'forbidden' });
			const { registrationId, officerId } = request.query;
			const entries = await desk.auditLog({ registrationId, officerId });
			return reply.header('Cache-Control', 'no-store').send({ entries });
		}
	);

	app.get('/api/officer/dashboard', async (request, reply) => {
		const officer = officerOrRefuse(request, reply);
		if (!officer) return reply;
		const live = await accounts.resolveSession(readCookie(request, cookie) ?? '');
		// The shift is this session: officers log in at the start of one, and sessions end within 12 h.
		const since = live?.session.createdAt ?? Date.now();
		return { shiftStartedAt: since, processed: await desk.processedSince(officer, since) };
	});
}
