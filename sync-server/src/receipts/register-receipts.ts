import type { FastifyInstance } from 'fastify';
import type { ReplicationServices } from '../replication/replication-service.js';
import { ReceiptService } from './receipt-service.js';
import type { Keyring } from './signing-keys.js';

/**
 * Wires receipts into the server: a registration accepted on the write path gets its receipt right
 * after the commit (it then replicates back to the traveller), and the public keys are published at
 * GET /api/keys as a JWK set, so any device can verify receipts and entry records offline.
 */
export function registerReceipts(
	app: FastifyInstance,
	{ keyring, replication }: { keyring: Keyring; replication: ReplicationServices }
): ReceiptService {
	const receipts = new ReceiptService(replication.documents, keyring);
	replication.writes.onCommitted((db, docs) => {
		if (db.writer !== 'traveller' || !db.ownerUserId) return;
		const owner = db.ownerUserId;
		for (const doc of docs) {
			if (doc.type !== 'registration' || doc.deleted) continue;
			// After the response path has its result: a failure here is logged; the next re-send retries.
			void receipts.issueReceipt(owner, doc.body).catch((error: unknown) => {
				app.log.error({ err: error, id: doc.id }, 'receipt not issued');
			});
		}
	});
	app.get('/api/keys', async (_request, reply) => {
		// Devices cache the set; a rotated-in key appears within the hour, old keys stay listed.
		reply.header('cache-control', 'public, max-age=3600');
		return keyring.publicJwks();
	});
	return receipts;
}
