import { revExists } from 'pouchdb-merge';
import type { AccountStore } from '../accounts/account-store.js';
import { newSecretToken, tokenHash } from '../accounts/secrets.js';
import { badRequest, CouchError } from '../domain/couch-error.js';
import {
	type CredentialState,
	credentialState,
	DELIVERY_CREDENTIAL_TTL_MS,
	deliveryRefusal
} from '../domain/delivery-scope.js';
import { LIMITS } from '../domain/limits.js';
import type { ReplicationServices } from '../replication/replication-service.js';
import type { WriteResult } from '../replication/write-planner.js';
import type { DocumentStore } from '../storage/port.js';

/** The credential is missing, unknown, expired or revoked: nothing was written. */
export class DeliveryRefused extends Error {
	constructor(readonly state: Exclude<CredentialState, 'ok'> | 'unconfirmed') {
		super(`delivery refused: ${state}`);
	}
}

export interface DeliveryServiceDeps {
	accounts: AccountStore;
	documents: DocumentStore;
	replication: ReplicationServices;
	clock?: () => number;
}

/**
 * Kiosk outboxes (issue #3). A kiosk log-in is always an online server log-in, so the kiosk asks for a
 * delivery credential then; if the traveller's submission has not reached the server when they leave,
 * the kiosk keeps it encrypted with that credential and delivers it later, whoever is signed in.
 * The credential writes only the records of a submission into its traveller's database (see
 * domain/delivery-scope.ts), reads nothing, is stored as a hash, expires after 24 hours and is revoked
 * by the kiosk once its outbox is empty (or with the account).
 */
export class DeliveryService {
	private readonly clock: () => number;

	constructor(private readonly deps: DeliveryServiceDeps) {
		this.clock = deps.clock ?? Date.now;
	}

	/** A new credential for a signed-in traveller whose e-mail is confirmed (others cannot submit anyway). */
	async issue(accountId: string): Promise<{ token: string; expiresAt: number }> {
		const account = await this.deps.accounts.findAccountById(accountId);
		if (!account || account.role !== 'traveller') throw new DeliveryRefused('unknown');
		if (account.confirmedAt === null) throw new DeliveryRefused('unconfirmed');
		const now = this.clock();
		const token = newSecretToken();
		const expiresAt = now + DELIVERY_CREDENTIAL_TTL_MS;
		await this.deps.accounts.insertDeliveryCredential({
			hash: tokenHash(token),
			accountId,
			createdAt: now,
			expiresAt,
			revokedAt: null
		});
		return { token, expiresAt };
	}

	/**
	 * Writes the submission's records as replication would (`new_edits: false`, the revisions made on the
	 * kiosk), each checked against the credential's scope first and then by every traveller rule of the
	 * write path (registration checks, confirmed e-mail, server-only types). One result per input, in
	 * CouchDB's `_bulk_docs` shape.
	 */
	async deliver(token: string, docs: unknown): Promise<WriteResult[]> {
		const owner = await this.ownerOf(token);
		if (!Array.isArray(docs) || docs.length === 0) throw badRequest('docs must be a non-empty array.');
		if (docs.length > LIMITS.docsPerBatch) {
			throw new CouchError(413, 'too_large', `At most ${LIMITS.docsPerBatch} documents per request.`);
		}
		const db = await this.deps.replication.databases.forDelivery(owner.id, owner.confirmed);
		const ids = docs.map((doc) => (doc as { _id?: unknown })?._id).filter((id) => typeof id === 'string');
		const onServer = await this.deps.documents.getDocs(db.dbId, ids as string[]);
		const results: (WriteResult | undefined)[] = new Array(docs.length);
		const allowed: { index: number; doc: unknown }[] = [];
		docs.forEach((doc, index) => {
			const d = (doc ?? {}) as { _id?: unknown; _rev?: unknown; type?: unknown; _deleted?: unknown };
			if (typeof d._id !== 'string' || typeof d._rev !== 'string') {
				results[index] = {
					id: typeof d._id === 'string' ? d._id : undefined,
					error: 'bad_request',
					reason: 'Each record needs its _id and _rev.'
				};
				return;
			}
			const record = onServer.get(d._id);
			const refusal = deliveryRefusal(
				{ id: d._id, type: d.type, deleted: d._deleted === true },
				{ exists: record !== undefined, known: record !== undefined && revExists(record.revTree, d._rev) }
			);
			if (refusal) results[index] = { id: d._id, error: 'forbidden', reason: refusal };
			else allowed.push({ index, doc });
		});
		if (allowed.length > 0) {
			const written = await this.deps.replication.writes.bulkDocs(
				db,
				allowed.map(({ doc }) => doc),
				false
			);
			allowed.forEach(({ index }, position) => (results[index] = written[position]));
		}
		return results.map((result) => result!);
	}

	/** Ends the credential at once (the kiosk's outbox is empty, or the traveller left nothing behind). */
	async revoke(token: string): Promise<void> {
		if (!token || token.length > 100) return;
		await this.deps.accounts.revokeDeliveryCredential(tokenHash(token), this.clock());
	}

	private async ownerOf(token: string): Promise<{ id: string; confirmed: boolean }> {
		if (!token || token.length > 100) throw new DeliveryRefused('unknown');
		const record = await this.deps.accounts.findDeliveryCredential(tokenHash(token));
		const state = credentialState(record, this.clock());
		if (state !== 'ok') throw new DeliveryRefused(state);
		const account = await this.deps.accounts.findAccountById(record!.accountId);
		if (!account || account.role !== 'traveller') throw new DeliveryRefused('unknown');
		return { id: account.id, confirmed: account.confirmedAt !== null };
	}
}
