import type { FastifyInstance } from 'fastify';
import { CURRENT_QUESTION_SET } from '../../registrations/question-set.js';

/**
 * GET /api/question-sets/current: public (the questions are no secret, and a traveller may prepare a
 * draft before having an account). Short caching: the app asks whenever it is online.
 */
export async function registerQuestionSetRoutes(app: FastifyInstance): Promise<void> {
	app.get('/api/question-sets/current', async (_request, reply) => {
		reply.header('cache-control', 'no-cache');
		return CURRENT_QUESTION_SET;
	});
}
